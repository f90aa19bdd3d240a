import SamverkanDomain
import SamverkanStore
import SamverkanTestSupport
import Testing

/// A stand-in for records of the commands built beside this one (SP, SIP, transfer,
/// escalation), so `--from` can be tested before their modules land: only the kind, the
/// ID and — to prove nothing is copied — a person.
struct FakeRecord<Kind: FakeKind>: StoredRecord {
  static var kind: RecordKind { Kind.kind }
  var id: RecordID?
  var person: PersonNumber?
  var personName: String?
  static var fields: [RecordField] {
    [RecordField("id"), RecordField("person"), RecordField("personName")]
  }
}

protocol FakeKind: Sendable { static var kind: RecordKind { get } }
enum FakeSP: FakeKind { static var kind: RecordKind { .sp } }
enum FakeSIP: FakeKind { static var kind: RecordKind { .sip } }
enum FakeTransfer: FakeKind { static var kind: RecordKind { .transfer } }
enum FakeEscalation: FakeKind { static var kind: RecordKind { .escalation } }

extension TestStore {
  /// Inserts a record of another command directly, as that command would, and returns its ID.
  @discardableResult
  func insertFake<K: FakeKind>(
    _ kind: K.Type, person: String? = TestPerson.adult, name: String? = "Test Testsson"
  ) throws -> RecordID {
    let store = Store(directory: path, actor: "tester", commandLine: ["test"])
    let inserted = try store.write { writer in
      try writer.insert(
        FakeRecord<K>(person: try person.map { try PersonNumber(longForm: $0) }, personName: name),
        action: "create")
    }
    return try #require(inserted.id)
  }

  /// Runs a command that must succeed and returns its stdout without the final newline.
  @discardableResult
  func ok(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) -> String {
    let result = run(arguments)
    #expect(
      result.code == 0, "\(arguments.joined(separator: " "))\n\(result)",
      sourceLocation: sourceLocation)
    return String(result.stdout.dropLast(result.stdout.hasSuffix("\n") ? 1 : 0))
  }

  /// Runs a command that must be refused with `code`, proves the store is byte for byte as
  /// before, and returns the result for its message.
  @discardableResult
  func refused(
    _ arguments: [String], code: Int32, sourceLocation: SourceLocation = #_sourceLocation
  ) -> RunResult {
    expectRefused(arguments, code: code, sourceLocation: sourceLocation)
  }
}

/// The command lines of a typical report, from seed 000: absence from an SP meeting.
enum Walk {
  static let part1 = [
    "deviation", "report", "--reporting-unit", "SF-NORDOST/BOU", "--units", "SF-NORDOST/BOU,FFS",
    "--category", "absence-without-valid-reason",
    "--what", "FFS var kallad till SP-mötet men ingen kom och inget återbud lämnades.",
    "--perceived", "Planeringen för den enskilde försenades en månad.",
    "--improvement", "Bekräfta kallelser inom en vecka och utse ersättare vid förhinder.",
    "--name", "Karin Lund", "--title", "biträdande enhetschef", "--date", "2026-09-14",
  ]

  static func part2(_ id: String) -> [String] {
    [
      "deviation", "respond", id,
      "--summary", "FFS bekräftar kallelser inom en vecka och utser en ersättare vid förhinder.",
      "--remaining", "Kallelser till funktionsbrevlådan saknar kvittens.", "--date", "2026-10-05",
    ]
  }

  static func signReporting(_ id: String) -> [String] {
    [
      "deviation", "sign", id, "--side", "reporting", "--name", "Karin Lund", "--title",
      "biträdande enhetschef", "--date", "2026-10-06",
    ]
  }

  static func signReceiving(_ id: String) -> [String] {
    [
      "deviation", "sign", id, "--side", "receiving", "--name", "Per Holm", "--title",
      "enhetschef", "--date", "2026-10-07",
    ]
  }

  static func file(_ id: String) -> [String] {
    ["deviation", "file", id, "--to", "Eva Ström", "--date", "2026-10-09"]
  }
}
