import Foundation
import SamverkanDomain
import SamverkanTestSupport
import Testing

/// The index of due dates: the agenda and every due list read only the records it names, and
/// say exactly what a walk of every record says, on any day, for any window.
@Suite struct DueIndexTests {
  let agenda = AgendaTests()

  /// The caseworker's week, and more: a withdrawn consent two open cases rely on, a consent
  /// ending soon, an expired one, a withdrawn matter, a cancelled transfer and a second
  /// deviation report, answered.
  func variedStore() -> TestStore {
    let store = agenda.caseworkersWeek()
    let steps: [(String, [String])] = [
      (
        "2026-11-25",
        [
          "consent", "grant", "--person", TestPerson.adult3, "--parties", "SF-NORDOST,FFS",
          "--purpose", "sp", "--form", "written", "--until", "2026-12-20", "--informed",
        ]
      ),
      (
        "2026-11-25",
        [
          "consent", "grant", "--person", TestPerson.adult3, "--parties", "SF-NORDOST,FFS",
          "--purpose", "consultation", "--form", "oral", "--from", "2026-01-10", "--until",
          "2026-03-01", "--informed",
        ]
      ),
      (
        "2026-12-02",
        [
          "consent", "revoke", "CON-1", "--reason", "Vill inte längre", "--communicated",
          "per telefon",
        ]
      ),
      ("2026-11-26", ["escalate", "withdraw", "ESC-2", "--reason", "Löst på annat sätt."]),
      (
        "2026-11-26",
        [
          "transfer", "plan", "--person", "20080101-2394", "--from", "SF-NORDOST/BOU", "--to",
          "SF-NORDOST/VUXEN", "--caseworker", "Karin Lund",
        ]
      ),
      ("2026-11-26", ["transfer", "cancel", "TRF-2", "--reason", "Flyttar."]),
    ]
    for (today, arguments) in steps { agenda.ok(store, arguments, today: today) }
    return store
  }

  /// A copy of the store as a program before the index would have left it: no index of due
  /// dates, and `meta.json` not saying it is kept (so every verb walks every record).
  func withoutIndex(_ store: TestStore) throws -> TestStore {
    let copy = TestStore()
    try FileManager.default.copyItem(atPath: store.path, toPath: copy.path)
    try? FileManager.default.removeItem(atPath: copy.path + "/index/due")
    for name in try FileManager.default.contentsOfDirectory(atPath: copy.path) {
      let meta = copy.path + "/" + name + "/meta.json"
      guard let text = try? String(contentsOfFile: meta, encoding: .utf8) else { continue }
      let kept = text.split(separator: "\n").filter { !$0.contains("\"dueIndex\"") }
      try (kept.joined(separator: "\n") + "\n").write(
        toFile: meta, atomically: true, encoding: .utf8)
    }
    let manifest = copy.path + "/index/buckets.json"
    let text = try String(contentsOfFile: manifest, encoding: .utf8)
    let kept = text.split(separator: "\n").filter { !$0.contains("index/due/") }
    try (kept.joined(separator: "\n") + "\n").write(
      toFile: manifest, atomically: true, encoding: .utf8)
    return copy
  }

  /// Every question about what is due, on `today`, with a window of `days`.
  func questions(_ days: Int, today: String) -> [[String]] {
    let on = ["2026-02-01", "2026-12-05"]
    return [
      ["agenda", "--json", "--to", "+\(days)d"],
      ["agenda", "--json", "--from", today, "--to", "+\(days)d", "--for", "all"],
      ["sip", "due", "--json", "--within", "\(days)d"],
      ["sip", "due", "--json"],
      ["sp", "due", "--json", "--within", "\(days)d"],
      ["deviation", "due", "--json"],
      ["deviation", "due", "--json", "--within", "\(days)d"],
      ["transfer", "upcoming", "--json", "--within", "\(days)d"],
      ["consent", "list", "--json", "--review-due"],
      ["consent", "list", "--json", "--expiring-within", "\(days)d"],
    ] + on.map { ["consent", "list", "--json", "--review-due", "--on", $0] }
      + on.map { ["consent", "list", "--json", "--expiring-within", "\(days)d", "--on", $0] }
  }

  /// Asks every question of both stores on many days and compares the answers.
  func expectSameAnswers(_ indexed: TestStore, _ walked: TestStore) throws {
    var day = try CivilDate(iso: "2026-09-01")
    var listed = 0
    while day <= (try CivilDate(iso: "2027-12-31")) {
      let today = day.description
      for days in [0, 30, 200] {
        for question in questions(days, today: today) {
          let fromIndex = agenda.run(indexed, question, today: today)
          let fromWalk = agenda.run(walked, question, today: today)
          #expect(fromIndex.code == 0, "\(question) on \(today): \(fromIndex)")
          #expect(
            fromIndex.stdout == fromWalk.stdout,
            "\(question) on \(today): the index says\n\(fromIndex.stdout)\nthe walk says\n\(fromWalk.stdout)"
          )
          if fromIndex.stdout.contains("\"id\"") { listed += 1 }
        }
      }
      day = day.adding(days: 37)
    }
    // The comparison means something only if the answers list things.
    #expect(listed > 100)
  }

  @Test func theIndexedAnswersAreTheWalksOnEveryDay() throws {
    let store = variedStore()
    #expect(store.run(["store", "check"]).code == 0)
    let kinds = try json(
      agenda.run(store, ["agenda", "--json", "--to", "2027-06-30"], today: "2026-12-03").stdout
    )
    .compactMap { $0["kind"] as? String }
    for kind in [
      "consent.review", "consent.expiry", "sip.response", "sip.consent", "sp.summons",
      "escalate.meeting", "transfer.raise", "deviation.response",
    ] {
      #expect(kinds.contains(kind), "no \(kind) in \(kinds)")
    }
    try expectSameAnswers(store, try withoutIndex(store))
  }

  @Test func aStoreWithoutTheIndexGetsItOnItsFirstChange() throws {
    let store = try withoutIndex(variedStore())
    #expect(store.run(["store", "check"]).code == 0)
    let walked = try withoutIndex(store)
    // One change of each kind builds that kind's index from every record.
    agenda.ok(store, ["consent", "review", "CON-2", "--next", "+60d"], today: "2026-11-26")
    agenda.ok(store, ["sip", "respond", "SIP-1", "--party", "REGION", "--attending", "Lars Lind"])
    agenda.ok(store, ["transfer", "cancel", "TRF-1", "--reason", "Flyttar."], today: "2026-11-26")
    for name in ["consent", "sip", "transfer"] {
      let meta = try String(contentsOfFile: store.path + "/\(name)/meta.json", encoding: .utf8)
      #expect(meta.contains("\"dueIndex\": true"), "\(name): \(meta)")
    }
    let checked = store.run(["store", "check"])
    #expect(checked.code == 0, "\(checked)")
    agenda.ok(walked, ["consent", "review", "CON-2", "--next", "+60d"], today: "2026-11-26")
    agenda.ok(walked, ["sip", "respond", "SIP-1", "--party", "REGION", "--attending", "Lars Lind"])
    agenda.ok(walked, ["transfer", "cancel", "TRF-1", "--reason", "Flyttar."], today: "2026-11-26")
    try expectSameAnswers(store, try withoutIndex(walked))
  }

  @Test func storeCheckFindsAnEntryLostOrAddedOrAFileLost() throws {
    let store = variedStore()
    let directory = store.path + "/index/due/consent"
    let files = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
    let holding = try #require(
      files.first {
        (try? String(contentsOfFile: directory + "/" + $0, encoding: .utf8))?.contains("CON-2")
          == true
      })
    let path = directory + "/" + holding
    let original = try String(contentsOfFile: path, encoding: .utf8)
    // An entry lost: the agenda would not show the consent.
    try original.replacingOccurrences(of: "\"CON-2\"", with: "\"CON-99\"").write(
      toFile: path, atomically: true, encoding: .utf8)
    let lost = store.run(["store", "check"])
    #expect(lost.code != 0, "\(lost)")
    #expect(lost.stdout.contains("CON-2 is missing from the index of due dates"), "\(lost)")
    #expect(lost.stdout.contains("lists CON-99"), "\(lost)")
    // The wrong window.
    let window = try #require(
      original.range(of: #""CON-2": "[^"]*""#, options: .regularExpression))
    try original.replacingCharacters(in: window, with: "\"CON-2\": \"2030-01-01/2030-01-02\"")
      .write(toFile: path, atomically: true, encoding: .utf8)
    let wrong = store.run(["store", "check"])
    #expect(wrong.stdout.contains("lists CON-2 for 2030-01-01/2030-01-02"), "\(wrong)")
    // A whole file lost: every command reading it says the store is damaged.
    try FileManager.default.removeItem(atPath: path)
    let gone = store.run(["store", "check"])
    #expect(gone.stdout.contains("missing, though index/buckets.json lists it"), "\(gone)")
    let asked = agenda.run(store, ["agenda", "--to", "2027-12-31"])
    #expect(asked.code != 0 && asked.stderr.contains("index/buckets.json lists it"), "\(asked)")
    // Put back, the store is sound again.
    try original.write(toFile: path, atomically: true, encoding: .utf8)
    #expect(store.run(["store", "check"]).code == 0)
  }

  /// The due lists read record files as text; a file an admin rewrote by hand is read as
  /// values, and a damaged record stops them with the walk's own words.
  @Test func aHandEditedOrDamagedRecordFileReadsAsTheWalkReadsIt() throws {
    let store = variedStore()
    let walked = try withoutIndex(store)
    let path = "/sip/records/000000.json"
    let written = try String(contentsOfFile: store.path + path, encoding: .utf8)
    #expect(written.contains(#""personName""#) == false)
    let question = ["agenda", "--json", "--to", "2027-06-30", "--for", "all"]
    let before = agenda.run(store, question, today: "2026-12-03")
    #expect(before.stdout.contains("Anna Andersson"), "\(before)")
    // Pretty-printed with its keys in another order: the same answers.
    let parsed = try JSONSerialization.jsonObject(with: Data(written.utf8))
    try JSONSerialization.data(withJSONObject: parsed, options: [.prettyPrinted])
      .write(to: URL(fileURLWithPath: store.path + path))
    #expect(agenda.run(store, question, today: "2026-12-03").stdout == before.stdout)
    // A date that does not exist, in text otherwise as written: the walk's message.
    for copy in [store, walked] {
      try written.replacingOccurrences(of: #""createdOn":"2026-"#, with: #""createdOn":"2026-13"#)
        .write(toFile: copy.path + path, atomically: true, encoding: .utf8)
    }
    let damaged = agenda.run(store, question, today: "2026-12-03")
    #expect(damaged.code != 0 && damaged.stderr.contains("SIP-1 is damaged"), "\(damaged)")
    let walk = agenda.run(walked, question, today: "2026-12-03")
    #expect(
      damaged.stderr.replacingOccurrences(of: store.path, with: "STORE")
        == walk.stderr.replacingOccurrences(of: walked.path, with: "STORE"))
  }

  @Test func aRefusedChangeLeavesTheIndexAsItWas() throws {
    let store = variedStore()
    let before = store.snapshot()
    let refused = agenda.run(store, ["consent", "review", "CON-404", "--next", "+60d"])
    #expect(refused.code != 0)
    let revoked = agenda.run(
      store, ["consent", "revoke", "CON-1", "--reason", "Igen", "--communicated", "per brev"])
    #expect(revoked.code != 0, "\(revoked)")
    #expect(store.changedFiles(since: before) == [])
  }

  func json(_ text: String) throws -> [[String: Any]] {
    try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]] ?? []
  }
}
