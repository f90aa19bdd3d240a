import Foundation
import SamverkanDomain
import SamverkanTestSupport
import Testing

/// The built `samverkan` binary walks an SP from create to close, as a caseworker's shell
/// script would: IDs on stdout, messages on stderr, exit codes to test.
@Suite struct SPEndToEndTests {
  @Test func theBinaryWalksAnSPFromCreateToClose() throws {
    let store = TestStore()
    try store.grant(parties: ["SF-NORDOST", "FFS"])
    func sp(_ arguments: [String], stdin: String = "") throws -> RunResult {
      try runBinary(arguments, environment: binaryEnvironment(store: store.path), stdin: stdin)
    }

    // Without consent for the person, the summons is refused and points to 'sp consult'.
    let other = try sp(Walk.create(TestPerson.adult2))
    #expect(other.code == 0 && other.stdout == "SP-1\n")
    let before = store.snapshot()
    let refused = try sp(Walk.summon("SP-1"))
    #expect(refused.code == 77)
    #expect(refused.stderr.hasPrefix("Error: 'sp summon' on SP-1 is refused"))
    #expect(refused.stderr.contains("'samverkan sp consult'"))
    #expect(store.snapshot() == before)
    let consult = try sp([
      "sp", "consult", "--by", "SF-NORDOST", "--with", "FFS", "--question",
      "Ung vuxen med autism som behöver stöd i boendet; vem ansvarar?", "--advice",
      "FFS utreder boendestöd efter ansökan.",
    ])
    #expect(consult.code == 0 && consult.stdout == "KONS-1\n")

    // With consent: every step, each printing the SP's ID.
    let steps =
      [
        Walk.create(), Walk.summon("SP-2"), Walk.meeting("SP-2"),
      ] + Walk.document("SP-2") + [
        Walk.submit("SP-2"), Walk.approve("SP-2", ref: "TRE-2026-0042"),
        ["sp", "follow-up", "SP-2", "--note", "Boendestödet fungerar.", "--today", "2027-03-01"],
        [
          "sp", "close", "SP-2", "--reason", "Behovet av samordning har upphört.", "--today",
          "2027-03-01",
        ],
      ]
    for step in steps {
      let result = try sp(step)
      #expect(result.code == 0, "\(step.joined(separator: " "))\n\(result)")
      #expect(result.stdout == "SP-2\n", "\(step.joined(separator: " "))")
    }
    let shown = try sp(["sp", "show", "SP-2", "--json"])
    let record = try #require(
      try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any])
    #expect(record["state"] as? String == "closed")
    #expect(record["establishedOn"] as? String == "2026-12-04")
    #expect(
      (record["closing"] as? [String: Any])?["reason"] as? String
        == "Behovet av samordning har upphört.")

    let history = try sp(["sp", "history", "SP-2"])
    #expect(history.code == 0)
    #expect(history.stdout.contains("SP genomförd"))
    #expect(history.stdout.contains("(TRE-2026-0042)"))
  }
}
