import Foundation
import SamverkanTestSupport
import Testing

/// `store gallra`: personal data in closed cases removed after the retention period, the
/// research sample archived, open cases kept (SPEC §14, SoL 12 kap. 1 §, SoF 7 kap. 2 §).
@Suite struct GallringTests {
  /// Born on the 5th: in the research sample.
  static let fifth = "19900105-2381"

  func run(_ store: TestStore, _ arguments: [String], today: String) -> RunResult {
    store.run(
      arguments, environment: ["SAMVERKAN_TODAY": today, "SAMVERKAN_NOW": "\(today)T09:00"])
  }

  func ok(_ store: TestStore, _ arguments: [String], today: String) {
    let result = run(store, arguments, today: today)
    #expect(result.code == 0, "\(arguments): \(result)")
  }

  /// A closed SIP and its consent for the adult (last entry 2020-12-31), a closed case for
  /// the second adult one day later (2021-01-01), an expired consent for a person born on
  /// the 5th, and an open SP for the third adult. The journal is set to the days the
  /// records say, as a store kept since then would have it.
  func oldStore() throws -> TestStore {
    let store = TestStore()
    func consent(_ person: String, _ day: String, _ name: String? = nil) {
      ok(
        store,
        [
          "consent", "grant", "--person", person, "--parties", "SF-NORDOST,REGION,FFS", "--purpose",
          "sip,sp", "--form", "written", "--until", day, "--informed",
        ]
          + (name.map { ["--name", $0] } ?? []), today: day)
    }
    consent(TestPerson.adult, "2020-12-31", "Anna Andersson")
    ok(
      store,
      [
        "sip", "create", "--person", TestPerson.adult, "--name", "Anna Andersson", "--trigger",
        "need", "--initiator", "SF-NORDOST",
      ], today: "2020-12-31")
    ok(
      store,
      [
        "sip", "invite", "SIP-1", "--purpose", "Samordna stödet", "--question", "Vem gör vad?",
        "--party", "REGION",
      ], today: "2020-12-31")
    // Each principal documents its closing; then the SIP is closed.
    for principal in ["SF-NORDOST", "REGION"] {
      ok(
        store, ["sip", "close", "SIP-1", "--reason", "no-longer-needed", "--by", principal],
        today: "2020-12-31")
    }
    consent(TestPerson.adult2, "2021-01-01", "Bo Berg")
    consent(Self.fifth, "2020-12-31", "Fia Femte")
    consent(TestPerson.adult3, "2027-12-31")
    ok(
      store,
      ["sp", "create", "--person", TestPerson.adult3, "--by", "SF-NORDOST", "--with", "FFS"],
      today: "2020-12-31")
    try setJournalTimes(store) { line in
      line.contains(TestPerson.adult2) || line.contains("CON-2")
        ? "2021-01-01T10:00:00Z" : "2020-12-31T10:00:00Z"
    }
    return store
  }

  /// Sets the time of every journal line, as a store kept since those days has them.
  func setJournalTimes(_ store: TestStore, _ time: (String) -> String) throws {
    let root = URL(fileURLWithPath: store.path)
    for kind in try FileManager.default.contentsOfDirectory(atPath: store.path) {
      let folder = root.appendingPathComponent(kind).appendingPathComponent("journal")
      guard let files = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else {
        continue
      }
      for file in files {
        let url = folder.appendingPathComponent(file)
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map {
          line in
          String(line).replacingOccurrences(
            of: #""time":"[^"]*""#, with: "\"time\":\"\(time(String(line)))\"",
            options: .regularExpression)
        }
        try (lines.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
      }
    }
  }

  func actions(_ store: TestStore, on day: String) throws -> [String: String] {
    let result = run(store, ["store", "gallra", "--on", day, "--json"], today: "2026-01-15")
    #expect(result.code == 0, "\(result)")
    let rows = try #require(
      JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
    return Dictionary(
      uniqueKeysWithValues: rows.map { ("\($0["id"] ?? "")", "\($0["action"] ?? "")") })
  }

  @Test func fiveYearsAfterTheLastEntryOnBothSidesOfTheLimitAndOfNewYear() throws {
    let store = try oldStore()
    let before = store.snapshot()
    let dayBefore = try actions(store, on: "2025-12-30")
    #expect(dayBefore.values.allSatisfy { $0 == "keep" }, "\(dayBefore)")
    let newYearsEve = try actions(store, on: "2025-12-31")
    #expect(newYearsEve["SIP-1"] == "remove" && newYearsEve["CON-1"] == "remove")
    #expect(newYearsEve["UTL-1"] == "remove")
    #expect(newYearsEve["CON-2"] == "keep", "the last entry was a day later: \(newYearsEve)")
    #expect(newYearsEve["CON-3"] == "archive")
    #expect(newYearsEve["CON-4"] == "keep" && newYearsEve["SP-1"] == "keep")
    let newYear = try actions(store, on: "2026-01-01")
    #expect(newYear["CON-2"] == "remove")
    // Listing changes nothing.
    #expect(store.changedFiles(since: before) == [])
  }

  @Test func applyingRemovesEverythingAboutTheDuePersonsAndArchivesTheSample() throws {
    let store = try oldStore()
    let archive = store.directory.file("arkiv")
    let result = run(
      store, ["store", "gallra", "--apply", "--archive", archive], today: "2026-01-15")
    #expect(result.code == 0, "\(result)")
    let everything = store.snapshot().values.map { String(decoding: $0, as: UTF8.self) }
      .joined(separator: "\n")
    for gone in [TestPerson.adult, TestPerson.adult2, Self.fifth, "Anna Andersson", "Fia Femte"] {
      #expect(!everything.contains(gone), "\(gone) is still in the store")
    }
    #expect(everything.contains(TestPerson.adult3), "the open case stays")
    // The research sample is in the archive, with its journal.
    let archived = try String(
      contentsOfFile: archive + "/\(Self.fifth).ndjson", encoding: .utf8)
    #expect(archived.contains("Fia Femte") && archived.contains("\"journal\""))
    // Tombstones without personal data, and a sound store.
    let log = try String(contentsOfFile: store.path + "/gallring.ndjson", encoding: .utf8)
    #expect(log.contains("\"id\":\"SIP-1\"") && !log.contains("1990"))
    #expect(run(store, ["store", "check"], today: "2026-01-15").code == 0)
    #expect(run(store, ["sip", "show", "SIP-1"], today: "2026-01-15").code == 66)
    // Again: nothing more is due.
    let again = run(store, ["store", "gallra", "--apply"], today: "2026-01-15")
    #expect(again.code == 0 && !again.stdout.contains("remove"))
  }

  @Test(arguments: [
    (["store", "gallra", "--apply"], "give --archive <dir>"),
    (["store", "gallra", "--apply", "--on", "2026-02-01"], "is in the future"),
    (["store", "gallra", "--on", "2026-02-30"], "2026-02-30"),
  ])
  func refusalsChangeNothing(arguments: [String], saying: String) throws {
    let store = try oldStore()
    let before = store.snapshot()
    let result = run(store, arguments, today: "2026-01-15")
    #expect(result.code == 64, "\(result)")
    #expect(result.stderr.contains(saying), "\(result)")
    #expect(result.stdout.isEmpty)
    #expect(store.changedFiles(since: before) == [])
  }

  @Test func keptKindsStayWhateverTheirAge() throws {
    let store = try oldStore()
    try #"{"retention": {"keptKinds": ["consent"]}}"#.write(
      toFile: store.path + "/profile.json", atomically: true, encoding: .utf8)
    let verdicts = try actions(store, on: "2026-01-10")
    #expect(verdicts["CON-1"] == "keep" && verdicts["SIP-1"] == "remove")
  }
}
