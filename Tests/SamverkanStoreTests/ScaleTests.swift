import Foundation
import SamverkanDomain
import SamverkanJSON
@testable import SamverkanStore
import SamverkanTestSupport
import Testing

private func makeStore(_ directory: TemporaryDirectory) -> Store {
  Store(directory: directory.path + "/store", actor: "tester", commandLine: ["test"])
}

private let persons = [TestPerson.adult, TestPerson.adult2].map {
  try! PersonNumber(longForm: $0)
}

/// A change of many records writes its record files ahead to `tmp/` (a city's import holds a
/// few thousand records at a time, not a million); the store still changes all or nothing.
@Suite struct WrittenAheadTests {
  /// 1,000 notes over four record files, with persons and refs, held ten at a time.
  private func insertMany(_ writer: StoreWriter, count: Int = 1_000) throws {
    writer.spillThreshold = 10
    for number in 1...count {
      try writer.insert(
        Note(ref: "ext-\(number)", person: persons[number % 2], text: "note \(number)"),
        action: "create")
    }
  }

  @Test func aLargeChangeIsCommittedWholeAndChecksSound() throws {
    let store = makeStore(TemporaryDirectory())
    try store.write { try $0.insert(Note(text: "before"), action: "create") }
    try store.write { writer in
      try insertMany(writer)
      #expect(!writer.spilledShards.isEmpty)
      // A record written ahead is read back, and changed again.
      var first = try writer.require(RecordID(kind: .deviation, number: 2), as: Note.self)
      #expect(first.text == "note 1")
      first.text = "changed"
      try writer.update(first, action: "edit")
      #expect(try writer.history(of: first.id!).map(\.action) == ["create", "edit"])
    }
    try store.read { reader in
      let notes = try reader.records(Note.self)
      #expect(notes.count == 1_001)
      #expect(notes[1].text == "changed")
      #expect(notes.last?.text == "note 1000")
      #expect(try reader.records(Note.self, person: persons[0]).count == 500)
      #expect(try reader.recordID(forRef: "ext-700", kind: .deviation)?.number == 701)
      #expect(try reader.history(of: RecordID(kind: .deviation, number: 2)).count == 2)
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: store.directory + "/tmp") == [])
    let report = try StoreCheck(store: store, kinds: [.of(Note.self)]).run()
    #expect(report.problems == [])
    #expect(report.records == 1_001)
    #expect(report.journalLines == 1_002)
  }

  @Test func aRefusedLargeChangeLeavesTheStoreAsItWas() throws {
    let store = makeStore(TemporaryDirectory())
    try store.write { try $0.insert(Note(text: "before"), action: "create") }
    let before = snapshot(store.directory)
    struct Refusal: Error {}
    #expect(throws: Refusal.self) {
      try store.write { writer in
        try insertMany(writer)
        throw Refusal()
      }
    }
    #expect(snapshot(store.directory) == before)
    try store.write(dryRun: true) { try insertMany($0) }
    #expect(snapshot(store.directory) == before)
  }

  /// Files are written ahead on another thread: one that cannot be written fails the
  /// change, and nothing of it stays.
  @Test func aWriteAheadThatFailsFailsTheChangeAndLeavesTheStoreAsItWas() throws {
    let store = makeStore(TemporaryDirectory())
    try store.write { try $0.insert(Note(text: "before"), action: "create") }
    let before = snapshot(store.directory)
    let tmp = store.path("tmp")
    var blocked: [String] = []
    let error = #expect(throws: SamverkanError.self) {
      try store.write { writer in
        writer.spillThreshold = 10
        for number in 1...1_000 {
          try writer.insert(Note(text: "note \(number)"), action: "create")
          guard blocked.isEmpty, !writer.spilledShards.isEmpty else { continue }
          // Folders where the next files written ahead go: they cannot be created.
          let written = try FileManager.default.contentsOfDirectory(atPath: tmp).compactMap {
            Int($0.split(separator: "-").last ?? "")
          }
          let next = (written.max() ?? 0) + 1
          blocked = (next..<next + 4).map { "\(getpid())-ahead-\($0)" }
          for name in blocked {
            try FileManager.default.createDirectory(
              atPath: "\(tmp)/\(name)", withIntermediateDirectories: false)
          }
        }
      }
    }
    #expect(error.map { "\($0)" }?.contains("cannot be created") == true)
    for name in blocked { try FileManager.default.removeItem(atPath: "\(tmp)/\(name)") }
    #expect(snapshot(store.directory) == before)
  }

  @Test func aRefusedLargeFirstChangeLeavesNoStore() throws {
    let directory = TemporaryDirectory()
    let store = makeStore(directory)
    struct Refusal: Error {}
    #expect(throws: Refusal.self) {
      try store.write { writer in
        try insertMany(writer, count: 100)
        throw Refusal()
      }
    }
    #expect(!FileManager.default.fileExists(atPath: store.directory))
  }
}

/// `store check` compares the indexes with the records by a digest per bucket, and a bucket
/// that differs in detail: damage is still named exactly.
@Suite struct IndexDigestCheckTests {
  private func filled() throws -> Store {
    let store = makeStore(TemporaryDirectory())
    try store.write { writer in
      for number in 1...600 {
        try writer.insert(
          Note(
            ref: "ext-\(number)", person: persons[number % 2],
            references: number % 3 == 0 ? [RecordID(kind: .deviation, number: 1)] : [],
            text: "note \(number)"),
          action: "create")
      }
    }
    #expect(try StoreCheck(store: store, kinds: [.of(Note.self)]).run().problems == [])
    return store
  }

  private func edit(_ path: String, _ change: (inout [String: JSONValue]) -> Void) throws {
    let document = try JSONParser.parse(
      Array(try #require(FileManager.default.contents(atPath: path))))
    var entries = document["entries"]?.objectValue ?? [:]
    change(&entries)
    var bytes: [UInt8] = []
    JSONWriter.write(
      .object(["entries": .object(entries), "schemaVersion": .integer(2)]), into: &bytes)
    try Data(bytes).write(to: URL(fileURLWithPath: path))
  }

  @Test func aRecordMissingFromThePersonIndexIsNamed() throws {
    let store = try filled()
    let person = persons[0].longForm
    let file = StorePaths.persons(StorePaths.bucket(of: person))
    try edit(store.path(file)) { entries in
      entries[person] = .array(Array((entries[person]?.arrayValue ?? []).dropLast()))
    }
    let problems = try StoreCheck(store: store, kinds: [.of(Note.self)]).run().problems
    #expect(problems.count == 1)
    #expect(problems.first?.file == file)
    #expect(problems.first?.message.hasPrefix("the person index lists") == true)
  }

  @Test func aWrongOrMissingRefIsNamed() throws {
    let store = try filled()
    let file = StorePaths.refs(.deviation, StorePaths.bucket(of: "ext-42"))
    try edit(store.path(file)) { entries in
      entries["ext-42"] = .string("DEV-7")
    }
    let other = StorePaths.refs(.deviation, StorePaths.bucket(of: "ext-43"))
    try edit(store.path(other)) { entries in entries["ext-43"] = nil }
    let problems = try StoreCheck(store: store, kinds: [.of(Note.self)]).run().problems
    #expect(
      problems.map(\.description).sorted()
        == [
          "\(file): 'ext-42' points to DEV-7, but the records say DEV-42",
          "\(other): 'ext-43' of DEV-43 is missing from the index",
        ].sorted())
  }

  /// An entry moved to another bucket's file: the digests of both buckets still balance
  /// (the entry's hash is counted where its ref belongs), so only its place tells.
  @Test func aRefInTheWrongBucketIsNamed() throws {
    let store = try filled()
    let home = StorePaths.bucket(of: "ext-42")
    let elsewhere = try #require(
      (43...600).lazy.map { "ext-\($0)" }.first { StorePaths.bucket(of: $0) != home })
    let file = StorePaths.refs(.deviation, home)
    let other = StorePaths.refs(.deviation, StorePaths.bucket(of: elsewhere))
    try edit(store.path(file)) { entries in entries["ext-42"] = nil }
    try edit(store.path(other)) { entries in entries["ext-42"] = .string("DEV-42") }
    let problems = try StoreCheck(store: store, kinds: [.of(Note.self)]).run().problems
    #expect(problems.map(\.description) == ["\(other): 'ext-42' is in the wrong bucket"])
  }

  @Test func aChangedReferenceEntryIsNamed() throws {
    let store = try filled()
    let target = "DEV-1"
    let file = StorePaths.references(StorePaths.bucket(of: target))
    try edit(store.path(file)) { entries in
      var list = entries[target]?.arrayValue ?? []
      list[0] = .object(["id": list[0]["id"]!, "open": .bool(false), "state": .string("closed")])
      entries[target] = .array(list)
    }
    let problems = try StoreCheck(store: store, kinds: [.of(Note.self)]).run().problems
    #expect(
      problems.map(\.description) == ["\(file): the references to DEV-1 do not match the records"])
  }
}

/// A person's name lives once, in the person register: not in each imported record.
@Suite struct ImportedNameTests {
  @Test func aPreparedRecordLeavesTheNameToTheRegister() {
    let prepared = PreparedRecord(["personName": .string("Anna"), "text": .string("a")])
    let bytes = prepared.bytes(id: RecordID(kind: .deviation, number: 1))
    #expect(String(decoding: bytes, as: UTF8.self) == #"{"id":"DEV-1","text":"a"}"#)
  }

  @Test func aRecordImportedWithItsNameStillReplaysAfterAChange() throws {
    let store = makeStore(TemporaryDirectory())
    var note = try store.write { try $0.insert(Note(text: "a"), action: "create") }
    // As an import before this version wrote it: the name in the record and its journal.
    for file in ["deviation/records/000000.json", "deviation/journal/000000.ndjson"] {
      let path = store.path(file)
      let text = try String(contentsOfFile: path, encoding: .utf8)
      try text.replacingOccurrences(of: #""text":"a""#, with: #""personName":"Anna","text":"a""#)
        .write(toFile: path, atomically: true, encoding: .utf8)
    }
    #expect(try StoreCheck(store: store, kinds: [.of(Note.self)]).run().problems == [])
    note.text = "b"
    try store.write { try $0.update(note, action: "edit") }
    #expect(try StoreCheck(store: store, kinds: [.of(Note.self)]).run().problems == [])
    let stored = try String(
      contentsOfFile: store.path("deviation/records/000000.json"), encoding: .utf8)
    #expect(!stored.contains("personName"))
  }
}

/// Journal lines written ahead and a journal file rewritten whole (gallring) in one change.
@Suite struct WrittenAheadRewriteTests {
  @Test func droppedRecordsLeaveNoLineWrittenAhead() throws {
    let store = makeStore(TemporaryDirectory())
    try store.write { writer in
      writer.spillThreshold = 10
      for number in 1...300 {
        try writer.insert(Note(text: "note \(number)"), action: "create")
      }
      #expect(!writer.spilledJournals.isEmpty)
      let gone = RecordID(kind: .deviation, number: 5)
      try writer.remove(Note.self, id: gone, action: "gallra")
      try writer.dropFromJournal([gone])
    }
    let journal = try String(
      contentsOfFile: store.path("deviation/journal/000000.ndjson"), encoding: .utf8)
    #expect(journal.split(separator: "\n").count == 255)
    #expect(!journal.contains(#""DEV-5""#))
    #expect(try StoreCheck(store: store, kinds: [.of(Note.self)]).run().problems == [])
  }
}
