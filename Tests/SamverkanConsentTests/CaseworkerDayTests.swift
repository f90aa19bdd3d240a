import Foundation
import SamverkanTestSupport
import Testing

/// End to end with the built binary: a caseworker's day with consent, and the output piped
/// through jq and back into another store.
@Suite struct CaseworkerDayTests {
  let directory = TemporaryDirectory("consent-day")
  var store: String { directory.path + "/store" }

  func run(_ arguments: [String], today: String = testToday, stdin: String = "") throws
    -> RunResult
  {
    try runBinary(
      arguments, environment: binaryEnvironment(store: store, ["SAMVERKAN_TODAY": today]),
      stdin: stdin)
  }

  @Test func aCaseworkersDay() throws {
    let person = TestPerson.adult
    // Morning: the person consents to an SP between SF Nordost and FFS.
    let granted = try run([
      "consent", "grant", "--person", person, "--name", "Anna Andersson", "--parties",
      "SF-NORDOST,FFS", "--purpose", "sp", "--form", "written", "--until", "+6m", "--informed",
      "--restrict", "Nothing about her debts",
    ])
    #expect(granted.code == 0, "\(granted)")
    let id = granted.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    #expect(id == "CON-1")

    // Before summoning FFS: covered.
    let covered = try run([
      "consent", "check", "--person", person, "--between", "SF-NORDOST,FFS", "--purpose", "sp",
    ])
    #expect(covered.code == 0)
    #expect(covered.stdout == "CON-1\n")
    #expect(covered.stderr.contains("Nothing about her debts"))

    // ÄVO is not named: not covered, exit 1, and the reason names AVO.
    let avo = try run([
      "consent", "check", "--person", person, "--between", "SF-NORDOST,AVO", "--purpose", "sp",
    ])
    #expect(avo.code == 1)
    #expect(avo.stdout.isEmpty)
    #expect(avo.stderr.contains("CON-1 does not cover AVO"))

    // Afternoon: she calls and withdraws it.
    let revoked = try run([
      "consent", "revoke", "CON-1", "--reason", "Wants to handle it herself", "--communicated",
      "by phone to the caseworker",
    ])
    #expect(revoked.code == 0, "\(revoked)")
    let after = try run([
      "consent", "check", "--person", person, "--between", "SF-NORDOST,FFS", "--purpose", "sp",
      "--json",
    ])
    #expect(after.code == 1)
    #expect(after.stdout.contains(#""code": "revoked""#))
    #expect(after.stderr.contains("revoked on 2026-11-25"))

    // Implied consent between two units, past its review date: not covered until reviewed.
    let implied = try run([
      "consent", "grant", "--person", person, "--parties", "SF-NORDOST/VUXEN,SF-NORDOST/EKB",
      "--purpose", "information-exchange", "--type", "implied", "--until", "+1y", "--informed",
    ])
    #expect(implied.stdout == "CON-2\n")
    let question = [
      "consent", "check", "--person", person, "--between", "SF-NORDOST/VUXEN,SF-NORDOST/EKB",
      "--purpose", "information-exchange",
    ]
    #expect(try run(question).code == 0)
    let overdue = try run(question, today: "2027-02-24")
    #expect(overdue.code == 1)
    #expect(overdue.stderr.contains("should have been reviewed by 2027-02-23"))
    let due = try run(["consent", "list", "--review-due", "-q"], today: "2027-02-24")
    #expect(due.stdout == "CON-2\n")
    let reviewed = try run(["consent", "review", "CON-2"], today: "2027-02-24")
    #expect(reviewed.code == 0, "\(reviewed)")
    let again = try run(question, today: "2027-02-24")
    #expect(again.code == 0)
    #expect(again.stdout == "CON-2\n")

    // The store is sound, and the journal tells the day.
    #expect(try run(["store", "check"]).code == 0)
    let history = try run(["consent", "history", "CON-1"])
    #expect(history.lines.count == 2)
  }

  @Test(
    .enabled(
      if: TestTool.runs(TestTool.installed("jq")), "jq is not installed: apt-get install jq"))
  func listOutputParsesWithJqAndExportImportRoundTrips() throws {
    for arguments in [
      [
        "consent", "grant", "--person", TestPerson.adult, "--parties", "SF-NORDOST,FFS",
        "--purpose", "sp", "--form", "oral", "--until", "+1y", "--informed", "--restrict",
        "Tab\there, \"quotes\", new\nline",
      ],
      [
        "consent", "grant", "--person", TestPerson.child, "--parties", "SF-NORDOST/BOU,REGION",
        "--purpose", "sip", "--type", "implied", "--given-by", "guardian", "--given-by-name",
        "Eva Berg", "--sole-guardian", "--child-view", "Vill ha hjälp", "--until", "+6m",
        "--informed", "--protected",
      ],
    ] {
      let result = try run(arguments)
      #expect(result.code == 0, "\(result)")
    }

    let json = try run(["consent", "list", "--json"])
    let (jqCode, pretty) = try runTool("jq", ["."], stdin: json.stdout)
    #expect(jqCode == 0, "jq could not parse: \(json.stdout)")
    #expect(pretty.contains("\"status\": \"active\""))
    let (countCode, count) = try runTool("jq", ["length"], stdin: json.stdout)
    #expect(countCode == 0)
    #expect(count == "2\n")

    let ndjson = try run(["consent", "list", "--format", "ndjson"])
    let (compactCode, compact) = try runTool("jq", ["-c", "."], stdin: ndjson.stdout)
    #expect(compactCode == 0, "jq could not parse: \(ndjson.stdout)")
    #expect(compact.split(separator: "\n").count == 2)
    #expect(!compact.contains(TestPerson.child), "the protected child stays masked")
    let (idsCode, ids) = try runTool("jq", ["-r", ".id"], stdin: ndjson.stdout)
    #expect(idsCode == 0)
    #expect(ids == "CON-1\nCON-2\n")

    // export | import into an empty store, and export again: the same bytes.
    let exported = try run(["consent", "export", "--reveal"])
    #expect(exported.code == 0)
    let other = TemporaryDirectory("consent-copy")
    let copy = other.path + "/store"
    let imported = try runBinary(
      ["consent", "import", "-"], environment: binaryEnvironment(store: copy),
      stdin: exported.stdout)
    #expect(imported.code == 0, "\(imported)")
    let reexported = try runBinary(
      ["consent", "export", "--reveal"], environment: binaryEnvironment(store: copy))
    #expect(reexported.stdout == exported.stdout)
    #expect(Array(reexported.stdout.utf8) == Array(exported.stdout.utf8))
  }
}
