import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanStore

extension UsersCommand {
  /// `users remove <user>`: the user can no longer use the store, and stays in the
  /// register (`users list --all`) so the journal's names keep their meaning.
  enum Remove {
    static let yes = Flag("yes", help: "Do it without asking (needed when there is no terminal).")

    static let spec = CommandSpec(
      name: "remove",
      abstract: "Remove a user: they can no longer use the store; their history stays.",
      discussion:
        "The user is marked removed, not deleted: the journal and records that name them keep pointing at someone the register still knows. Needs the role admin; the last admin cannot be removed.",
      examples: [Example("samverkan users remove per --yes", "Per leaves the unit.")],
      options: [yes],
      arguments: [userArgument]
    ) { call in try run(call) }

    static func run(_ call: Invocation) throws -> Int32 {
      let text = try call.require(userArgument)
      let removed = try call.store().write { writer in
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
        return user
      }
      call.note(
        "Removed \(removed.login) (\(removed.idText)); they can no longer use the store, and their history stays."
      )
      return ExitCode.success
    }
  }
}
