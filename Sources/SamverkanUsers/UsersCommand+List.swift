import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain

extension UsersCommand {
  /// `users list`: the register, filtered.
  enum List {
    static let spec = CommandSpec(
      name: "list",
      abstract: "List the users in the register (removed ones with --all).",
      examples: [
        Example("samverkan users list", "Every active user."),
        Example("samverkan users list --role admin --format json", "The admins, as JSON."),
      ],
      options: filter.options + ListOptions.all
    ) { call in try run(call) }

    static func run(_ call: Invocation) throws -> Int32 {
      try call.store().read { reader in
        let test = try filter.make(call, reader)
        try call.writeList(columns: User.listColumns, fields: User.fieldNames, masking: .none) {
          emit in
          for user in try reader.records(User.self) where test?(user) ?? true {
            try emit(try user.json)
          }
        }
      }
      return ExitCode.success
    }
  }
}
