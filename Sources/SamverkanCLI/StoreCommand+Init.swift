import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanStore

extension StoreCommand {
  /// `store init`: make a store, private or shared by a team's group, or convert one.
  enum Init {
    /// Whom a store is for.
    enum Sharing: String, CaseIterable, ArgumentValue {
      /// One user: 0700 and 0600.
      case `private`
      /// A team: the group's members, 2770 and 0660.
      case group
    }

    static let shared = Option<Sharing>(
      "shared", value: "mode",
      help:
        "'group' for a team's store (setgid 2770, files 0660); 'private' (the default) for yours alone."
    )
    static let group = Option<String>(
      "group", value: "group",
      help: "The team's group (default: the directory's group, else your primary group).")

    static let spec = CommandSpec(
      name: "init",
      abstract: "Make a store, private or shared by a team's group; or convert an existing one.",
      discussion:
        "A store is made private (0700/0600) on first write anyway; 'init' is needed for a team's store. With --shared=group every directory is setgid 2770 in the group and every file 0660, whatever the umask of whoever writes, as git's core.sharedRepository=group. Run it again to repair modes 'store check' reports, or on an existing store to convert it. Users outside the group get exit 74 and nothing is written. The file system must support flock between users (a local disk, or NFSv4); sshfs does not.",
      examples: [
        Example(
          "samverkan --store /srv/samverkan/nordost store init --shared=group --group sf-nordost",
          "A store the members of the group sf-nordost share.")
      ],
      options: [shared, group]
    ) { call in try run(call) }

    static func run(_ call: Invocation) throws -> Int32 {
      let mode = try call.value(shared) ?? .private
      let store = try call.store()
      if store.exists {
        try call.authorize(step: "store init", action: "change how the store is shared")
      }
      let outcome = try store.initialize(shared: mode == .group, group: try call.value(group))
      let kind = mode == .group ? "shared by its group (2770/0660)" : "private (0700/0600)"
      switch outcome {
      case .created: call.note("Made a store \(kind) at \(call.storeDirectory).")
      case .converted: call.note("The store at \(call.storeDirectory) is now \(kind).")
      case .unchanged:
        call.note("The store at \(call.storeDirectory) is already \(kind); nothing changed.")
      }
      return ExitCode.success
    }
  }
}
