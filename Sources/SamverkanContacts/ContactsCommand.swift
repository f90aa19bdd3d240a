import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanStore

/// `samverkan contacts` — kontaktvägar: the directory of intake units (mottag), the
/// caseworkers assigned to persons, and whom to contact at another administration.
public enum ContactsCommand: SamverkanCommand {
  public static let spec = CommandSpec(
    name: "contacts",
    abstract: "Find whom to contact at another administration (kontaktvägar).",
    discussion: """
      First contact the caseworker already assigned to the person; when there is none, the administration's intake unit (mottag) for the district. Göteborg's directory is built in and can be changed, imported and exported.
      """,
    examples: [
      Example(
        "samverkan contacts list --org FFS", "The intake units of Förvaltningen för funktionsstöd."),
      Example(
        "samverkan contacts route --person 19900101-2385 --org SF-NORDOST",
        "The assigned caseworker, or else the right intake unit."),
    ],
    subcommands: [
      List.spec, StandardVerbs.show(Contact.self, example: "samverkan contacts show CT-12"),
      Add.spec, Update.spec, Remove.spec, Assign.spec, Unassign.spec, Assignments.spec,
      Route.spec,
      StandardVerbs.history(kind: .contact, also: [.assignment]),
      StandardVerbs.correct([.of(Contact.self), .of(Assignment.self)]),
      StandardVerbs.export(Contact.self, filter: filter),
      StandardVerbs.importVerb(Contact.self),
    ])

  public static let recordTypes: [RecordType] = [.of(Contact.self), .of(Assignment.self)]

  // MARK: - Shared options

  /// The entry fields of `add` and `update` (and the caseworker's of `assign`).
  static let name = Option<String>(
    "name", value: "name", help: "The unit's name, e.g. 'Mottag vuxen'.")
  static let emails = ListOption<EmailAddress>(
    "email", value: "address",
    help: "An e-mail address; repeat or separate with commas for several.")
  static let phone = Option<PhoneNumber>(
    "phone", value: "number", help: "A phone number, e.g. 031-365 36 47.")
  static let note = CommonOptions.note.help("A note shown with the entry.")
  static let ref = Option<String>(
    "ref", value: "ref", help: "An external reference (the ID in another system).")

  static let organization = Option<OrganizationID>(
    "org", value: "org", help: "An organization or unit, e.g. FFS or SF-NORDOST/BOU.")
  static let district = Option<String>(
    "district", value: "district", help: "A district: Centrum, Hisingen, Nordost or Sydväst.",
    completion: .values(["Centrum", "Hisingen", "Nordost", "Sydväst"]))
  static let function = Option<IntakeFunction>(
    "function", value: "function", help: "What the unit handles.")
  static let search = Option<String>(
    "search", value: "text", help: "Only entries mentioning this text anywhere.")

  /// The filter `list` and `export` share.
  static let filter = StandardVerbs.Filter<Contact>(
    options: [organization, district, function, search]
  ) { call, _ in
    let organization = try call.value(Self.organization)
    let district = try call.value(Self.district).map { try Self.district(named: $0, call) }
    let function = try call.value(Self.function)
    let search = try call.value(Self.search)
    guard organization != nil || district != nil || function != nil || search != nil else {
      return nil
    }
    return { contact in
      (organization.map { $0.contains(contact.organization) } ?? true)
        && (district.map { $0 == contact.district } ?? true)
        && (function.map { $0 == contact.function } ?? true)
        && (search.map { contact.mentions($0) } ?? true)
    }
  }

  /// A district name from an option, as the profile spells it.
  static func district(named text: String, _ call: Invocation) throws -> String {
    let profile = try call.profile()
    guard let district = profile.district(named: text) else {
      throw SamverkanError.invalidValue(
        text, option: Self.district.spec.usage,
        reason: "it is not a district. Please provide one of \(quotedList(profile.districts)).")
    }
    return district
  }
}
