import Foundation
import SamverkanTestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Consent grant arguments for the tests of damaged stores.
func grant(person: String = TestPerson.adult, _ extra: [String] = []) -> [String] {
  [
    "consent", "grant", "--person", person, "--name", "Anna Andersson", "--parties",
    "SF-NORDOST,FFS", "--purpose", "sp", "--form", "written", "--until", "2027-11-30",
    "--informed",
  ] + extra
}

/// Writes text to a file of a store.
func overwrite(_ store: TestStore, _ file: String, _ text: String) throws {
  try Data(text.utf8).write(to: URL(fileURLWithPath: store.path + "/" + file))
}

/// Stores damaged by a partial restore, a bad edit or an attacker (issue 20): each damage is
/// refused or worked around without losing a record, and `store check` names it.
@Suite struct DamagedStoreTests {
  // MARK: - F3: a rolled-back ID counter

  @Test func aRolledBackCounterNeverReplacesARecord() throws {
    let store = TestStore()
    #expect(store.run(grant()).stdout == "CON-1\n")
    #expect(store.run(grant(["--note", "the second"])).stdout == "CON-2\n")
    // As after restoring an old meta.json beside newer records.
    try overwrite(
      store, "consent/meta.json", #"{"collection":"consent","nextNumber":2,"schemaVersion":1}"#)
    let check = store.run(["store", "check"])
    #expect(check.code == 1)
    #expect(check.stdout.contains("nextNumber is 2 but CON-2 exists"), "\(check)")
    let next = store.run(grant(["--note", "the third"]))
    #expect(next.code == 0, "\(next)")
    #expect(next.stdout == "CON-3\n")
    let second = store.run(["consent", "show", "CON-2", "--fields", "note"])
    #expect(second.stdout == "note\tthe second\n", "\(second)")
    #expect(store.run(["store", "check"]).code == 0)
  }

  @Test func anImportPastARolledBackCounterKeepsEveryRecord() throws {
    let store = TestStore()
    #expect(store.run(grant()).code == 0)
    #expect(store.run(grant(["--note", "the second"])).code == 0)
    try overwrite(
      store, "consent/meta.json", #"{"collection":"consent","nextNumber":1,"schemaVersion":1}"#)
    let rows = HostileInputTests.consentRows(3)
    let result = store.run(["consent", "import", "-"], stdin: rows)
    #expect(result.code == 0, "\(result)")
    let list = store.run(["consent", "list", "--fields", "id,note"])
    #expect(
      list.lines == ["CON-1\t", "CON-2\tthe second", "CON-3\t", "CON-4\t", "CON-5\t"], "\(list)")
    #expect(store.run(["store", "check"]).code == 0)
  }

  // MARK: - F7: record numbers are bounded

  @Test(arguments: ["CON-9223372036854775807", "CON-9223372036854775806", "CON-1000000000"])
  func anIDBeyondTheMaximumIsAProblem(id: String) throws {
    let store = TestStore()
    let row = HostileInputTests.consentRows(1).replacingOccurrences(
      of: #"{"ref""#, with: #"{"id":"\#(id)","ref""#)
    let result = store.run(["consent", "import", "-"], stdin: row)
    #expect(result.code == 65, "\(result)")
    #expect(result.stderr.contains("from 1 to 999999999"), "\(result.stderr)")
    #expect(store.snapshot().isEmpty)
    #expect(store.run(["consent", "show", id]).code == 64)
  }

  @Test func theLastIDLeavesNoneAndSaysSo() throws {
    let store = TestStore()
    let row = HostileInputTests.consentRows(1).replacingOccurrences(
      of: #"{"ref""#, with: #"{"id":"CON-999999999","ref""#)
    #expect(store.run(["consent", "import", "-"], stdin: row).code == 0)
    let before = store.snapshot()
    let result = store.run(grant())
    #expect(result.code == 74, "\(result)")
    #expect(result.stderr.contains("no consent ID is left"), "\(result.stderr)")
    #expect(store.changedFiles(since: before) == [])
  }

  // MARK: - F4: the protected mark

  private func protectedStore() -> TestStore {
    let store = TestStore()
    #expect(store.run(grant(["--protected"])).code == 0)
    #expect(store.run(grant(person: TestPerson.adult2)).code == 0)
    return store
  }

  @Test(arguments: [
    ["consent", "list"], ["consent", "show", "CON-1"], ["consent", "export", "--format", "csv"],
    ["consent", "list", "--person", TestPerson.adult],
  ])
  func losingPersonsJSONUnmasksNobody(command: [String]) throws {
    let store = protectedStore()
    try FileManager.default.removeItem(atPath: store.path + "/persons.json")
    let before = store.snapshot()
    let result = store.run(command)
    #expect(result.code == 74, "\(result)")
    #expect(result.stdout.isEmpty)
    #expect(result.stderr.contains("persons.json"), "\(result.stderr)")
    #expect(store.changedFiles(since: before) == [])
  }

  @Test func anOlderPersonsJSONIsDamage() throws {
    let store = protectedStore()
    try overwrite(store, "persons.json", #"{"protected":[],"schemaVersion":1}"#)
    let result = store.run(["consent", "list"])
    #expect(result.code == 74, "\(result)")
    #expect(!result.stdout.contains("Anna"))
    let check = store.run(["store", "check"])
    #expect(check.code == 1, "\(check)")
    #expect(check.stdout.contains("persons.json"), "\(check)")
  }

  @Test func storeCheckReportsAMissingPersonsJSON() throws {
    let store = protectedStore()
    try FileManager.default.removeItem(atPath: store.path + "/persons.json")
    let check = store.run(["store", "check"])
    #expect(check.code == 1, "\(check)")
    #expect(check.stdout.contains("persons.json"), "\(check)")
    #expect(check.stdout.contains("store.json counts 1 person"), "\(check)")
  }

  @Test func losingStoreJSONTooIsDamage() throws {
    let store = protectedStore()
    try FileManager.default.removeItem(atPath: store.path + "/persons.json")
    try FileManager.default.removeItem(atPath: store.path + "/store.json")
    let before = store.snapshot()
    for command in [["consent", "list"], grant(person: TestPerson.adult3)] {
      let result = store.run(command)
      #expect(result.code == 74, "\(result)")
      #expect(result.stdout.isEmpty)
      #expect(result.stderr.contains("store.json"), "\(result.stderr)")
    }
    #expect(store.changedFiles(since: before) == [])
  }

  /// A store written before store.json counted protected persons is given the count on
  /// its first change; until then it reads as before.
  @Test func anOlderStoreGetsTheCountOnItsFirstChange() throws {
    let store = protectedStore()
    try overwrite(
      store, "store.json",
      #"{"created":"2026-01-01T00:00:00Z","format":"samverkan-store","schemaVersion":1}"#)
    let list = store.run(["consent", "list", "--fields", "id,personName"])
    #expect(
      list.lines == ["CON-1\t(skyddade personuppgifter)", "CON-2\tAnna Andersson"], "\(list)")
    #expect(store.run(grant(person: TestPerson.adult3)).code == 0)
    let info = try String(contentsOfFile: store.path + "/store.json", encoding: .utf8)
    #expect(info.contains(#""protectedPersons": 1"#), "\(info)")
    #expect(info.contains("2026-01-01T00:00:00Z"))
    #expect(store.run(["store", "check"]).code == 0)
  }

  // MARK: - F16: schema versions

  private func replaceVersion(_ store: TestStore, _ file: String, with version: String) throws {
    let path = store.path + "/" + file
    let text = try String(contentsOfFile: path, encoding: .utf8)
    let changed = text.replacingOccurrences(
      of: "\"schemaVersion\":2", with: "\"schemaVersion\":\(version)"
    )
    .replacingOccurrences(of: "\"schemaVersion\": 2", with: "\"schemaVersion\": \(version)")
    #expect(changed != text)
    try Data(changed.utf8).write(to: URL(fileURLWithPath: path))
  }

  @Test(arguments: [
    ("consent/records/000000.json", "3", "schema version 3, written by a newer samverkan"),
    ("consent/meta.json", "3", "schema version 3, written by a newer samverkan"),
    ("store.json", "3", "schema version 3, written by a newer samverkan"),
    ("store.json", "0", "its schemaVersion is 0"),
    ("store.json", "-1", "its schemaVersion is -1"),
    ("store.json", "\"3\"", "its schemaVersion is \"3\", not a whole number"),
    ("store.json", "1e30", "not a whole number"),
    ("persons.json", "3", "schema version 3"),
  ])
  func aFileOfAnotherSchemaVersionIsRefused(file: String, version: String, words: String) throws {
    let store = TestStore()
    #expect(store.run(grant()).code == 0)
    try replaceVersion(store, file, with: version)
    let before = store.snapshot()
    // Reading needs no counter: only a change reads meta.json.
    let reads =
      file.hasSuffix("meta.json") ? [] : [["consent", "show", "CON-1"], ["consent", "list"]]
    for command in reads + [grant(person: TestPerson.adult2)] {
      let result = store.run(command)
      #expect(result.code == 74, "\(command): \(result)")
      #expect(result.stderr.contains(words), "\(result.stderr)")
      #expect(result.stdout.isEmpty)
    }
    #expect(store.changedFiles(since: before) == [])
  }

  // MARK: - F17: a lost index bucket

  @Test func aLostPersonIndexBucketIsDamageNotNoConsent() throws {
    let store = TestStore()
    #expect(store.run(grant()).code == 0)
    let check = [
      "consent", "check", "--person", TestPerson.adult, "--between", "SF-NORDOST,FFS", "--purpose",
      "sp",
    ]
    #expect(store.run(check).code == 0)
    let buckets = try FileManager.default.contentsOfDirectory(atPath: store.path + "/index/persons")
    #expect(buckets.count == 1)
    try FileManager.default.removeItem(atPath: store.path + "/index/persons/" + buckets[0])
    let before = store.snapshot()
    for command in [check, ["consent", "list", "--person", TestPerson.adult], grant()] {
      let result = store.run(command)
      #expect(result.code == 74, "\(command): \(result)")
      #expect(result.stderr.contains("index/persons/\(buckets[0])"), "\(result.stderr)")
      #expect(result.stdout.isEmpty)
    }
    #expect(store.changedFiles(since: before) == [])
    let report = store.run(["store", "check"])
    #expect(report.code == 1)
    #expect(
      report.stdout.contains(
        "index/persons/\(buckets[0]): missing, though index/buckets.json lists it"), "\(report)")
  }

  @Test func anOlderStoreGetsTheBucketListOnItsFirstChange() throws {
    let store = TestStore()
    #expect(store.run(grant()).code == 0)
    try FileManager.default.removeItem(atPath: store.path + "/index/buckets.json")
    #expect(store.run(["store", "check"]).code == 0)
    #expect(store.run(grant(person: TestPerson.adult2)).code == 0)
    let manifest = try String(contentsOfFile: store.path + "/index/buckets.json", encoding: .utf8)
    #expect(manifest.components(separatedBy: "index/persons/").count == 3, "\(manifest)")
    #expect(store.run(["store", "check"]).code == 0)
  }

  // MARK: - The person register

  /// A name in the register for a person no record is about is named by the check, whether the
  /// person index of its bucket matches the records (read on both cores) or not (read again).
  @Test(arguments: [false, true])
  func aRegisteredPersonWithoutRecordsIsAProblem(indexDamaged: Bool) throws {
    let store = TestStore()
    #expect(store.run(grant()).code == 0)
    #expect(store.run(["store", "check"]).code == 0)
    let names = try FileManager.default.contentsOfDirectory(atPath: store.path + "/index/names")
    #expect(names.count == 1)
    let file = "index/names/" + names[0]
    // A second name after the person's, as a bad edit or a partial restore leaves it.
    let register = try String(contentsOfFile: store.path + "/" + file, encoding: .utf8)
    #expect(register.contains(#""\#(TestPerson.adult)": "Anna Andersson""#), "\(register)")
    try overwrite(
      store, file,
      register.replacingOccurrences(
        of: #""\#(TestPerson.adult)": "Anna Andersson""#,
        with: #""\#(TestPerson.adult)": "Anna Andersson",\#n    "\#(TestPerson.adult2)": "Bo Berg""#
      ))
    if indexDamaged {
      let persons = try FileManager.default.contentsOfDirectory(
        atPath: store.path + "/index/persons")
      try overwrite(
        store, "index/persons/" + persons[0], #"{"entries": {}, "schemaVersion": 2}"#)
    }
    let report = store.run(["store", "check"])
    #expect(report.code == 1, "\(report)")
    let registerProblems = report.stdout.split(separator: "\n").filter {
      $0.contains("the person register names a person no record is about")
    }
    #expect(registerProblems == ["\(file): the person register names a person no record is about"])
    #expect(
      report.stdout.contains("a person's records are missing from the person index")
        == indexDamaged, "\(report)")
  }
}
