import SamverkanDomain
import SamverkanJSON

extension ShardCheck {
  /// The check of a record file and its journal file as this program writes them, reading
  /// their canonical text rather than value trees where that tells the same: every record
  /// is still read and decoded into its type (from its text), and every journal line checked as an entry,
  /// but a record whose journal after its last removal is one line is compared with that
  /// line's `changes` as bytes (both canonical, so equal bytes are equal values), and only
  /// the others are replayed value by value.
  ///
  /// Nil as soon as anything is not so, or not right: then the full check runs and says
  /// exactly what is wrong. When it answers, its result is the full check's.
  static func checkText(index: Int, checked: CheckedKind, store: Store) -> ShardCheck? {
    let kind = checked.kind
    guard let bytes = try? FileSystem.read(store.path(StorePaths.shard(kind, index))),
      let lines = RecordFileText.lines(of: bytes, kind: kind, index: index),
      let journal = try? FileSystem.read(store.path(StorePaths.journal(kind, index))),
      journal.last == nil || journal.last == UInt8(ascii: "\n")
    else { return nil }
    var result = ShardCheck()
    for (id, range, object) in lines {
      // Canonical text parses, and decodes straight from the text as from its value.
      guard let keys = try? checked.textKeys(bytes, range, object) else { return nil }
      result.add(id: id, keys: keys)
    }
    // Each record's journal lines since its last removal, as ranges of their `changes`, kept
    // by the record's place in the file (its number less the file's first): how many there
    // are, and where the first is among all lines.
    let first = index * Store.shardSize + 1
    var seen = [Bool](repeating: false, count: Store.shardSize)
    var removed = [Bool](repeating: false, count: Store.shardSize)
    var count = [Int](repeating: 0, count: Store.shardSize)
    /// Every line that is not a removal, in order, each with the index of the record's next
    /// one (or -1): replaying a record with more than one follows its own lines.
    var changed: [(changes: Range<Int>, next: Int)] = []
    var firstLine = [Int](repeating: -1, count: Store.shardSize)
    var lastLine = [Int](repeating: -1, count: Store.shardSize)
    var canonical = true
    var lineNumber = 0
    journal.withUnsafeBytes { raw in
      bytes.withUnsafeBytes { records in
        Journal.forEachLine(journal) { line, _ in
          // A file written in one go has a line per record, in order: each line's `changes`
          // is likely the text of the record in the same place.
          let likely = lineNumber < lines.count ? records[lines[lineNumber].1] : nil
          lineNumber += 1
          guard canonical,
            let entry = JournalLineText(
              UnsafeRawBufferPointer(rebasing: raw[line.startIndex..<line.endIndex]),
              offset: line.startIndex, kind: kind,
              likelyChanges: likely.map(UnsafeRawBufferPointer.init(rebasing:))),
            entry.id.kind == kind, StorePaths.shardIndex(of: entry.id) == index,
            seen.indices.contains(entry.id.number - first)
          else {
            canonical = false
            return
          }
          result.journalLines += 1
          let place = entry.id.number - first
          seen[place] = true
          removed[place] = entry.removed
          if entry.removed {
            count[place] = 0
          } else {
            if count[place] == 0 {
              firstLine[place] = changed.count
            } else {
              changed[lastLine[place]].next = changed.count
            }
            lastLine[place] = changed.count
            count[place] += 1
            changed.append((entry.changes, -1))
          }
        }
      }
    }
    guard canonical else { return nil }
    var stored = [Bool](repeating: false, count: Store.shardSize)
    for (id, range, object) in lines {
      let place = id.number - first
      guard stored.indices.contains(place) else { return nil }
      stored[place] = true
      guard count[place] > 0, !removed[place] else { return nil }
      if count[place] == 1,
        Self.sameText(journal[changed[firstLine[place]].changes], bytes[range], object)
      {
        continue
      }
      // Replayed value by value, as the full check does.
      var state: [String: JSONValue] = [:]
      var line = firstLine[place]
      while line >= 0 {
        guard case .object(let members)? = try? JSONParser.parse(journal[changed[line].changes])
        else { return nil }
        Journal.apply(members, to: &state)
        line = changed[line].next
      }
      guard let record = try? JSONParser.parse(bytes[range]), JSONValue.object(state) == record
      else { return nil }
    }
    // A record the journal still has must be in the records.
    for place in 0..<Store.shardSize where seen[place] && !removed[place] && !stored[place] {
      return nil
    }
    return result
  }

  /// Whether a journal line's `changes` (canonical) replays alone to the record (canonical,
  /// its members located in `object`): the same bytes, and no member set to null, which
  /// replaying would remove.
  static func sameText(
    _ changes: ArraySlice<UInt8>, _ record: ArraySlice<UInt8>, _ object: CanonicalObject
  ) -> Bool {
    guard changes.sameBytes(as: record) else { return false }
    return record.withUnsafeBytes { raw in
      !object.members.contains { member in
        member.value.count == 4 && raw[member.value.lowerBound] == UInt8(ascii: "n")
      }
    }
  }

  /// Counts a record found, whether or not it decodes.
  mutating func counted(_ id: RecordID) {
    highest = max(highest, id.number)
    records += 1
    numbers.append(Int32(id.number))
  }

  /// Adds what a record that decoded says the indexes must hold.
  mutating func add(id: RecordID, keys: IndexKeys) {
    counted(id)
    let key = id.description
    if let person = keys.person {
      persons.append((StorePaths.bucket(of: person), IndexDigests.hash(person, key)))
    }
    for target in keys.references {
      let entry = RecordReference(id: id, isOpen: keys.isOpen, state: keys.state).json
      references.append((StorePaths.bucket(of: target), IndexDigests.hash(target, key, entry)))
      wanted.append((key, target))
    }
    if let ref = keys.ref {
      refs.append((StorePaths.bucket(of: ref), IndexDigests.hash(ref, key)))
    }
    if let window = keys.due { due &+= IndexDigests.dueHash(id.kind, window, key: key) }
  }
}

/// A journal line in canonical text that is an entry as `JournalEntry(json:)` reads one:
/// `time`, `actor`, `id` (naming a record) and `action` strings and a `changes` object.
struct JournalLineText {
  var id: RecordID
  var removed: Bool
  /// Where the `changes` object is, in the journal file's bytes.
  var changes: Range<Int>

  /// `likelyChanges`, when given, is canonical text that `changes` probably is (a record's).
  init?(
    _ raw: UnsafeRawBufferPointer, offset: Int, kind: RecordKind,
    likelyChanges: UnsafeRawBufferPointer? = nil
  ) {
    // `changes` is only delimited here: the check compares it with its record's scanned
    // text as bytes, or parses it to replay it.
    guard let object = CanonicalObject.scan(raw, skipping: "changes", likely: likelyChanges)
    else { return nil }
    for key in ["time", "actor", "action"] {
      guard let member = object.member(key, in: raw),
        raw[member.value.lowerBound] == UInt8(ascii: "\"")
      else { return nil }
    }
    guard let id = RecordFileText.id(object, in: raw, kind: kind),
      let changes = object.member("changes", in: raw),
      raw[changes.value.lowerBound] == UInt8(ascii: "{")
    else { return nil }
    self.id = id
    self.changes = (changes.value.lowerBound + offset)..<(changes.value.upperBound + offset)
    if let member = object.member("removed", in: raw) {
      removed = member.value.count == 4 && raw[member.value.lowerBound] == UInt8(ascii: "t")
    } else {
      removed = false
    }
  }
}
