import Foundation
import SamverkanDomain
import SamverkanJSON
@testable import SamverkanStore
import SamverkanTestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// A small record type for testing the store alone (stored as deviation reports).
struct Note: StoredRecord, Equatable {
  static let kind = RecordKind.deviation
  var id: RecordID?
  var ref: String?
  var person: PersonNumber?
  var references: [RecordID] = []
  var text: String
  var open = true

  var isOpen: Bool { open }
  var stateName: String { open ? "open" : "closed" }

  static let fields = [RecordField("id"), RecordField("text")]
}

private func makeStore(_ directory: TemporaryDirectory, timeout: Double = 2) -> Store {
  Store(
    directory: directory.path + "/store", actor: "tester", commandLine: ["test"],
    lockTimeout: timeout)
}

private let person = try! PersonNumber(longForm: TestPerson.adult)

@Suite struct StoreTests {
  @Test func createdOnFirstWriteWithPrivatePermissionsWhateverTheUmask() throws {
    let directory = TemporaryDirectory()
    let store = makeStore(directory)
    // Reading a store that does not exist yet creates nothing.
    _ = try store.read { try $0.records(Note.self) }
    #expect(!FileManager.default.fileExists(atPath: store.directory))
    let old = umask(0)
    defer { umask(old) }
    try store.write { try $0.insert(Note(text: "a"), action: "create") }
    var files: [String] = []
    let walker = FileManager.default.enumerator(atPath: store.directory)!
    while let name = walker.nextObject() as? String { files.append(name) }
    #expect(files.contains("deviation/records/000000.json"))
    for name in files + [""] {
      var info = stat()
      stat(store.directory + "/" + name, &info)
      let mode = info.st_mode & 0o777
      let isDirectory = (info.st_mode & S_IFMT) == S_IFDIR
      #expect(mode == (isDirectory ? 0o700 : 0o600), "\(name) has mode \(String(mode, radix: 8))")
    }
  }

  @Test func idsAreSequentialAndRecordsRoundTrip() throws {
    let store = makeStore(TemporaryDirectory())
    let ids = try store.write { writer in
      try (1...260).map { try writer.insert(Note(text: "note \($0)"), action: "create").id! }
    }
    #expect(ids.first?.description == "DEV-1")
    #expect(ids.last?.description == "DEV-260")
    // 256 records to a file: DEV-257 is in the second one.
    #expect(
      FileManager.default.fileExists(atPath: store.directory + "/deviation/records/000001.json"))
    let note = try store.read {
      try $0.require(RecordID(kind: .deviation, number: 257), as: Note.self)
    }
    #expect(note.text == "note 257")
    let next = try store.write { try $0.insert(Note(text: "later"), action: "create").id! }
    #expect(next.number == 261)
  }

  @Test func theJournalRecordsWhatChanged() throws {
    let store = makeStore(TemporaryDirectory())
    var note = try store.write { try $0.insert(Note(text: "first"), action: "create") }
    note.text = "second"
    try store.write { try $0.update(note, action: "edit", note: "typo") }
    try store.write {
      try $0.journalEvent(id: note.id!, action: "event", event: "SP genomförd", note: "ref 123")
    }
    let history = try store.read { try $0.history(of: note.id!) }
    #expect(history.map(\.action) == ["create", "edit", "event"])
    #expect(history[0].changes["text"] == .string("first"))
    #expect(history[1].changes == ["text": .string("second")])
    #expect(history[1].note == "typo")
    #expect(history[2].event == "SP genomförd")
    #expect(history.allSatisfy { $0.actor == "tester" && $0.commandLine == ["test"] })
    // An update that changes nothing writes nothing.
    try store.write { try $0.update(note, action: "edit") }
    #expect(try store.read { try $0.history(of: note.id!) }.count == 3)
  }

  @Test func indexesFollowPersonsReferencesAndRefs() throws {
    let store = makeStore(TemporaryDirectory())
    let consent = RecordID(kind: .consent, number: 3)
    var note = try store.write {
      try $0.insert(
        Note(ref: "ext-1", person: person, references: [consent], text: "x"), action: "create")
    }
    try store.read { reader in
      let texts = try reader.records(Note.self, person: person).map(\.text)
      #expect(texts == ["x"])
      let references = try reader.references(to: consent)
      #expect(references == [RecordReference(id: note.id!, isOpen: true, state: "open")])
      let owner = try reader.recordID(forRef: "ext-1", kind: .deviation)
      #expect(owner == note.id)
    }
    note.open = false
    note.references = []
    note.ref = "ext-2"
    try store.write { try $0.update(note, action: "close") }
    try store.read { reader in
      let references = try reader.references(to: consent)
      #expect(references == [])
      let old = try reader.recordID(forRef: "ext-1", kind: .deviation)
      let new = try reader.recordID(forRef: "ext-2", kind: .deviation)
      #expect(old == nil)
      #expect(new == note.id)
    }
    try store.write { try $0.remove(Note.self, id: note.id!, action: "remove") }
    try store.read { reader in
      let records = try reader.records(Note.self, person: person)
      let history = try reader.history(of: note.id!)
      #expect(records.isEmpty)
      #expect(history.last?.removed == true)
    }
    let report = try StoreCheck(store: store, kinds: [.of(Note.self)]).run()
    #expect(report.problems == [])
  }

  @Test func aRefBelongsToOneRecord() throws {
    let store = makeStore(TemporaryDirectory())
    try store.write { try $0.insert(Note(ref: "ext-1", text: "a"), action: "create") }
    #expect(throws: SamverkanError.self) {
      try store.write { try $0.insert(Note(ref: "ext-1", text: "b"), action: "create") }
    }
  }

  @Test func aThrowingChangeWritesNothing() throws {
    let store = makeStore(TemporaryDirectory())
    try store.write { try $0.insert(Note(text: "a"), action: "create") }
    let before = snapshot(store.directory)
    struct Refusal: Error {}
    #expect(throws: Refusal.self) {
      try store.write { writer in
        try writer.insert(Note(text: "b"), action: "create")
        throw Refusal()
      }
    }
    #expect(snapshot(store.directory) == before)
  }

  @Test func aKilledCommitIsFinishedByTheNextCommand() throws {
    let store = makeStore(TemporaryDirectory())
    try store.write { try $0.insert(Note(text: "a"), action: "create") }
    // Stage a change by hand as a commit that was killed after writing its marker.
    let tmp = store.directory + "/tmp"
    let shard = try String(
      contentsOfFile: store.directory + "/deviation/records/000000.json", encoding: .utf8)
    try shard.replacingOccurrences(of: #""text":"a""#, with: #""text":"b""#)
      .write(toFile: tmp + "/1-1", atomically: false, encoding: .utf8)
    let journal = store.directory + "/deviation/journal/000000.ndjson"
    let line =
      #"{"action":"edit","actor":"tester","argv":["test"],"changes":{"text":"b"},"id":"DEV-1","time":"2026-11-25T10:00:00Z"}"#
      + "\n"
    try line.write(toFile: tmp + "/1-2", atomically: false, encoding: .utf8)
    let size = FileSystem.size(journal)
    // Half the journal line made it before the kill.
    let handle = FileHandle(forWritingAtPath: journal)!
    handle.seekToEndOfFile()
    handle.write(Data(line.utf8.prefix(20)))
    handle.closeFile()
    let marker = """
      {"appends":[{"from":"tmp/1-2","size":\(size),"to":"deviation/journal/000000.ndjson"}],
       "renames":[{"from":"tmp/1-1","to":"deviation/records/000000.json"}],"schemaVersion":1}
      """
    try marker.write(toFile: store.directory + "/commit.json", atomically: false, encoding: .utf8)

    let note = try store.read {
      try $0.require(RecordID(kind: .deviation, number: 1), as: Note.self)
    }
    #expect(note.text == "b")
    #expect(!FileManager.default.fileExists(atPath: store.directory + "/commit.json"))
    #expect(try FileManager.default.contentsOfDirectory(atPath: tmp).isEmpty)
    #expect(try StoreCheck(store: store, kinds: [.of(Note.self)]).run().problems == [])
  }

  @Test func stagedFilesWithoutAMarkerAreDiscarded() throws {
    let store = makeStore(TemporaryDirectory())
    try store.write { try $0.insert(Note(text: "a"), action: "create") }
    try "garbage".write(toFile: store.directory + "/tmp/99-1", atomically: false, encoding: .utf8)
    try store.write { try $0.insert(Note(text: "b"), action: "create") }
    #expect(try FileManager.default.contentsOfDirectory(atPath: store.directory + "/tmp").isEmpty)
  }

  @Test func aHeldLockEndsInStoreBusy() throws {
    let directory = TemporaryDirectory()
    let store = makeStore(directory, timeout: 0.3)
    try store.write { try $0.insert(Note(text: "a"), action: "create") }
    // flock locks belong to an open file: a second open in this process conflicts.
    let fd = open(store.directory + "/.lock", O_RDWR)
    defer { close(fd) }
    #expect(flock(fd, LOCK_EX) == 0)
    do {
      try store.write { try $0.insert(Note(text: "b"), action: "create") }
      Issue.record("expected the store to be busy")
    } catch let error as SamverkanError {
      guard case .storeBusy = error else {
        Issue.record("expected storeBusy, got \(error)")
        return
      }
      #expect(error.exitCode == 75)
    }
    flock(fd, LOCK_UN)
    try store.write { try $0.insert(Note(text: "b"), action: "create") }
  }

  @Test func aNewerSchemaIsRefused() throws {
    let store = makeStore(TemporaryDirectory())
    try store.write { try $0.insert(Note(text: "a"), action: "create") }
    try #"{"format":"samverkan-store","schemaVersion":3}"#.write(
      toFile: store.directory + "/store.json", atomically: true, encoding: .utf8)
    #expect {
      try store.read { try $0.records(Note.self) }
    } throws: { error in
      (error as? SamverkanError)?.message.contains("schema version 3") == true
    }
  }

  @Test func aDirectoryWithOtherFilesIsNotTurnedIntoAStore() throws {
    let directory = TemporaryDirectory()
    try FileManager.default.createDirectory(
      atPath: directory.path + "/store", withIntermediateDirectories: true)
    try "x".write(toFile: directory.path + "/store/thesis.txt", atomically: true, encoding: .utf8)
    let store = makeStore(directory)
    #expect(throws: SamverkanError.self) {
      try store.write { try $0.insert(Note(text: "a"), action: "create") }
    }
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: directory.path + "/store") == [
        "thesis.txt"
      ])
  }

  @Test func checkFindsTamperingAndDamage() throws {
    let store = makeStore(TemporaryDirectory())
    try store.write { writer in
      try writer.insert(Note(person: person, text: "a"), action: "create")
      try writer.insert(Note(text: "b"), action: "create")
    }
    let shardPath = store.directory + "/deviation/records/000000.json"
    let shard = try String(contentsOfFile: shardPath, encoding: .utf8)
    try shard.replacingOccurrences(of: #""text":"b""#, with: #""text":"edited by hand""#)
      .write(toFile: shardPath, atomically: true, encoding: .utf8)
    let report = try StoreCheck(store: store, kinds: [.of(Note.self)]).run()
    #expect(
      report.problems.map(\.message) == ["DEV-2: the journal does not replay to the stored record"])

    try "{not json".write(toFile: shardPath, atomically: true, encoding: .utf8)
    let damaged = try StoreCheck(store: store, kinds: [.of(Note.self)]).run()
    #expect(damaged.problems.contains { $0.message.contains("the file is damaged") })
    #expect(
      damaged.problems.contains { $0.message.contains("missing from the person index") == false })
  }
}

/// Every file's bytes under a directory, the lock file aside.
func snapshot(_ directory: String) -> [String: Data] {
  var files: [String: Data] = [:]
  let walker = FileManager.default.enumerator(atPath: directory)
  while let name = walker?.nextObject() as? String {
    if name != ".lock", let data = FileManager.default.contents(atPath: directory + "/" + name) {
      files[name] = data
    }
  }
  return files
}

@Suite struct PointReadTests {
  @Test func aPointReadFindsItsLineOnly() throws {
    let file = """
      {"collection":"deviation","schemaVersion":1,"shard":0,"records":[
      {"id":"DEV-12","links":[{"id":"DEV-1"}],"text":"mentions \\"id\\":\\"DEV-1\\""},
      {"id":"DEV-1","text":"one"},
      {"id":"DEV-123","text":"one hundred and twenty-three"}
      ]}

      """
    let bytes = Array(file.utf8)
    #expect(
      Shard.findRecord(RecordID(kind: .deviation, number: 1), in: bytes)?["text"] == .string("one"))
    #expect(
      Shard.findRecord(RecordID(kind: .deviation, number: 12), in: bytes)?["text"]?.stringValue?
        .hasPrefix("mentions") == true)
    #expect(Shard.findRecord(RecordID(kind: .deviation, number: 2), in: bytes) == nil)
    // A file an admin pretty-printed by hand is not in that form: the whole file is read.
    #expect(
      Shard.findRecord(
        RecordID(kind: .deviation, number: 1), in: Array(#"{"records": [{"id": "DEV-1"}]}"#.utf8))
        == nil)
  }

  @Test func aHandEditedFileIsStillRead() throws {
    let directory = TemporaryDirectory()
    let store = Store(directory: directory.path + "/store", actor: "tester", commandLine: ["test"])
    try store.write { try $0.insert(Note(text: "a"), action: "create") }
    let path = store.directory + "/deviation/records/000000.json"
    try
      #"{ "collection": "deviation", "schemaVersion": 1, "shard": 0, "records": [ { "id": "DEV-1", "references": [], "text": "a", "open": true } ] }"#
      .write(toFile: path, atomically: true, encoding: .utf8)
    let note = try store.read {
      try $0.record(RecordID(kind: .deviation, number: 1), as: Note.self)
    }
    #expect(note?.text == "a")
  }
}

@Suite struct PreparedRecordTests {
  @Test(arguments: [
    [String: JSONValue](),
    ["text": .string("a")],
    ["abc": .integer(1)],
    [
      "Id": .bool(true), "_x": .null, "i": .string("i"), "ia": .array([]),
      "idx": .object(["id": .string("nested")]), "ref": .string("r"),
    ],
    ["id": .string("ignored"), "person": .string("19900101-2385"), "å": .string("ä")],
  ])
  func splicingTheIDWritesWhatTheWriterWould(object: [String: JSONValue]) {
    let id = RecordID(kind: .consent, number: 42)
    var full = object
    full["id"] = .string("CON-42")
    var expected: [UInt8] = []
    JSONWriter.write(.object(full), into: &expected)
    #expect(PreparedRecord(object).bytes(id: id) == expected)
  }

  /// A record prepared from its encoding's members (as an import prepares its rows) is the
  /// record prepared from its encoded object: a member encoded twice counts once, the last.
  @Test func preparingFromTheEncodingWritesWhatTheObjectWould() throws {
    let record = TwiceEncoded(
      person: "19900101-2385", personName: "Anna", parties: ["FFS", "SF-NORDOST"],
      note: nil, review: .init(date: "2026-01-02", by: "Eva"))
    let id = RecordID(kind: .consent, number: 7)
    let encoder = JSONValueEncoder()
    let object = try #require(try encoder.encode(record).objectValue)
    let prepared = try #require(try PreparedRecord(record: record, encoder: encoder))
    #expect(prepared.bytes(id: id) == PreparedRecord(object).bytes(id: id))
    #expect(String(decoding: prepared.bytes(id: id), as: UTF8.self).contains(#""state":"last""#))
    #expect(try PreparedRecord(record: "text", encoder: encoder) == nil)
  }
}

/// A record whose `state` is encoded twice, the second replacing the first.
private struct TwiceEncoded: Encodable {
  struct Review: Encodable {
    var date: String
    var by: String
  }
  var person: String
  var personName: String
  var parties: [String]
  var note: String?
  var review: Review

  enum CodingKeys: String, CodingKey { case person, personName, parties, note, review, state }

  func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode("first", forKey: .state)
    try container.encode(person, forKey: .person)
    try container.encode(personName, forKey: .personName)
    try container.encode(parties, forKey: .parties)
    try container.encodeIfPresent(note, forKey: .note)
    try container.encode(review, forKey: .review)
    try container.encode("last", forKey: .state)
  }
}

/// The journal is written by hand, a piece at a time, for speed; each line must still be
/// exactly what the JSON writer makes of it, so `jq`, `history` and replay read what a
/// general writer would have written.
@Suite struct JournalBytesTests {
  @Test func everyJournalLineIsTheJSONWritersOutput() throws {
    let directory = TemporaryDirectory()
    let store = makeStore(directory)
    store.login = "anna"
    let id = try store.write { writer in
      try writer.insert(
        Note(person: person, text: "Första \"citat\"\n\tåäö \u{7}"), action: "file",
        event: "Avvikelse anmäld", note: "en anteckning"
      ).id!
    }
    try store.write { writer in
      var note = try writer.require(id, as: Note.self)
      note.text = "Ändrad"
      note.open = false
      try writer.update(note, action: "close", note: nil)
    }
    try store.write { writer in try writer.remove(Note.self, id: id, action: "gallra") }
    var lines = 0
    let root = directory.path + "/store"
    for name in try FileManager.default.subpathsOfDirectory(atPath: root)
    where name.contains("journal/") {
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: root + "/" + name, isDirectory: &isDirectory),
        !isDirectory.boolValue
      else { continue }
      let text = try String(contentsOfFile: root + "/" + name, encoding: .utf8)
      for line in text.split(separator: "\n") {
        lines += 1
        let value = try JSONParser.parse(String(line))
        #expect(JSONWriter.write(value) == String(line), "\(name): \(line)")
      }
    }
    #expect(lines == 3)
  }
}
