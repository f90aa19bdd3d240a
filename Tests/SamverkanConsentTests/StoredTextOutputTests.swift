import Foundation
import SamverkanDomain
import SamverkanTestSupport
import Testing

/// `export` and `list --format ndjson` copy records as their stored text, the register's
/// name spliced in; a record file written otherwise is read the slow way. Both ways must
/// write the same bytes.
@Suite struct StoredTextOutputTests {
  /// The round-trip tests' store (a name, a person without one, a protected person, a
  /// review and a revocation), and a name and text that need care.
  func populated() -> TestStore {
    let store = ImportExportTests().populated()
    store.run(
      grantArguments(
        ["--name", "Åsa Öberg-Ñandú 🙂", "--restrict", "a/b \\ \"c\"\tx"],
        person: TestPerson.adult3))
    return store
  }

  static let verbs: [[String]] = [
    ["consent", "export"],
    ["consent", "export", "--reveal"],
    ["consent", "list", "--format", "ndjson"],
    ["consent", "list", "--format", "ndjson", "--reveal"],
    ["consent", "list", "--format", "ndjson", "--limit", "2"],
    ["consent", "list", "--format", "ndjson", "--status", "active"],
    ["consent", "export", "--party", "REGION"],
    ["consent", "list", "--format", "json"],
  ]

  /// The store's consent record file written with a space in its head: still JSON, but not
  /// as this program writes it, so it is parsed whole.
  func reformat(_ store: TestStore) throws {
    let path = store.path + "/consent/records/000000.json"
    var text = try String(contentsOfFile: path, encoding: .utf8)
    #expect(text.hasPrefix("{\"collection\":"))
    text = "{ " + text.dropFirst()
    try text.write(toFile: path, atomically: true, encoding: .utf8)
  }

  @Test(arguments: verbs)
  func storedTextWritesWhatTheValuesWrite(verb: [String]) throws {
    let store = populated()
    let fast = store.run(verb)
    #expect(fast.code == 0, "\(fast)")
    if !verb.contains("--limit"), !verb.contains("--party") {
      #expect(fast.stdout.contains("Åsa Öberg-Ñandú 🙂"))
    }
    try reformat(store)
    let slow = store.run(verb)
    #expect(slow.code == fast.code)
    #expect(slow.stdout == fast.stdout)
    #expect(slow.stderr == fast.stderr)
    #expect(!fast.stdout.isEmpty)
  }

  @Test func aRecordWrittenOtherwiseIsReadTheSlowWay() throws {
    let store = populated()
    let fast = store.run(["consent", "export", "--reveal"])
    // One record's keys out of order: the file is parsed whole; the output is the same.
    let path = store.path + "/consent/records/000000.json"
    var text = try String(contentsOfFile: path, encoding: .utf8)
    let line = try #require(text.split(separator: "\n").first { $0.contains("\"CON-4\"") })
    let swapped = "{\"zzz\":1," + line.dropFirst()
    text = text.replacingOccurrences(of: String(line), with: swapped)
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    let slow = store.run(["consent", "export", "--reveal"])
    #expect(slow.code == 0, "\(slow)")
    #expect(slow.stdout.contains("\"zzz\":1"))
    #expect(slow.stdout.replacingOccurrences(of: ",\"zzz\":1", with: "") == fast.stdout)
  }

  /// The whole register's status is read from the few fields that decide it, in one pass
  /// over each record's text; one person's list decodes each consent in full. Both must
  /// give every consent the same status on every day: before, on and after its first day,
  /// review date and last day, for each type, with reviews, revoked, and with a review date
  /// stored as null.
  @Test func theStatusReadFromTheTextIsTheDecodedStatus() throws {
    let store = TestStore()
    let consents = [
      consent(id: 1, type: .explicit, from: "2026-03-01", until: "2026-09-30"),
      consent(id: 2, type: .implied, from: "2026-02-01", until: "2027-01-31", review: "2026-06-15"),
      consent(
        id: 3, type: .presumed, from: "2026-04-01", until: "2026-12-31", review: "2026-04-01"),
      consent(
        id: 4, type: .implied, from: "2026-01-01", until: "2027-12-31", review: "2027-06-01",
        reviews: [
          ConsentReview(
            date: day("2026-05-01"), by: "tester", due: day("2026-05-01"),
            nextReview: day("2027-06-01"))
        ]),
      consent(
        id: 5, type: .explicit, from: "2026-01-01", until: "2027-01-01", revoked: "2026-07-01"),
      consent(id: 6, type: .explicit, from: "2024-02-29", until: "2028-02-29"),
    ]
    try insert(consents, into: store)
    // A review date stored as null reads as none, as the decoder reads it.
    let path = store.path + "/consent/records/000000.json"
    var text = try String(contentsOfFile: path, encoding: .utf8)
    let line = try #require(text.split(separator: "\n").first { $0.contains("\"CON-1\"") })
    let nulled = line.replacingOccurrences(
      of: "\"reviews\"", with: "\"reviewDate\":null,\"reviews\"")
    #expect(nulled != line)
    text = text.replacingOccurrences(of: String(line), with: nulled)
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    let days = [
      "2024-02-28", "2026-01-01", "2026-02-28", "2026-03-01", "2026-04-01", "2026-06-14",
      "2026-06-15", "2026-06-30", "2026-07-01", "2026-09-30", "2026-10-01", "2027-01-31",
      "2027-02-01", "2027-06-01", "2028-02-29", "2028-03-01",
    ]
    /// Each row's ID and status.
    func statuses(_ output: String) throws -> [String: String] {
      var found: [String: String] = [:]
      for row in output.split(separator: "\n") {
        let object = try JSONSerialization.jsonObject(with: Data(row.utf8)) as? [String: Any]
        found[try #require(object?["id"] as? String)] = try #require(object?["status"] as? String)
      }
      return found
    }
    var seen = Set<String>()
    for date in days {
      let quick = store.run(["consent", "list", "--format", "ndjson", "--on", date])
      let decoded = store.run([
        "consent", "list", "--format", "ndjson", "--on", date, "--person", TestPerson.adult,
      ])
      #expect(quick.code == 0, "\(quick)")
      #expect(decoded.code == 0, "\(decoded)")
      let quickStatuses = try statuses(quick.stdout)
      #expect(quickStatuses.count == consents.count)
      #expect(quickStatuses == (try statuses(decoded.stdout)), "on \(date)")
      seen.formUnion(quickStatuses.values)
    }
    // Every status came up.
    #expect(seen == ["active", "not-yet-valid", "expired", "revoked", "review-due"])
  }

  @Test func aDamagedRecordFileStopsTheExportAsBefore() throws {
    let store = populated()
    let path = store.path + "/consent/records/000000.json"
    var text = try String(contentsOfFile: path, encoding: .utf8)
    text = text.replacingOccurrences(of: "\"CON-2\"", with: "\"CON-2")
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    let result = store.run(["consent", "export", "--reveal"])
    #expect(result.code != 0)
    #expect(result.stdout.isEmpty)
    #expect(result.stderr.contains("damaged"))
  }
}
