import SamverkanJSON
import Foundation

/// A party's ID in the organization directory: `FFS`, `SF-NORDOST`, or a unit below one,
/// `SF-NORDOST/BOU`. Stored upper case; case-insensitive on input.
public struct OrganizationID: Hashable, Comparable, Sendable, Codable, StoredAsText,
  CustomStringConvertible
{
  /// The full ID, upper case: `SF-NORDOST/BOU`.
  public let value: String

  /// An ID taken as written (upper-cased), without checking the directory: for decoding
  /// stored records, whose rules check it against the profile.
  public init(unchecked value: String) {
    // Stored IDs are already upper case without spaces: skip the work (imports read many).
    let isCanonical = value.utf8.allSatisfy { !(97...122).contains($0) && $0 != 32 && $0 < 128 }
    self.value = isCanonical ? value : value.trimmingCharacters(in: .whitespaces).uppercased()
  }

  /// Reads an ID and checks it names an organization (and unit) in the profile.
  public init(parsing text: String, profile: Profile) throws(ValueError) {
    let id = OrganizationID(unchecked: text)
    try profile.validate(id)
    self = id
  }

  /// The organization part: `SF-NORDOST` for `SF-NORDOST/BOU`.
  public var organization: String {
    // UTF-8 search: Character iteration is slow, and imports ask this of every party.
    guard let slash = value.utf8.firstIndex(of: UInt8(ascii: "/")) else { return value }
    return String(value[..<slash])
  }

  /// The unit part: `BOU` for `SF-NORDOST/BOU`, nil for a whole organization.
  public var unit: String? {
    guard let slash = value.utf8.firstIndex(of: UInt8(ascii: "/")) else { return nil }
    return String(value[value.utf8.index(after: slash)...])
  }

  /// The whole organization a unit belongs to (itself when it is not a unit).
  public var parent: OrganizationID { OrganizationID(unchecked: organization) }

  /// Whether `other` is this organization or one of its units.
  public func contains(_ other: OrganizationID) -> Bool {
    other == self || (unit == nil && other.organization == value)
  }

  public var description: String { value }

  public static func < (lhs: OrganizationID, rhs: OrganizationID) -> Bool {
    lhs.value < rhs.value
  }

  public init(from decoder: any Decoder) throws {
    self.init(unchecked: try decoder.singleValueContainer().decode(String.self))
  }

  /// Reads the stored ID, as `init(from:)` does.
  public init(storedText: String) { self.init(unchecked: storedText) }

  /// The stored string: what `encode(to:)` writes.
  public var storedText: String { value }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(storedText)
  }
}

/// Which huvudman an organization belongs to: the municipality or the region.
public enum Principal: String, Codable, StoredAsText, Sendable, CaseIterable {
  /// Kommunen: social services and the city's other administrations.
  case municipality
  /// Regionen: health care.
  case region
}

/// What kind of party an organization is, which decides the routines it takes part in.
public enum OrganizationKind: String, Codable, StoredAsText, Sendable, CaseIterable {
  /// One of the city's administrations (förvaltning): SF ×4, FFS, ÄVO. SP parties.
  case administration
  /// The region's health care (a huvudman in SIP).
  case region
  /// Another actor, not obliged to take part: FK, AF, KV, school.
  case actor
}

/// One organization in the directory, with its units.
public struct Organization: Codable, Sendable, Equatable {
  public var id: String
  /// The Swedish name: "Socialförvaltningen Nordost".
  public var name: String
  public var kind: OrganizationKind
  /// The huvudman it belongs to; nil for actors outside both (FK, AF, KV).
  public var principal: Principal?
  /// The district (stadsområde) it serves, for the four social-services administrations.
  public var district: String?
  public var units: [Unit]

  /// A unit below an organization: `BOU` under `SF-NORDOST`.
  public struct Unit: Codable, Sendable, Equatable {
    public var id: String
    public var name: String

    public init(id: String, name: String) {
      self.id = id
      self.name = name
    }
  }

  public init(
    id: String, name: String, kind: OrganizationKind, principal: Principal?,
    district: String? = nil, units: [Unit] = []
  ) {
    self.id = id
    self.name = name
    self.kind = kind
    self.principal = principal
    self.district = district
    self.units = units
  }
}
