import Foundation
import SamverkanJSON

/// What a user may do beyond their organization's own steps (SPEC §12).
public enum UserRole: String, Codable, StoredAsText, CaseIterable, Sendable, Comparable {
  /// Handläggare: works the routines.
  case caseworker
  /// Chef: decides at the escalation levels, signs deviation reports.
  case manager
  /// Verksamhetscontroller: reviews deviation reports and the access log.
  case controller
  /// Keeps the register, imports and retention.
  case admin

  public static func < (lhs: UserRole, rhs: UserRole) -> Bool {
    lhs.rank < rhs.rank
  }

  /// The roles in order, as the cases are declared.
  private var rank: Int {
    switch self {
    case .caseworker: 0
    case .manager: 1
    case .controller: 2
    case .admin: 3
    }
  }
}

/// A user in the store's register: an operating-system login, who the person is, where
/// they work and what they may decide. Once a store has one user, only registered logins
/// use it, and the rules of `AuthorityRules` decide who takes which step.
public struct User: StoredRecord, Equatable {
  public static let kind = RecordKind.user

  public var id: RecordID?
  /// The operating-system login (`getpwuid(geteuid())`): `anna`.
  public var login: String
  /// The full name written where a decider is named: "Anna Berg".
  public var name: String
  /// The organization or unit the user works at: `SF-NORDOST/BOU`.
  public var organization: OrganizationID
  /// The title as the profile's list spells it: "biträdande enhetschef".
  public var title: String
  @Defaulted public var roles: [UserRole]
  /// The day the user was removed from the register; they stay in it, for history.
  public var removedOn: CivilDate?

  public init(
    id: RecordID? = nil, login: String, name: String, organization: OrganizationID,
    title: String, roles: [UserRole], removedOn: CivilDate? = nil
  ) {
    self.id = id
    self.login = login
    self.name = name
    self.organization = organization
    self.title = title
    self.roles = roles
    self.removedOn = removedOn
  }

  public static let fields: [RecordField] = [
    RecordField("id"), RecordField("login", presence: .required),
    RecordField("name", presence: .required),
    RecordField("organization", format: .organization, presence: .required),
    RecordField("title", presence: .required), RecordField("roles", .list),
    RecordField("removedOn"),
  ]

  /// The login is the user's external reference: importing the same register twice
  /// changes nothing, and one login is one user.
  public var ref: String? { login }
  public var isOpen: Bool { removedOn == nil }
  public var stateName: String { removedOn == nil ? "active" : "removed" }

  /// Whether the user holds a role.
  public func has(_ role: UserRole) -> Bool { roles.contains(role) }

  /// "Anna Berg (anna, enhetschef, SF-NORDOST/BOU)", for messages naming the user.
  public var summary: String { "\(name) (\(login), \(title), \(organization))" }

  /// Whether a login is one the register can hold: what `useradd` accepts.
  public static func isValidLogin(_ login: String) -> Bool {
    guard let first = login.unicodeScalars.first, login.count <= 32 else { return false }
    let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyz0123456789_-.")
    return (CharacterSet.lowercaseLetters.contains(first) || first == "_")
      && login.unicodeScalars.allSatisfy { allowed.contains($0) }
  }
}
