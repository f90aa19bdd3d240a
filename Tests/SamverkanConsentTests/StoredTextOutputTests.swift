import Foundation
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
