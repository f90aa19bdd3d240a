import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanStore

extension UsersCommand {
  /// `users update <user>`: a new name, organization, title or roles.
  enum Update {
    static let addRole = ListOption<UserRole>(
      "add-role", value: "role", help: "Give the user a role.")
    static let removeRole = ListOption<UserRole>(
      "remove-role", value: "role", help: "Take a role from the user.")

    static let spec = CommandSpec(
      name: "update",
      abstract: "Change a user's name, organization, title or roles (the login stays).",
      discussion:
        "--role replaces every role; --add-role and --remove-role change one. The register keeps at least one admin. Needs the role admin.",
      examples: [
        Example("samverkan users update anna --title enhetschef", "Anna is now enhetschef."),
        Example("samverkan users update per --add-role admin", "Per also keeps the register."),
      ],
      options: [name, organization, title, role, addRole, removeRole],
      arguments: [userArgument]
    ) { call in try run(call) }

    static func run(_ call: Invocation) throws -> Int32 {
      let text = try call.require(userArgument)
      let newTitle = try call.value(title).map {
        try UsersCommand.title($0, option: title.spec.usage, call)
      }
      let roles = try call.values(role)
      let added = try call.values(addRole)
      let removed = try call.values(removeRole)
      let changed = try call.store().write { writer in
        try call.authorize(step: "users", action: "change the register")
        let previous = try lookUp(text, writer)
        var user = previous
        if let name = try call.value(name) { user.name = name.trimmingCharacters(in: .whitespaces) }
        if let organization = try call.value(organization) { user.organization = organization }
        if let newTitle { user.title = newTitle }
        if call.isGiven(role) { user.roles = roles }
        for role in added where !user.has(role) { user.roles.append(role) }
        user.roles.removeAll { removed.contains($0) }
        try user.problems(previous: previous, in: try call.ruleContext(writer))
          .throwIfAny("\(previous.login) cannot be changed")
        if previous.has(.admin), !user.has(.admin) {
          try requireAnAdminRemains(writer, after: user)
        }
        try writer.update(user, action: "update")
        return user
      }
      try call.writeRecord(try changed.json, fields: User.fieldNames, masking: .none)
      return ExitCode.success
    }
  }
}
