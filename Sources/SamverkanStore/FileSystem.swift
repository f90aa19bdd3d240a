import Foundation
import SamverkanDomain

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The modes a store's directories and files get, whatever the umask of whoever writes.
public struct FileModes: Sendable, Equatable {
  public let directory: mode_t
  public let file: mode_t

  /// One user's store (SPEC §3): 0700 and 0600.
  public static let `private` = FileModes(directory: 0o700, file: 0o600)
  /// A team's store (SPEC §12), as git's `core.sharedRepository=group`: directories setgid
  /// 2770 so that everything made in them keeps the store's group, files 0660.
  public static let group = FileModes(directory: 0o2770, file: 0o660)
}

/// The few POSIX file operations the store needs, with the store's guarantees: directories
/// 0700 and files 0600 (2770 and 0660 in a shared store) whatever the umask, and errors as
/// `SamverkanError.storeUnavailable`.
enum FileSystem {
  /// Reads a whole file of the store; nil when it does not exist. Only a plain file is read:
  /// a symbolic link could point anywhere, a FIFO would hang the command and a device
  /// (`/dev/zero`) would never end.
  static func read(_ path: String) throws(SamverkanError) -> [UInt8]? {
    // O_NONBLOCK: opening a FIFO must not wait for a writer (regular files ignore it).
    let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
    if fd < 0 {
      if errno == ENOENT { return nil }
      if errno == ELOOP { throw linkFailure(path) }
      throw failure(path, "cannot be opened for reading")
    }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0 else { throw failure(path, "cannot be examined") }
    if (info.st_mode & S_IFMT) == S_IFDIR { throw failure(path, "is a directory, not a file") }
    if (info.st_mode & S_IFMT) != S_IFREG { throw notPlainFailure(path) }
    // Read straight into the array, in one call for a file that is not growing: one byte
    // more than its size is asked for, to see the end.
    var bytes = [UInt8](repeating: 0, count: Int(info.st_size) + 1)
    var filled = 0
    while true {
      if filled == bytes.count { bytes.append(contentsOf: repeatElement(0, count: 1 << 16)) }
      let count = bytes.withUnsafeMutableBytes {
        Glibc.read(fd, $0.baseAddress.map { $0 + filled }, $0.count - filled)
      }
      if count < 0 {
        if errno == EINTR { continue }
        throw failure(path, "cannot be read")
      }
      if count == 0 { break }
      filled += count
    }
    bytes.removeSubrange(filled...)
    return bytes
  }

  /// Whether anything exists at the path (a symbolic link counts, wherever it points).
  static func exists(_ path: String) -> Bool {
    var info = stat()
    return lstat(path, &info) == 0
  }

  /// Refuses a path of the store whose folders are not all real folders, or which is
  /// something other than a plain file; a path not there yet is fine.
  static func checkStorePath(_ relative: String, in root: String) throws(SamverkanError) {
    var path = root.hasSuffix("/") ? String(root.dropLast()) : root
    let components = relative.split(separator: "/")
    for (index, component) in components.enumerated() {
      path += "/" + component
      guard let type = type(path) else { return }
      let last = index == components.count - 1
      switch type {
      case S_IFLNK: throw linkFailure(path)
      case S_IFDIR where !last, S_IFREG where last: continue
      case S_IFDIR: throw failure(path, "is a folder where the store keeps a file")
      default: throw last ? notPlainFailure(path) : failure(path, "is a file, not a folder")
      }
    }
  }

  /// Creates the folders of `relative` inside the store directory `root` that are missing
  /// (mode 0700, or 2770 in a team's store), and refuses any that is a symbolic link or not
  /// a folder: a link to a folder elsewhere would make the store write there.
  static func makeStoreDirectory(
    _ relative: String, in root: String, modes: FileModes = .private
  ) throws(SamverkanError) {
    var path = root.hasSuffix("/") ? String(root.dropLast()) : root
    for component in relative.split(separator: "/") {
      path += "/" + component
      var info = stat()
      if lstat(path, &info) == 0 {
        switch info.st_mode & S_IFMT {
        case S_IFDIR: continue
        case S_IFLNK: throw linkFailure(path)
        default: throw failure(path, "is a file, not a folder")
        }
      }
      if mkdir(path, modes.directory & 0o777) != 0, errno != EEXIST {
        throw failure(path, "cannot be created")
      }
      // mkdir applies the umask (and drops setgid); the store's mode holds whatever it says.
      chmod(path, modes.directory)
      guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else {
        throw failure(path, "is not a folder")
      }
    }
  }

  /// Creates a directory and its missing parents with mode 0700 (or the shared mode).
  static func makeDirectory(_ path: String, modes: FileModes = .private) throws(SamverkanError) {
    var info = stat()
    if stat(path, &info) == 0 {
      if (info.st_mode & S_IFMT) != S_IFDIR { throw failure(path, "is a file, not a directory") }
      return
    }
    let parent = (path as NSString).deletingLastPathComponent
    if !parent.isEmpty, parent != path { try makeDirectory(parent, modes: modes) }
    if mkdir(path, modes.directory & 0o777) != 0, errno != EEXIST {
      throw failure(path, "cannot be created")
    }
    // mkdir applies the umask (and ignores setgid); the modes hold whatever it says.
    chmod(path, modes.directory)
  }

  /// Writes a new file (mode 0600) with the bytes, flushed to disk when `sync` is true.
  static func writeNew(
    _ path: String, _ bytes: [UInt8], sync: Bool, modes: FileModes = .private
  ) throws(SamverkanError) {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, modes.file)
    if fd < 0 {
      if errno == ELOOP { throw linkFailure(path) }
      throw failure(path, "cannot be created")
    }
    defer { close(fd) }
    fchmod(fd, modes.file)
    try writeAll(fd, bytes, path: path)
    if sync, fsync(fd) != 0 { throw failure(path, "cannot be flushed to disk") }
  }

  /// Appends bytes to a file (created 0600), first cutting it back to `size` bytes so a
  /// repeated append after a crash does not write the lines twice.
  static func append(
    _ path: String, _ bytes: [UInt8], at size: Int, modes: FileModes = .private
  ) throws(SamverkanError) {
    // Never through a link (a journal replaced by a link would append to, and chmod, a file
    // outside the store), and never to a FIFO (O_NONBLOCK fails at once without a reader).
    let fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, modes.file)
    if fd < 0 {
      if errno == ELOOP { throw linkFailure(path) }
      throw failure(path, "cannot be opened for appending")
    }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0 else { throw failure(path, "cannot be examined") }
    if (info.st_mode & S_IFMT) != S_IFREG { throw notPlainFailure(path) }
    // Fails, harmlessly, on another team member's journal: only the owner may chmod.
    fchmod(fd, modes.file)
    if ftruncate(fd, off_t(size)) != 0 { throw failure(path, "cannot be truncated") }
    if lseek(fd, off_t(size), SEEK_SET) < 0 { throw failure(path, "cannot be positioned") }
    try writeAll(fd, bytes, path: path)
    if fsync(fd) != 0 { throw failure(path, "cannot be flushed to disk") }
  }

  /// The size of a file in bytes, 0 when it does not exist.
  static func size(_ path: String) -> Int {
    var info = stat()
    return lstat(path, &info) == 0 ? Int(info.st_size) : 0
  }

  /// What is at a path without following a link: `S_IFREG`, `S_IFDIR`, `S_IFLNK`…; nil
  /// when nothing is.
  static func type(_ path: String) -> mode_t? {
    var info = stat()
    return lstat(path, &info) == 0 ? info.st_mode & S_IFMT : nil
  }

  /// Renames atomically: readers see the old file or the new one, never a mix.
  static func rename(_ from: String, to: String) throws(SamverkanError) {
    if Glibc.rename(from, to) != 0 { throw failure(to, "cannot be replaced") }
  }

  /// Removes a file; a missing file is fine.
  static func remove(_ path: String) throws(SamverkanError) {
    if unlink(path) != 0, errno != ENOENT { throw failure(path, "cannot be removed") }
  }

  /// Flushes a directory's entries, so a rename or new file survives a power cut (Linux
  /// needs this in addition to flushing the file).
  static func syncDirectory(_ path: String) throws(SamverkanError) {
    let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    if fd < 0 { throw failure(path, "cannot be opened to flush") }
    defer { close(fd) }
    if fsync(fd) != 0, errno != EINVAL { throw failure(path, "cannot be flushed to disk") }
  }

  /// Names in a directory (not `.` and `..`), sorted; empty when it does not exist.
  static func list(_ path: String) throws(SamverkanError) -> [String] {
    var names: [String] = []
    try forEachEntry(path) { name, _ in names.append(name) }
    return names.sorted()
  }

  /// Names in a directory (not `.` and `..`), sorted, each with its type as `lstat` gives it
  /// (`S_IFDIR`, `S_IFREG`, `S_IFLNK`, …), read from the directory itself where the file
  /// system tells (one call for a whole directory, not one per file); nil for a name gone
  /// by the time it is looked at.
  static func listWithTypes(_ path: String) throws(SamverkanError) -> [(
    name: String, type: mode_t?
  )] {
    var entries: [(name: String, type: mode_t?)] = []
    try forEachEntry(path) { name, directoryType in
      let type: mode_t?
      switch Int(directoryType) {
      case Int(DT_DIR): type = S_IFDIR
      case Int(DT_REG): type = S_IFREG
      case Int(DT_LNK): type = S_IFLNK
      case Int(DT_FIFO): type = S_IFIFO
      case Int(DT_SOCK): type = S_IFSOCK
      case Int(DT_CHR): type = S_IFCHR
      case Int(DT_BLK): type = S_IFBLK
      default: type = Self.type(path + "/" + name)
      }
      entries.append((name, type))
    }
    return entries.sorted { $0.name < $1.name }
  }

  /// Calls `body` with each name in a directory (not `.` and `..`) and the type its entry
  /// gives (`DT_…`, `DT_UNKNOWN` where the file system does not tell); none when it does not
  /// exist.
  private static func forEachEntry(
    _ path: String, _ body: (String, UInt8) -> Void
  ) throws(SamverkanError) {
    guard let dir = opendir(path) else {
      if errno == ENOENT { return }
      throw failure(path, "cannot be listed")
    }
    defer { closedir(dir) }
    while let entry = readdir(dir) {
      let name = withUnsafePointer(to: entry.pointee.d_name) {
        $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
      }
      if name != ".", name != ".." { body(name, entry.pointee.d_type) }
    }
  }

  private static func writeAll(_ fd: Int32, _ bytes: [UInt8], path: String) throws(SamverkanError) {
    var offset = 0
    while offset < bytes.count {
      let written = bytes.withUnsafeBytes {
        Glibc.write(fd, $0.baseAddress.map { $0 + offset }, $0.count - offset)
      }
      if written < 0 {
        if errno == EINTR { continue }
        throw failure(path, "cannot be written")
      }
      offset += written
    }
  }

  /// A symbolic link where the store keeps a file or folder of its own.
  static func linkFailure(_ path: String) -> SamverkanError {
    .storeUnavailable(
      path: path,
      reason:
        "it is a symbolic link; a store holds no links (they could make it read or write outside it). Replace it with the file itself, or restore the store from a backup"
    )
  }

  static func notPlainFailure(_ path: String) -> SamverkanError {
    .storeUnavailable(
      path: path,
      reason:
        "it is not a plain file (a FIFO, socket or device); a store holds only plain files. Restore it from a backup"
    )
  }

  /// A store error naming the path, what failed, and the system's reason.
  static func failure(_ path: String, _ what: String) -> SamverkanError {
    let code = errno
    let reason = String(cString: strerror(code))
    var advice = ""
    switch code {
    case EACCES, EPERM:
      advice =
        "; check that you own the store directory (chmod 700), or for a shared store that you are in its group ('id' lists your groups; log in again after being added)"
    case ENOSPC, EDQUOT: advice = "; free some disk space and try again"
    case EROFS: advice = "; the file system is read-only"
    default: break
    }
    return .storeUnavailable(path: path, reason: "\(what) (\(reason))\(advice)")
  }
}
