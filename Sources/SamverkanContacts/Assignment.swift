import Foundation
import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain

/// Utsedd handläggare: the caseworker assigned to a person at an organization, contacted
/// first (before any intake unit) when collaborating about that person.
public struct Assignment: CommandRecord, Equatable {
  public static let kind = RecordKind.assignment

  public var id: RecordID?
  public var ref: String?
  public var person: PersonNumber?
  public var personName: String?
  /// The organization or unit the caseworker works at.
  public var organization: OrganizationID
  /// The caseworker's name.
  public var caseworker: String
  public var email: EmailAddress?
  public var phone: PhoneNumber?
  /// Since when the caseworker is assigned.
  public var since: CivilDate
  public var note: String?

  public init(
    id: RecordID? = nil, ref: String? = nil, person: PersonNumber, personName: String? = nil,
    organization: OrganizationID, caseworker: String, email: EmailAddress? = nil,
    phone: PhoneNumber? = nil, since: CivilDate, note: String? = nil
  ) {
    self.id = id
    self.ref = ref
    self.person = person
    self.personName = personName
    self.organization = organization
    self.caseworker = caseworker
    self.email = email
    self.phone = phone
    self.since = since
    self.note = note
  }

  public static let fields: [RecordField] = [
    RecordField("id"), RecordField("ref"),
    RecordField("person", format: .person, presence: .required), RecordField("personName"),
    RecordField("organization", format: .organization, presence: .required),
    RecordField("caseworker", presence: .required), RecordField("email"),
    RecordField("phone"), RecordField("since", format: .date, presence: .defaulted(.today)),
    RecordField("note"),
  ]

  /// How an import row with neither id nor ref finds its record (README, Bulk import).
  public static let naturalKey = ["person", "organization", "since"]

  public static let listColumns = [
    Column("id", "ID"), Column("person", "PERSON"), Column("personName", "NAME"),
    Column("organization", "ORGANIZATION"), Column("caseworker", "CASEWORKER"),
    Column("email", "E-MAIL"), Column("phone", "PHONE"), Column("since", "SINCE"),
  ]

  public func problems(previous: Assignment?, in context: RuleContext) -> [FieldProblem] {
    var problems: [FieldProblem] = []
    if person == nil { problems.append(FieldProblem("person", "an assignment is for a person")) }
    do {
      try context.profile.validate(organization)
    } catch {
      problems.append(FieldProblem("organization", error.description))
    }
    if caseworker.isBlank {
      problems.append(FieldProblem("caseworker", "the caseworker's name is needed"))
    }
    if let person,
      let existing = try? context.reader.records(Assignment.self, person: person)
        .first(where: { $0.organization == organization && $0.id != id })
    {
      problems.append(
        FieldProblem(
          "organization",
          "\(existing.id?.description ?? "Another assignment") already assigns \(existing.caseworker) at \(organization); change that one with 'contacts assign' (it replaces the caseworker)"
        ))
    }
    return problems
  }
}
