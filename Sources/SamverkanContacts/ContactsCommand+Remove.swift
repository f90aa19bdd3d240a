import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanStore

extension ContactsCommand {
  /// `contacts remove <id> ...`: take entries out of the directory; their journal stays.
  enum Remove {
    static let yes = Flag("yes", help: "Do it without asking (needed when there is no terminal).")

    static let ids = RecordArguments.ids(of: .contact).help(
      "The entry's ID, e.g. CT-12; several are removed together, all or nothing.")

    static let spec = CommandSpec(
      name: "remove", abstract: "Remove an intake unit from the directory (its history stays).",
      discussion:
        "Several IDs are removed in one change, after one question: if any of them does not exist, none is removed.",
      examples: [
        Example("samverkan contacts remove CT-21 --yes", "Removes CT-21."),
        Example(
          "samverkan contacts list --org SKOLA -q | xargs samverkan contacts remove --yes",
          "Removes every entry of one organization."),
      ],
      options: [yes],
      arguments: [ids]
    ) { call in try run(call) }

    static func run(_ call: Invocation) throws -> Int32 {
      let ids = try call.recordIDs(Self.ids, kinds: [.contact])
      let profile = try call.profile()
      try call.store().write { writer in
        try writer.saveBuiltInRecords(Contact.self, profile: profile)
        let contacts = try ids.map { try writer.require($0, as: Contact.self) }
        try call.confirm(
          "Remove "
            + zip(ids, contacts).map { "\($0) (\($1.name), \($1.organization))" }
            .joined(separator: ", ") + "?", yes: yes)
        for id in ids { try writer.remove(Contact.self, id: id, action: "remove") }
      }
      call.note("Removed \(ids.map(\.description).joined(separator: ", ")).")
      return ExitCode.success
    }
  }
}
