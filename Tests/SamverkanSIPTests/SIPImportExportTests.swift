import Foundation
import SamverkanDomain
import SamverkanSIP
import SamverkanTestSupport
import Testing

/// `sip export` and `sip import`: what one writes the other reads back, and an import row
/// is held to the same rules as the verbs.
@Suite struct SIPImportExportTests {
  @Test(arguments: ["ndjson", "csv"])
  func exportImportsBackUnchanged(format: String) throws {
    let store = TestStore()
    _ = try establishedSIP(store)
    #expect(store.sip("follow-up", "SIP-1", "--outcome", "revise", today: "2027-02-20").code == 0)
    #expect(
      store.sip(
        "create", "--person", TestPerson.adult2, "--trigger", "request", "--initiator", "REGION"
      ).code == 0)
    let exported = store.sip("export", "--format", format)
    #expect(exported.code == 0, "\(exported)")

    // Into a fresh store holding the same consent.
    let other = TestStore()
    try other.grantConsent()
    var result = other.run(["sip", "import", "-"], stdin: exported.stdout)
    #expect(result.code == 0, "\(result)")
    #expect(result.stderr.contains("2 created, 0 updated, 0 unchanged"))
    #expect(other.sip("export", "--format", format).stdout == exported.stdout)
    #expect(try other.references(to: RecordID(parsing: "CON-1")).map(\.state) == ["revising"])

    // Importing again changes nothing.
    let before = other.snapshot()
    result = other.run(["sip", "import", "-"], stdin: exported.stdout)
    #expect(result.stderr.contains("0 created, 0 updated, 2 unchanged"), "\(result)")
    #expect(other.snapshot() == before)
    #expect(other.storeProblems().isEmpty)
  }

  @Test(arguments: ["ndjson", "csv"])
  func aClosingUnderWayExportsAndImportsBack(format: String) throws {
    let store = TestStore()
    let (id, _) = try establishedSIP(store)
    let closed = store.sip(
      "close", id, "--reason", "goals-met", "--by", "REGION", "--note", "Klart hos regionen")
    #expect(closed.code == 0, "\(closed)")
    let exported = store.sip("export", "--format", format)
    #expect(exported.code == 0, "\(exported)")
    #expect(exported.stdout.contains("closings"))
    #expect(exported.stdout.contains("Klart hos regionen"))

    let other = TestStore()
    try other.grantConsent()
    let result = other.run(["sip", "import", "-"], stdin: exported.stdout)
    #expect(result.code == 0, "\(result)")
    #expect(other.sip("export", "--format", format).stdout == exported.stdout)
    let sip = try other.readSIP(id)
    #expect(sip.state == .closing)
    #expect(sip.awaitingClosing.map(\.value) == ["SF-NORDOST"])
  }

  /// A stored SIP as JSON with some fields changed, as an import row.
  func row(_ store: TestStore, _ id: String, _ change: (inout [String: Any]) -> Void) throws
    -> String
  {
    let exported = store.sip("show", id, "--json").stdout
    var object = try #require(
      try JSONSerialization.jsonObject(with: Data(exported.utf8)) as? [String: Any])
    change(&object)
    return String(
      decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]),
      as: UTF8.self)
  }

  @Test func importRowsFollowTheVerbsRules() throws {
    let source = TestStore()
    let (id, _) = try establishedSIP(source)
    let target = TestStore()
    try target.grantConsent(parties: ["SF-NORDOST", "REGION"])

    let rows = [
      // An established plan without goals.
      try row(source, id) {
        $0["goals"] = []; $0["id"] = "SIP-1"
      },
      // A principal that declined.
      try row(source, id) { object in
        var participants = object["participants"] as! [[String: Any]]
        participants[0]["response"] = ["answer": "declined", "date": "2026-11-18"]
        object["participants"] = participants
        object["id"] = "SIP-2"
      },
      // Invited parties that the consent does not cover.
      try row(source, id) { $0["id"] = "SIP-3" },
      // A state that does not follow from the content.
      try row(source, id) {
        $0["state"] = "closed"; $0["id"] = "SIP-4"
      },
      // Closed the older way, by one closing for every principal (an older store's export).
      try row(source, id) {
        $0["closing"] = ["date": "2026-11-24", "reason": "no-longer-needed", "by": "SF-NORDOST"]
        $0["state"] = "closed"
        $0["id"] = "SIP-5"
      },
      // A closing documented by an invited actor.
      try row(source, id) {
        $0["closings"] = [["date": "2026-11-24", "reason": "no-longer-needed", "by": "FK"]]
        $0["state"] = "closing"
        $0["id"] = "SIP-6"
      },
      // One principal's closing twice.
      try row(source, id) {
        $0["closings"] = [
          ["date": "2026-11-24", "reason": "no-longer-needed", "by": "SF-NORDOST"],
          ["date": "2026-11-25", "reason": "no-longer-needed", "by": "SF-NORDOST/VUXEN"],
        ]
        $0["state"] = "closing"
        $0["id"] = "SIP-7"
      },
    ]
    let before = target.snapshot()
    let result = target.run(["sip", "import", "-"], stdin: rows.joined(separator: "\n") + "\n")
    #expect(result.code == 65, "\(result)")
    #expect(
      result.stderr.contains(
        "-:1: goals: the plan was established on 2026-11-20 without at least one goal"))
    #expect(
      result.stderr.contains(
        "-:2: participants: REGION is a principal (huvudman) and cannot decline a SIP"))
    #expect(
      result.stderr.contains(
        "-:3: consent: CON-1 does not cover SF-NORDOST, REGION, FK on 2026-11-20: CON-1 does not cover FK"
      ))
    #expect(
      result.stderr.contains(
        "-:4: state: is 'closed', but what the record holds makes it 'established'"))
    // A SIP closed the older way, exported from an older store, imports as it was: the
    // record is history, not a new closing.
    #expect(!result.stderr.contains("-:5: closing"), "\(result)")
    #expect(
      result.stderr.contains(
        "-:6: closings: FK is not a principal (huvudman) of the SIP; each principal documents its own closing, an invited actor none"
      ))
    #expect(
      result.stderr.contains(
        "-:7: closings: SF-NORDOST documented its closing twice; each principal does it once"))
    #expect(target.snapshot() == before)
  }

  @Test func anImportCannotChangeAnEstablishedPlanOutsideAFollowUp() throws {
    let store = TestStore()
    let (id, _) = try establishedSIP(store)
    let changed = try row(store, id) { object in
      var goals = object["goals"] as! [[String: Any]]
      goals[0]["text"] = "Något annat"
      object["goals"] = goals
    }
    let before = store.snapshot()
    let result = store.run(["sip", "import", "-", "--update"], stdin: changed + "\n")
    #expect(result.code == 65, "\(result)")
    #expect(
      result.stderr.contains(
        "version: \(id)'s plan was established on 2026-11-20 (version 1); it changes only through a follow-up that revises it"
      ))
    #expect(store.snapshot() == before)
  }

  @Test func anImportNeedsTheConsentFirst() throws {
    let source = TestStore()
    let (id, _) = try establishedSIP(source)
    let target = TestStore()
    let result = target.run(["sip", "import", "-"], stdin: try row(source, id) { _ in } + "\n")
    #expect(result.code == 65)
    #expect(
      result.stderr.contains(
        "consent: CON-1 is not in the store (import consents before the records that rely on them)")
    )
    #expect(!FileManager.default.fileExists(atPath: target.path + "/sip"))
  }
}
