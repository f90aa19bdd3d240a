import Foundation
import SamverkanDomain
import SamverkanJSON

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A store for a team (SPEC §12): `store init --shared=group` makes the directory setgid
/// 2770 in the team's group and records `"shared": "group"` in `store.json`, so every
/// command after it writes directories 2770 and files 0660 whatever its umask, and new
/// files inherit the group from their setgid directory. The `flock` on `.lock` works
/// between users as it does within one.
extension Store {
  /// What `initialize` did.
  public enum InitOutcome: Sendable, Equatable {
    case created
    case converted
    case unchanged
  }

  /// Makes the directory a store with the given modes, or converts an existing store to
  /// them (every directory and file, under the exclusive lock). `group` is the team's group
  /// (default: the directory's group when it exists, else the caller's primary group).
  public func initialize(shared: Bool, group: String?) throws -> InitOutcome {
    let modes: FileModes = shared ? .group : .private
    let existed = exists
    var gid: gid_t? = nil
    if shared {
      gid = try Self.groupID(group, directory: directory)
    } else if group != nil {
      throw SamverkanError.usage(
        "--group names the team's group of a shared store; add --shared=group.")
    }
    if !FileSystem.exists(directory) {
      try FileSystem.makeDirectory(directory, modes: modes)
    }
    if let gid { try Self.own(directory, gid: gid, mode: modes.directory) }
    self.modes = modes
    return try write { _ in
      if existed, try currentModes() == modes, try permissionProblems().isEmpty {
        return InitOutcome.unchanged
      }
      try fixPermissions(below: directory, gid: gid, modes: modes)
      var info: [String: JSONValue] = [:]
      if let bytes = try FileSystem.read(path(StorePaths.storeFile)),
        case .object(let old) = try? JSONParser.parse(bytes)
      {
        info = old
      } else {
        info["format"] = .string("samverkan-store")
        info["created"] = .string(Timestamp.utcString(Date()))
      }
      info["shared"] = shared ? .string("group") : nil
      let staged = path("\(StorePaths.tmpDirectory)/\(getpid())-store")
      try FileSystem.makeDirectory(path(StorePaths.tmpDirectory), modes: modes)
      try FileSystem.writeNew(staged, StoreWriter.document(info), sync: true, modes: modes)
      if let gid { try Self.own(staged, gid: gid, mode: modes.file) }
      try FileSystem.rename(staged, to: path(StorePaths.storeFile))
      try FileSystem.syncDirectory(directory)
      return existed ? InitOutcome.converted : InitOutcome.created
    }
  }

  /// The modes `store.json` records.
  private func currentModes() throws -> FileModes {
    guard let bytes = try FileSystem.read(path(StorePaths.storeFile)),
      let info = try? JSONParser.parse(bytes)
    else { return .private }
    return info["shared"]?.stringValue == "group" ? .group : .private
  }

  /// Every directory and file of the store whose mode or group is not what the store's
  /// kind needs, for `store check`. A private store's files must all belong to the
  /// directory's owner (a command run as root in someone's store leaves root's files);
  /// a shared store's must be in its group with the shared modes.
  public func permissionProblems() throws -> [StoreCheck.Problem] {
    var info = stat()
    guard stat(directory, &info) == 0 else { return [] }
    let shared = try currentModes() == .group
    let owner = info.st_uid
    let group = info.st_gid
    var problems: [StoreCheck.Problem] = []
    if shared, info.st_mode & 0o7777 != FileModes.group.directory {
      problems.append(
        StoreCheck.Problem(
          file: ".",
          message:
            "the shared store's directory has mode \(Self.octal(info.st_mode)), not 2770; run 'samverkan store init --shared=group' to repair it"
        ))
    }
    try walk(directory) { relative, entry in
      let isDirectory = entry.st_mode & S_IFMT == S_IFDIR
      if shared {
        let wanted = isDirectory ? FileModes.group.directory : FileModes.group.file
        if entry.st_mode & 0o7777 != wanted {
          problems.append(
            StoreCheck.Problem(
              file: relative,
              message:
                "mode \(Self.octal(entry.st_mode)), not \(Self.octal(wanted)): other members of the team cannot \(isDirectory ? "write in it" : "change it"); run 'samverkan store init --shared=group' to repair it"
            ))
        }
        if entry.st_gid != group {
          problems.append(
            StoreCheck.Problem(
              file: relative,
              message:
                "group \(Self.groupName(entry.st_gid)), not the store's group \(Self.groupName(group)); run 'samverkan store init --shared=group' to repair it"
            ))
        }
      } else if entry.st_uid != owner {
        problems.append(
          StoreCheck.Problem(
            file: relative,
            message:
              "owned by \(Self.userName(entry.st_uid)), not by the store's owner \(Self.userName(owner)): the owner can no longer change it (was a command run as another user?); 'chown' it back"
          ))
      }
    }
    return problems
  }

  private func fixPermissions(below root: String, gid: gid_t?, modes: FileModes) throws {
    try walk(root) { relative, entry in
      let isDirectory = entry.st_mode & S_IFMT == S_IFDIR
      let full = path(relative)
      if let gid {
        try Self.own(full, gid: gid, mode: isDirectory ? modes.directory : modes.file)
      } else if chmod(full, isDirectory ? modes.directory : modes.file) != 0 {
        throw FileSystem.failure(full, "cannot have its mode changed")
      }
    }
  }

  /// Calls `body` for every directory and file below `root` (not following links), with its
  /// path relative to the store.
  private func walk(_ root: String, _ body: (String, stat) throws -> Void) throws {
    func visit(_ relative: String) throws {
      let full = relative.isEmpty ? directory : path(relative)
      for name in try FileSystem.list(full) {
        let child = relative.isEmpty ? name : "\(relative)/\(name)"
        var entry = stat()
        guard lstat(path(child), &entry) == 0 else { continue }
        try body(child, entry)
        if entry.st_mode & S_IFMT == S_IFDIR { try visit(child) }
      }
    }
    try visit("")
  }

  /// Gives a path the group and mode, changing only what differs: a team member may
  /// repair their own files, never another member's (only the owner or root may).
  private static func own(_ path: String, gid: gid_t, mode: mode_t) throws {
    var info = stat()
    guard lstat(path, &info) == 0 else { throw FileSystem.failure(path, "cannot be examined") }
    if info.st_gid != gid, chown(path, uid_t.max, gid) != 0 {
      let code = errno
      let name = groupName(gid)  // getgrgid may reset errno
      errno = code
      throw FileSystem.failure(path, "cannot be given to the group \(name)")
    }
    // chown clears setgid; set the mode after it.
    if info.st_gid != gid || info.st_mode & 0o7777 != mode, chmod(path, mode) != 0 {
      throw FileSystem.failure(path, "cannot have its mode changed")
    }
  }

  private static func groupID(_ name: String?, directory: String) throws -> gid_t {
    guard let name else {
      var info = stat()
      if stat(directory, &info) == 0 { return info.st_gid }
      return getegid()
    }
    if let entry = getgrnam(name) { return entry.pointee.gr_gid }
    if let number = UInt32(name) { return gid_t(number) }
    throw SamverkanError.invalidValue(
      name, option: "--group <group>",
      reason:
        "there is no such group on this system. Please provide a group from /etc/group the team's members are in ('getent group' lists them)"
    )
  }

  static func groupName(_ gid: gid_t) -> String {
    guard let entry = getgrgid(gid), let name = entry.pointee.gr_name else { return String(gid) }
    return String(cString: name)
  }

  static func userName(_ uid: uid_t) -> String {
    guard let entry = getpwuid(uid), let name = entry.pointee.pw_name else { return String(uid) }
    return String(cString: name)
  }

  private static func octal(_ mode: mode_t) -> String {
    String(mode & 0o7777, radix: 8)
  }
}
