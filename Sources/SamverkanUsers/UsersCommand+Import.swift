import SamverkanCommandLine
import SamverkanDomain
import SamverkanKit

extension UsersCommand {
  /// `users import`, once the register has its first user: an import into an empty register
  /// could leave out the one importing it, and lock everyone out of the store.
  enum Import {
    static let spec: CommandSpec = {
      var spec = StandardVerbs.importVerb(User.self)
      let standard = spec.run
      spec.discussion =
        (spec.discussion.map { $0 + " " } ?? "")
        + "The register's first user is added with 'users add' (it must be you); import the others after that."
      spec.run = { call in
        guard try call.registeredUser() != nil else {
          throw SamverkanError.refused(
            "The register is empty: add yourself first, as its admin, with 'samverkan users add --login \(call.login) --name … --org … --title …', then import the others."
          )
        }
        guard let standard else {
          throw SamverkanError.internalError("the standard import verb has nothing to run")
        }
        return try standard(call)
      }
      return spec
    }()
  }
}
