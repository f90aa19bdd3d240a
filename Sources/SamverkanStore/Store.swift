import Foundation
import SamverkanDomain
import SamverkanJSON

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The flat JSON file store (SPEC §3): plain JSON files in one directory that an admin can
/// read with `jq` and back up with `cp -r`.
///
/// Layout, inside the store directory:
///
///     store.json                      format and schema version
///     profile.json                    optional rule overrides (see `Profile`)
///     persons.json                    persons with protected personal data
///     <kind>/meta.json                the kind's next ID number
///     <kind>/records/000000.json      records 1–256 of the kind, one per line
///     <kind>/journal/000000.ndjson    the journal lines of those records
///     <kind>/refs/xx.json             external reference → ID, for idempotent imports
///     index/persons/xx.json           personnummer → IDs of every kind
///     index/references/xx.json        consent ID → records that rely on it
///
/// Records are grouped 256 to a file by ID number and the indexes are split into 256
/// buckets, so showing or changing one record reads and writes a few small files however
/// large the store grows. Every change takes an exclusive lock, stages the new files, writes
/// a commit marker, renames them into place and appends to the journal; a process killed at
/// any instant leaves each file as before or as after, and the next command to open the
/// store finishes (or discards) what the marker describes.
public final class Store: @unchecked Sendable {
  /// The schema version this program writes and reads.
  public static let schemaVersion = 1
  /// Records per record file: small enough that reading one is quick, large enough that a
  /// big import does not create hundreds of thousands of files.
  static let shardSize = 256
  /// Buckets per index.
  static let bucketCount = 256

  public let directory: String
  /// Who is written to the journal: `--as`, `SAMVERKAN_USER` or the login.
  public let actor: String
  /// The command line written to the journal.
  public let commandLine: [String]
  /// Seconds to wait for another process's lock before giving up with exit 75.
  public let lockTimeout: Double
  /// The operating-system login that ran the command, when it is not the actor (an admin
  /// acting `--as` someone else): the journal then names both.
  public var login: String?
  /// The modes of the store's directories and files: private, or a team's group store,
  /// as `store.json` says (read when the store is opened).
  public internal(set) var modes: FileModes = .private

  public init(directory: String, actor: String, commandLine: [String], lockTimeout: Double = 10) {
    self.directory = directory
    self.actor = actor
    self.commandLine = commandLine
    self.lockTimeout = lockTimeout
  }

  /// Whether the store directory holds a store yet (it is created on first write).
  public var exists: Bool { FileSystem.exists(path(StorePaths.storeFile)) }

  /// Runs `body` with a consistent view of the store, under a shared lock.
  ///
  /// `recover` finishes a commit an earlier process was killed in the middle of; pass
  /// false where the store must never be written (shell completion).
  public func read<T>(recover: Bool = true, _ body: (StoreReader) throws -> T) throws -> T {
    guard FileSystem.exists(directory) else {
      return try body(StoreReader(store: self))
    }
    try checkSchema()
    let lock = try FileLock(
      path: path(StorePaths.lockFile), mode: .shared, timeout: lockTimeout, modes: modes)
    if recover, FileSystem.exists(path(StorePaths.commitMarker)) {
      try lock.change(to: .exclusive, timeout: lockTimeout)
      try Commit.recover(in: self)
      try lock.change(to: .shared, timeout: lockTimeout)
    }
    return try withExtendedLifetime(lock) { try body(StoreReader(store: self)) }
  }

  /// Runs `body` under the exclusive lock and commits what it changed, all or nothing.
  /// If `body` throws, nothing is written. With `dryRun`, nothing is written either.
  public func write<T>(dryRun: Bool = false, _ body: (StoreWriter) throws -> T) throws -> T {
    try prepareDirectory()
    let lock = try FileLock(
      path: path(StorePaths.lockFile), mode: .exclusive, timeout: lockTimeout, modes: modes)
    return try withExtendedLifetime(lock) {
      try Commit.recover(in: self)
      try checkEmptyIfNew()
      let writer = StoreWriter(store: self)
      let result = try body(writer)
      if !dryRun { try writer.commit() }
      return result
    }
  }

  /// The absolute path of a path relative to the store directory.
  func path(_ relative: String) -> String {
    directory.hasSuffix("/") ? directory + relative : directory + "/" + relative
  }

  // MARK: - Opening

  /// Refuses a store written by a newer program, or a file that is not a store.
  private func checkSchema() throws(SamverkanError) {
    guard let bytes = try FileSystem.read(path(StorePaths.storeFile)) else { return }
    let info: JSONValue
    do {
      info = try JSONParser.parse(bytes)
    } catch {
      throw .storeUnavailable(
        path: path(StorePaths.storeFile),
        reason: "it is damaged (line \(error.line): \(error.message)); restore it from a backup")
    }
    guard case .integer(let version)? = info["schemaVersion"] else {
      throw .storeUnavailable(
        path: path(StorePaths.storeFile),
        reason: "it has no schemaVersion; is this a samverkan store?")
    }
    modes = info["shared"]?.stringValue == "group" ? .group : .private
    if version > Store.schemaVersion {
      throw .storeUnavailable(
        path: directory,
        reason:
          "the store has schema version \(version), written by a newer samverkan; this one reads version \(Store.schemaVersion). Upgrade samverkan to use it."
      )
    }
  }

  /// Creates the directory (0700) on first write.
  private func prepareDirectory() throws(SamverkanError) {
    if FileSystem.exists(directory) {
      try checkSchema()
      // Refuse a foreign directory before even creating the lock file in it; a commit
      // marker or staging folder means another process is creating the store right now.
      try checkEmptyIfNew(alsoAllowing: [StorePaths.commitMarker])
    } else {
      try FileSystem.makeDirectory(directory)
    }
  }

  /// Refuses to scatter files into a directory that holds something other than a store.
  /// Called under the lock, so another process's first commit is never mistaken for that.
  private func checkEmptyIfNew(alsoAllowing extra: Set<String> = []) throws(SamverkanError) {
    guard !exists else { return }
    let allowed: Set<String> =
      Set([Profile.fileName, StorePaths.lockFile, StorePaths.tmpDirectory]).union(extra)
    let unexpected = try FileSystem.list(directory).filter { !allowed.contains($0) }
    if !unexpected.isEmpty {
      throw .storeUnavailable(
        path: directory,
        reason:
          "it is not empty and holds no samverkan store (found \(unexpected.prefix(3).joined(separator: ", ")));"
          + " choose an empty or new directory with --store or SAMVERKAN_STORE")
    }
  }
}

/// Relative paths of the files in a store.
enum StorePaths {
  static let storeFile = "store.json"
  static let lockFile = ".lock"
  static let commitMarker = "commit.json"
  static let tmpDirectory = "tmp"
  static let protectedPersons = "persons.json"

  static func meta(_ kind: RecordKind) -> String { "\(kind.collection)/meta.json" }

  static func recordsDirectory(_ kind: RecordKind) -> String { "\(kind.collection)/records" }

  static func shard(_ kind: RecordKind, _ index: Int) -> String {
    "\(kind.collection)/records/\(pad(index)).json"
  }

  static func journal(_ kind: RecordKind, _ index: Int) -> String {
    "\(kind.collection)/journal/\(pad(index)).ndjson"
  }

  static func journalDirectory(_ kind: RecordKind) -> String { "\(kind.collection)/journal" }

  static func refs(_ kind: RecordKind, _ bucket: Int) -> String {
    "\(kind.collection)/refs/\(bucketNames[bucket])"
  }

  static func persons(_ bucket: Int) -> String { personPaths[bucket] }

  static func references(_ bucket: Int) -> String { referencePaths[bucket] }

  /// `00.json` … `ff.json`, made once (paths are asked for on every indexed change).
  private static let bucketNames = (0..<Store.bucketCount).map { "\(hex($0)).json" }
  private static let personPaths = bucketNames.map { "index/persons/\($0)" }
  private static let referencePaths = bucketNames.map { "index/references/\($0)" }

  /// The record file holding an ID.
  static func shardIndex(of id: RecordID) -> Int { (id.number - 1) / Store.shardSize }

  /// The bucket a key falls in: FNV-1a, stable across runs and machines (unlike `Hasher`).
  static func bucket(of key: String) -> Int {
    var hash: UInt32 = 2_166_136_261
    for byte in key.utf8 {
      hash ^= UInt32(byte)
      hash = hash &* 16_777_619
    }
    return Int(hash % UInt32(Store.bucketCount))
  }

  private static func pad(_ number: Int) -> String {
    let text = String(number)
    return String(repeating: "0", count: max(0, 6 - text.count)) + text
  }

  private static func hex(_ number: Int) -> String {
    let text = String(number, radix: 16)
    return text.count == 1 ? "0" + text : text
  }
}
