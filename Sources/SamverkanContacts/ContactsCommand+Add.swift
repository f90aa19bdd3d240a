import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanStore

extension ContactsCommand {
  /// `contacts add`: a new intake unit.
  enum Add {
    static let spec = CommandSpec(
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
    ) { call in try run(call) }

    static func run(_ call: Invocation) throws -> Int32 {
      let profile = try call.profile()
      let organization = try call.require(ContactsCommand.organization)
      let districtName =
        try call.value(ContactsCommand.district) ?? profile.organization(of: organization)?.district
      guard let districtName else {
        throw SamverkanError.missingOption(option: ContactsCommand.district.spec.usage)
      }
      var contact = Contact(
        ref: try call.value(ContactsCommand.ref), organization: organization,
        district: try ContactsCommand.district(named: districtName, call),
        function: try call.require(ContactsCommand.function),
        name: try call.require(ContactsCommand.name),
        emails: try call.values(emails), phone: try call.value(phone),
        note: try call.value(ContactsCommand.note)
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
}
