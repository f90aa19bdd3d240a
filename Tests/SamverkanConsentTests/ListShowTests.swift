import SamverkanJSON
import SamverkanTestSupport
import Testing

/// `consent list` filters, `show`, `grounds`, and masking of protected persons.
@Suite struct ListShowTests {
  /// Five consents of three persons, pinned to 2026-11-25:
  /// CON-1 adult, SF-NORDOST+FFS sp, active until 2026-12-10 (ends within 30 days);
  /// CON-2 adult2, SF-NORDOST/BOU+REGION sip, implied, review due 2026-11-20 (overdue);
  /// CON-3 adult3, FFS+AVO transfer, expired 2026-10-31;
  /// CON-4 adult, SF-NORDOST+FFS sp, revoked today;
  /// CON-5 adult2, AVO+REGION information-exchange, valid from 2027-01-01.
  func populated() -> TestStore {
    let store = TestStore()
    let runs: [[String]] = [
      grantArguments(["--until", "2026-12-10"]),
      [
        "consent", "grant", "--person", TestPerson.adult2, "--parties", "SF-NORDOST/BOU,REGION",
        "--purpose", "sip", "--type", "implied", "--from", "2026-08-01", "--review",
        "2026-11-20", "--until", "2027-06-30", "--informed",
      ],
      grantArguments(
        [
          "--parties", "FFS,AVO", "--purpose", "transfer", "--from", "2026-01-01", "--until",
          "2026-10-31",
        ], person: TestPerson.adult3),
      grantArguments(),
      grantArguments(
        ["--parties", "AVO,REGION", "--purpose", "information-exchange", "--from", "2027-01-01"],
        person: TestPerson.adult2),
    ]
    for arguments in runs {
      let result = store.run(arguments)
      #expect(result.code == 0, "\(result)")
    }
    let revoked = store.run([
      "consent", "revoke", "CON-4", "--reason", "Changed her mind", "--communicated", "in writing",
    ])
    #expect(revoked.code == 0)
    return store
  }

  func ids(_ store: TestStore, _ filter: [String]) -> [String] {
    let result = store.run(["consent", "list", "-q"] + filter)
    #expect(result.code == 0, "\(result)")
    return result.lines
  }

  @Test func listWithoutFiltersShowsEveryConsentWithItsStatus() {
    let store = populated()
    let result = store.run(["consent", "list"])
    #expect(result.lines.count == 5)
    #expect(
      result.lines.map { $0.split(separator: "\t", omittingEmptySubsequences: false).last! } == [
        "active", "review-due", "expired", "revoked", "not-yet-valid",
      ])
  }

  @Test(arguments: [
    (["--person", TestPerson.adult], ["CON-1", "CON-4"]),
    (["--person", "900102-2384"], ["CON-2", "CON-5"]),
    (["--status", "active"], ["CON-1"]),
    (["--status", "review-due"], ["CON-2"]),
    (["--status", "expired"], ["CON-3"]),
    (["--status", "revoked"], ["CON-4"]),
    (["--status", "not-yet-valid"], ["CON-5"]),
    (["--status", "active", "--on", "2026-10-15"], ["CON-2", "CON-3"]),
    (["--status", "active", "--on", "2027-01-01"], ["CON-5"]),
    (["--expiring-within", "30d"], ["CON-1"]),
    (["--expiring-within", "14d"], []),
    (["--expiring-within", "15d"], ["CON-1"]),
    (["--expiring-within", "2w"], []),
    (["--expiring-within", "1w"], []),
    (["--review-due"], ["CON-2"]),
    (["--review-due", "--on", "2026-11-19"], []),
    (["--party", "FFS"], ["CON-1", "CON-3", "CON-4"]),
    (["--party", "SF-NORDOST/BOU"], ["CON-1", "CON-2", "CON-4"]),
    (["--party", "sf-nordost"], ["CON-1", "CON-2", "CON-4"]),
    (["--purpose", "sip"], ["CON-2"]),
    (["--party", "REGION", "--purpose", "information-exchange"], ["CON-5"]),
    (["--person", TestPerson.adult, "--status", "active"], ["CON-1"]),
  ])
  func listFilters(filter: [String], expected: [String]) {
    let store = populated()
    #expect(ids(store, filter) == expected, "\(filter)")
  }

  @Test func badFiltersAreUsageErrors() {
    let store = populated()
    #expect(store.run(["consent", "list", "--status", "valid"]).code == 64)
    #expect(store.run(["consent", "list", "--expiring-within", "30"]).code == 64)
    #expect(store.run(["consent", "list", "--party", "NOPE"]).code == 64)
    #expect(store.run(["consent", "list", "--person", "19900101-2386"]).code == 64)
  }

  @Test func anEmptyListIsASuccess() {
    let store = TestStore()
    let result = store.run(["consent", "list", "--json"])
    #expect(result.code == 0)
    #expect(result.stdout == "[]\n")
  }

  @Test func listJSONIsTheRecordWithItsStatus() throws {
    let store = populated()
    let result = store.run(["consent", "list", "--json", "--status", "revoked"])
    let list = try JSONParser.parse(Array(result.stdout.utf8))
    let row = try #require(list.arrayValue?.first)
    #expect(row["id"] == .string("CON-4"))
    #expect(row["status"] == .string("revoked"))
    #expect(row["revocation"]?["communicated"] == .string("in writing"))
    let fields = store.run([
      "consent", "list", "--fields", "id,status,validUntil", "--format", "csv",
    ])
    // CSV lines end in CRLF (RFC 4180).
    let rows = fields.stdout.components(separatedBy: "\r\n")
    #expect(rows.first == "id,status,validUntil")
    #expect(rows.count == 7)
    #expect(rows[4] == "CON-4,revoked,2027-11-30")
  }

  // MARK: - show

  @Test func showDisplaysStatusRestrictionsAndSwedishNames() {
    let store = TestStore()
    store.run(
      grantArguments([
        "--name", "Anna Andersson", "--restrict", "Nothing about the father", "--parties",
        "SF-NORDOST/BOU,FFS",
      ]))
    let result = store.run(["consent", "show", "CON-1"])
    #expect(result.code == 0)
    let lines = result.lines
    #expect(lines[0] == "id\tCON-1")
    #expect(lines[1].hasPrefix("status\tactive (gäller) on 2026-11-25"))
    #expect(lines[2] == "restrictions\tDoes NOT want shared: Nothing about the father")
    #expect(
      lines.contains(
        "parties\tSF-NORDOST/BOU (Socialförvaltningen Nordost, barn och unga); FFS (Förvaltningen för funktionsstöd)"
      ))
    #expect(lines.contains("purposes\tsp (samordnad plan)"))
    #expect(lines.contains("type\texplicit (uttryckligt samtycke)"))
    #expect(lines.contains("form\twritten (skriftligt)"))
    #expect(lines.contains("givenBy\tself (den enskilde)"))
  }

  @Test func showOfAnOverdueAndAWithdrawnConsent() {
    let store = populated()
    let overdue = store.run(["consent", "show", "CON-2"])
    #expect(overdue.stdout.contains("status\treview-due (ska omprövas) on 2026-11-25"))
    #expect(overdue.stdout.contains("consent review CON-2"))
    #expect(overdue.stdout.contains("type\timplied (konkludent samtycke)"))
    let revoked = store.run(["consent", "show", "CON-4"])
    #expect(revoked.stdout.contains("status\trevoked (återkallat)"))
    #expect(
      revoked.stdout.contains(
        "revocation\twithdrawn from 2026-11-25: Changed her mind (communicated: in writing; recorded by tester)"
      ))
  }

  @Test func showJSONIsTheRecord() throws {
    let store = populated()
    let json = try JSONParser.parse(
      Array(store.run(["consent", "show", "con-1", "--json"]).stdout.utf8))
    #expect(json["id"] == .string("CON-1"))
    // With the status that list writes, so list and show have the same fields.
    #expect(json["status"] == .string("active"))
    #expect(store.run(["consent", "show", "CON-77"]).code == 66)
    #expect(store.run(["consent", "show", "SIP-1"]).code == 64)
  }

  // MARK: - Protected persons

  @Test func aProtectedPersonIsMaskedEverywhereUnlessRevealed() throws {
    let store = TestStore()
    store.run(grantArguments(["--protected", "--name", "Anna Andersson"]))
    let outputs = [
      ["consent", "list"], ["consent", "list", "--json"], ["consent", "list", "--format", "csv"],
      ["consent", "list", "--person", TestPerson.adult, "--format", "ndjson"],
      ["consent", "show", "CON-1"], ["consent", "show", "CON-1", "--json"],
      ["consent", "export"], ["consent", "history", "CON-1"],
    ]
    for arguments in outputs {
      let result = store.run(arguments)
      #expect(!result.stdout.contains(TestPerson.adult), "\(arguments)")
      #expect(!result.stdout.contains("Anna"), "\(arguments)")
      #expect(!result.stderr.contains(TestPerson.adult), "\(arguments)")
    }
    #expect(store.run(["consent", "list"]).stdout.contains("********-****"))
    let revealed = store.run(["consent", "list", "--reveal"])
    #expect(revealed.stdout.contains(TestPerson.adult))
    #expect(revealed.stdout.contains("Anna Andersson"))
    #expect(store.run(["consent", "show", "CON-1", "--reveal"]).stdout.contains(TestPerson.adult))
  }

  // MARK: - grounds

  @Test func groundsListsTheSwedishNamesAndTheLaw() throws {
    let store = TestStore()
    let result = store.run(["consent", "grounds"])
    #expect(result.code == 0)
    #expect(result.lines.count == 6)
    #expect(result.lines[0].hasPrefix("emergency\tNöd\t24 kap. 4 § brottsbalken\t"))
    let json = try JSONParser.parse(Array(store.run(["consent", "grounds", "--json"]).stdout.utf8))
    let ids = json.arrayValue?.compactMap { $0["id"]?.stringValue }
    #expect(
      ids == [
        "emergency", "duty-to-inform", "necessary-disclosure", "general-clause", "care-provision",
        "crime-against-child",
      ])
    #expect(json[0]?["label"] == .string("Nöd"))
    #expect(store.snapshot().isEmpty)
  }

  // MARK: - help

  @Test(arguments: [
    "grant", "check", "revoke", "review", "list", "show", "grounds", "history", "export", "import",
  ])
  func everyVerbHasHelpWithAnExample(verb: String) {
    let result = TestStore().run(["consent", verb, "--help"])
    #expect(result.code == 0)
    #expect(result.stdout.contains("USAGE: samverkan consent \(verb)"))
    #expect(result.stdout.contains("EXAMPLES:"))
  }
}

/// Golden files: the help screen of `grant` and what `show` prints for a person.
@Suite struct ConsentGoldenTests {
  @Test func grantHelp() {
    let result = TestStore().run(["consent", "grant", "--help"])
    assertGolden(result.stdout, named: "consent-grant-help.txt")
  }

  @Test func showOfAGuardiansImpliedConsentAfterAReview() {
    let store = TestStore()
    store.run([
      "consent", "grant", "--person", TestPerson.child, "--name", "Elsa Berg", "--parties",
      "SF-NORDOST/BOU,REGION", "--purpose", "sip,information-exchange", "--type", "implied",
      "--given-by", "guardian", "--given-by-name", "Eva Berg", "--given-by", "guardian",
      "--given-by-name", "Olle Berg", "--child-view", "Vill att skolan får veta", "--until",
      "2027-06-30",
      "--informed", "--restrict", "Nothing about the father", "--ref", "TRESERVA-17", "--note",
      "Agreed at the home visit",
    ])
    store.run([
      "consent", "review", "CON-1", "--today", "2027-01-10", "--note", "Still takes part",
    ])
    let shown = store.run(["consent", "show", "CON-1", "--today", "2027-01-10"])
    assertGolden(shown.stdout, named: "consent-show.tsv")
  }
}
