import Foundation
import SamverkanDomain
import SamverkanJSON

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes one command's changes so that a crash at any instant leaves the store as before
/// or, once the next command has opened it, as after.
///
/// 1. Every new file is written to `tmp/` and flushed to disk.
/// 2. `commit.json` lists the renames and journal appends to do; it is written atomically.
///    Until it exists, a crash leaves only stray files in `tmp/`, which are discarded.
/// 3. The files are renamed into place and the journal lines appended (cutting each journal
///    back to its old length first, so doing it twice writes the lines once).
/// 4. `commit.json` is removed. A crash before this is finished by the next command.
struct Commit {
  let store: Store

  /// Above this many files, one `sync()` replaces an `fsync` per file.
  private static let fileSyncLimit = 32

  func run(
    files: [(path: String, bytes: () throws -> [UInt8])], appends: [String: () -> [UInt8]]
  ) throws {
    let tmp = store.path(StorePaths.tmpDirectory)
    try FileSystem.makeDirectory(tmp, modes: store.modes)
    let syncEach = files.count + appends.count <= Commit.fileSyncLimit
    let appendList = appends.sorted(by: { $0.key < $1.key })
    // Every staged file: made and written on two threads when there are many (a large
    // import), as each file's bytes depend on nothing but itself.
    let jobs = Jobs(files.map(\.bytes) + appendList.map { entry in { entry.value() } })
    let names = jobs.list.indices.map { "\(StorePaths.tmpDirectory)/\(getpid())-\($0 + 1)" }
    let failures = FailureBox()
    let store = self.store
    let lanes = jobs.list.count > Commit.fileSyncLimit ? 2 : 1
    DispatchQueue.concurrentPerform(iterations: lanes) { lane in
      for index in stride(from: lane, to: jobs.list.count, by: lanes) where failures.first == nil {
        do {
          try FileSystem.writeNew(
            store.path(names[index]), try jobs.list[index](), sync: syncEach, modes: store.modes)
        } catch {
          failures.record(error)
        }
      }
    }
    if let failure = failures.first { throw failure }
    var renames: [JSONValue] = files.indices.map { index in
      .object(["from": .string(names[index]), "to": .string(files[index].path)])
    }
    var journal: [JSONValue] = []
    for (index, entry) in appendList.enumerated() {
      let from = names[files.count + index]
      // A journal file that does not exist yet is simply renamed into place: an import
      // creating hundreds of them then writes each once.
      guard FileSystem.exists(store.path(entry.key)) else {
        renames.append(.object(["from": .string(from), "to": .string(entry.key)]))
        continue
      }
      journal.append(
        .object([
          "from": .string(from), "to": .string(entry.key),
          "size": .integer(FileSystem.size(store.path(entry.key))),
        ]))
    }
    if !syncEach { sync() }
    let marker: JSONValue = .object([
      "schemaVersion": .integer(Store.schemaVersion), "renames": .array(renames),
      "appends": .array(journal),
    ])
    var bytes: [UInt8] = []
    JSONWriter.write(marker, style: .pretty, into: &bytes)
    let markerTmp = "\(StorePaths.tmpDirectory)/\(getpid())-commit"
    try FileSystem.writeNew(store.path(markerTmp), bytes, sync: true, modes: store.modes)
    try Interruption.deferred {
      try FileSystem.rename(store.path(markerTmp), to: store.path(StorePaths.commitMarker))
      try FileSystem.syncDirectory(store.directory)
      try Commit.apply(marker, in: store)
    }
  }

  /// Finishes a commit a killed process left behind, and discards staged files that no
  /// commit marker names. Called under the exclusive lock.
  static func recover(in store: Store) throws {
    if let bytes = try FileSystem.read(store.path(StorePaths.commitMarker)) {
      let marker: JSONValue
      do {
        marker = try JSONParser.parse(bytes)
      } catch {
        // The marker is renamed into place whole, so a damaged one was damaged later.
        throw SamverkanError.storeUnavailable(
          path: store.path(StorePaths.commitMarker),
          reason: "the unfinished commit's marker is damaged; restore the store from a backup")
      }
      try apply(marker, in: store)
    }
    try Commit(store: store).discardStaged()
  }

  private func discardStaged() throws {
    let tmp = store.path(StorePaths.tmpDirectory)
    for name in try FileSystem.list(tmp) {
      try FileSystem.remove("\(tmp)/\(name)")
    }
  }

  private static func apply(_ marker: JSONValue, in store: Store) throws {
    var directories = Set<String>()
    for rename in marker["renames"]?.arrayValue ?? [] {
      guard let from = rename["from"]?.stringValue, let to = rename["to"]?.stringValue else {
        continue
      }
      let target = store.path(to)
      let parent = (target as NSString).deletingLastPathComponent
      directories.insert(parent)
      // Already renamed by the run that was interrupted.
      guard FileSystem.exists(store.path(from)) else { continue }
      try FileSystem.makeDirectory(parent, modes: store.modes)
      try FileSystem.rename(store.path(from), to: target)
    }
    for append in marker["appends"]?.arrayValue ?? [] {
      guard let from = append["from"]?.stringValue, let to = append["to"]?.stringValue,
        case .integer(let size)? = append["size"]
      else { continue }
      guard let bytes = try FileSystem.read(store.path(from)) else { continue }
      let target = store.path(to)
      let parent = (target as NSString).deletingLastPathComponent
      directories.insert(parent)
      try FileSystem.makeDirectory(parent, modes: store.modes)
      try FileSystem.append(target, bytes, at: size, modes: store.modes)
      try FileSystem.remove(store.path(from))
    }
    for directory in directories.sorted() { try FileSystem.syncDirectory(directory) }
    // Parents of new folders (a kind's first record) must record the folders too.
    for directory in Set(directories.map { ($0 as NSString).deletingLastPathComponent }) {
      try FileSystem.syncDirectory(directory)
    }
    try FileSystem.remove(store.path(StorePaths.commitMarker))
    try FileSystem.syncDirectory(store.directory)
  }
}

/// The functions making the staged files. Each reads only its own file's data, which nothing
/// changes while the commit runs (under the exclusive lock), so two threads may run them.
private struct Jobs: @unchecked Sendable {
  let list: [() throws -> [UInt8]]

  init(_ list: [() throws -> [UInt8]]) {
    self.list = list
  }
}

/// The first error of work done on several threads.
private final class FailureBox: @unchecked Sendable {
  private let lock = NSLock()
  private var error: (any Error)?

  var first: (any Error)? {
    lock.lock()
    defer { lock.unlock() }
    return error
  }

  func record(_ error: any Error) {
    lock.lock()
    defer { lock.unlock() }
    if self.error == nil { self.error = error }
  }
}

/// Ctrl-C while a command runs: the store stays as before the command, exit 130.
///
/// Outside a commit's critical section the process ends at once (staged files in `tmp/` are
/// discarded by the next command). Inside it — from writing the commit marker until every
/// file is in place — the signal waits, so the command finishes its change and exits as
/// it would have.
public enum Interruption {
  nonisolated(unsafe) private static var critical: sig_atomic_t = 0

  /// Catches SIGINT and SIGTERM. Only the executable calls this; in-process tests keep the
  /// default handlers.
  public static func install() {
    let handler: @convention(c) (Int32) -> Void = { _ in
      guard Interruption.critical == 0 else { return }
      let message = "\nInterrupted; the store is as it was before the command.\n"
      message.utf8CString.withUnsafeBufferPointer {
        _ = write(STDERR_FILENO, $0.baseAddress, $0.count - 1)
      }
      _exit(130)
    }
    signal(SIGINT, handler)
    signal(SIGTERM, handler)
  }

  /// Runs `body` with interruption deferred.
  static func deferred<T>(_ body: () throws -> T) rethrows -> T {
    critical = 1
    defer { critical = 0 }
    return try body()
  }
}
