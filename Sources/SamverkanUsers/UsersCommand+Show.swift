import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain

extension UsersCommand {
  /// `users show <user>`: one user, by login or ID.
  enum Show {
    static let spec = CommandSpec(
      name: "show", abstract: "Show one user with all their fields, by login or ID.",
      examples: [
        Example("samverkan users show anna", "Shows Anna's entry; add --json for JSON."),
        Example("samverkan users show USR-3", "The same by ID."),
      ],
      arguments: [userArgument]
    ) { call in try run(call) }

    static func run(_ call: Invocation) throws -> Int32 {
      let text = try call.require(userArgument)
      try call.store().read { reader in
        let user = try lookUp(text, reader)
        try call.writeRecord(try user.json, fields: User.fieldNames, masking: .none)
      }
      return ExitCode.success
    }
  }
}
