import SamverkanCommandLine
import SamverkanDomain
import SamverkanJSON
import SamverkanStore

extension Invocation {
  /// Looks the login up in the register, once per command. Without a register, nothing is
  /// enforced (the store behaves as it always has). With one, the login must be an active
  /// user, and `--as` naming someone else needs the admin role.
  func authenticate(_ store: Store) throws -> Authentication {
    let login = self.login
    let requested = requestedActor
    return try store.read { reader in
      guard try reader.hasCollection(.user) else { return Authentication(user: nil) }
      guard let own = try Self.activeUser(login, reader) else {
        throw SamverkanError.notRegistered(login: login)
      }
      guard let requested, requested != login else { return Authentication(user: own) }
      guard own.has(.admin) else {
        throw SamverkanError.notAuthorized(
          user: own.summary, step: "act as '\(requested)' (--as or SAMVERKAN_USER)",
          who: "only a user with the role admin may; leave out --as to act as yourself")
      }
      guard let other = try Self.activeUser(requested, reader) else {
        throw SamverkanError.notRegistered(login: requested)
      }
      return Authentication(user: other)
    }
  }

  static func activeUser(_ login: String, _ reader: StoreReader) throws -> User? {
    guard let id = try reader.recordID(forRef: login, kind: .user),
      let user = try reader.record(id, as: User.self), user.removedOn == nil
    else { return nil }
    return user
  }

  /// The user the command acts as, when the store has a user register.
  public func registeredUser() throws -> User? {
    _ = try store()
    return authentication?.user
  }

  /// Refuses (77, naming who may) a step the acting user may not take under the profile's
  /// authority rules. Without a register every step is allowed, as before.
  public func authorize(_ question: AuthorityQuestion) throws {
    guard let user = try registeredUser() else { return }
    if let refusal = try profile().authorityRefusal(question, user: user) { throw refusal }
  }

  /// Refuses a step that needs a role (imports, the register itself) unless the acting user
  /// has it: `step` names the profile's rule, `action` says it in words.
  public func authorize(step: String, action: String) throws {
    try authorize(AuthorityQuestion(step: step, action: action))
  }

  /// Who decided, for a field that names a person: with a register the acting user's name
  /// (a name on the command line would let anyone sign for anyone, so it is refused);
  /// without one the option's text, else the actor.
  public func decider(_ option: Option<String>) throws -> String {
    let trimmed = text(option)?.trimmingCharacters(in: .whitespacesAndNewlines)
    let given = trimmed?.isEmpty == false ? trimmed : nil
    if let user = try registeredUser() {
      if let given, given != user.name, given != user.login {
        throw SamverkanError.usage(
          "\(option.spec.usage) cannot name someone else when the store has a user register: who decided is the user running the command (\(user.name)). Leave out \(option.spec.usage)."
        )
      }
      return user.name
    }
    return given ?? actor
  }
}
