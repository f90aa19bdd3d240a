import Foundation
import SamverkanDomain
import SamverkanJSON

/// A record written as the store keeps it (compact, keys sorted) but for its `id`, which is
/// spliced in when the ID is known: an import writes rows on another thread while the IDs
/// are handed out in order on the thread that owns the store.
public struct PreparedRecord: Sendable {
  /// `{` and the fields sorting before `id`.
  let head: [UInt8]
  /// The fields sorting after `id`, and `}`.
  let tail: [UInt8]
  let hasHead: Bool
  let hasTail: Bool

  /// Prepares a record encoded as a JSON object (any `id` in it is ignored, and so is its
  /// `personName`: the name lives once per person, in the person register).
  public init(_ object: [String: JSONValue]) {
    var head: [UInt8] = []
    var tail: [UInt8] = []
    // The name left out as it is written, not removed from a copy of the object.
    let counts = JSONWriter.writeObject(
      object, splitAt: "id", omitting: "personName", head: &head, tail: &tail)
    self.init(head: head, tail: tail, counts: counts)
  }

  /// Prepares a record straight from its encoding's members, without building it as an
  /// object first; nil when it does not encode as one.
  public init?<R: Encodable>(record: R, encoder: JSONValueEncoder) throws {
    guard let members = try encoder.encodeMembers(record) else { return nil }
    var head: [UInt8] = []
    var tail: [UInt8] = []
    let counts = JSONWriter.writeObject(
      members, splitAt: "id", omitting: "personName", head: &head, tail: &tail)
    self.init(head: head, tail: tail, counts: counts)
  }

  private init(head: [UInt8], tail: [UInt8], counts: (before: Int, after: Int)) {
    self.head = head
    self.tail = tail
    self.hasHead = counts.before > 0
    self.hasTail = counts.after > 0
  }

  /// The record's stored bytes with its ID.
  public func bytes(id: RecordID) -> [UInt8] {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(head.count + tail.count + 24)
    bytes.append(contentsOf: head)
    if hasHead { bytes.append(UInt8(ascii: ",")) }
    bytes.append(contentsOf: Array("\"id\":".utf8))
    JSONWriter.write(.string(id.description), into: &bytes)
    if hasTail { bytes.append(UInt8(ascii: ",")) }
    bytes.append(contentsOf: tail)
    return bytes
  }
}

/// The store inside `Store.write`: reads like a `StoreReader`, sees its own changes, and
/// writes them all at once when the command succeeds.
///
/// Every change journals one line: time (UTC), actor, command line, record ID, action, and
/// the fields that changed with their new values (so a record's journal replays to it).
public final class StoreWriter: StoreReader {
  var dirtyShards: Set<ShardKey> = []
  private var dirtyBuckets: Set<String> = []
  private var dirtyMetas: Set<RecordKind> = []
  var protectedDirty = false
  /// Journal lines to append, per journal file, as pieces: a new record's line shares the
  /// record's bytes with its record file instead of holding a second copy.
  var journalAppends: [String: [[UInt8]]] = [:]
  private let time = Timestamp.utcString(Date())
  private var journalPrefixes: [String: [UInt8]] = [:]
  /// Journal files rewritten whole (an erasure), replacing them at the commit.
  var journalRewrites: [String: [UInt8]] = [:]
  /// Whether this command migrated the store to the current schema (`store.json` then says
  /// so in the same commit).
  var schemaUpgraded = false
  /// The IDs the person index lists for persons this command has added records to.
  private var personIndexSets: [String: Set<String>] = [:]
  /// Files of the index of due dates that this command makes (none existed), held compactly
  /// until they are read or committed: an import of a million records adds an entry for
  /// each, which as dictionary entries with strings took some 150 bytes apiece.
  private var newDueFiles: [String: NewDueFile] = [:]
  /// The text of each window saved in the index of due dates, once (most records share
  /// one), and the number `NewDueFile` gives it by.
  private var dueWindowTexts: [String] = []
  private var dueWindowNumbers: [DueWindow: Int32] = [:]
  /// The file of the index of due dates for each kind, window and bucket met so far: worked
  /// out once, not for each of a million records.
  private var duePaths: [DuePathKey: String] = [:]

  /// Whether anything has changed so far.
  public var hasChanges: Bool {
    !dirtyShards.isEmpty || !dirtyBuckets.isEmpty || !dirtyMetas.isEmpty || protectedDirty
      || !journalAppends.isEmpty || !journalRewrites.isEmpty || schemaUpgraded
      || !spilledShards.isEmpty || !spilledJournals.isEmpty
  }

  // MARK: - Writing ahead

  /// Records changed and held in memory before the record files holding them are written
  /// ahead to `tmp/`: a change of a million records (an import) holds a few thousand at a
  /// time, not all of them. Below this nothing is written before the commit.
  var spillThreshold = 8_192
  private var heldRecords = 0
  /// Journal lines written ahead to `tmp/`: the staged file and its length.
  var spilledJournals: [String: (path: String, size: Int)] = [:]
  private var spillCount = 0
  private var madeTmpDirectory = false
  private let writingAhead = BackgroundWriter()

  /// Writes every changed record file but `current`, and its journal lines, to staged files
  /// in `tmp/`, and lets go of them. Nothing is in place until the commit renames them (a
  /// process killed before leaves only stray staged files, which the next command discards).
  ///
  /// The files are made and written on another thread while the change goes on; the batch
  /// before is written first, so that at most one batch waits in memory.
  private func spill(keeping current: ShardKey) throws {
    try writingAhead.finish()
    let tmp = StorePaths.tmpDirectory
    if spillCount == 0 { madeTmpDirectory = !FileSystem.exists(store.path(tmp)) }
    try FileSystem.makeStoreDirectory(tmp, in: store.directory, modes: store.modes)
    let store = self.store
    for key in dirtyShards where key != current {
      let path = StorePaths.shard(key.kind, key.index)
      let shard = try self.shard(key)
      let name = nextSpillName()
      let old = spilledShards[key]
      writingAhead.hand {
        let bytes = try shard.serialized(kind: key.kind, index: key.index, path: path, store: store)
        try Interruption.creatingStagedFile {
          try FileSystem.writeNew(store.path(name), bytes, sync: false, modes: store.modes)
        }
        if let old { try FileSystem.remove(store.path(old)) }
      }
      spilledShards[key] = name
      shards[key] = nil
      dirtyShards.remove(key)
      try spillJournal(StorePaths.journal(key.kind, key.index))
    }
    heldRecords = 0
  }

  /// Adds a journal file's pending lines to its staged file in `tmp/`, on the thread that
  /// writes ahead.
  private func spillJournal(_ path: String) throws {
    guard journalRewrites[path] == nil, let pieces = journalAppends[path] else { return }
    let store = self.store
    let size = pieces.reduce(0) { $0 + $1.count }
    if let staged = spilledJournals[path] {
      writingAhead.hand {
        try Interruption.creatingStagedFile {
          try FileSystem.append(
            store.path(staged.path), pieces.concatenated, at: staged.size, modes: store.modes)
        }
      }
      spilledJournals[path] = (staged.path, staged.size + size)
    } else {
      let name = nextSpillName()
      writingAhead.hand {
        try Interruption.creatingStagedFile {
          try FileSystem.writeNew(
            store.path(name), pieces.concatenated, sync: false, modes: store.modes)
        }
      }
      spilledJournals[path] = (name, size)
    }
    journalAppends[path] = nil
  }

  /// Waits until everything handed over has been written ahead; throws what failed.
  override func finishWritingAhead() throws {
    try writingAhead.finish()
  }

  private func nextSpillName() -> String {
    spillCount += 1
    // Ctrl-C before the commit removes these too, not only the next command.
    Interruption.writingAhead(
      prefix: store.path("\(StorePaths.tmpDirectory)/\(getpid())-"), count: spillCount)
    return "\(StorePaths.tmpDirectory)/\(getpid())-ahead-\(spillCount)"
  }

  /// Removes what was written ahead, when the change is not committed (a refusal, a
  /// failure, `--dry-run`): the store stays byte for byte as it was. Not once the commit
  /// marker is written: the next command needs the staged files to finish the commit.
  func discardWrittenAhead() {
    guard spillCount > 0 else { return }
    // Nothing may still be being written when it is removed (a failure is why it goes).
    try? writingAhead.finish()
    guard !FileSystem.exists(store.path(StorePaths.commitMarker)) else { return }
    for name in spilledShards.values { unlink(store.path(name)) }
    for staged in spilledJournals.values { unlink(store.path(staged.path)) }
    spilledShards = [:]
    spilledJournals = [:]
    if madeTmpDirectory { rmdir(store.path(StorePaths.tmpDirectory)) }
  }

  // MARK: - Changing records

  /// Saves a new record, giving it the next free ID unless it has one, and returns it
  /// with its ID. Refuses an ID that is taken. `prepared` is the record already written as
  /// its stored bytes but for the ID (an import writes rows on another thread).
  @discardableResult
  public func insert<R: StoredRecord>(
    _ record: R, action: String, event: String? = nil, note: String? = nil,
    prepared: PreparedRecord? = nil
  ) throws -> R {
    var record = record
    if let id = record.id {
      guard id.kind == R.kind else {
        throw SamverkanError.internalError("\(id) saved as a \(R.kind.noun)")
      }
      if try exists(id) {
        throw SamverkanError.refused("\(id) exists already; choose another ID or update it")
      }
    } else {
      record.id = try freeID(of: R.kind, from: try meta(R.kind).nextNumber)
    }
    try save(record, old: nil, action: action, event: event, note: note, prepared: prepared)
    return record
  }

  /// The first ID from `number` on that no record has. The counter is normally past every
  /// record, but a store restored in parts (an old `meta.json` beside newer records) has it
  /// behind: a new ID must never replace an existing record. `store check` reports the
  /// counter.
  public func freeID(of kind: RecordKind, from number: Int) throws -> RecordID {
    var number = number
    while number <= RecordID.maximumNumber, try exists(RecordID(kind: kind, number: number)) {
      number += 1
    }
    guard number <= RecordID.maximumNumber else {
      throw SamverkanError.storeUnavailable(
        path: store.path(StorePaths.meta(kind)),
        reason:
          "no \(kind.noun) ID is left below \(kind.prefix)-\(RecordID.maximumNumber); run 'samverkan store check'"
      )
    }
    return RecordID(kind: kind, number: number)
  }

  /// Saves a changed record over its stored version (which must exist).
  public func update<R: StoredRecord>(
    _ record: R, action: String, event: String? = nil, note: String? = nil
  ) throws {
    guard let id = record.id else {
      throw SamverkanError.internalError("update of a \(R.kind.noun) without an ID")
    }
    let old = try require(id, as: R.self)
    try save(record, old: old, action: action, event: event, note: note)
  }

  /// Removes a record; its journal stays, ending with the removal.
  public func remove<R: StoredRecord>(
    _ type: R.Type, id: RecordID, action: String, note: String? = nil
  ) throws {
    let old = try require(id, as: R.self)
    let oldJSON = try encode(old)
    try keepDueIndex(of: R.self)
    try updateIndexes(id: id, old: old, new: nil as R?)
    try shard(for: id).records[id.number] = nil
    dirtyShards.insert(ShardKey(kind: id.kind, index: StorePaths.shardIndex(of: id)))
    var changes: [String: JSONValue] = [:]
    for key in oldJSON.objectValue?.keys ?? [:].keys { changes[key] = .null }
    var changeBytes: [UInt8] = []
    JSONWriter.write(.object(changes), into: &changeBytes)
    journal(id: id, action: action, changes: changeBytes, removed: true, note: note)
  }

  /// Records an event on a record without changing it, e.g. "SP genomförd" with a
  /// case-system reference.
  public func journalEvent(id: RecordID, action: String, event: String, note: String? = nil)
    throws
  {
    journal(id: id, action: action, changes: Array("{}".utf8), event: event, note: note)
  }

  /// Marks a person as having protected personal data (skyddade personuppgifter): their
  /// name and number are masked in every output unless `--reveal`.
  public func markProtected(_ person: PersonNumber) throws {
    var set = try protectedSet()
    guard !set.contains(person.longForm) else { return }
    set.insert(person.longForm)
    protectedPersonNumbers = set
    protectedDirty = true
  }

  // MARK: - Saving

  private func save<R: StoredRecord>(
    _ record: R, old: R?, action: String, event: String?, note: String?,
    prepared: PreparedRecord? = nil
  ) throws {
    let id = try record.savedID
    if let person = record.person, let name = record.personName {
      try register(name, for: person, id: id)
    }
    let bytes: [UInt8]
    var changes: [String: JSONValue] = [:]
    if let prepared, old == nil {
      bytes = prepared.bytes(id: id)
    } else {
      // The name lives in the person register, once per person: not in the record.
      let newJSON = Self.withoutName(try encode(record))
      if let old {
        // A new record's changes are the whole record, written from its bytes below.
        changes = Journal.changes(from: Self.withoutName(try encode(old)), to: newJSON)
        // A record imported before names lived only in the register still holds its own:
        // the journal says it goes, so that it replays to the stored record.
        let path = StorePaths.shard(id.kind, StorePaths.shardIndex(of: id))
        if try shard(for: id).records[id.number]?.value(path: path, store)["personName"] != nil {
          changes["personName"] = .null
        }
        if changes.isEmpty, event == nil, note == nil { return }
      }
      var written: [UInt8] = []
      JSONWriter.write(newJSON, into: &written)
      // Exactly sized: an import keeps 100,000 of these until it commits.
      bytes = Array(written[...])
    }
    try keepDueIndex(of: R.self)
    try updateIndexes(id: id, old: old, new: record)
    try shard(for: id).records[id.number] = .encoded(bytes)
    heldRecords += 1
    // A new record's changes are the whole record: reuse its bytes.
    var changeBytes = bytes
    if old != nil {
      changeBytes.removeAll(keepingCapacity: true)
      JSONWriter.write(.object(changes), into: &changeBytes)
    }
    dirtyShards.insert(ShardKey(kind: id.kind, index: StorePaths.shardIndex(of: id)))
    var meta = try self.meta(R.kind)
    if id.number >= meta.nextNumber || !meta.exists {
      meta.nextNumber = max(meta.nextNumber, id.number + 1)
      meta.exists = true
      metas[R.kind] = meta
      dirtyMetas.insert(R.kind)
    }
    journal(id: id, action: action, changes: changeBytes, event: event, note: note)
    if heldRecords >= spillThreshold {
      try spill(keeping: ShardKey(kind: id.kind, index: StorePaths.shardIndex(of: id)))
    }
  }

  private func encode<R: StoredRecord>(_ record: R) throws -> JSONValue {
    do {
      return try JSONValueEncoder().encode(record)
    } catch {
      throw SamverkanError.internalError("\(R.kind.noun) cannot be encoded: \(error)")
    }
  }

  private func updateIndexes<R: StoredRecord>(id: RecordID, old: R?, new: R?) throws {
    let key = id.description
    // Each field read once: reading one through the optional record copies the record.
    let (oldPerson, newPerson) = (old?.person, new?.person)
    let (oldRef, newRef) = (old?.ref, new?.ref)
    if oldPerson != newPerson {
      if let person = oldPerson {
        personIndexSets[person.longForm] = nil
        try editBucket(StorePaths.persons(StorePaths.bucket(of: person.longForm))) { entries in
          let remaining = (entries[person.longForm]?.arrayValue ?? []).filter {
            $0.stringValue != key
          }
          entries[person.longForm] = remaining.isEmpty ? nil : .array(remaining)
        }
      }
      if let person = newPerson {
        let personKey = person.longForm
        try editBucket(StorePaths.persons(StorePaths.bucket(of: personKey))) { entries in
          // In place, with a set beside the list: an import of 40,000 rows for one person
          // otherwise copies and searches the person's whole list for every row.
          let inserted = personIndexSets[personKey, default: Self.listedIDs(entries[personKey])]
            .insert(key).inserted
          guard inserted else { return }
          var list: [JSONValue] = []
          if case .array(let existing)? = entries.removeValue(forKey: personKey) { list = existing }
          list.append(.string(key))
          entries[personKey] = .array(list)
        }
      }
    }
    try updateReferences(id: id, old: old, new: new)
    if R.self is any DueWatched.Type {
      let oldWindow = (old as? any DueWatched)?.dueWindow
      let newWindow = (new as? any DueWatched)?.dueWindow
      if oldWindow != newWindow {
        if let oldWindow {
          try editBucket(StorePaths.due(R.kind, oldWindow, id)) { $0[key] = nil }
        }
        if let newWindow { try addDueEntry(id: id, window: newWindow) }
      }
    }
    if oldRef != newRef {
      if let ref = oldRef {
        try editBucket(StorePaths.refs(R.kind, StorePaths.bucket(of: ref))) { $0[ref] = nil }
      }
      if let ref = newRef {
        if let owner = try recordID(forRef: ref, kind: R.kind), owner != id {
          throw SamverkanError.refused(
            "the external reference '\(ref)' belongs to \(owner) already; each ref names one \(R.kind.noun)"
          )
        }
        try editBucket(StorePaths.refs(R.kind, StorePaths.bucket(of: ref))) {
          $0[ref] = .string(key)
        }
      }
    }
  }

  /// The IDs a person's entry of the person index lists.
  private static func listedIDs(_ entry: JSONValue?) -> Set<String> {
    Set((entry?.arrayValue ?? []).compactMap(\.stringValue))
  }

  /// Keeps the index of the records each record relies on (`references`).
  private func updateReferences<R: StoredRecord>(id: RecordID, old: R?, new: R?) throws {
    let (oldList, newList) = (old?.references ?? [], new?.references ?? [])
    // Most records rely on no other (every consent): nothing to compare or write.
    if oldList.isEmpty, newList.isEmpty { return }
    let key = id.description
    let oldReferences = Set(oldList)
    let newReferences = Set(newList)
    let targets = oldReferences.union(newReferences)
    let entry = new.map { RecordReference(id: id, isOpen: $0.isOpen, state: $0.stateName) }
    let stateChanged = old?.isOpen != new?.isOpen || old?.stateName != new?.stateName
    for target in targets {
      let keep = newReferences.contains(target)
      guard keep != oldReferences.contains(target) || (keep && stateChanged) else { continue }
      try editBucket(StorePaths.references(StorePaths.bucket(of: target.description))) {
        entries in
        var list = (entries[target.description]?.arrayValue ?? []).filter {
          $0["id"]?.stringValue != key
        }
        if keep, let entry { list.append(entry.json) }
        entries[target.description] = list.isEmpty ? nil : .array(list)
      }
    }
  }

  /// Makes sure the kind's index of due dates is kept before a record of it changes: a kind
  /// saved for the first time starts it empty; a kind of a store written before it was kept
  /// gets it built from every record, in this command's commit (`meta.json` then says so).
  private func keepDueIndex<R: StoredRecord>(of type: R.Type) throws {
    guard R.self is any DueWatched.Type else { return }
    var meta = try self.meta(R.kind)
    guard !meta.dueIndexed else { return }
    for index in try shardIndices(of: R.kind) {
      let key = ShardKey(kind: R.kind, index: index)
      let held = shards[key] != nil
      let path = StorePaths.shard(R.kind, index)
      for (number, slot) in try shard(key).records {
        let id = RecordID(kind: R.kind, number: number)
        let record = try decode(try slot.value(path: path, store), as: R.self, id: id)
        guard let window = (record as? any DueWatched)?.dueWindow else { continue }
        try addDueEntry(id: id, window: window)
      }
      // A walk of a large collection keeps only the files it changed in memory.
      if !held, !dirtyShards.contains(key) { shards[key] = nil }
    }
    meta.dueIndexed = true
    metas[R.kind] = meta
    dirtyMetas.insert(R.kind)
  }

  /// Adds a record's window to its file of the index of due dates; compactly to a file that
  /// does not exist yet.
  private func addDueEntry(id: RecordID, window: DueWindow) throws {
    let number: Int32
    if let known = dueWindowNumbers[window] {
      number = known
    } else {
      number = Int32(dueWindowTexts.count)
      dueWindowTexts.append(window.description)
      dueWindowNumbers[window] = number
    }
    let key = DuePathKey(kind: id.kind, window: number, bucket: StorePaths.dueBucket(of: id))
    let path: String
    if let known = duePaths[key] {
      path = known
    } else {
      path = StorePaths.due(id.kind, window, id)
      duePaths[key] = path
    }
    // A file this command makes already has its place among the changed files.
    if newDueFiles[path]?.add(id.number, window: number) != nil { return }
    if newDueFiles[path] == nil {
      // A file there (or one the manifest lists and is lost: damage, refused by reading it)
      // is read and edited as every bucket is.
      var existing = buckets[path] != nil || FileSystem.exists(store.path(path))
      if !existing { existing = try indexBuckets()?.contains(path) == true }
      if existing {
        try editBucket(path) { $0[id.description] = .string(dueWindowTexts[Int(number)]) }
        return
      }
      newDueFiles[path] = NewDueFile(kind: id.kind)
    }
    newDueFiles[path]?.add(id.number, window: number)
    dirtyBuckets.insert(path)
  }

  /// A bucket as this command has it: a new file of the index of due dates becomes an
  /// ordinary bucket when it is read (or edited other than by adding).
  override func bucket(_ path: String) throws -> [String: JSONValue] {
    // Only a file of the index of due dates can be one (most buckets read are not: a
    // lookup that finds nothing costs more than one that does).
    if !newDueFiles.isEmpty, StorePaths.isInDueIndex(path),
      let file = newDueFiles.removeValue(forKey: path)
    {
      buckets[path] = file.entries(texts: dueWindowTexts)
    }
    return try super.bucket(path)
  }

  override var bucketPathsHeld: Set<String> {
    super.bucketPathsHeld.union(newDueFiles.keys)
  }

  func editBucket(_ path: String, _ edit: (inout [String: JSONValue]) -> Void) throws {
    _ = try bucket(path)
    // In place: a copy would make every insert of a big import copy a whole bucket.
    edit(&buckets[path, default: [:]])
    dirtyBuckets.insert(path)
  }

  // MARK: - Journal

  /// Appends one journal line, written by hand with its keys in sorted order (what
  /// `JSONWriter` would write). A line is three pieces — the part before the changes (the
  /// same for every line of an action, so shared), the changes (for a new record, the very
  /// bytes of the record file), and the rest — so a large import holds each record once.
  func journal(
    id: RecordID, action: String, changes: [UInt8], event: String? = nil,
    removed: Bool = false, note: String?
  ) {
    let path = StorePaths.journal(id.kind, StorePaths.shardIndex(of: id))
    var rest: [UInt8] = []
    func key(_ name: String) {
      rest.append(contentsOf: Array(",\"\(name)\":".utf8))
    }
    if let event {
      key("event")
      JSONWriter.write(.string(event), into: &rest)
    }
    key("id")
    JSONWriter.write(.string(id.description), into: &rest)
    if let login = store.login {
      key("login")
      JSONWriter.write(.string(login), into: &rest)
    }
    if let note {
      key("note")
      JSONWriter.write(.string(note), into: &rest)
    }
    if removed {
      key("removed")
      rest.append(contentsOf: Array("true".utf8))
    }
    key("time")
    JSONWriter.write(.string(time), into: &rest)
    rest.append(contentsOf: Array("}\n".utf8))
    journalAppends[path, default: []].append(
      contentsOf: [journalPrefix(action), changes, Array(rest[...])])
  }

  /// `{"action":…,"actor":…,"argv":…,"changes":` for an action, made once.
  private func journalPrefix(_ action: String) -> [UInt8] {
    if let prefix = journalPrefixes[action] { return prefix }
    var prefix = Array("{\"action\":".utf8)
    JSONWriter.write(.string(action), into: &prefix)
    prefix.append(contentsOf: Array(",\"actor\":".utf8))
    JSONWriter.write(.string(store.actor), into: &prefix)
    prefix.append(contentsOf: Array(",\"argv\":".utf8))
    JSONWriter.write(.array(store.commandLine.map { .string($0) }), into: &prefix)
    prefix.append(contentsOf: Array(",\"changes\":".utf8))
    journalPrefixes[action] = prefix
    return prefix
  }

  override func pendingJournal(_ path: String) throws -> [UInt8] {
    var bytes: [UInt8] = []
    if let staged = spilledJournals[path] {
      try writingAhead.finish()
      bytes = try FileSystem.read(store.path(staged.path)) ?? []
    }
    return bytes + (journalAppends[path] ?? []).concatenated
  }

  // MARK: - Commit

  /// Writes every change: staged files, the commit marker, renames, journal appends.
  func commit() throws {
    guard hasChanges else { return }
    try writingAhead.finish()
    var files: [(path: String, bytes: () throws -> [UInt8])] = []
    // store.json counts the persons in persons.json, so that losing that file (or an older
    // copy of it) is damage that every command sees, not everyone unmasked. A store written
    // before the count is given one on its first change.
    let info = store.exists ? store.info : nil
    if info?[Store.protectedCountKey] == nil || protectedDirty || schemaUpgraded {
      let list = try protectedSet().sorted().map { JSONValue.string($0) }
      files.append(
        (StorePaths.storeFile, { Self.storeInfo(previous: info, protectedCount: list.count) }))
      files.append((StorePaths.protectedPersons, { Self.document(["protected": .array(list)]) }))
    }
    for key in dirtyShards.sorted(by: { ($0.kind.prefix, $0.index) < ($1.kind.prefix, $1.index) }) {
      let path = StorePaths.shard(key.kind, key.index)
      let shard = try self.shard(key)
      files.append(
        (
          path,
          { try shard.serialized(kind: key.kind, index: key.index, path: path, store: self.store) }
        ))
    }
    for path in dirtyBuckets.sorted() {
      if let file = newDueFiles[path] {
        // Made one at a time as the file is staged, not all at once.
        let texts = dueWindowTexts
        files.append((path, { Self.document(["entries": .object(file.entries(texts: texts))]) }))
        continue
      }
      let entries = buckets[path] ?? [:]
      files.append((path, { Self.document(["entries": .object(entries)]) }))
    }
    // The manifest of index buckets gains the new ones. A store written before it was kept
    // gets one listing the buckets there now.
    let known = try indexBuckets()
    var listed: Set<String>
    if let known {
      listed = known
    } else {
      let persons = try FileSystem.list(store.path("index/persons")).map { "index/persons/\($0)" }
      let references = try FileSystem.list(store.path("index/references")).map {
        "index/references/\($0)"
      }
      listed = Set(persons + references).filter { $0.hasSuffix(".json") }
    }
    let before = listed.count
    listed.formUnion(dirtyBuckets.filter { $0.hasPrefix("index/") })
    if known == nil || listed.count != before {
      let list = listed.sorted().map { JSONValue.string($0) }
      files.append((StorePaths.indexManifest, { Self.document(["buckets": .array(list)]) }))
    }
    for kind in dirtyMetas.sorted(by: { $0.prefix < $1.prefix }) {
      let next = metas[kind]?.nextNumber ?? 1
      var document: [String: JSONValue] = [
        "collection": .string(kind.collection), "nextNumber": .integer(next),
      ]
      if metas[kind]?.dueIndexed == true { document["dueIndex"] = .bool(true) }
      files.append((StorePaths.meta(kind), { [document] in Self.document(document) }))
    }
    for (path, bytes) in journalRewrites.sorted(by: { $0.key < $1.key }) {
      // Lines written ahead for a journal rewritten whole go into the rewritten file.
      var ahead: [UInt8] = []
      if let staged = spilledJournals.removeValue(forKey: path) {
        ahead = try FileSystem.read(store.path(staged.path)) ?? []
        try FileSystem.remove(store.path(staged.path))
      }
      let pending = (journalAppends[path] ?? []).concatenated
      files.append((path, { bytes + ahead + pending }))
    }
    // What was written ahead: record files not changed since, and journal lines (with the
    // lines added since).
    var staged: [(from: String, to: String, append: Bool)] = []
    for (key, name) in spilledShards.sorted(by: { $0.value < $1.value }) {
      if dirtyShards.contains(key) {
        try FileSystem.remove(store.path(name))
      } else {
        staged.append((name, StorePaths.shard(key.kind, key.index), false))
      }
    }
    // A journal keeps the spill file it was first given.
    for (path, spilled) in spilledJournals.sorted(by: { $0.key < $1.key }) {
      try spillJournal(path)
      staged.append((spilled.path, path, true))
    }
    try writingAhead.finish()
    var journalAppends = self.journalAppends
    for path in journalRewrites.keys { journalAppends[path] = nil }
    try Commit(store: store).run(
      files: files, appends: journalAppends.mapValues { pieces in { pieces.concatenated } },
      staged: staged)
    spilledShards = [:]
    spilledJournals = [:]
  }

  static func document(_ object: [String: JSONValue]) -> [UInt8] {
    var object = object
    object["schemaVersion"] = .integer(Store.schemaVersion)
    var bytes: [UInt8] = []
    JSONWriter.write(.object(object), style: .pretty, into: &bytes)
    bytes.append(UInt8(ascii: "\n"))
    return bytes
  }

  static func storeInfo(previous: JSONValue?, protectedCount: Int) -> [UInt8] {
    var object =
      previous?.objectValue ?? [
        "format": .string("samverkan-store"),
        "created": .string(Timestamp.utcString(Date())),
      ]
    object[Store.protectedCountKey] = .integer(protectedCount)
    return document(object)
  }
}

/// A file of the index of due dates that a command makes, as it adds to it: each entry the
/// record's ID number and the number of its window's text.
/// Which file of the index of due dates a record's window goes to: its kind, its window (by
/// the number the writer gives it) and its ID's bucket.
struct DuePathKey: Hashable {
  var kind: RecordKind
  var window: Int32
  var bucket: Int
}

struct NewDueFile {
  let kind: RecordKind
  private var numbers: [Int] = []
  private var windows: [Int32] = []

  init(kind: RecordKind) {
    self.kind = kind
  }

  mutating func add(_ number: Int, window: Int32) {
    numbers.append(number)
    windows.append(window)
  }

  /// The file's entries (a later entry for an ID replaces an earlier one).
  func entries(texts: [String]) -> [String: JSONValue] {
    var entries: [String: JSONValue] = [:]
    entries.reserveCapacity(numbers.count)
    for (number, window) in zip(numbers, windows) {
      entries[RecordID(kind: kind, number: number).description] = .string(texts[Int(window)])
    }
    return entries
  }
}

extension Array where Element == [UInt8] {
  /// The pieces one after another, each copied whole (`joined()` copies byte by byte).
  var concatenated: [UInt8] {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(reduce(0) { $0 + $1.count })
    for piece in self { bytes.append(contentsOf: piece) }
    return bytes
  }
}
