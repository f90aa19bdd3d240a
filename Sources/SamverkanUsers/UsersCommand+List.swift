import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain

extension UsersCommand {
  /// `users list`: the register, filtered.
  static let list = CommandSpec(
    name: "list",
    abstract: "List the users in the register (removed ones with --all).",
    examples: [
      Example("samverkan users list", "Every active user."),
      Example("samverkan users list --role admin --format json", "The admins, as JSON."),
    ],
    options: filter.options + ListOptions.all
  ) { call in
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

  /// `users show <user>`: one user, by login or ID.
  static let show = CommandSpec(
    name: "show", abstract: "Show one user with all their fields, by login or ID.",
    examples: [
      Example("samverkan users show anna", "Shows Anna's entry; add --json for JSON."),
      Example("samverkan users show USR-3", "The same by ID."),
    ],
    arguments: [userArgument]
  ) { call in
    let text = try call.require(userArgument)
    try call.store().read { reader in
      let user = try lookUp(text, reader)
      try call.writeRecord(try user.json, fields: User.fieldNames, masking: .none)
    }
    return ExitCode.success
  }
}
