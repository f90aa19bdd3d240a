import Foundation
import SamverkanDomain
import SamverkanJSON

/// A record type as `store check` needs it: how to decode one and what it indexes.
public struct CheckedKind: Sendable {
  public let kind: RecordKind
  /// Whether the store keeps an index of due dates for the kind (`DueWatched`).
  let watchesDue: Bool
  let keys: @Sendable (JSONValue) throws -> IndexKeys
  /// The same from a record's canonical text (the file's bytes, the record's range and its
  /// members), decoded without a value tree; it throws where `keys` would.
  let textKeys: @Sendable ([UInt8], Range<Int>, CanonicalObject) throws -> IndexKeys

  /// The check for records of type `R`.
  public static func of<R: StoredRecord>(_ type: R.Type) -> CheckedKind {
    // Which records have a window is known from the type, once, not asked of each record.
    let watched = (R.self as? any DueWatched.Type).map { windowOf($0) }
    let window = watched as? @Sendable (R) -> DueWindow? ?? { _ in nil }
    return CheckedKind(
      kind: R.kind, watchesDue: R.self is any DueWatched.Type,
      keys: { raw in
        let record = try JSONValueDecoder().decode(R.self, from: raw)
        return IndexKeys(record, due: window(record))
      },
      textKeys: { bytes, range, object in
        let record = try CanonicalDecoder().decode(
          R.self, from: bytes, at: range, object: object)
        return IndexKeys(record, due: window(record))
      })
  }
}

/// A record's `dueWindow`, as a function of records of this type.
private func windowOf<R: DueWatched>(_ type: R.Type) -> Any {
  { (record: R) in record.dueWindow } as @Sendable (R) -> DueWindow?
}

struct IndexKeys {
  var person: String?
  var references: [String]
  var ref: String?
  var isOpen: Bool
  var state: String
  /// The record's window in the index of due dates, if it has one.
  var due: DueWindow?

  init<R: StoredRecord>(_ record: R, due: DueWindow?) {
    person = record.person?.longForm
    references = record.references.map(\.description)
    ref = record.ref
    isOpen = record.isOpen
    state = record.stateName
    self.due = due
  }
}

/// `samverkan store check`: every file parses, every record decodes in its right place,
/// the indexes match the records, every reference resolves, and each record's journal
/// replays to exactly the record.
public struct StoreCheck {
  public let store: Store
  public let kinds: [CheckedKind]

  public init(store: Store, kinds: [CheckedKind]) {
    self.store = store
    self.kinds = kinds
  }

  /// A problem found: the file (relative to the store) and what is wrong.
  public struct Problem: Equatable, Sendable, CustomStringConvertible {
    public var file: String
    public var message: String
    public var description: String { "\(file): \(message)" }

    public init(file: String, message: String) {
      self.file = file
      self.message = message
    }
  }

  /// What was checked, for the summary line.
  public struct Report: Sendable {
    public var problems: [Problem] = []
    public var records = 0
    public var journalLines = 0
  }

  /// Calls `body` with every path in the store below `relative` and what is there, without
  /// following links.
  private func walk(_ relative: String, _ body: (String, mode_t) -> Void) {
    let directory = relative.isEmpty ? store.directory : store.path(relative)
    for (name, type) in (try? FileSystem.listWithTypes(directory)) ?? [] {
      let file = relative.isEmpty ? name : relative + "/" + name
      guard let type else { continue }
      body(file, type)
      if type == S_IFDIR { walk(file, body) }
    }
  }

  /// What the check says about a store directory that does not exist.
  public static let missingStore =
    "there is no store here: the directory does not exist. A command that changes something creates it; check --store or SAMVERKAN_STORE."

  /// Runs every check. Like every command, it first finishes a change that a killed
  /// process left half-done (what the commit marker describes); it changes nothing else.
  public func run() throws -> Report {
    var report = Report()
    func problem(_ file: String, _ message: String) {
      report.problems.append(Problem(file: file, message: message))
    }
    // A store that does not exist is not an empty one: it may be a mistyped --store.
    guard FileSystem.exists(store.directory) else {
      problem(store.directory, StoreCheck.missingStore)
      return report
    }
    // Links and special files first: every command refuses to read through them, so they
    // are reported alone, and the rest is checked once they are gone.
    walk("") { file, type in
      switch type {
      case _ where file == Profile.fileName: break
      case S_IFDIR, S_IFREG: break
      case S_IFLNK:
        let target =
          (try? FileManager.default.destinationOfSymbolicLink(atPath: store.path(file))) ?? "?"
        problem(
          file,
          "a symbolic link (to \(target)); a store holds no links, which could make it read or write outside it"
        )
      default:
        problem(
          file, "not a plain file (a FIFO, socket or device); a store holds only plain files")
      }
    }
    // A marker naming paths outside the store would stop the check below; say what it names.
    if let marker = Commit.markerProblem(in: store) {
      problem(StorePaths.commitMarker, marker)
    }
    if !report.problems.isEmpty {
      report.problems.sort { ($0.file, $0.message) < ($1.file, $1.message) }
      return report
    }
    return try store.read { reader in
      if store.exists {
        if let bytes = try FileSystem.read(store.path(StorePaths.storeFile)),
          (try? JSONParser.parse(bytes))?["schemaVersion"] == nil
        {
          problem(StorePaths.storeFile, "it does not parse or has no schemaVersion")
        }
      }
      // The store is read one record file at a time (with its journal file), on every core,
      // and what the indexes must say is kept as a digest per bucket, not as the indexes
      // themselves: the check's memory does not grow with the store. A bucket whose digest
      // differs is read again in detail, to say exactly what is wrong.
      var digests = IndexDigests()
      var existing: [RecordKind: [Int32]] = [:]
      var wanted: [(from: String, to: String)] = []
      for checked in kinds {
        let kind = checked.kind
        var highest = 0
        var indices = Set<Int>()
        for name in try FileSystem.list(store.path(StorePaths.recordsDirectory(kind))) {
          guard name.hasSuffix(".json"), let index = Int(name.dropLast(5)) else {
            problem(
              "\(StorePaths.recordsDirectory(kind))/\(name)",
              "an unexpected file in the records folder")
            continue
          }
          indices.insert(index)
        }
        for name in try FileSystem.list(store.path(StorePaths.journalDirectory(kind))) {
          guard name.hasSuffix(".ndjson"), let index = Int(name.dropLast(7)) else {
            problem(
              "\(StorePaths.journalDirectory(kind))/\(name)",
              "an unexpected file in the journal folder")
            continue
          }
          indices.insert(index)
        }
        var numbers: [Int32] = []
        var dueDigest: UInt64 = 0
        ShardCheck.run(indices.sorted(), checked: checked, store: store) { result in
          dueDigest &+= result.due
          report.problems += result.problems
          report.records += result.records
          report.journalLines += result.journalLines
          highest = max(highest, result.highest)
          numbers += result.numbers
          digests.add(result, kind: kind)
          wanted += result.wanted
        }
        numbers.sort()
        existing[kind] = numbers
        // The counter must be past every ID, or the next record would take an existing ID.
        if highest > 0 {
          let meta = try? reader.meta(kind)
          if let meta, meta.nextNumber <= highest {
            problem(
              StorePaths.meta(kind),
              "nextNumber is \(meta.nextNumber) but \(kind.prefix)-\(highest) exists")
          } else if meta == nil || meta?.exists == false {
            problem(StorePaths.meta(kind), "missing or damaged")
          }
        }
        // External references: the index's digest per bucket against the records'.
        var refFiles: [Int: String] = [:]
        var refsDiffer = Set<Int>()
        for name in try FileSystem.list(store.path("\(kind.collection)/refs")) {
          guard name.hasSuffix(".json"), let bucket = Int(name.dropLast(5), radix: 16) else {
            continue
          }
          let file = "\(kind.collection)/refs/\(name)"
          refFiles[bucket] = file
        }
        // Each file of the index read on every core, only its digests kept.
        let store = self.store
        let refDigests = try BothCores.map(
          refFiles.sorted(by: { $0.key < $1.key }), minimumItems: 2
        ) {
          bucket, file in
          // The hashes of entries in their own bucket summed here; any others (damage) kept.
          var own: UInt64 = 0
          var misplaced: [(home: Int, hash: UInt64)] = []
          StoreReader.forEachBucketEntry(file, store: store) { entry in
            let ref = entry[entry.key]
            let home = StorePaths.bucket(ofText: ref)
            let hash = IndexDigests.hash(ref, entry[entry.text ?? 0..<0])
            if home == bucket { own &+= hash } else { misplaced.append((home, hash)) }
          }
          return (bucket: bucket, own: own, misplaced: misplaced)
        }
        for file in refDigests {
          digests.subtract(file.own, kind: kind, bucket: file.bucket)
          for (home, hash) in file.misplaced {
            refsDiffer.formUnion([home, file.bucket])
            digests.subtract(hash, kind: kind, bucket: home)
          }
        }
        if checked.watchesDue, (try? reader.meta(kind))?.dueIndexed == true {
          try checkDueIndex(checked, digest: dueDigest, reader: reader, problem: problem)
        }
        refsDiffer.formUnion(digests.differingRefBuckets(kind))
        if !refsDiffer.isEmpty {
          try checkRefsInDetail(
            checked, buckets: refsDiffer, files: refFiles, reader: reader, problem: problem)
        }
      }
      // Every bucket the manifest lists must be there, or its entries are lost.
      if let listed = try? reader.indexBuckets() {
        for file in listed.sorted() where !FileSystem.exists(store.path(file)) {
          problem(file, "missing, though index/buckets.json lists it; its entries are lost")
        }
      }
      // The person and reference indexes must say exactly what the records say: bucket by
      // bucket, against the digests; a bucket that differs is compared in detail.
      var personsDiffer = Set<Int>()
      var referencesDiffer = Set<Int>()
      var personsKnown: [Int: Set<String>] = [:]
      // Each bucket read on every core, only its digests and the persons it knows kept.
      let store = self.store
      let buckets = try BothCores.map(Array(0..<Store.bucketCount), minimumItems: 2) { bucket in
        var known = Set<String>()
        var persons: UInt64 = 0
        var personMisplaced = false
        StoreReader.forEachBucketEntry(StorePaths.persons(bucket), store: store) { entry in
          let person = entry[entry.key]
          if !entry.texts.isEmpty { known.insert(String(decoding: person, as: UTF8.self)) }
          if StorePaths.bucket(ofText: person) != bucket { personMisplaced = true }
          // Each ID listed counts once, however often it is listed.
          for (index, id) in entry.texts.enumerated()
          where !entry.texts.prefix(index).contains(where: { entry[$0].elementsEqual(entry[id]) }) {
            persons &+= IndexDigests.hash(person, entry[id])
          }
        }
        // The persons the register names that this bucket of the index does not know: what
        // the register check below reports, when the index's bucket matches the records.
        var unknownNames: [String] = []
        StoreReader.forEachBucketEntry(StorePaths.names(bucket), store: store) { entry in
          let person = String(decoding: entry[entry.key], as: UTF8.self)
          if !known.contains(person) { unknownNames.append(person) }
        }
        var references: UInt64 = 0
        var referenceMisplaced = false
        for (target, entries) in StoreReader.bucketEntries(
          StorePaths.references(bucket), store: store)
        {
          if StorePaths.bucket(of: target) != bucket { referenceMisplaced = true }
          var seen = Set<String>()
          for entry in entries.arrayValue ?? [] {
            let id = entry["id"]?.stringValue ?? ""
            guard seen.insert(id).inserted else { continue }
            references &+= IndexDigests.hash(target, id, entry)
          }
        }
        return (
          known: known, persons: persons, personMisplaced: personMisplaced,
          unknownNames: unknownNames, references: references,
          referenceMisplaced: referenceMisplaced
        )
      }
      for (bucket, index) in buckets.enumerated() {
        digests.persons[bucket] &-= index.persons
        if index.personMisplaced { personsDiffer.insert(bucket) }
        if digests.persons[bucket] != 0 {
          personsDiffer.insert(bucket)
        } else {
          personsKnown[bucket] = index.known
        }
        digests.references[bucket] &-= index.references
        if index.referenceMisplaced || digests.references[bucket] != 0 {
          referencesDiffer.insert(bucket)
        }
      }
      var persons: [String: Set<String>] = [:]
      var references: [String: [String: JSONValue]] = [:]
      if !personsDiffer.isEmpty || !referencesDiffer.isEmpty {
        // Only the buckets that differ: what the records say they should hold.
        for checked in kinds {
          try forEachRecord(of: checked) { id, keys in
            if let person = keys.person,
              personsDiffer.contains(StorePaths.bucket(of: person))
            {
              persons[person, default: []].insert(id.description)
            }
            for target in keys.references
            where referencesDiffer.contains(StorePaths.bucket(of: target)) {
              references[target, default: [:]][id.description] =
                RecordReference(id: id, isOpen: keys.isOpen, state: keys.state).json
            }
          }
        }
        for person in persons.keys {
          personsKnown[StorePaths.bucket(of: person), default: []].insert(person)
        }
      }
      // The person register names only persons the store holds records about: where the
      // index's bucket matches the records, the persons it knows are those, and the names it
      // does not know were found above; elsewhere the register is read again.
      for bucket in 0..<Store.bucketCount {
        let file = StorePaths.names(bucket)
        let unknown: [String]
        if personsDiffer.contains(bucket) {
          let known = personsKnown[bucket] ?? []
          unknown = reader.uncachedBucket(file).keys.filter { !known.contains($0) }
        } else {
          unknown = buckets[bucket].unknownNames
        }
        for _ in unknown {
          problem(file, "the person register names a person no record is about")
        }
      }
      for bucket in personsDiffer.sorted() {
        let file = StorePaths.persons(bucket)
        for (person, ids) in reader.uncachedBucket(file) {
          let listed = Set((ids.arrayValue ?? []).compactMap(\.stringValue))
          let expected = persons[person] ?? []
          if listed != expected {
            problem(
              file,
              "the person index lists \(listed.sorted()) for a person whose records are \(expected.sorted())"
            )
          }
          persons[person] = nil
        }
      }
      for bucket in referencesDiffer.sorted() {
        let referencesFile = StorePaths.references(bucket)
        for (target, entries) in reader.uncachedBucket(referencesFile) {
          let listed = Dictionary(
            (entries.arrayValue ?? []).map { ($0["id"]?.stringValue ?? "", $0) },
            uniquingKeysWith: { first, _ in first })
          if listed != (references[target] ?? [:]) {
            problem(referencesFile, "the references to \(target) do not match the records")
          }
          references[target] = nil
        }
      }
      for person in persons.keys.sorted() {
        problem(
          StorePaths.persons(StorePaths.bucket(of: person)),
          "a person's records are missing from the person index")
      }
      for target in references.keys.sorted() {
        problem(
          StorePaths.references(StorePaths.bucket(of: target)),
          "records relying on \(target) are missing from the index")
      }
      for (from, to) in wanted where !Self.exists(to, in: existing) {
        problem(from, "\(from) relies on \(to), which does not exist")
      }
      do {
        _ = try reader.protectedSet()
      } catch let error as SamverkanError {
        problem(StorePaths.protectedPersons, error.message)
      }
      report.problems.sort { ($0.file, $0.message) < ($1.file, $1.message) }
      return report
    }
  }
}

extension StoreCheck {
  /// Whether a record with this ID was found (the record numbers of each kind, sorted).
  static func exists(_ text: String, in existing: [RecordKind: [Int32]]) -> Bool {
    guard let id = try? RecordID(parsing: text), let numbers = existing[id.kind] else {
      return false
    }
    var low = 0
    var high = numbers.count
    while low < high {
      let middle = (low + high) / 2
      if Int(numbers[middle]) < id.number { low = middle + 1 } else { high = middle }
    }
    return low < numbers.count && Int(numbers[low]) == id.number
  }

  /// Every record of a kind that decodes, with what it indexes, one file at a time: for the
  /// detailed comparison of a bucket whose digest differs (damage, so rare).
  func forEachRecord(of checked: CheckedKind, _ body: (RecordID, IndexKeys) -> Void) throws {
    let kind = checked.kind
    for name in try FileSystem.list(store.path(StorePaths.recordsDirectory(kind))) {
      guard name.hasSuffix(".json"), let index = Int(name.dropLast(5)),
        let shard = try? Shard.load(
          path: StorePaths.shard(kind, index), key: ShardKey(kind: kind, index: index),
          store: store)
      else { continue }
      for (number, slot) in shard.records {
        guard let raw = try? slot.value(path: name, store), let keys = try? checked.keys(raw)
        else { continue }
        body(RecordID(kind: kind, number: number), keys)
      }
    }
  }

  /// The index of due dates of a kind against its records: every record with a window is
  /// listed with exactly that window, in the file its window and ID give, and nothing else
  /// is. Compared by a digest; when it differs, in detail, to name what is wrong.
  func checkDueIndex(
    _ checked: CheckedKind, digest: UInt64, reader: StoreReader,
    problem: (String, String) -> Void
  ) throws {
    let kind = checked.kind
    let directory = StorePaths.dueDirectory(kind)
    var remaining = digest
    var files: [String] = []
    for name in try FileSystem.list(store.path(directory)).sorted() {
      let file = "\(directory)/\(name)"
      guard StorePaths.isDueFile(name) else {
        problem(file, "an unexpected file in the index of due dates")
        continue
      }
      files.append(file)
    }
    // Each file read on every core, only its digest kept.
    let store = self.store
    for sum in try BothCores.map(
      files, minimumItems: 2,
      { file in
        var sum: UInt64 = 0
        StoreReader.forEachBucketEntry(file, store: store) { entry in
          sum &+= IndexDigests.hash(file.utf8, entry[entry.key], entry[entry.text ?? 0..<0])
        }
        return sum
      })
    {
      remaining &-= sum
    }
    guard remaining != 0 else { return }
    var expected: [String: (file: String, window: String)] = [:]
    try forEachRecord(of: checked) { id, keys in
      guard let window = keys.due else { return }
      expected[id.description] = (StorePaths.due(kind, window, id), window.description)
    }
    for file in files {
      for (id, window) in reader.uncachedBucket(file).sorted(by: { $0.key < $1.key }) {
        let listed = window.stringValue ?? ""
        guard let wanted = expected.removeValue(forKey: id) else {
          problem(file, "the index of due dates lists \(id), which can never be due as stored")
          continue
        }
        if wanted.file != file || wanted.window != listed {
          problem(
            file,
            "the index of due dates lists \(id) for \(listed), but its record says \(wanted.window)"
          )
        }
      }
    }
    for (id, wanted) in expected.sorted(by: { $0.key < $1.key }) {
      problem(
        wanted.file, "\(id) is missing from the index of due dates; the agenda would not show it")
    }
  }

  /// The external references of the buckets whose digest differs, compared in detail.
  func checkRefsInDetail(
    _ checked: CheckedKind, buckets: Set<Int>, files: [Int: String], reader: StoreReader,
    problem: (String, String) -> Void
  ) throws {
    let kind = checked.kind
    var refs: [String: String] = [:]
    var recordFiles: [String: String] = [:]
    try forEachRecord(of: checked) { id, keys in
      guard let ref = keys.ref, buckets.contains(StorePaths.bucket(of: ref)) else { return }
      if let owner = refs[ref] {
        problem(
          StorePaths.shard(kind, StorePaths.shardIndex(of: id)),
          "\(id) and \(owner) have the same ref '\(ref)'")
      }
      refs[ref] = id.description
      recordFiles[ref] = StorePaths.shard(kind, StorePaths.shardIndex(of: id))
    }
    for bucket in buckets.sorted() {
      guard let file = files[bucket] else { continue }
      for (ref, id) in reader.uncachedBucket(file) {
        if StorePaths.bucket(of: ref) != bucket {
          problem(file, "'\(ref)' is in the wrong bucket")
        }
        if refs[ref] != id.stringValue {
          problem(
            file,
            "'\(ref)' points to \(id.stringValue ?? "nothing"), but the records say \(refs[ref] ?? "no record has it")"
          )
        }
        refs[ref] = nil
      }
    }
    for (ref, id) in refs.sorted(by: { $0.key < $1.key }) {
      problem(
        StorePaths.refs(kind, StorePaths.bucket(of: ref)),
        "'\(ref)' of \(id) is missing from the index")
    }
  }
}

extension StoreReader {
  /// An index bucket read without keeping it (empty when it cannot be read; the check
  /// reports that separately): a check walks every bucket once.
  /// `uncachedBucket`, read by any thread: a bucket's entries, or none when it is missing or
  /// damaged (the check reports those by the digests that then differ).
  static func bucketEntries(_ path: String, store: Store) -> [String: JSONValue] {
    guard let bytes = try? FileSystem.read(store.path(path)),
      let document = try? JSONParser.parse(bytes),
      (try? Store.checkVersion(of: document, path: store.path(path))) != nil,
      case .object(let entries)? = document["entries"]
    else { return [:] }
    return entries
  }

  func uncachedBucket(_ path: String) -> [String: JSONValue] {
    let entries = (try? bucket(path)) ?? [:]
    buckets[path] = nil
    return entries
  }
}

/// FNV-1a over parts (each ended by a 0 byte, which UTF-8 text never holds), mixed at the
/// end so that sums of hashes do not cancel by accident.
struct DigestFeed {
  private var hash: UInt64 = 0xcbf2_9ce4_8422_2325

  mutating func byte(_ byte: UInt8) {
    hash ^= UInt64(byte)
    hash = hash &* 0x100_0000_01b3
  }

  mutating func text(_ text: String) {
    var text = text
    text.withUTF8 { self.text($0) }
  }

  mutating func text(_ text: some Sequence<UInt8>) { for byte in text { self.byte(byte) } }

  mutating func end() { byte(0) }

  /// A part of a hash: its bytes, ended by a 0 byte (which UTF-8 text never holds).
  mutating func part(_ text: String) {
    self.text(text)
    end()
  }

  mutating func part(_ text: some Sequence<UInt8>) {
    self.text(text)
    end()
  }

  /// The hash of what `feed` feeds.
  static func value(_ feed: (inout DigestFeed) -> Void) -> UInt64 {
    var digest = DigestFeed()
    feed(&digest)
    return digest.value
  }

  /// The first `count` characters of a date's `YYYY-MM-DD` (7: its month), or `open`.
  mutating func date(_ date: CivilDate?, open: String, through count: Int) {
    guard let date else { return text(open) }
    guard (0...9999).contains(date.year) else {
      return text(String(date.description.prefix(count)))
    }
    var written = 0
    func digits(_ number: Int, _ width: Int) {
      var divisor = width == 4 ? 1000 : 10
      while divisor > 0, written < count {
        byte(UInt8(ascii: "0") + UInt8(number / divisor % 10))
        written += 1
        divisor /= 10
      }
    }
    func dash() {
      guard written < count else { return }
      byte(UInt8(ascii: "-"))
      written += 1
    }
    digits(date.year, 4)
    dash()
    digits(date.month, 2)
    dash()
    digits(date.day, 2)
  }

  mutating func month(_ date: CivilDate?, open: String) { self.date(date, open: open, through: 7) }

  var value: UInt64 {
    var hash = hash
    hash = (hash ^ (hash >> 30)) &* 0xbf58_476d_1ce4_e5b9
    hash = (hash ^ (hash >> 27)) &* 0x94d0_49bb_1331_11eb
    return hash ^ (hash >> 31)
  }
}

/// What the indexes must hold, as a digest per bucket: the records add a hash for each entry
/// they imply, the index files subtract one for each entry they hold, and a bucket that ends
/// at zero holds exactly what the records say (a sum of hashes, so order does not matter).
struct IndexDigests {
  var persons = [UInt64](repeating: 0, count: Store.bucketCount)
  var references = [UInt64](repeating: 0, count: Store.bucketCount)
  var refs: [RecordKind: [UInt64]] = [:]

  mutating func add(_ result: ShardCheck, kind: RecordKind) {
    for (bucket, hash) in result.persons { persons[bucket] &+= hash }
    for (bucket, hash) in result.references { references[bucket] &+= hash }
    guard !result.refs.isEmpty else { return }
    // The kind's digests looked up once, not for each entry: a city's check adds a million.
    var digest = refs.removeValue(forKey: kind) ?? Self.zero
    for (bucket, hash) in result.refs { digest[bucket] &+= hash }
    refs[kind] = digest
  }

  /// Subtracts the hashes of entries of the index of external references (`hash(ref, id)`),
  /// summed by bucket.
  mutating func subtract(_ hash: UInt64, kind: RecordKind, bucket: Int) {
    // Changed in place: a copy of the kind's digests for each call would cost a copy each.
    refs[kind, default: Self.zero][bucket] &-= hash
  }

  private static let zero = [UInt64](repeating: 0, count: Store.bucketCount)

  func differingRefBuckets(_ kind: RecordKind) -> [Int] {
    let digest = refs[kind] ?? []
    return digest.indices.filter { digest[$0] != 0 }
  }

  /// FNV-1a over the parts (each ended by a 0 byte, which UTF-8 text never holds), mixed
  /// so that sums of hashes do not cancel by accident.
  static func hash(_ parts: String..., entry: JSONValue? = nil) -> UInt64 {
    hash(parts.map(\.utf8), entry: entry)
  }

  /// `hash(first, second)` of the parts' UTF-8 bytes, without making an array of them (a
  /// city's check hashes millions).
  static func hash(_ first: some Sequence<UInt8>, _ second: some Sequence<UInt8>) -> UInt64 {
    DigestFeed.value { feed in
      feed.part(first)
      feed.part(second)
    }
  }

  static func hash(_ first: String, _ second: String) -> UInt64 {
    DigestFeed.value { feed in
      feed.part(first)
      feed.part(second)
    }
  }

  /// `hash(first, second, third)` of the parts' UTF-8 bytes.
  static func hash(
    _ first: some Sequence<UInt8>, _ second: some Sequence<UInt8>, _ third: some Sequence<UInt8>
  ) -> UInt64 {
    DigestFeed.value { feed in
      feed.part(first)
      feed.part(second)
      feed.part(third)
    }
  }

  private static func hash(_ parts: [String.UTF8View], entry: JSONValue?) -> UInt64 {
    var feed = DigestFeed()
    for part in parts { feed.part(part) }
    if let entry {
      var bytes: [UInt8] = []
      JSONWriter.write(entry, into: &bytes)
      for byte in bytes { feed.byte(byte) }
    }
    return feed.value
  }

  /// `hash(StorePaths.due(kind, window, id), key, window.description)`, where `key` is the
  /// ID's text, fed without making those strings (a city's check makes a million).
  static func dueHash(_ kind: RecordKind, _ window: DueWindow, key: String) -> UInt64 {
    var feed = DigestFeed()
    feed.text(StorePaths.dueDirectory(kind))
    feed.byte(UInt8(ascii: "/"))
    feed.month(window.from, open: "any")
    feed.byte(UInt8(ascii: "."))
    feed.month(window.through, open: "open")
    feed.byte(UInt8(ascii: "."))
    let bucket = StorePaths.bucket(of: key) % StorePaths.dueBucketCount
    feed.byte(
      bucket < 10 ? UInt8(ascii: "0") + UInt8(bucket) : UInt8(ascii: "a") + UInt8(bucket - 10))
    feed.text(".json")
    feed.end()
    feed.text(key)
    feed.end()
    feed.date(window.from, open: "..", through: 10)
    feed.byte(UInt8(ascii: "/"))
    feed.date(window.through, open: "..", through: 10)
    feed.end()
    return feed.value
  }

  static func hash(_ target: String, _ id: String, _ entry: JSONValue) -> UInt64 {
    hash(target, id, entry: entry)
  }
}

/// One record file and its journal file, checked alone (on any thread): every record parses,
/// decodes in its place and is replayed exactly by its journal lines; what it adds to the
/// indexes is kept as hashes.
struct ShardCheck: Sendable {
  var problems: [StoreCheck.Problem] = []
  var records = 0
  var journalLines = 0
  var highest = 0
  var numbers: [Int32] = []
  var persons: [(Int, UInt64)] = []
  var references: [(Int, UInt64)] = []
  var refs: [(Int, UInt64)] = []
  /// The digest of the entries the file's records imply in the index of due dates.
  var due: UInt64 = 0
  var wanted: [(from: String, to: String)] = []

  /// Checks the files with these indices on every core, a batch at a time (so only a
  /// batch's results are held), handing each result to `body` in order.
  static func run(
    _ indices: [Int], checked: CheckedKind, store: Store, _ body: (ShardCheck) -> Void
  ) {
    let batch = 64
    var start = 0
    while start < indices.count {
      let part = Array(indices[start..<min(start + batch, indices.count)])
      let results = ResultBox(count: part.count)
      DispatchQueue.concurrentPerform(iterations: part.count) { n in
        results.set(n, check(index: part[n], checked: checked, store: store))
      }
      for result in results.all { body(result) }
      start += batch
    }
  }

  private final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [ShardCheck?]

    init(count: Int) { results = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ result: ShardCheck) {
      lock.lock()
      results[index] = result
      lock.unlock()
    }

    var all: [ShardCheck] { results.compactMap { $0 } }
  }

  static func check(index: Int, checked: CheckedKind, store: Store) -> ShardCheck {
    if let result = checkText(index: index, checked: checked, store: store) { return result }
    var result = ShardCheck()
    let kind = checked.kind
    func problem(_ file: String, _ message: String) {
      result.problems.append(StoreCheck.Problem(file: file, message: message))
    }
    let file = StorePaths.shard(kind, index)
    var stored: [Int: JSONValue] = [:]
    do {
      let shard = try Shard.load(path: file, key: ShardKey(kind: kind, index: index), store: store)
      for (number, slot) in shard.records {
        let raw = try slot.value(path: file, store)
        let id = RecordID(kind: kind, number: number)
        stored[number] = raw
        do {
          result.add(id: id, keys: try checked.keys(raw))
        } catch let error as DecodingError {
          result.counted(id)
          problem(file, "\(id): \(error.fieldPath): \(error.plainMessage)")
        } catch {
          result.counted(id)
          problem(file, "\(id): \(error)")
        }
      }
    } catch let error as SamverkanError {
      problem(file, error.message)
    } catch {
      problem(file, "\(error)")
    }
    // The journal: every line parses, and replaying a record's lines gives the record.
    let journalFile = StorePaths.journal(kind, index)
    var entries: [JournalEntry] = []
    do throws(SamverkanError) {
      let bytes = try FileSystem.read(store.path(journalFile)) ?? []
      if let last = bytes.last, last != UInt8(ascii: "\n") {
        problem(journalFile, "the last line is cut off")
      }
      Journal.forEachLine(bytes) { line, number in
        guard let value = try? JSONParser.parse(line), let entry = JournalEntry(json: value)
        else {
          problem(journalFile, "line \(number) is not a journal entry")
          return
        }
        result.journalLines += 1
        entries.append(entry)
      }
    } catch {
      problem(journalFile, error.message)
    }
    var replayed: [Int: [String: JSONValue]] = [:]
    for entry in entries {
      guard entry.id.kind == kind, StorePaths.shardIndex(of: entry.id) == index else {
        problem(journalFile, "a line for \(entry.id) is in the wrong journal")
        continue
      }
      if entry.removed {
        replayed[entry.id.number] = nil
      } else {
        Journal.apply(entry.changes, to: &replayed[entry.id.number, default: [:]])
      }
    }
    for (number, raw) in stored.sorted(by: { $0.key < $1.key }) {
      let id = RecordID(kind: kind, number: number)
      guard let state = replayed[number] else {
        problem(journalFile, "\(id) has no journal lines")
        continue
      }
      if JSONValue.object(state) != raw {
        problem(journalFile, "\(id): the journal does not replay to the stored record")
      }
    }
    for number in replayed.keys.sorted() where stored[number] == nil {
      problem(
        journalFile,
        "\(RecordID(kind: kind, number: number)) is in the journal but not in the records")
    }
    return result
  }
}
