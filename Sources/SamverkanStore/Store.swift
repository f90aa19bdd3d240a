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
///     store.json                      format, schema version, how many persons are protected
///     profile.json                    optional rule overrides (see `Profile`)
///     persons.json                    persons with protected personal data (as many as
///                                     store.json counts: losing it is damage, never an
///                                     unmasked list)
///     <kind>/meta.json                the kind's next ID number
///     <kind>/records/000000.json      records 1–256 of the kind, one per line
///     <kind>/journal/000000.ndjson    the journal lines of those records
///     <kind>/refs/xx.json             external reference → ID, for idempotent imports
///     index/persons/xx.json           personnummer → IDs of every kind
///     index/references/xx.json        consent ID → records that rely on it
///     index/due/<kind>/F.T.x.json     the index of due dates: record ID → the days it
///                                     can put items on the agenda or a due list
///                                     (`DueWindow`, "2027-01-15/2027-03-20"), in files by
///                                     the month the window starts (F) and ends (T), "any"
///                                     and "open" for open ends, and one of 16 buckets (x)
///     index/buckets.json              the index buckets that exist, so a lost one is
///                                     damage and not "no records"
///
/// Records are grouped 256 to a file by ID number and the indexes are split into 256
/// buckets, so showing or changing one record reads and writes a few small files however
/// large the store grows. Every change takes an exclusive lock, stages the new files, writes
/// a commit marker, renames them into place and appends to the journal; a process killed at
/// any instant leaves each file as before or as after, and the next command to open the
/// store finishes (or discards) what the marker describes.
public final class Store: @unchecked Sendable {
  /// The schema version this program writes and reads.
  /// 2: names live once per person in the person register (`index/names`), not in each
  /// record; a store of schema 1 is migrated on its first change.
  public static let schemaVersion = 2
  /// The key in `store.json` counting the persons `persons.json` lists.
  static let protectedCountKey = "protectedPersons"
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

  /// `store.json` as read when the store was opened; nil before, or for a new store.
  private(set) var info: JSONValue?

  /// Called when `read` finds no store directory at all: the command then reads an empty
  /// store, and the caller may say so (a mistyped `--store` looks just like that).
  public var readsMissingDirectory: (() -> Void)?

  /// Runs `body` with a consistent view of the store, under a shared lock.
  ///
  /// `recover` finishes a commit an earlier process was killed in the middle of; pass
  /// false where the store must never be written (shell completion).
  public func read<T>(recover: Bool = true, _ body: (StoreReader) throws -> T) throws -> T {
    guard FileSystem.exists(directory) else {
      readsMissingDirectory?()
      return try body(StoreReader(store: self))
    }
    try checkSchema()
    if !exists, !FileSystem.exists(path(StorePaths.commitMarker)) {
      // No store yet: nothing to read, and no lock file to leave in a directory that may
      // be someone else's. One that holds other things is not a store at all.
      try checkEmptyIfNew()
      return try body(StoreReader(store: self))
    }
    try checkFolders()
    let lock = try FileLock(
      path: path(StorePaths.lockFile), mode: .shared, timeout: lockTimeout, modes: modes)
    if recover, FileSystem.exists(path(StorePaths.commitMarker)) {
      try lock.change(to: .exclusive, timeout: lockTimeout)
      try Commit.recover(in: self)
      try lock.change(to: .shared, timeout: lockTimeout)
      try checkSchema()
    }
    return try withExtendedLifetime(lock) { try body(StoreReader(store: self)) }
  }

  /// Runs `body` under the exclusive lock and commits what it changed, all or nothing.
  /// If `body` throws, nothing is written. With `dryRun`, nothing is written either.
  @discardableResult
  public func write<T>(dryRun: Bool = false, _ body: (StoreWriter) throws -> T) throws -> T {
    var created = false
    var lock: FileLock
    while true {
      created = !FileSystem.exists(directory)
      try prepareDirectory()
      do {
        lock = try FileLock(
          path: path(StorePaths.lockFile), mode: .exclusive, timeout: lockTimeout, modes: modes)
        break
      } catch {
        // Another command created the folder and removed it again, having changed nothing
        // (see below), while this one was about to lock it: start again.
        if FileSystem.exists(directory) { throw error }
      }
    }
    return try withExtendedLifetime(lock) {
      // A command that fails, or changes nothing, before the store exists leaves no folder
      // and no lock file behind. Removing the lock file is safe under the lock: a process
      // waiting on it finds it gone and opens the new one (`FileLock`).
      defer { if !exists { removeUnusedStore(created: created) } }
      try checkFolders()
      try Commit.recover(in: self)
      // Again under the lock: another process may have created the store, or counted a
      // protected person, since it was read above.
      try checkSchema()
      try checkEmptyIfNew()
      let writer = StoreWriter(store: self)
      // A store of an older schema is brought up to date in this command's own commit.
      if exists, case .integer(let version)? = info?["schemaVersion"], version < 2 {
        try writer.migrateToRegister()
      }
      defer { writer.discardWrittenAhead() }
      let result = try body(writer)
      if !dryRun { try writer.commit() }
      return result
    }
  }

  /// Refuses a store whose folders (the kinds', `index`, `tmp` and theirs, and the kinds'
  /// folders of `index/due`) include a symbolic link: reading through one would show another directory's files as the
  /// store's. Files are opened without following links anyway; `profile.json` may link to
  /// a profile shared by several stores.
  private func checkFolders() throws(SamverkanError) {
    for name in try FileSystem.list(directory) where name != Profile.fileName {
      let top = path(name)
      switch FileSystem.type(top) {
      case S_IFLNK: throw FileSystem.linkFailure(top)
      case S_IFDIR:
        for inner in try FileSystem.list(top) {
          let path = top + "/" + inner
          switch FileSystem.type(path) {
          case S_IFLNK: throw FileSystem.linkFailure(path)
          // The index of due dates keeps a folder per kind, one level deeper.
          case S_IFDIR where path == self.path(StorePaths.dueRoot):
            for kind in try FileSystem.list(path)
            where FileSystem.type(path + "/" + kind) == S_IFLNK {
              throw FileSystem.linkFailure(path + "/" + kind)
            }
          default: continue
          }
        }
      default: continue
      }
    }
  }

  private func removeUnusedStore(created: Bool) {
    rmdir(path(StorePaths.tmpDirectory))
    guard !FileSystem.exists(path(StorePaths.commitMarker)) else { return }
    unlink(path(StorePaths.lockFile))
    if created { rmdir(directory) }
  }

  /// The absolute path of a path relative to the store directory.
  func path(_ relative: String) -> String {
    directory.hasSuffix("/") ? directory + relative : directory + "/" + relative
  }

  // MARK: - Opening

  /// Refuses a store written by a newer program, or a file that is not a store.
  private func checkSchema() throws(SamverkanError) {
    guard let bytes = try FileSystem.read(path(StorePaths.storeFile)) else {
      try checkNoRecordsWithoutStoreFile()
      return
    }
    let parsed: JSONValue
    do {
      parsed = try JSONParser.parse(bytes)
    } catch {
      throw .storeUnavailable(
        path: path(StorePaths.storeFile),
        reason: "it is damaged (line \(error.line): \(error.message)); restore it from a backup")
    }
    guard parsed["schemaVersion"] != nil else {
      throw .storeUnavailable(
        path: path(StorePaths.storeFile),
        reason: "it has no schemaVersion; is this a samverkan store?")
    }
    try Store.checkVersion(of: parsed, path: path(StorePaths.storeFile))
    info = parsed
    modes = parsed["shared"]?.stringValue == "group" ? .group : .private
  }

  /// Refuses a file of the store whose `schemaVersion` this program cannot read: newer than
  /// it (rewriting it as this version would lose what the newer one added), below 1, or not
  /// a whole number. A file without one is read as version 1.
  static func checkVersion(of document: JSONValue, path: String) throws(SamverkanError) {
    guard let found = document["schemaVersion"] else { return }
    guard case .integer(let version) = found else {
      var text: [UInt8] = []
      JSONWriter.write(found, into: &text)
      throw .storeUnavailable(
        path: path,
        reason:
          "its schemaVersion is \(String(decoding: text.prefix(40), as: UTF8.self)), not a whole number; restore it from a backup"
      )
    }
    if version > schemaVersion {
      throw .storeUnavailable(
        path: path,
        reason:
          "it has schema version \(version), written by a newer samverkan; this one reads version \(schemaVersion). Upgrade samverkan to use the store."
      )
    }
    if version < 1 {
      throw .storeUnavailable(
        path: path,
        reason:
          "its schemaVersion is \(version), which no samverkan writes (they start at 1); restore it from a backup"
      )
    }
  }

  /// A store's files without its `store.json` are damage, not an empty store: read as one,
  /// its protected persons would lose their mark with `persons.json`. A commit marker means
  /// a first commit was cut short, which opening the store finishes.
  private func checkNoRecordsWithoutStoreFile() throws(SamverkanError) {
    let names = try FileSystem.list(directory)
    guard !names.contains(StorePaths.commitMarker) else { return }
    let storeParts = Set(RecordKind.all.map(\.collection) + ["index", StorePaths.protectedPersons])
    if let found = names.first(where: storeParts.contains) {
      throw .storeUnavailable(
        path: path(StorePaths.storeFile),
        reason:
          "it is missing, but the store holds '\(found)'; restore store.json (and persons.json) from a backup"
      )
    }
  }

  /// Creates the directory (0700) on first write.
  private func prepareDirectory() throws(SamverkanError) {
    if FileSystem.exists(directory) {
      try checkSchema()
      // Refuse a foreign directory before even creating the lock file in it; a commit
      // marker or staging folder means another process is creating the store right now.
      do {
        try checkEmptyIfNew(alsoAllowing: [StorePaths.commitMarker])
      } catch {
        // Another process's first commit was renaming its folders into place while the
        // directory was listed (its marker is there, or it has just finished): not foreign.
        // Under the lock the check is made again, with the store as it then is.
        guard exists || FileSystem.exists(path(StorePaths.commitMarker)) else { throw error }
      }
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
  static let indexManifest = "index/buckets.json"

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

  /// The folder of the index of due dates.
  static let dueRoot = "index/due"

  /// Whether a path is in the index of due dates.
  static func isInDueIndex(_ path: String) -> Bool { path.hasPrefix(dueFolderPrefix) }

  private static let dueFolderPrefix = "\(dueRoot)/"

  /// The folder of a kind's index of due dates.
  static func dueDirectory(_ kind: RecordKind) -> String { "\(dueRoot)/\(kind.collection)" }

  /// Buckets per window of the index of due dates: a change rewrites a sixteenth of the
  /// records whose windows start and end in the same months.
  static let dueBucketCount = 16

  /// The file of the index of due dates holding a record's window: by the months the window
  /// starts and ends, so that `agenda` reads only the files whose months meet its days.
  static func due(_ kind: RecordKind, _ window: DueWindow, _ id: RecordID) -> String {
    let bucket = String(dueBucket(of: id), radix: 16)
    return "\(dueDirectory(kind))/\(dueMonths(window)).\(bucket).json"
  }

  /// Which of a window's files of the index of due dates holds a record.
  static func dueBucket(of id: RecordID) -> Int { bucket(of: id.description) % dueBucketCount }

  /// `2027-01.2027-03`: the months a window starts and ends, `any` and `open` for open ends.
  static func dueMonths(_ window: DueWindow) -> String {
    func month(_ date: CivilDate?, _ open: String) -> String {
      guard let date else { return open }
      let text = date.description
      return String(text.prefix(7))
    }
    return "\(month(window.from, "any")).\(month(window.through, "open"))"
  }

  /// Whether a file of the index of due dates (its name) can hold windows that meet the
  /// days from `today` to `until`; nil for a name the index never writes.
  static func dueFileMeets(_ name: String, today: CivilDate, until: CivilDate) -> Bool? {
    let parts = name.split(separator: ".")
    guard parts.count == 4, parts[3] == "json", parts[2].count == 1,
      Int(parts[2], radix: 16) != nil
    else { return nil }
    let from = String(parts[0])
    let through = String(parts[1])
    guard from == "any" || isMonth(from), through == "open" || isMonth(through) else { return nil }
    let first = String(today.description.prefix(7))
    let last = String(until.description.prefix(7))
    return (from == "any" || from <= last) && (through == "open" || through >= first)
  }

  /// Whether a name is one the index of due dates writes.
  static func isDueFile(_ name: String) -> Bool {
    let day = CivilDate(daysSinceEpoch: 0)
    return dueFileMeets(name, today: day, until: day) != nil
  }

  private static func isMonth(_ text: String) -> Bool {
    let bytes = Array(text.utf8)
    return bytes.count == 7 && bytes[4] == UInt8(ascii: "-")
      && bytes.enumerated().allSatisfy { $0.offset == 4 || (48...57).contains($0.element) }
  }

  /// The person register: personnummer → the person's name, once per person.
  static func names(_ bucket: Int) -> String { namePaths[bucket] }

  /// Where a store of schema 1 keeps the files it had before the register, until `store
  /// check` finds the migrated store sound.
  public static let schema1Backup = "backup/schema-1"

  /// `00.json` … `ff.json`, made once (paths are asked for on every indexed change).
  private static let bucketNames = (0..<Store.bucketCount).map { "\(hex($0)).json" }
  private static let personPaths = bucketNames.map { "index/persons/\($0)" }
  private static let referencePaths = bucketNames.map { "index/references/\($0)" }
  private static let namePaths = bucketNames.map { "index/names/\($0)" }

  /// The record file holding an ID.
  static func shardIndex(of id: RecordID) -> Int { (id.number - 1) / Store.shardSize }

  /// The bucket a key falls in: FNV-1a, stable across runs and machines (unlike `Hasher`).
  static func bucket(of key: String) -> Int {
    var key = key
    return key.withUTF8 { bucket(ofText: $0) }
  }

  /// `bucket(of:)` of a key's UTF-8 bytes.
  static func bucket(ofText key: some Sequence<UInt8>) -> Int {
    var hash: UInt32 = 2_166_136_261
    for byte in key {
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
