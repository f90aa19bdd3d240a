import SamverkanCommandLine
import SamverkanDomain
import SamverkanStore

extension Invocation {
  /// The store for `store check`: as `store()`, but a store too damaged to read its user
  /// register is still opened, so the check can say what is wrong with it.
  public func storeToCheck() throws -> Store {
    do {
      return try store()
    } catch SamverkanError.storeUnavailable {
      return Store(
        directory: storeDirectory, actor: actor, commandLine: commandLine,
        lockTimeout: lockTimeout)
    }
  }

  /// The store, opened for this command's actor and command line. With a user register,
  /// the login must be in it and `--as` must come from an admin (77 otherwise).
  public func store() throws -> Store {
    func open() -> Store {
      let store = Store(
        directory: storeDirectory, actor: actor, commandLine: commandLine,
        lockTimeout: lockTimeout)
      store.readsMissingDirectory = { [weak self] in self?.readMissingStore = true }
      return store
    }
    // Once per command, before any lock is taken for writing: the register is read under
    // the shared lock, which a process holding the exclusive one could not take again.
    if authentication == nil {
      authentication = try authenticate(open())
      actor = authentication?.user?.login ?? actor
    }
    let store = open()
    // The journal names both when an admin acts as someone else.
    if actor != login, authentication?.user != nil { store.login = login }
    return store
  }
}
