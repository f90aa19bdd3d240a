import SamverkanDomain
import SamverkanJSON

/// A view of the store for one command: reads files on demand and keeps what it read.
///
/// Obtained from `Store.read` (shared lock) or, as a `StoreWriter`, from `Store.write`,
/// where it also sees the changes made so far in the same command.
public class StoreReader {
  let store: Store
  var shards: [ShardKey: Shard] = [:]
  var buckets: [String: [String: JSONValue]] = [:]
  var metas: [RecordKind: Meta] = [:]
  var protectedPersonNumbers: Set<String>?
  /// Record files a large change has written ahead to `tmp/` (writers only): the staged
  /// file's path, relative to the store.
  var spilledShards: [ShardKey: String] = [:]
  /// How often each record file was asked for one record.
  private var pointReadCounts: [ShardKey: Int] = [:]

  init(store: Store) {
    self.store = store
  }

  /// The store's directory.
  public var directory: String { store.directory }

  // MARK: - Records

  /// The record with this ID as stored JSON, or nil.
  public func rawRecord(_ id: RecordID) throws -> JSONValue? {
    let key = ShardKey(kind: id.kind, index: StorePaths.shardIndex(of: id))
    // The second record asked for from one file (a person's many records) loads the file
    // once and keeps it: reading and scanning it again for each record is quadratic.
    let pointReads = pointReadCounts[key, default: 0]
    pointReadCounts[key] = pointReads + 1
    if readsAsStored(key), pointReads == 0,
      let bytes = try FileSystem.read(store.path(StorePaths.shard(id.kind, key.index))),
      Shard.hasCurrentVersion(bytes), let found = Shard.findRecord(id, in: bytes)
    {
      // A point read parses one line, not the whole file, so it costs the same however
      // full the file is.
      return try withName(found, kind: id.kind)
    }
    guard let slot = try shard(for: id).records[id.number] else { return nil }
    return try withName(
      try slot.value(path: StorePaths.shard(id.kind, StorePaths.shardIndex(of: id)), store),
      kind: id.kind)
  }

  // MARK: - The person register

  /// The name the person register holds for a person (long form), if any.
  public func registeredName(of person: String) throws -> String? {
    try bucket(StorePaths.names(StorePaths.bucket(of: person)))[person]?.stringValue
  }

  /// Every name in the person register (for the check that an anonymous text names no
  /// one): the register's buckets, not every record.
  public func registeredNames() throws -> [String] {
    var names: Set<String> = []
    for bucket in 0..<Store.bucketCount {
      for value in try self.bucket(StorePaths.names(bucket)).values {
        if let name = value.stringValue { names.insert(name) }
      }
    }
    return names.sorted()
  }

  /// A stored record as commands see it: with its person's name from the register, where
  /// the name lives once per person (a record of schema 1 still carries its own).
  func withName(_ raw: JSONValue, kind: RecordKind) throws -> JSONValue {
    guard kind.showsPersonName, case .object(var members) = raw, members["personName"] == nil,
      let person = members["person"]?.stringValue, let name = try registeredName(of: person)
    else { return raw }
    members["personName"] = .string(name)
    return .object(members)
  }

  /// The record with this ID, or nil.
  public func record<R: StoredRecord>(_ id: RecordID, as type: R.Type = R.self) throws -> R? {
    guard id.kind == R.kind, let raw = try rawRecord(id) else { return nil }
    return try decode(raw, as: R.self, id: id)
  }

  /// The record with this ID, or exit 66 naming it.
  public func require<R: StoredRecord>(_ id: RecordID, as type: R.Type = R.self) throws -> R {
    guard let record = try record(id, as: R.self) else {
      throw SamverkanError.recordNotFound(id.description)
    }
    return record
  }

  /// Whether a record with this ID exists, whatever its kind.
  public func exists(_ id: RecordID) throws -> Bool {
    try shard(for: id).records[id.number] != nil
  }

  /// Every record of a kind as stored JSON, in ID order, one file at a time.
  public func forEachRawRecord(
    of kind: RecordKind, _ body: (RecordID, JSONValue) throws -> Void
  ) throws {
    for index in try shardIndices(of: kind) {
      let shard = try self.shard(ShardKey(kind: kind, index: index))
      let path = StorePaths.shard(kind, index)
      for number in shard.records.keys.sorted() {
        guard let stored = shard.records[number] else { continue }
        let id = RecordID(kind: kind, number: number)
        try body(id, try withName(try stored.value(path: path, store), kind: kind))
      }
      // A reader walking the whole collection keeps only the files it changed in memory.
      if !(self is StoreWriter) { shards[ShardKey(kind: kind, index: index)] = nil }
    }
  }

  /// Every record of a type, in ID order.
  public func records<R: StoredRecord>(_ type: R.Type = R.self) throws -> [R] {
    var records: [R] = []
    try forEachRawRecord(of: R.kind) { id, raw in
      records.append(try decode(raw, as: R.self, id: id))
    }
    return records
  }

  /// The IDs of every record of a kind, in order.
  public func recordIDs(of kind: RecordKind) throws -> [RecordID] {
    var ids: [RecordID] = []
    try forEachRawRecord(of: kind) { id, _ in ids.append(id) }
    return ids
  }

  /// The number the next new record of a kind gets.
  public func nextNumber(of kind: RecordKind) throws -> Int {
    try meta(kind).nextNumber
  }

  /// Whether any record of this kind was ever saved (the kind's folder exists).
  public func hasCollection(_ kind: RecordKind) throws -> Bool {
    try meta(kind).exists
  }

  // MARK: - Indexes

  /// The records of a type about one person, in ID order, found through the person index.
  public func records<R: StoredRecord>(_ type: R.Type = R.self, person: PersonNumber) throws
    -> [R]
  {
    try recordIDs(person: person).filter { $0.kind == R.kind }.compactMap {
      try record($0, as: R.self)
    }
  }

  /// The IDs of every record about a person, of every kind.
  public func recordIDs(person: PersonNumber) throws -> [RecordID] {
    let entries = try bucket(StorePaths.persons(StorePaths.bucket(of: person.longForm)))
    return (entries[person.longForm]?.arrayValue ?? []).compactMap {
      $0.stringValue.flatMap { try? RecordID(parsing: $0) }
    }
  }

  /// The records of other commands that rely on a record (a consent): their IDs, whether
  /// they are still open, and their state.
  public func references(to id: RecordID) throws -> [RecordReference] {
    let entries = try bucket(StorePaths.references(StorePaths.bucket(of: id.description)))
    return (entries[id.description]?.arrayValue ?? []).compactMap(RecordReference.init(json:))
  }

  /// The IDs, in order, of the records of a kind that the index of due dates says may put an
  /// item on the agenda or a due list on `today` due by `until` (`DueWindow.meets`): a
  /// few files of the index, by the months their windows start and end. Nil when the kind's
  /// index is not kept yet (a store written before it was): the caller then reads every
  /// record.
  public func dueRecordIDs(of kind: RecordKind, today: CivilDate, until: CivilDate) throws
    -> [RecordID]?
  {
    guard try meta(kind).dueIndexed else { return nil }
    let directory = StorePaths.dueDirectory(kind)
    // The files there, those this command made, and those the manifest lists: a lost file
    // is damage, never "nothing due".
    var names = Set(try FileSystem.list(store.path(directory)))
    for path in bucketPathsHeld.union(try indexBuckets() ?? [])
    where path.hasPrefix(directory + "/") {
      names.insert(String(path.dropFirst(directory.count + 1)))
    }
    var numbers: [Int] = []
    for name in names.sorted()
    where StorePaths.dueFileMeets(name, today: today, until: until) == true {
      for (key, value) in try bucket("\(directory)/\(name)") {
        guard let id = try? RecordID(parsing: key), id.kind == kind else { continue }
        // A window the index cannot read names the record anyway: more, never fewer.
        let window = value.stringValue.flatMap(DueWindow.init(text:)) ?? .always
        if window.meets(today: today, until: until) { numbers.append(id.number) }
      }
    }
    return Set(numbers).sorted().map { RecordID(kind: kind, number: $0) }
  }

  /// The records of a type that may put an item on the agenda or a due list on `today` due
  /// by `until`, in ID order: those the index of due dates names, or every record where the
  /// index is not kept yet. The caller applies its own rules to them, as to every record.
  public func dueRecords<R: DueWatched>(
    _ type: R.Type = R.self, today: CivilDate, until: CivilDate
  ) throws -> [R] {
    guard let ids = try dueRecordIDs(of: R.kind, today: today, until: until) else {
      return try records(R.self)
    }
    // Read one file after another, decoded on every core: decoding is most of an agenda's
    // time on a city's store.
    let texts = try dueTexts(ids)
    let store = self.store
    return try BothCores.map(texts) { text in
      switch text {
      case .value(let id, let raw):
        return try Self.decode(raw, as: R.self, id: id, store: store)
      case .canonical(let id, let bytes, let range, let object):
        if let record = try? CanonicalDecoder().decode(
          R.self, from: bytes, at: range, object: object)
        {
          return record
        }
        // Whatever the canonical decoding finds, the value decoding words it.
        return try Self.decode(
          try JSONParser.parse(bytes[range]), as: R.self, id: id, store: store)
      }
    }
  }

  /// A record read for decoding: its canonical text (the person's name from the register
  /// in it) or, from a file not as this program writes it, its value.
  private enum DueText: Sendable {
    case canonical(RecordID, [UInt8], Range<Int>, CanonicalObject)
    case value(RecordID, JSONValue)
  }

  /// The records with these IDs (in ID order), each record file read once as text; the
  /// records of a file that is not exactly as written here, or held changed by this
  /// command, are read as values.
  private func dueTexts(_ ids: [RecordID]) throws -> [DueText] {
    var texts: [DueText] = []
    texts.reserveCapacity(ids.count)
    var file: CanonicalFile?
    var readKey: ShardKey?
    for id in ids {
      let key = ShardKey(kind: id.kind, index: StorePaths.shardIndex(of: id))
      if readKey != key {
        readKey = key
        file = try canonicalFile(key)
      }
      guard let file, let (range, object) = file.lines[id.number] else {
        if let raw = try rawRecord(id) { texts.append(.value(id, raw)) }
        continue
      }
      let line = try RecordLine(
        id: id, canonical: file.bytes[range], object, kind: id.kind,
        registered: registeredName(of:))
      guard line.name != nil else {
        texts.append(.canonical(id, file.bytes, range, object))
        continue
      }
      var named: [UInt8] = []
      line.write(adding: [], into: &named)
      if let object = named.withUnsafeBytes(CanonicalObject.scan) {
        texts.append(.canonical(id, named, 0..<named.count, object))
      } else {
        texts.append(.value(id, try line.value()))
      }
    }
    return texts
  }

  /// A record file's bytes and its canonical lines by record number.
  private typealias CanonicalFile = (bytes: [UInt8], lines: [Int: (Range<Int>, CanonicalObject)])

  /// The record file as text, when it is exactly as this program writes it and this command
  /// holds no changes to it; otherwise nil.
  private func canonicalFile(_ key: ShardKey) throws -> CanonicalFile? {
    guard readsAsStored(key),
      let bytes = try FileSystem.read(store.path(StorePaths.shard(key.kind, key.index))),
      let lines = RecordFileText.lines(of: bytes, kind: key.kind, index: key.index)
    else { return nil }
    return (bytes, Dictionary(uniqueKeysWithValues: lines.map { ($0.0.number, ($0.1, $0.2)) }))
  }

  /// The ID of the record of a kind imported with this external reference, if any.
  public func recordID(forRef ref: String, kind: RecordKind) throws -> RecordID? {
    let entries = try bucket(StorePaths.refs(kind, StorePaths.bucket(of: ref)))
    return entries[ref]?.stringValue.flatMap { try? RecordID(parsing: $0) }
  }

  // MARK: - Persons

  /// Persons marked as having protected personal data (skyddade personuppgifter).
  public func protectedPersons() throws -> Set<PersonNumber> {
    Set(try protectedSet().compactMap { try? PersonNumber(longForm: $0) })
  }

  /// Whether a person has protected personal data.
  public func isProtected(_ person: PersonNumber) throws -> Bool {
    try protectedSet().contains(person.longForm)
  }

  // MARK: - Journal

  /// A record's journal lines, oldest first (`history <id>`).
  public func history(of id: RecordID) throws -> [JournalEntry] {
    let path = StorePaths.journal(id.kind, StorePaths.shardIndex(of: id))
    return try Journal.entries(in: path, store: store, pending: pendingJournal(path))
      .filter { $0.id == id }
  }

  /// The day of the last journal line of every record in the journal file that holds
  /// `id`'s lines (Stockholm time), reading that file once for all of them: what `store
  /// gallra` needs of every record, without reading a file per record.
  public func lastJournalDays(aroundID id: RecordID) throws -> [RecordID: CivilDate] {
    let path = StorePaths.journal(id.kind, StorePaths.shardIndex(of: id))
    var days: [RecordID: CivilDate] = [:]
    for entry in try Journal.entries(in: path, store: store, pending: pendingJournal(path)) {
      if let instant = Timestamp.parseUTC(entry.time) {
        days[entry.id] = LocalDateTime(instant: instant).date
      }
    }
    return days
  }

  /// Journal lines written in this command and not yet committed (writers only).
  func pendingJournal(_ path: String) throws -> [UInt8] { [] }

  // MARK: - Files

  func decode<R: StoredRecord>(_ raw: JSONValue, as type: R.Type, id: RecordID) throws -> R {
    try Self.decode(raw, as: type, id: id, store: store)
  }

  static func decode<R: StoredRecord>(
    _ raw: JSONValue, as type: R.Type, id: RecordID, store: Store
  ) throws -> R {
    do {
      return try JSONValueDecoder().decode(R.self, from: raw)
    } catch let error as DecodingError {
      throw SamverkanError.storeUnavailable(
        path: store.path(StorePaths.shard(id.kind, StorePaths.shardIndex(of: id))),
        reason:
          "\(id) is damaged (\(error.fieldPath): \(error.plainMessage)); run 'samverkan store check'"
      )
    }
  }

  func shard(for id: RecordID) throws -> Shard {
    try shard(ShardKey(kind: id.kind, index: StorePaths.shardIndex(of: id)))
  }

  func shard(_ key: ShardKey) throws -> Shard {
    if let shard = shards[key] { return shard }
    let path: String
    if let spilled = spilledShards[key] {
      // A record file a large change wrote ahead to `tmp/` is read back from there.
      try finishWritingAhead()
      path = spilled
    } else {
      path = StorePaths.shard(key.kind, key.index)
    }
    let shard = try Shard.load(path: path, key: key, store: store)
    shards[key] = shard
    return shard
  }

  /// Waits for the files a large change is writing ahead to `tmp/` (a writer's; a reader
  /// writes nothing).
  func finishWritingAhead() throws {}

  /// The record files of a kind on disk, and any this command created.
  func shardIndices(of kind: RecordKind) throws -> [Int] {
    var indices = Set(shards.keys.filter { $0.kind == kind }.map(\.index))
    indices.formUnion(spilledShards.keys.filter { $0.kind == kind }.map(\.index))
    for name in try FileSystem.list(store.path(StorePaths.recordsDirectory(kind)))
    where name.hasSuffix(".json") {
      if let index = Int(name.dropLast(5)) { indices.insert(index) }
    }
    return indices.sorted()
  }

  /// The buckets this command holds in memory (a writer's changed ones among them).
  var bucketPathsHeld: Set<String> { Set(buckets.keys) }

  func bucket(_ path: String) throws -> [String: JSONValue] {
    if let entries = buckets[path] { return entries }
    var entries: [String: JSONValue] = [:]
    if let bytes = try FileSystem.read(store.path(path)) {
      let value = try parse(bytes, path: path)
      guard let object = value["entries"]?.objectValue else {
        throw damaged(path, "it has no 'entries'")
      }
      entries = object
    } else if path.hasPrefix("index/"), try indexBuckets()?.contains(path) == true {
      // A lost bucket would answer "no records" for everyone in it: `consent check` would
      // say no consent covers when one does.
      throw damaged(path, "it is missing, though index/buckets.json lists it")
    }
    buckets[path] = entries
    return entries
  }

  /// The index buckets `index/buckets.json` lists; nil for a store written before it was
  /// kept (or a new one).
  func indexBuckets() throws -> Set<String>? {
    if let indexManifest { return indexManifest.value }
    var value: Set<String>?
    if let bytes = try FileSystem.read(store.path(StorePaths.indexManifest)) {
      guard let list = try parse(bytes, path: StorePaths.indexManifest)["buckets"]?.arrayValue
      else { throw damaged(StorePaths.indexManifest, "it has no 'buckets' list") }
      value = Set(list.compactMap(\.stringValue))
    }
    indexManifest = Cached(value: value)
    return value
  }

  /// A value read once, which may be absent.
  struct Cached<T> {
    var value: T
  }

  var indexManifest: Cached<Set<String>?>?

  func meta(_ kind: RecordKind) throws -> Meta {
    if let meta = metas[kind] { return meta }
    var meta = Meta(nextNumber: 1, exists: false)
    let path = StorePaths.meta(kind)
    if let bytes = try FileSystem.read(store.path(path)) {
      let document = try parse(bytes, path: path)
      guard case .integer(let next)? = document["nextNumber"], next >= 1,
        next <= RecordID.maximumNumber + 1
      else {
        throw damaged(path, "it has no valid 'nextNumber'")
      }
      meta = Meta(nextNumber: next, exists: true)
      meta.dueIndexed = document["dueIndex"] == .bool(true)
    }
    metas[kind] = meta
    return meta
  }

  func protectedSet() throws -> Set<String> {
    if let set = protectedPersonNumbers { return set }
    var set = Set<String>()
    // How many persons `store.json` says are protected (stores written before it said so
    // have no count, and a missing `persons.json` there means none).
    let expected: Int?
    if case .integer(let count)? = store.info?[Store.protectedCountKey] {
      expected = count
    } else {
      expected = nil
    }
    if let bytes = try FileSystem.read(store.path(StorePaths.protectedPersons)) {
      guard let list = try parse(bytes, path: StorePaths.protectedPersons)["protected"]?.arrayValue
      else { throw damaged(StorePaths.protectedPersons, "it has no 'protected' list") }
      set = Set(list.compactMap(\.stringValue))
    } else if let expected {
      throw damaged(
        StorePaths.protectedPersons,
        "it is missing, but store.json counts \(expected) person\(expected == 1 ? "" : "s") with protected personal data, whose names and numbers would show without it"
      )
    }
    // Fewer than counted: an older copy restored, and someone's mark lost with it.
    if let expected, set.count < expected {
      throw damaged(
        StorePaths.protectedPersons,
        "it lists \(set.count) person\(set.count == 1 ? "" : "s") with protected personal data, but store.json counts \(expected)"
      )
    }
    protectedPersonNumbers = set
    return set
  }

  func parse(_ bytes: [UInt8], path: String) throws -> JSONValue {
    let document: JSONValue
    do {
      document = try JSONParser.parse(bytes)
    } catch {
      throw damaged(path, "line \(error.line), column \(error.column): \(error.message)")
    }
    try Store.checkVersion(of: document, path: store.path(path))
    return document
  }

  func damaged(_ path: String, _ reason: String) -> SamverkanError {
    .storeUnavailable(
      path: store.path(path),
      reason:
        "the file is damaged: \(reason). Run 'samverkan store check'; restore it from a backup")
  }
}

/// A record that relies on another (a SIP on its consent), as the reference index keeps it.
public struct RecordReference: Equatable, Sendable {
  public var id: RecordID
  public var isOpen: Bool
  public var state: String

  public init(id: RecordID, isOpen: Bool, state: String) {
    self.id = id
    self.isOpen = isOpen
    self.state = state
  }

  init?(json: JSONValue) {
    guard let text = json["id"]?.stringValue, let id = try? RecordID(parsing: text) else {
      return nil
    }
    self.init(
      id: id, isOpen: json["open"] == .bool(true), state: json["state"]?.stringValue ?? "")
  }

  var json: JSONValue {
    .object(["id": .string(id.description), "open": .bool(isOpen), "state": .string(state)])
  }
}

/// A kind's counter: the number the next new record gets.
struct Meta {
  var nextNumber: Int
  var exists: Bool
  /// Whether the kind's index of due dates is kept (`"dueIndex": true` in `meta.json`): a
  /// store written before it was is given it on the first change of a record of the kind,
  /// and read by a walk of the whole collection until then.
  var dueIndexed = false
}

/// Which record file: a kind and the file's index (IDs 256·index+1 … 256·index+256).
struct ShardKey: Hashable {
  var kind: RecordKind
  var index: Int
}

/// One record file in memory. Records changed in this command are kept encoded, so an
/// import of 100,000 rows holds compact bytes rather than value trees.
final class Shard {
  enum Slot {
    case value(JSONValue)
    case encoded([UInt8])

    func value(path: String, _ store: Store) throws -> JSONValue {
      switch self {
      case .value(let value): return value
      case .encoded(let bytes):
        do {
          return try JSONParser.parse(bytes)
        } catch {
          throw SamverkanError.internalError("a record staged for \(path) does not parse: \(error)")
        }
      }
    }
  }

  var records: [Int: Slot]

  init(records: [Int: Slot]) {
    self.records = records
  }

  /// Whether a record file's first line says this program's schema version, as it writes
  /// it; otherwise a point read parses the whole file, which checks the version.
  static func hasCurrentVersion(_ bytes: [UInt8]) -> Bool {
    let end = bytes.firstIndex(of: 10) ?? bytes.count
    let needle = Array("\"schemaVersion\":\(Store.schemaVersion),".utf8)
    let head = bytes[..<end]
    guard head.count >= needle.count else { return false }
    return (0...(head.count - needle.count)).contains {
      head[$0..<$0 + needle.count].elementsEqual(needle)
    }
  }

  /// The record with this ID in a record file as written (one record per line), parsing only
  /// its line; nil when it is not found that way (then the caller reads the whole file).
  static func findRecord(_ id: RecordID, in bytes: [UInt8]) -> JSONValue? {
    let needle = Array("\"id\":\"\(id)\"".utf8)
    var from = 0
    while let match = firstRange(of: needle, in: bytes, from: from) {
      from = match + needle.count
      // Only a whole ID: CON-12 must not find CON-123.
      guard from < bytes.count, bytes[from] == UInt8(ascii: ",") || bytes[from] == UInt8(ascii: "}")
      else { continue }
      let start = (bytes[..<match].lastIndex(of: 10) ?? -1) + 1
      var end = bytes[from...].firstIndex(of: 10) ?? bytes.count
      while end > start, [UInt8(ascii: ","), 13, 32].contains(bytes[end - 1]) { end -= 1 }
      // The match may be a nested "id" in another record: the line must be this record.
      if let value = try? JSONParser.parse(bytes[start..<end]),
        value["id"] == .string(id.description)
      {
        return value
      }
    }
    return nil
  }

  private static func firstRange(of needle: [UInt8], in bytes: [UInt8], from: Int) -> Int? {
    guard let first = needle.first, needle.count <= bytes.count else { return nil }
    var index = from
    let last = bytes.count - needle.count
    while index <= last {
      guard let candidate = bytes[index...last].firstIndex(of: first) else { return nil }
      if bytes[candidate..<candidate + needle.count].elementsEqual(needle) { return candidate }
      index = candidate + 1
    }
    return nil
  }

  static func load(path: String, key: ShardKey, store: Store) throws -> Shard {
    guard let bytes = try FileSystem.read(store.path(path)) else { return Shard(records: [:]) }
    let document: JSONValue
    do {
      document = try JSONParser.parse(bytes)
    } catch {
      throw SamverkanError.storeUnavailable(
        path: store.path(path),
        reason:
          "the file is damaged (line \(error.line): \(error.message)); run 'samverkan store check' and restore it from a backup"
      )
    }
    try Store.checkVersion(of: document, path: store.path(path))
    guard let list = document["records"]?.arrayValue else {
      throw SamverkanError.storeUnavailable(
        path: store.path(path), reason: "the file is damaged: it has no 'records' list")
    }
    var records: [Int: Slot] = [:]
    for record in list {
      guard let text = record["id"]?.stringValue, let id = try? RecordID(parsing: text),
        id.kind == key.kind, StorePaths.shardIndex(of: id) == key.index
      else {
        throw SamverkanError.storeUnavailable(
          path: store.path(path),
          reason: "the file is damaged: a record has a missing or misplaced 'id'")
      }
      records[id.number] = .value(record)
    }
    return Shard(records: records)
  }

  /// The file's bytes: a JSON document with one record per line, in ID order.
  func serialized(kind: RecordKind, index: Int, path: String, store: Store) throws -> [UInt8] {
    var bytes = Array(
      "{\"collection\":\"\(kind.collection)\",\"schemaVersion\":\(Store.schemaVersion),\"shard\":\(index),\"records\":["
        .utf8)
    var first = true
    for (_, record) in records.sorted(by: { $0.key < $1.key }) {
      bytes.append(contentsOf: first ? [UInt8(ascii: "\n")] : Array(",\n".utf8))
      first = false
      switch record {
      case .encoded(let encoded): bytes.append(contentsOf: encoded)
      case .value(let value): JSONWriter.write(value, into: &bytes)
      }
    }
    bytes.append(contentsOf: Array("\n]}\n".utf8))
    return bytes
  }
}
