import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanStore

extension SPCommand {
  /// `sp contact`: the named contact at one administration.
  enum Contact {
    static let administration = Option<OrganizationID>(
      "org", value: "org", help: "The administration the contact is at, e.g. FFS.",
      required: true)
    static let name = Option<String>(
      "name", value: "name", help: "The contact's name: the caseworker the others turn to first.",
      required: true)
    static let title = Option<String>(
      "title", value: "title", help: "The contact's title, e.g. socialsekreterare.")
    static let phone = Option<PhoneNumber>(
      "phone", value: "phone", help: "The contact's phone number.")
    static let email = Option<EmailAddress>(
      "email", value: "address", help: "The contact's e-mail address.")

    static let spec = CommandSpec(
      name: "contact",
      abstract: "Name the contact person at one administration in the plan (kontaktperson).",
      discussion: """
        When one administration contacts another about the person, it turns first to the caseworker involved in the case (seed 000, Kontaktvägar): the plan names that contact at every administration before it is sent for approval. Giving an administration's contact again replaces it.
        """,
      examples: [
        Example(
          "samverkan sp contact SP-3 --org FFS --name 'Anna Berg' --title socialsekreterare --phone '031-365 33 67' --email anna.berg@funktionsstod.goteborg.se",
          "FFS's contact person.")
      ],
      options: [administration, name, title, phone, email] + legalGroundOptions,
      arguments: [spID]
    ) { call in try run(call) }

    static func run(_ call: Invocation) throws -> Int32 {
      let administration = try call.require(Self.administration)
      let name = try call.require(Self.name)
      if name.isBlank {
        throw SamverkanError.invalidValue(
          name, option: Self.name.spec.usage, reason: "the name is empty")
      }
      let title = try text(call, Self.title)
      let phone = try call.value(Self.phone)
      let email = try call.value(Self.email)
      let plan = try changePlan(call, action: "contact") { documented, previous in
        let party = try requireParty(
          administration, of: previous, as: "the contact's administration")
        let named = CoordinatedPlan.Contact(
          administration: party, name: name.trimmingCharacters(in: .whitespaces), title: title,
          phone: phone, email: email)
        if let index = documented.contacts.firstIndex(where: {
          $0.administration.organization == party.organization
        }) {
          documented.contacts[index] = named
        } else {
          documented.contacts.append(named)
        }
      }
      noteMissing(call, plan)
      return ExitCode.success
    }
  }
}
