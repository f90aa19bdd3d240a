import Foundation
import SamverkanDomain
import SamverkanJSON
import Synchronization

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

  ///
  /// `staged` are files already written to `tmp/` while the change was made (a large
  /// import writes its record files ahead): each is renamed into place, or appended to its
  /// journal file, like the files staged here.
  func run(
    files: [(path: String, bytes: () throws -> [UInt8])], appends: [String: () -> [UInt8]],
    staged: [(from: String, to: String, append: Bool)] = []
  ) throws {
    // Before anything is written: a link or a special file where a file goes is refused
    // now, while the store is still as it was, not halfway through the renames.
    for path in files.map(\.path) + appends.keys.sorted() + staged.map(\.to) {
      try FileSystem.checkStorePath(path, in: store.directory)
    }
    try FileSystem.makeStoreDirectory(
      StorePaths.tmpDirectory, in: store.directory, modes: store.modes)
    let syncEach = files.count + appends.count <= Commit.fileSyncLimit && staged.isEmpty
    let appendList = appends.sorted(by: { $0.key < $1.key })
    // Every staged file: made and written on two threads when there are many (a large
    // import), as each file's bytes depend on nothing but itself.
    let jobs = Jobs(files.map(\.bytes) + appendList.map { entry in { entry.value() } })
    let names = jobs.list.indices.map { "\(StorePaths.tmpDirectory)/\(getpid())-\($0 + 1)" }
    // Ctrl-C or SIGTERM while staging removes the staged files before exiting.
    Interruption.staging(
      prefix: store.path("\(StorePaths.tmpDirectory)/\(getpid())-"), count: names.count)
    let failures = FailureBox()
    let store = self.store
    let lanes = jobs.list.count > Commit.fileSyncLimit ? 2 : 1
    DispatchQueue.concurrentPerform(iterations: lanes) { lane in
      for index in stride(from: lane, to: jobs.list.count, by: lanes) where failures.first == nil {
        do {
          let bytes = try jobs.list[index]()
          try Interruption.creatingStagedFile {
            try FileSystem.writeNew(
              store.path(names[index]), bytes, sync: syncEach, modes: store.modes)
          }
        } catch {
          failures.record(error)
        }
      }
    }
    // A failed write (a full disk) leaves nothing behind: the store stays byte for byte as
    // it was, not with staged files waiting for the next command to discard.
    func discard() {
      for name in names + ["\(StorePaths.tmpDirectory)/\(getpid())-commit"] {
        unlink(store.path(name))
      }
      rmdir(store.path(StorePaths.tmpDirectory))
    }
    if let failure = failures.first {
      discard()
      throw failure
    }
    var renames: [JSONValue] = files.indices.map { index in
      .object(["from": .string(names[index]), "to": .string(files[index].path)])
    }
    var journal: [JSONValue] = []
    let appending =
      appendList.enumerated().map { (from: names[files.count + $0.offset], to: $0.element.key) }
      + staged.filter(\.append).map { (from: $0.from, to: $0.to) }
    renames += staged.filter { !$0.append }.map {
      .object(["from": .string($0.from), "to": .string($0.to)])
    }
    for entry in appending {
      let from = entry.from
      // A journal file that does not exist yet is simply renamed into place: an import
      // creating hundreds of them then writes each once.
      guard FileSystem.exists(store.path(entry.to)) else {
        renames.append(.object(["from": .string(from), "to": .string(entry.to)]))
        continue
      }
      journal.append(
        .object([
          "from": .string(from), "to": .string(entry.to),
          "size": .integer(FileSystem.size(store.path(entry.to))),
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
    do {
      try Interruption.creatingStagedFile {
        try FileSystem.writeNew(store.path(markerTmp), bytes, sync: true, modes: store.modes)
      }
    } catch {
      discard()
      throw error
    }
    try Interruption.committing {
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
    // Emptying a `tmp` that links elsewhere would delete someone else's files.
    guard FileSystem.exists(tmp) else { return }
    try FileSystem.makeStoreDirectory(
      StorePaths.tmpDirectory, in: store.directory, modes: store.modes)
    for name in try FileSystem.list(tmp) {
      try FileSystem.remove("\(tmp)/\(name)")
    }
  }

  /// Refuses a marker naming a path outside the store (`../victim/x`, `/etc/x`) or a staged
  /// file outside `tmp/`: a marker is data on disk, and anyone who could edit it would
  /// otherwise make the next command write wherever they liked.
  private static func checkPaths(_ marker: JSONValue, in store: Store) throws {
    for entry in (marker["renames"]?.arrayValue ?? []) + (marker["appends"]?.arrayValue ?? []) {
      for key in ["from", "to"] {
        guard let path = entry[key]?.stringValue else { continue }
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        let inside =
          !path.hasPrefix("/") && !parts.contains { $0.isEmpty || $0 == "." || $0 == ".." }
          && (key == "to" || (parts.count == 2 && parts[0] == Substring(StorePaths.tmpDirectory)))
        if !inside {
          throw SamverkanError.storeUnavailable(
            path: store.path(StorePaths.commitMarker),
            reason:
              "the unfinished commit's marker names '\(path)', which is not a file of the store; nothing was written. Restore the store from a backup"
          )
        }
      }
    }
    // The journal was this long when the marker was written and has only grown since: a
    // size beyond it would stretch the file, a negative one is nonsense.
    for append in marker["appends"]?.arrayValue ?? [] {
      guard let to = append["to"]?.stringValue, case .integer(let size)? = append["size"] else {
        continue
      }
      guard size >= 0, size <= FileSystem.size(store.path(to)) else {
        throw SamverkanError.storeUnavailable(
          path: store.path(StorePaths.commitMarker),
          reason:
            "the unfinished commit's marker gives \(to) a length of \(size) bytes, which it never had; restore the store from a backup"
        )
      }
    }
  }

  /// What is wrong with an unfinished commit's marker that opening the store would refuse
  /// (for `store check`, which reports it instead of stopping); nil when there is none or it
  /// can be finished.
  static func markerProblem(in store: Store) -> String? {
    guard let bytes = try? FileSystem.read(store.path(StorePaths.commitMarker)) else {
      return nil
    }
    do {
      try checkPaths(try JSONParser.parse(bytes), in: store)
      return nil
    } catch let error as SamverkanError {
      if case .storeUnavailable(_, let reason) = error { return reason }
      return error.message
    } catch {
      return "the unfinished commit's marker is damaged; restore the store from a backup"
    }
  }

  private static func apply(_ marker: JSONValue, in store: Store) throws {
    try checkPaths(marker, in: store)
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
      try FileSystem.makeStoreDirectory(
        (to as NSString).deletingLastPathComponent, in: store.directory, modes: store.modes)
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
      try FileSystem.makeStoreDirectory(
        (to as NSString).deletingLastPathComponent, in: store.directory, modes: store.modes)
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
final class FailureBox: @unchecked Sendable {
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
/// Before a commit the process ends at once (staged files in `tmp/` are discarded by the
/// next command). From writing the commit marker on, the command has made its change: the
/// signal is ignored, and the command finishes and exits as it would have — exit 130 would
/// say the store is as before, which it no longer is.
public enum Interruption {
  /// 0 while the command runs, 1 once it commits, 2 once a signal is ending it: the
  /// commit and the handler each claim the command, and only one can.
  private static let phase = Atomic<Int>(0)
  /// Staged files being created right now, on any thread: the handler waits for them, so
  /// that none is made after it has removed the others.
  private static let creating = Atomic<Int>(0)

  /// The staged files' path without its number (`<store>/tmp/<pid>-`), with room for the
  /// number, and how many there are: what the handler removes. Set before staging starts.
  nonisolated(unsafe) private static var stagedPrefix: UnsafeMutablePointer<CChar>?
  nonisolated(unsafe) private static var stagedPrefixLength = 0
  nonisolated(unsafe) private static var stagedCapacity = 0
  nonisolated(unsafe) private static var stagedCount: sig_atomic_t = 0
  /// How many files a large change has written ahead (`<store>/tmp/<pid>-ahead-<n>`).
  nonisolated(unsafe) private static var aheadCount: sig_atomic_t = 0

  /// Whether the handlers are installed (the executable, one command per process).
  nonisolated(unsafe) private static var installed = false

  /// Records the staged files a commit is about to write (numbered 1…`count`, and `commit`).
  /// Only with the handlers installed: in-process tests commit on several threads at once,
  /// and need no cleanup from a handler they do not have.
  static func staging(prefix: String, count: Int) {
    guard installed else { return }
    stagedCount = 0
    setPrefix(prefix)
    stagedCount = sig_atomic_t(count)
  }

  /// Records that a large change has written `count` files ahead to `tmp/` (numbered
  /// 1…`count` after `<prefix>ahead-`): the handler removes them too.
  static func writingAhead(prefix: String, count: Int) {
    guard installed else { return }
    if aheadCount == 0 { setPrefix(prefix) }
    aheadCount = sig_atomic_t(count)
  }

  /// Copies the staged files' prefix to a buffer the handler can use without allocating.
  private static func setPrefix(_ prefix: String) {
    let bytes = Array(prefix.utf8)
    if let staged = stagedPrefix, stagedPrefixLength == bytes.count,
      (0..<bytes.count).allSatisfy({ staged[$0] == CChar(bitPattern: bytes[$0]) })
    {
      return
    }
    let buffer: UnsafeMutablePointer<CChar>
    if let staged = stagedPrefix, stagedCapacity >= bytes.count + 32 {
      buffer = staged
    } else {
      stagedPrefix?.deallocate()
      buffer = .allocate(capacity: bytes.count + 32)
      stagedPrefix = buffer
      stagedCapacity = bytes.count + 32
    }
    for (index, byte) in bytes.enumerated() { buffer[index] = CChar(bitPattern: byte) }
    stagedPrefixLength = bytes.count
  }

  /// Removes the staged files and those written ahead, from the signal handler: only
  /// `unlink` and writes into a buffer made beforehand, which a handler may do. Nothing in
  /// it may allocate, nor use a generic type for the first time (which makes its type
  /// metadata, allocating): the signal may have stopped this very thread inside `malloc`,
  /// holding its lock, and the handler would wait for it forever.
  private static func removeStaged() {
    guard let path = stagedPrefix else { return }
    if stagedCount > 0 {
      unlinkNumbered(path, infix: "", through: Int(stagedCount))
      append("commit", to: path, at: stagedPrefixLength)
      unlink(path)
    }
    if aheadCount > 0 { unlinkNumbered(path, infix: "ahead-", through: Int(aheadCount)) }
  }

  /// Unlinks `<prefix><infix>1` … `<prefix><infix><last>`.
  private static func unlinkNumbered(
    _ path: UnsafeMutablePointer<CChar>, infix: StaticString, through last: Int
  ) {
    let start = append(infix, to: path, at: stagedPrefixLength)
    var number = 1
    while number <= last {
      var digits = 0
      var rest = number
      repeat {
        digits += 1
        rest /= 10
      } while rest > 0
      rest = number
      var position = digits - 1
      while position >= 0 {
        path[start + position] = CChar(48 + rest % 10)
        rest /= 10
        position -= 1
      }
      path[start + digits] = 0
      unlink(path)
      number += 1
    }
  }

  /// Writes `text` (and a terminating 0) into `path` at `start`; returns where it ends.
  @discardableResult
  private static func append(
    _ text: StaticString, to path: UnsafeMutablePointer<CChar>, at start: Int
  ) -> Int {
    let bytes = text.utf8Start
    var index = 0
    while index < text.utf8CodeUnitCount {
      path[start + index] = CChar(bitPattern: bytes[index])
      index += 1
    }
    path[start + index] = 0
    return start + index
  }

  /// Catches SIGINT, SIGTERM and SIGQUIT (Ctrl-\, which would otherwise print a crash
  /// report and let the command carry on). Only the executable calls this; in-process tests
  /// keep the default handlers.
  public static func install() {
    let handler: @convention(c) (Int32) -> Void = { _ in
      // Once the commit has begun, the change is made: finish it (see above).
      guard
        Interruption.phase.compareExchange(
          expected: 0, desired: 2, ordering: .sequentiallyConsistent
        ).exchanged
      else { return }
      // A file another thread is creating right now would otherwise outlive the removal
      // (at most two seconds: the handler may run on that very thread).
      var pause = timespec(tv_sec: 0, tv_nsec: 1_000_000)
      var waited = 0
      while Interruption.creating.load(ordering: .sequentiallyConsistent) > 0, waited < 2_000 {
        nanosleep(&pause, nil)
        waited += 1
      }
      Interruption.removeStaged()
      let message: StaticString = "\nInterrupted; the store is as it was before the command.\n"
      _ = write(STDERR_FILENO, message.utf8Start, message.utf8CodeUnitCount)
      _exit(130)
    }
    installed = true
    // Made now, not first in the handler: its atomics, and what its helpers use.
    _ = phase.load(ordering: .relaxed)
    _ = creating.load(ordering: .relaxed)
    let scratch = UnsafeMutablePointer<CChar>.allocate(capacity: 8)
    append("ahead-", to: scratch, at: 0)
    scratch.deallocate()
    signal(SIGINT, handler)
    signal(SIGTERM, handler)
    signal(SIGQUIT, handler)
    // A parent may have started us with these blocked (a test runner does, and children
    // inherit the mask): Ctrl-C must still reach the handler, not wait for the exit.
    var handled = sigset_t()
    sigemptyset(&handled)
    for signal in [SIGINT, SIGTERM, SIGQUIT] { sigaddset(&handled, signal) }
    pthread_sigmask(SIG_UNBLOCK, &handled, nil)
  }

  /// Runs `body`, which commits a change: from here on the command is not interrupted.
  static func committing<T>(_ body: () throws -> T) rethrows -> T {
    if installed,
      !phase.compareExchange(expected: 0, desired: 1, ordering: .sequentiallyConsistent)
        .exchanged
    {
      // A signal is ending the command and removing what was staged: commit nothing.
      waitForTheEnd()
    }
    return try body()
  }

  /// Runs `body`, which creates a staged file in `tmp/`; once a signal is ending the
  /// command, waits for the end instead (the handler is removing the staged files).
  static func creatingStagedFile<T>(_ body: () throws -> T) rethrows -> T {
    guard installed else { return try body() }
    creating.add(1, ordering: .sequentiallyConsistent)
    if phase.load(ordering: .sequentiallyConsistent) == 2 {
      creating.subtract(1, ordering: .sequentiallyConsistent)
      waitForTheEnd()
    }
    defer { creating.subtract(1, ordering: .sequentiallyConsistent) }
    return try body()
  }

  /// Parks this thread while the signal handler ends the process.
  private static func waitForTheEnd() -> Never {
    while true { pause() }
  }
}
