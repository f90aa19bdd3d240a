import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanStore

extension ContactsCommand {
  /// `contacts assign`: record (or replace) the caseworker assigned to a person at an
  /// organization.
  enum Assign {
    static let person = CommonOptions.person.required
    static let personName = Option<String>("name", value: "name", help: "The person's name.")
    static let caseworker = Option<String>(
      "caseworker", value: "name", help: "The assigned caseworker's name.", required: true)
    static let caseworkerEmail = Option<EmailAddress>(
      "email", value: "address", help: "The caseworker's e-mail address.")
    static let since = Option<CivilDate>(
      "since", value: "date", help: "Assigned since this date (default today).")
    static let protected = CommonOptions.protectedPerson

    static let spec = CommandSpec(
      name: "assign",
      abstract:
        "Record the caseworker assigned to a person at an organization (replaces an earlier one).",
      examples: [
        Example(
          "samverkan contacts assign --person 19900101-2385 --org FFS --caseworker 'Anna Berg' --email anna.berg@funktionsstod.goteborg.se",
          "FFS's caseworker for the person; 'contacts route' now names her first.")
      ],
      options: [
        person,
        personName,
        Option<OrganizationID>(
          "org", value: "org", help: "The organization or unit, e.g. FFS or SF-NORDOST/VUXEN.",
          required: true),
        caseworker, caseworkerEmail, phone, since, note, ref, protected,
      ]
    ) { call in try run(call) }

    static func run(_ call: Invocation) throws -> Int32 {
      // Every option is read before the store is opened, so a bad value changes nothing.
      let person = try call.require(Self.person)
      let organization = try call.require(ContactsCommand.organization)
      let caseworker = try call.require(Self.caseworker)
      let personName = try call.value(Self.personName)
      let email = try call.value(Self.caseworkerEmail)
      let phone = try call.value(ContactsCommand.phone)
      let since = try call.value(Self.since)
      let note = try call.value(ContactsCommand.note)
      let ref = try call.value(ContactsCommand.ref)
      var masking = Masking.none
      let saved = try call.store().write { writer in
        let existing = try writer.records(Assignment.self, person: person)
          .first { $0.organization == organization }
        var assignment =
          existing
          ?? Assignment(
            person: person, organization: organization, caseworker: caseworker,
            since: since ?? call.clock.today)
        if let since {
          assignment.since = since
        } else if let existing, existing.caseworker != caseworker {
          assignment.since = call.clock.today
        }
        // Another caseworker takes over: the old one's e-mail and phone must not stay, or mail
        // about the person goes to someone who no longer has the case.
        if let existing, existing.caseworker != caseworker {
          assignment.email = nil
          assignment.phone = nil
        }
        assignment.caseworker = caseworker
        if let personName { assignment.personName = personName }
        if call.isGiven(Self.caseworkerEmail) { assignment.email = email }
        if call.isGiven(ContactsCommand.phone) { assignment.phone = phone }
        if let note { assignment.note = note }
        if let ref { assignment.ref = ref }
        try assignment.problems(previous: existing, in: try call.ruleContext(writer))
          .throwIfAny("The assignment cannot be recorded")
        if call.isSet(Self.protected) { try writer.markProtected(person) }
        if existing != nil {
          try writer.update(assignment, action: "assign")
        } else {
          assignment = try writer.insert(assignment, action: "assign")
        }
        masking = try call.masking(writer)
        return assignment
      }
      try call.writeCreated(try saved.json, masking: masking)
      return ExitCode.success
    }
  }
}
