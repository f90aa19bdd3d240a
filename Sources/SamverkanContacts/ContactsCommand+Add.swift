import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanStore

extension ContactsCommand {
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

  /// `contacts add`: a new intake unit.
  static let add = CommandSpec(
    name: "add", abstract: "Add an intake unit to the directory.",
    examples: [
      Example(
        "samverkan contacts add --org SF-NORDOST/VUXEN --district Nordost --function vuxen --name 'Mottag vuxen Angered' --email vuxen.angered@socialnordost.goteborg.se --phone '031-365 00 00'",
        "Adds an entry and prints its ID.")
    ],
    options: [
      Option<OrganizationID>(
        "org", value: "org", help: "The organization or unit, e.g. FFS or SF-NORDOST/BOU.",
        required: true),
      Option<String>(
        "district", value: "district",
        help:
          "The district: Centrum, Hisingen, Nordost or Sydväst (implied by an SF administration).",
        completion: district.spec.completion),
      Option<IntakeFunction>(
        "function", value: "function", help: "What the unit handles.", required: true),
      Option<String>(
        "name", value: "name", help: "The unit's name, e.g. 'Mottag vuxen'.", required: true),
      emails, phone, note, ref,
    ]
  ) { call in
    let profile = try call.profile()
    let organization = try call.require(Self.organization)
    let districtName =
      try call.value(Self.district) ?? profile.organization(of: organization)?.district
    guard let districtName else {
      throw SamverkanError.missingOption(option: Self.district.spec.usage)
    }
    var contact = Contact(
      ref: try call.value(Self.ref), organization: organization,
      district: try Self.district(named: districtName, call),
      function: try call.require(Self.function), name: try call.require(Self.name),
      emails: try call.values(emails), phone: try call.value(phone), note: try call.value(Self.note)
    )
    try call.store().write { writer in
      try writer.saveBuiltInRecords(Contact.self, profile: profile)
      try contact.problems(previous: nil, in: try call.ruleContext(writer))
        .throwIfAny("The intake unit cannot be added")
      contact = try writer.insert(contact, action: "add")
    }
    try call.writeCreated(try contact.json, masking: .none)
    return ExitCode.success
  }
}
