import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanStore

extension UsersCommand {
  static let userArgument = Argument<String>(
    "user", help: "The user's login or ID, e.g. anna or USR-3.", completion: .dynamic("ids:USR"))
  static let addRole = ListOption<UserRole>(
    "add-role", value: "role", help: "Give the user a role.")
  static let removeRole = ListOption<UserRole>(
    "remove-role", value: "role", help: "Take a role from the user.")
  static let yes = Flag("yes", help: "Do it without asking (needed when there is no terminal).")

  /// `users update <user>`: a new name, organization, title or roles.
  static let update = CommandSpec(
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
  ) { call in
    let text = try call.require(userArgument)
    let newTitle = try call.value(title).map {
      try Self.title($0, option: title.spec.usage, call)
    }
    let roles = try call.values(role)
    let added = try call.values(addRole)
    let removed = try call.values(removeRole)
    var changed: User?
    try call.store().write { writer in
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
      changed = user
    }
    try call.writeRecord(try changed!.json, fields: User.fieldNames, masking: .none)
    return ExitCode.success
  }

  /// `users remove <user>`: the user can no longer use the store, and stays in the
  /// register (`users list --all`) so the journal's names keep their meaning.
  static let remove = CommandSpec(
    name: "remove",
    abstract: "Remove a user: they can no longer use the store; their history stays.",
    discussion:
      "The user is marked removed, not deleted: the journal and records that name them keep pointing at someone the register still knows. Needs the role admin; the last admin cannot be removed.",
    examples: [Example("samverkan users remove per --yes", "Per leaves the unit.")],
    options: [yes],
    arguments: [userArgument]
  ) { call in
    let text = try call.require(userArgument)
    var removed: User?
    try call.store().write { writer in
      try call.authorize(step: "users", action: "remove users from the register")
      var user = try lookUp(text, writer)
      if let day = user.removedOn {
        throw SamverkanError.refused(
          "\(user.login) was removed from the register on \(day) already.")
      }
      try call.confirm("Remove \(user.summary) from the register?", yes: yes)
      user.removedOn = call.clock.today
      if user.has(.admin) { try requireAnAdminRemains(writer, after: user) }
      try writer.update(user, action: "remove")
      removed = user
    }
    call.note(
      "Removed \(removed!.login) (\(removed!.idText)); they can no longer use the store, and their history stays."
    )
    return ExitCode.success
  }
}

extension User {
  var idText: String { id?.description ?? "" }
}
