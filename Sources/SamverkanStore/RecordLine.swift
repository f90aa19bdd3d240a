import Dispatch
import SamverkanDomain
import SamverkanJSON

/// A stored record as the bytes of its line in its record file, with what a command adds
/// to it (its person's name from the register), for verbs that write whole collections
/// (`export`, `list`): written out as bytes, it is exactly what writing the record's value
/// would give, without building the value.
///
/// A record file that is not exactly as this program writes it is read the slow way, and
/// its records are then held as values; they write the same.
public struct RecordLine {
  public let id: RecordID
  let text: Text
  /// The person's name from the register, to add as `personName`; nil when there is none
  /// or the record carries its own (schema 1).
  let name: String?

  enum Text {
    /// The record's canonical text (the line without its trailing comma), located.
    case canonical(ArraySlice<UInt8>, CanonicalObject)
    /// The record as parsed, name included.
    case value(JSONValue)
  }

  /// A top-level member that is a string (`person`), if the record has one.
  public func string(_ key: String) -> String? {
    switch text {
    case .value(let value): return value[key]?.stringValue
    case .canonical(let bytes, let object):
      return bytes.withUnsafeBytes { raw -> String? in
        guard let member = object.member(key, in: raw), raw[member.value.lowerBound] == 0x22
        else { return nil }
        let inner = raw[(member.value.lowerBound + 1)..<(member.value.upperBound - 1)]
        if !inner.contains(UInt8(ascii: "\\")) { return String(decoding: inner, as: UTF8.self) }
        return (try? JSONParser.parse(UnsafeRawBufferPointer(rebasing: raw[member.value])))?
          .stringValue
      }
    }
  }

  /// Calls `body` with the values of these top-level members as their compact JSON text
  /// (`"2026-01-01"` with its quotes, `[]`), in the keys' order, nil for a member the record
  /// lacks: found in one pass over the record, for a verb that reads a few fields of every
  /// record of a collection.
  public func withTexts<T>(
    of keys: CanonicalObject.Keys, _ body: ([UnsafeRawBufferPointer?]) -> T
  ) -> T {
    switch text {
    case .value(let value):
      var bytes: [UInt8] = []
      let ranges = keys.names.map { key -> Range<Int>? in
        guard let member = value[key] else { return nil }
        let start = bytes.count
        JSONWriter.write(member, into: &bytes)
        return start..<bytes.count
      }
      return bytes.withUnsafeBytes { raw in
        body(ranges.map { $0.map { UnsafeRawBufferPointer(rebasing: raw[$0]) } })
      }
    case .canonical(let bytes, let object):
      return bytes.withUnsafeBytes { body(object.values(keys, in: $0)) }
    }
  }

  /// A top-level member's value as compact JSON text (`[]`, `null`), if the record has it.
  public func text(of key: String) -> String? {
    switch text {
    case .value(let value): return value[key].map { JSONWriter.write($0) }
    case .canonical(let bytes, let object):
      return bytes.withUnsafeBytes { raw in
        object.member(key, in: raw).map { String(decoding: raw[$0.value], as: UTF8.self) }
      }
    }
  }

  /// An object of only these top-level members (those the record has): what a verb needs
  /// of a record to decide something about it, parsed alone.
  public func members(_ keys: [String]) throws -> JSONValue {
    switch text {
    case .value(let value):
      return .object((value.objectValue ?? [:]).filter { keys.contains($0.key) })
    case .canonical(let bytes, let object):
      return try bytes.withUnsafeBytes { raw in
        var picked: [String: JSONValue] = [:]
        for key in keys {
          guard let member = object.member(key, in: raw) else { continue }
          picked[key] = try JSONParser.parse(UnsafeRawBufferPointer(rebasing: raw[member.value]))
        }
        return .object(picked)
      }
    }
  }

  /// The whole record as a value, name included: what `forEachRawRecord` gives.
  public func value() throws -> JSONValue {
    switch text {
    case .value(let value): return value
    case .canonical(let bytes, _):
      guard case .object(var members) = try JSONParser.parse(bytes) else {
        throw SamverkanError.internalError("\(id) is not an object")
      }
      if let name { members["personName"] = .string(name) }
      return .object(members)
    }
  }

  /// Appends the record as compact JSON, with `extra` members set (sorted by key, each
  /// once): byte for byte what `JSONWriter` writes for `value()` with them set.
  public func write(adding extra: [(key: String, value: JSONValue)], into buffer: inout [UInt8]) {
    var extra = extra
    if let name {
      let index = extra.firstIndex { !RecordLine.precedes($0.key, "personName") } ?? extra.count
      if index == extra.count || extra[index].key != "personName" {
        extra.insert((key: "personName", value: .string(name)), at: index)
      }
    }
    switch text {
    case .value(let value):
      guard case .object(var members) = value else { return }
      for (key, member) in extra { members[key] = member }
      JSONWriter.write(.object(members), into: &buffer)
    case .canonical(let bytes, let object):
      bytes.withUnsafeBytes { object.write($0, adding: extra, into: &buffer) }
    }
  }

  /// Byte order of UTF-8, as keys are written.
  static func precedes(_ left: String, _ right: String) -> Bool {
    left.utf8.lexicographicallyPrecedes(right.utf8)
  }
}

extension RecordLine {
  /// A record file's canonical line, with its person's name from the register (looked up
  /// by `registered`) when its kind shows one and the record carries none of its own.
  init(
    id: RecordID, canonical bytes: ArraySlice<UInt8>, _ object: CanonicalObject,
    kind: RecordKind, registered: (String) throws -> String?
  ) rethrows {
    let text = Text.canonical(bytes, object)
    var name: String?
    if kind.showsPersonName,
      let person = RecordLine(id: id, text: text, name: nil).string("person"),
      bytes.withUnsafeBytes({ object.member("personName", in: $0) }) == nil
    {
      name = try registered(person)
    }
    self.init(id: id, text: text, name: name)
  }
}

extension StoreReader {
  /// Every record of a kind as its stored line, in ID order, one record file at a time:
  /// the fast way for verbs that write whole collections. A record file is handed over
  /// only once all of it has been read (a damaged file stops the walk before any of its
  /// records, with the error `forEachRawRecord` gives).
  public func forEachRecordLine(
    of kind: RecordKind, _ body: (RecordLine) throws -> Void
  ) throws {
    let indices = try shardIndices(of: kind)
    // Each record file is read and scanned on another core while the one before is
    // written (a reader's own files only; a writer's may hold changes of this command).
    func readAhead(_ position: Int) -> RecordFileReadAhead? {
      guard position < indices.count else { return nil }
      let key = ShardKey(kind: kind, index: indices[position])
      guard readsAsStored(key) else { return nil }
      return RecordFileReadAhead(
        path: store.path(StorePaths.shard(kind, key.index)), kind: kind, index: key.index)
    }
    // The register's buckets by number, looked up once each.
    var names = [[String: JSONValue]?](repeating: nil, count: Store.bucketCount)
    func registered(_ person: String) throws -> String? {
      let bucket = StorePaths.bucket(of: person)
      if let entries = names[bucket] { return entries[person]?.stringValue }
      let entries = try self.bucket(StorePaths.names(bucket))
      names[bucket] = entries
      return entries[person]?.stringValue
    }
    var ahead = readAhead(0)
    for (position, index) in indices.enumerated() {
      let key = ShardKey(kind: kind, index: index)
      let current = ahead
      ahead = readAhead(position + 1)
      if shards[key] == nil, let read = try current?.result(), let lines = read.lines {
        let bytes = read.bytes
        for (id, range, object) in lines {
          try body(
            RecordLine(id: id, canonical: bytes[range], object, kind: kind, registered: registered))
        }
        continue
      }
      // Not as this program writes it (or changed in this command): parsed whole.
      let shard = try self.shard(key)
      let path = StorePaths.shard(kind, index)
      for number in shard.records.keys.sorted() {
        guard let stored = shard.records[number] else { continue }
        let value = try withName(try stored.value(path: path, store), kind: kind)
        try body(
          RecordLine(id: RecordID(kind: kind, number: number), text: .value(value), name: nil))
      }
      if !(self is StoreWriter) { shards[key] = nil }
    }
  }
}

extension StoreReader {
  /// Whether a record file may be read as the text on disk: this command holds no change to
  /// it (a reader's files only; a writer's may hold changes not yet written).
  func readsAsStored(_ key: ShardKey) -> Bool {
    !(self is StoreWriter) && shards[key] == nil && spilledShards[key] == nil
  }
}

/// A record file read and its lines found on another thread.
final class RecordFileReadAhead: @unchecked Sendable {
  struct Read {
    var bytes: [UInt8]
    var lines: [(RecordID, Range<Int>, CanonicalObject)]?
  }

  private let done = DispatchSemaphore(value: 0)
  private var read: Result<Read?, SamverkanError> = .success(nil)

  init(path: String, kind: RecordKind, index: Int) {
    DispatchQueue.global().async { [self] in
      do throws(SamverkanError) {
        if let bytes = try FileSystem.read(path) {
          read = .success(
            Read(bytes: bytes, lines: RecordFileText.lines(of: bytes, kind: kind, index: index)))
        }
      } catch {
        read = .failure(error)
      }
      done.signal()
    }
  }

  /// The file's bytes and lines (nil lines: not as written here); nil when there is no
  /// file. Waits for the other thread.
  func result() throws(SamverkanError) -> Read? {
    done.wait()
    return try read.get()
  }
}

/// A record file's text as this program writes it (`Shard.serialized`): a head naming the
/// collection, schema version and file, then one canonical record per line in ID order.
enum RecordFileText {
  /// Each record's ID, line (without its comma) and members; nil when the file is not
  /// exactly as written here, or a record is not in its place, so the caller parses it the
  /// slow way (which reports what is wrong, or reads what is merely written otherwise).
  static func lines(
    of bytes: [UInt8], kind: RecordKind, index: Int
  ) -> [(RecordID, Range<Int>, CanonicalObject)]? {
    let head = Array(
      "{\"collection\":\"\(kind.collection)\",\"schemaVersion\":\(Store.schemaVersion),\"shard\":\(index),\"records\":["
        .utf8)
    let tail = Array("\n]}\n".utf8)
    guard bytes.count >= head.count + tail.count, bytes[..<head.count].elementsEqual(head),
      bytes[(bytes.count - tail.count)...].elementsEqual(tail)
    else { return nil }
    var lines: [(RecordID, Range<Int>, CanonicalObject)] = []
    let end = bytes.count - tail.count
    var start = head.count
    var previous = 0
    while start < end {
      // Each record starts on a new line; all but the last end with a comma.
      guard bytes[start] == 10 else { return nil }
      start += 1
      var stop = bytes.firstNewline(in: start..<end) ?? end
      let last = stop == end
      if !last {
        guard stop > start, bytes[stop - 1] == UInt8(ascii: ",") else { return nil }
        stop -= 1
      }
      let range = start..<stop
      guard let object = CanonicalObject.scan(bytes[range]),
        let id = bytes.withUnsafeBytes({ raw in
          RecordFileText.id(object, in: UnsafeRawBufferPointer(rebasing: raw[range]), kind: kind)
        }),
        id.kind == kind, StorePaths.shardIndex(of: id) == index, id.number > previous
      else { return nil }
      previous = id.number
      lines.append((id, range, object))
      start = last ? stop : stop + 1
    }
    return lines
  }

  /// The record's `id`, when it is a string naming a record of `kind`.
  static func id(
    _ object: CanonicalObject, in raw: UnsafeRawBufferPointer, kind: RecordKind
  ) -> RecordID? {
    guard let member = object.member("id", in: raw), member.value.count >= 2,
      raw[member.value.lowerBound] == 0x22
    else { return nil }
    let inner = UnsafeRawBufferPointer(
      rebasing: raw[(member.value.lowerBound + 1)..<(member.value.upperBound - 1)])
    // As written: the kind's prefix, a dash and the number without leading zeros.
    var prefix = kind.prefix
    let number = prefix.withUTF8 { prefix -> Int? in
      guard inner.count > prefix.count + 1, inner.count <= prefix.count + 10,
        inner.starts(with: UnsafeRawBufferPointer(prefix)),
        inner[prefix.count] == UInt8(ascii: "-"), inner[prefix.count + 1] != UInt8(ascii: "0")
      else { return nil }
      var number = 0
      for byte in inner[(prefix.count + 1)...] {
        guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
        number = number * 10 + Int(byte - UInt8(ascii: "0"))
      }
      return number
    }
    if let number, number <= RecordID.maximumNumber { return RecordID(kind: kind, number: number) }
    guard !inner.contains(UInt8(ascii: "\\")) else { return nil }
    return try? RecordID(parsing: String(decoding: inner, as: UTF8.self))
  }
}
