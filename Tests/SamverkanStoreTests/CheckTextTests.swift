import Foundation
import SamverkanDomain
@testable import SamverkanStore
import SamverkanTestSupport
import Testing

/// `store check` reads record and journal files as this program writes them by their text;
/// it must find exactly what the check of their values finds.
@Suite struct CheckTextTests {
  let person = try! PersonNumber(longForm: TestPerson.adult)

  func makeStore() throws -> Store {
    let store = Store(
      directory: TemporaryDirectory().path + "/store", actor: "tester", commandLine: ["test"],
      lockTimeout: 2)
    try store.write { writer in
      try writer.insert(Note(person: person, text: "a \"quoted\" Åsa 🙂"), action: "create")
      try writer.insert(Note(ref: "R-1", text: "b"), action: "create")
      try writer.insert(Note(text: "c"), action: "create")
    }
    try store.write { writer in
      var second = try writer.require(RecordID(kind: .deviation, number: 2), as: Note.self)
      second.text = "b, changed"
      second.open = false
      try writer.update(second, action: "change")
      try writer.journalEvent(
        id: RecordID(kind: .deviation, number: 1), action: "event", event: "SP genomförd")
      try writer.remove(Note.self, id: RecordID(kind: .deviation, number: 3), action: "remove")
    }
    return store
  }

  var shardPath: String { "/deviation/records/000000.json" }
  var journalPath: String { "/deviation/journal/000000.ndjson" }

  func check(_ store: Store) throws -> StoreCheck.Report {
    try StoreCheck(store: store, kinds: [.of(Note.self)]).run()
  }

  func edit(_ store: Store, _ path: String, _ change: (String) -> String) throws {
    let text = try String(contentsOfFile: store.directory + path, encoding: .utf8)
    try change(text).write(toFile: store.directory + path, atomically: true, encoding: .utf8)
  }

  @Test func aSoundStoreChecksAsItsValuesDo() throws {
    let store = try makeStore()
    let byText = try check(store)
    #expect(byText.problems == [])
    #expect(ShardCheck.checkText(index: 0, checked: .of(Note.self), store: store) != nil)
    // The same files with a space in the record file's head: checked value by value.
    try edit(store, shardPath) { "{ " + $0.dropFirst() }
    #expect(ShardCheck.checkText(index: 0, checked: .of(Note.self), store: store) == nil)
    let byValue = try check(store)
    #expect(byValue.problems == [])
    #expect(byText.records == byValue.records)
    #expect(byText.journalLines == byValue.journalLines)
    #expect(byText.records == 2)
    #expect(byText.journalLines == 6)
  }

  @Test func aNullSetInBothTheRecordAndItsOnlyLineDoesNotReplay() throws {
    let store = try makeStore()
    try store.write { try $0.insert(Note(text: "d"), action: "create") }
    try edit(store, shardPath) {
      $0.replacingOccurrences(of: #""text":"d""#, with: #""text":"d","zzz":null"#)
    }
    try edit(store, journalPath) {
      $0.replacingOccurrences(of: #""text":"d""#, with: #""text":"d","zzz":null"#)
    }
    #expect(
      try check(store).problems.map(\.message) == [
        "DEV-4: the journal does not replay to the stored record"
      ])
  }

  @Test func aJournalLineChangedByHandDoesNotReplay() throws {
    let store = try makeStore()
    try edit(store, journalPath) {
      $0.replacingOccurrences(of: #""text":"a \"quoted\""#, with: #""text":"A \"quoted\""#)
    }
    #expect(
      try check(store).problems.map(\.message) == [
        "DEV-1: the journal does not replay to the stored record"
      ])
  }

  @Test func aRecordRemovedByHandIsStillInTheJournal() throws {
    let store = try makeStore()
    try edit(store, shardPath) { text in
      text.split(separator: "\n", omittingEmptySubsequences: false)
        .filter { !$0.contains("DEV-2") }.joined(separator: "\n")
        .replacingOccurrences(of: "},\n]}", with: "}\n]}")
    }
    let messages = try check(store).problems.map(\.message)
    #expect(messages.contains("DEV-2 is in the journal but not in the records"))
  }
}
