import Foundation
import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanJSON

/// Kontaktväg: an intake unit (mottag) of an administration, whom to contact when no
/// caseworker is assigned to the person at that administration.
public struct Contact: CommandRecord, Equatable {
  public static let kind = RecordKind.contact

  public var id: RecordID?
  public var ref: String?
  /// The organization or unit: `FFS`, `SF-NORDOST/BOU`.
  public var organization: OrganizationID
  /// The district (stadsområde): "Nordost".
  public var district: String
  /// What the unit handles: `barn-och-unga`, `vuxen`, `ekonomiskt-bistand`, `myndighet`.
  public var function: IntakeFunction
  /// The unit's name: "Mottag barn och unga".
  public var name: String
  /// E-mail addresses; zero, one or more.
  @Defaulted public var emails: [EmailAddress]
  public var phone: PhoneNumber?
  public var note: String?

  public init(
    id: RecordID? = nil, ref: String? = nil, organization: OrganizationID, district: String,
    function: IntakeFunction, name: String, emails: [EmailAddress], phone: PhoneNumber?,
    note: String? = nil
  ) {
    self.id = id
    self.ref = ref
    self.organization = organization
    self.district = district
    self.function = function
    self.name = name
    self.emails = emails
    self.phone = phone
    self.note = note
  }

  public static let fields: [RecordField] = [
    RecordField("id"), RecordField("ref"),
    RecordField("organization", format: .organization, presence: .required),
    RecordField("district", presence: .required),
    RecordField("function", presence: .required), RecordField("name", presence: .required),
    RecordField("emails", .list),
    RecordField("phone"), RecordField("note"),
  ]

  /// How an import row with neither id nor ref finds its record (README, Bulk import).
  public static let naturalKey = ["organization", "district", "function", "name"]

  public static let listColumns = [
    Column("id", "ID"), Column("organization", "ORGANIZATION"), Column("district", "DISTRICT"),
    Column("function", "FUNCTION"), Column("name", "NAME"), Column("emails", "E-MAIL"),
    Column("phone", "PHONE"),
  ]

  public func problems(previous: Contact?, in context: RuleContext) -> [FieldProblem] {
    var problems: [FieldProblem] = []
    do {
      try context.profile.validate(organization)
    } catch {
      problems.append(FieldProblem("organization", error.description))
    }
    if context.profile.district(named: district) == nil {
      problems.append(
        FieldProblem(
          "district",
          "'\(district)' is not a district; expected one of \(context.profile.districts.joined(separator: ", "))"
        ))
    } else if let home = context.profile.organization(of: organization)?.district,
      home != context.profile.district(named: district)
    {
      problems.append(
        FieldProblem("district", "\(organization.organization) serves \(home), not \(district)"))
    }
    if name.allSatisfy(\.isWhitespace) {
      problems.append(FieldProblem("name", "the unit needs a name, e.g. 'Mottag vuxen'"))
    }
    if emails.isEmpty, phone == nil {
      problems.append(
        FieldProblem("emails", "an intake unit needs at least an e-mail address or a phone number"))
    }
    if Set(emails).count != emails.count {
      problems.append(FieldProblem("emails", "an address is listed twice"))
    }
    return problems
  }

  /// Göteborg's built-in directory (or the profile's), as CT-1, CT-2, … in table order.
  public static func builtInRecords(profile: Profile) -> [Contact] {
    profile.directory.enumerated().map { index, unit in
      Contact(
        id: RecordID(kind: .contact, number: index + 1), organization: unit.organization,
        district: unit.district, function: IntakeFunction(rawValue: unit.function) ?? .myndighet,
        name: unit.name, emails: unit.emails.compactMap { try? EmailAddress(parsing: $0) },
        phone: unit.phone.flatMap { try? PhoneNumber(parsing: $0) })
    }
  }

  /// Whether the contact mentions `text` anywhere (case-insensitive), for `--search`.
  func mentions(_ text: String) -> Bool {
    let needle = text.lowercased()
    let haystack =
      [
        organization.value, district, function.rawValue, function.label, name, note ?? "",
        phone?.national ?? "", phone?.international ?? "",
      ] + emails.map(\.value)
    return haystack.contains { $0.lowercased().contains(needle) }
  }
}

extension IntakeFunction: ArgumentValue {}

extension Profile {
  /// The district with this name, ignoring case and å/ä/ö (`sydvast` is Sydväst).
  public func district(named name: String) -> String? {
    if districts.contains(name) { return name }
    let key = name.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
    return districts.first {
      $0.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil) == key
    }
  }
}

extension Contact {
  /// The record as JSON for lists: the phone number in the national form people read.
  var displayJSON: JSONValue {
    get throws {
      guard case .object(var object) = try json else { return try json }
      if let phone { object["phone"] = .string(phone.national) }
      return .object(object)
    }
  }
}
