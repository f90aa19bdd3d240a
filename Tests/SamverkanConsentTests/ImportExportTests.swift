import SamverkanTestSupport
import Testing

/// `consent export` and `consent import`: a round trip, and import rows held to the verbs' rules.
@Suite struct ImportExportTests {
  func populated() -> TestStore {
    let store = TestStore()
    store.run(
      grantArguments(["--name", "Anna Andersson", "--restrict", "Nothing, about; \"him\""]))
    store.run([
      "consent", "grant", "--person", TestPerson.child, "--parties", "SF-NORDOST/BOU,REGION",
      "--purpose", "sip,information-exchange", "--type", "implied", "--given-by", "guardian",
      "--given-by-name", "Eva Berg", "--sole-guardian", "--child-view", "För liten för att säga",
      "--until", "2027-06-30", "--informed", "--ref", "T-2",
    ])
    store.run(["consent", "review", "CON-2", "--next", "2027-01-10", "--note", "Still fine"])
    store.run(grantArguments(["--protected"], person: TestPerson.adult2))
    store.run([
      "consent", "revoke", "CON-3", "--reason", "Moved", "--communicated", "by letter",
    ])
    return store
  }

  @Test(arguments: ["ndjson", "json", "csv"])
  func exportImportRoundTripsByteForByte(format: String) {
    let source = populated()
    let exported = source.run(["consent", "export", "--reveal", "--format", format])
    #expect(exported.code == 0, "\(exported)")
    let target = TestStore()
    let imported = target.run(["consent", "import", "-"], stdin: exported.stdout)
    #expect(imported.code == 0, "\(imported)")
    #expect(imported.stderr.contains("3 created, 0 updated, 0 unchanged"))
    let again = target.run(["consent", "export", "--reveal", "--format", format])
    #expect(again.stdout == exported.stdout)
    // The same import again changes nothing.
    let before = target.snapshot()
    let repeated = target.run(["consent", "import", "-"], stdin: exported.stdout)
    #expect(repeated.code == 0)
    #expect(repeated.stderr.contains("0 created, 0 updated, 3 unchanged"))
    #expect(target.snapshot() == before)
    #expect(target.run(["store", "check"]).code == 0)
  }

  @Test func importedConsentsAnswerChecks() {
    let source = populated()
    let target = TestStore()
    target.run(
      ["consent", "import", "-"], stdin: source.run(["consent", "export", "--reveal"]).stdout)
    let check = target.run([
      "consent", "check", "--person", TestPerson.adult, "--between", "FFS,SF-NORDOST",
      "--purpose", "sp",
    ])
    #expect(check.stdout == "CON-1\n")
  }

  @Test func aMaskedExportSaysSo() {
    let source = populated()
    let masked = source.run(["consent", "export"])
    #expect(!masked.stdout.contains(TestPerson.adult2))
    #expect(masked.stderr.contains("add --reveal"))
  }

  @Test func importRowsAreHeldToTheRulesOfGrant() {
    let store = TestStore()
    store.run(grantArguments())
    let before = store.snapshot()
    let rows = """
      {"person":"\(TestPerson.adult)","parties":["FFS"],"purposes":["sp"],"type":"explicit","form":"written","givenBy":"self","validFrom":"2026-01-01","validUntil":"2026-12-31","reviews":[],"informed":true,"recordedBy":"x","recordedOn":"2026-01-01"}
      {"person":"\(TestPerson.adult)","parties":["FFS","AVO"],"purposes":["sp"],"type":"explicit","form":"written","givenBy":"self","validFrom":"2026-01-01","validUntil":"2026-12-31","reviews":[],"informed":false,"recordedBy":"x","recordedOn":"2026-01-01"}
      {"person":"\(TestPerson.adult)","parties":["FFS","AVO"],"purposes":["lunch"],"type":"explicit","form":"written","givenBy":"self","validFrom":"2026-01-01","validUntil":"2026-12-31","reviews":[],"informed":true,"recordedBy":"x","recordedOn":"2026-01-01"}
      {"person":"\(TestPerson.adult)","parties":["FFS","AVO"],"purposes":["sp"],"type":"implied","givenBy":"self","validFrom":"2026-01-01","validUntil":"2025-12-31","reviews":[],"informed":true,"recordedBy":"x","recordedOn":"2026-01-01"}
      {"id":"CON-1","person":"\(TestPerson.adult)","parties":["SF-NORDOST","FFS"],"purposes":["sp"],"type":"explicit","form":"written","givenBy":"self","validFrom":"2026-11-25","validUntil":"2027-11-30","reviews":[],"informed":true,"recordedBy":"tester","recordedOn":"2026-11-25","note":"changed"}
      """
    let result = store.run(["consent", "import", "-"], stdin: rows)
    #expect(result.code == 65, "\(result)")
    #expect(result.stderr.contains("-:1: parties: a consent names at least two parties"))
    #expect(result.stderr.contains("-:2: informed:"))
    #expect(result.stderr.contains("-:3: purposes"))
    #expect(result.stderr.contains("-:4: validUntil:"))
    // Implied consent gets its review date as 'consent grant' gives it.
    #expect(!result.stderr.contains("-:4: reviewDate:"))
    #expect(result.stderr.contains("-:5: id: CON-1 exists with other values in note"))
    #expect(store.snapshot() == before)
  }

  @Test func aRefRepeatedInTheInputNamesItsFirstLine() {
    let store = TestStore()
    let before = store.snapshot()
    func row(_ ref: String, informed: Bool = true) -> String {
      #"{"ref":"\#(ref)","person":"\#(TestPerson.adult)","parties":["FFS","AVO"],"purposes":["sp"],"type":"explicit","form":"written","givenBy":"self","validFrom":"2026-01-01","validUntil":"2026-12-31","informed":\#(informed),"recordedBy":"x","recordedOn":"2026-01-01"}"#
    }
    // R-1's first row makes a record; R-2's first row is refused, so it makes none.
    let rows = [row("R-1"), row("R-1"), row("R-2", informed: false), row("R-1"), row("R-2")]
    let result = store.run(["consent", "import", "-"], stdin: rows.joined(separator: "\n"))
    #expect(result.code == 65, "\(result)")
    #expect(result.stderr.contains("-:2: ref: 'R-1' appears twice in the input (first on line 1)"))
    #expect(result.stderr.contains("-:3: informed:"))
    #expect(result.stderr.contains("-:4: ref: 'R-1' appears twice in the input (first on line 1)"))
    #expect(result.stderr.contains("-:5: ref: 'R-2' appears twice in the input (first on line 3)"))
    #expect(store.snapshot() == before)
  }

  @Test func anImportCannotUndoAWithdrawal() {
    let store = TestStore()
    store.run(grantArguments())
    store.run(["consent", "revoke", "CON-1", "--reason", "No", "--communicated", "in person"])
    let exported = store.run(["consent", "export", "--reveal"]).stdout
    let before = store.snapshot()
    let undone = exported.replacingOccurrences(
      of: #","revocation":\{[^}]*\}"#, with: "", options: .regularExpression)
    #expect(undone != exported)
    // --update changes only the fields a row gives: without 'revocation' it stays.
    let merged = store.run(["consent", "import", "--update", "-"], stdin: undone)
    #expect(merged.code == 0, "\(merged)")
    #expect(merged.stderr.contains("1 unchanged"), "\(merged)")
    #expect(store.snapshot() == before)
    let result = store.run(["consent", "import", "--replace", "-"], stdin: undone)
    #expect(result.code == 65)
    #expect(result.stderr.contains("a withdrawal cannot be undone"))
    #expect(store.snapshot() == before)
    let cleared = undone.replacingOccurrences(of: "}\n", with: ",\"revocation\":null}\n")
    let explicit = store.run(["consent", "import", "--update", "-"], stdin: cleared)
    #expect(explicit.code == 65, "\(explicit)")
    #expect(explicit.stderr.contains("a withdrawal cannot be undone"))
    #expect(store.snapshot() == before)
  }
}
