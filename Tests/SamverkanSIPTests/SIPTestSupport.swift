import Foundation
import SamverkanDomain
import SamverkanSIP
import SamverkanStore
import SamverkanTestSupport
import Testing

let adult = try! PersonNumber(longForm: TestPerson.adult)

extension TestStore {
  /// The store as the tests' own process sees it.
  var store: Store { Store(directory: path, actor: "tester", commandLine: ["test"]) }

  /// Runs `samverkan sip …`.
  @discardableResult
  func sip(_ arguments: String..., today: String? = nil) -> RunResult {
    run(["sip"] + arguments + (today.map { ["--today", $0] } ?? []))
  }

  /// Runs `samverkan sip …` with an argument list.
  @discardableResult
  func sip(_ arguments: [String], today: String? = nil) -> RunResult {
    run(["sip"] + arguments + (today.map { ["--today", $0] } ?? []))
  }

  /// Records a consent directly (the `consent` verbs are built on another branch).
  @discardableResult
  func grantConsent(
    person: String = TestPerson.adult,
    parties: [String] = ["SF-NORDOST", "REGION", "FK"], purposes: [ConsentPurpose] = [.sip],
    type: ConsentType = .explicit, from: String = "2026-01-01", until: String = "2027-12-31",
    reviewDate: String? = nil, restrictions: String? = nil
  ) throws -> RecordID {
    try seedConsent(
      person: person, parties: parties, purposes: purposes, type: type, from: from, until: until,
      reviewDate: reviewDate, restrictions: restrictions)
  }

  /// Records the withdrawal of a consent directly, as `consent revoke` will.
  func revokeConsent(_ id: RecordID, on date: String) throws {
    try seedRevocation(id, on: day(date))
  }

  /// The SIP as stored.
  func readSIP(_ id: String) throws -> SIP {
    try store.read { reader in
      try reader.require(try RecordID(parsing: id), as: SIP.self)
    }
  }

  /// What the reference index holds for a record.
  func references(to id: RecordID) throws -> [RecordReference] {
    try store.read { reader in try reader.references(to: id) }
  }
}

extension TestStore {
  /// What `store check` finds wrong, leaving out what only comes from consent records:
  /// this branch inserts them directly, and the `consent` command that registers their
  /// kind with `store check` is built on another branch.
  func storeProblems() -> [String] {
    let result = run(["store", "check"])
    return result.lines.filter { !$0.contains("CON-") }
  }
}

/// Runs a command that must be refused: its exit code, a message naming the reason, and the
/// store byte for byte as before.
@discardableResult
func expectRefused(
  _ store: TestStore, _ arguments: [String], code: Int32 = 77, mentioning parts: [String],
  sourceLocation: SourceLocation = #_sourceLocation
) -> RunResult {
  store.expectRefused(
    arguments, code: code, mentioning: parts, sourceLocation: sourceLocation)
}

/// The pinned test date (2026-11-25) and days around it.
let testDay = day(testToday)

/// A SIP started on `created` by SF-NORDOST for the adult, with consent covering SF-NORDOST,
/// REGION and FK; returns its ID.
func startedSIP(
  _ store: TestStore, created: String = "2026-11-16", trigger: [String] = ["--trigger", "need"]
) throws -> String {
  let result = store.sip(
    [
      "create", "--person", TestPerson.adult, "--name", "Anna Andersson", "--initiator",
      "SF-NORDOST", "--caseworker", "Eva Ek",
    ] + trigger, today: created)
  #expect(result.code == 0, "\(result)")
  return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
}

/// A SIP with everything a plan needs except establishment: invited REGION (answered) and
/// FK, met on 2026-11-20, needs, goals, interventions, overall responsibility. The consent
/// covers SF-NORDOST, REGION, FK.
func readySIP(_ store: TestStore) throws -> (id: String, consent: RecordID) {
  let consent = try store.grantConsent()
  let id = try startedSIP(store)
  let steps: [[String]] = [
    ["need", id, "Stöd i att klara vardagen hemma"],
    ["need", id, "--wish", "Vill bo kvar i sin lägenhet"],
    [
      "invite", id, "--purpose", "Samordna stödet", "--question", "Vem gör vad?", "--party",
      "REGION,FK", "--on", "2026-11-17",
    ],
    ["respond", id, "--party", "REGION", "--attending", "Lars Lind", "--on", "2026-11-18"],
    ["meeting", id, "--at", "2026-11-20T13:00", "--place", "Vårdcentralen Angered"],
    ["goal", id, "Har en fungerande dygnsrytm", "--term", "short"],
    ["goal", id, "Har ett arbete eller en sysselsättning", "--term", "long"],
    [
      "intervention", id, "Boendestöd två gånger i veckan", "--responsible", "SF-NORDOST",
      "--by", "2027-01-31",
    ],
    ["intervention", id, "Läkemedelsgenomgång", "--responsible", "REGION", "--by", "2026-12-15"],
    ["responsible", id, "--principal", "SF-NORDOST"],
  ]
  for step in steps {
    let result = store.sip(step, today: "2026-11-20")
    #expect(result.code == 0, "\(step): \(result)")
  }
  return (id, consent)
}

/// `readySIP`, established on 2026-11-20 with a follow-up on 2027-02-20.
func establishedSIP(_ store: TestStore) throws -> (id: String, consent: RecordID) {
  let ready = try readySIP(store)
  let result = store.sip(
    ["establish", ready.id, "--follow-up", "2027-02-20", "--follow-up-place", "Socialkontoret"],
    today: "2026-11-20")
  #expect(result.code == 0, "\(result)")
  return ready
}
