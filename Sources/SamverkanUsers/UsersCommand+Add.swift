import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanStore

extension UsersCommand {
  /// `users add`: a new user in the register.
  enum Add {
    static let login = Option<String>(
      "login", value: "login", help: "The user's operating-system login, e.g. anna.",
      required: true)
    static let spec = CommandSpec(
      name: "add",
      abstract: "Add a user to the register (the first one must be you, and becomes admin).",
      discussion:
        "The first user added makes the store a multi-user store: it must be the login running the command, and it gets the role admin so that someone can keep the register. Later users are added by an admin. Without --role a user is a caseworker.",
      examples: [
        Example(
          "samverkan users add --login anna --name 'Anna Berg' --org SF-NORDOST/BOU --title 'bitr. enhetschef' --role manager",
          "Adds Anna and prints her ID.")
      ],
      options: [
        login,
        Option<String>("name", value: "name", help: name.spec.help, required: true),
        Option<OrganizationID>(
          "org", value: "org", help: organization.spec.help, required: true),
        Option<String>(
          "title", value: "title", help: title.spec.help, required: true),
        role,
      ]
    ) { call in try run(call) }

    static func run(_ call: Invocation) throws -> Int32 {
      let login = try call.require(Self.login).trimmingCharacters(in: .whitespaces)
      var user = User(
        login: login, name: try call.require(name).trimmingCharacters(in: .whitespaces),
        organization: try call.require(organization),
        title: try UsersCommand.title(try call.require(title), option: title.spec.usage, call),
        roles: try call.values(role))
      if user.roles.isEmpty { user.roles = [.caseworker] }
      var first = false
      try call.store().write { writer in
        if try writer.hasCollection(.user) {
          try call.authorize(step: "users", action: "add users to the register")
        } else {
          // Whoever starts the register must be in it and able to keep it, or the store
          // would lock everyone out.
          guard login == call.login else {
            throw SamverkanError.refused(
              "The register is empty, so its first user must be you (login '\(call.login)'), and you become its admin: 'samverkan users add --login \(call.login) --name … --org … --title …'. Then add \(login)."
            )
          }
          if !user.has(.admin) { user.roles.append(.admin) }
          first = true
        }
        try user.problems(previous: nil, in: try call.ruleContext(writer))
          .throwIfAny("The user \(login) cannot be added")
        user = try writer.insert(user, action: "add")
      }
      try call.writeCreated(try user.json, masking: .none)
      if first {
        call.note(
          "\(login) is the register's first user and its admin. From now on only users in the register can use this store; add the others with 'samverkan users add'."
        )
      }
      return ExitCode.success
    }
  }
}
