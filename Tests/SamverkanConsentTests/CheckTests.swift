import SamverkanJSON
import SamverkanTestSupport
import Testing

/// `consent check`: exit 0 with the consent's ID, or 1 with the reasons; JSON in both cases.
@Suite struct CheckTests {
  func check(_ store: TestStore, _ between: String, _ extra: [String] = []) -> RunResult {
    store.run(
      ["consent", "check", "--person", TestPerson.adult, "--between", between] + extra)
  }

  @Test func coveredPrintsTheIDAndTheRestrictionOnStderr() {
    let store = TestStore()
    store.run(grantArguments(["--restrict", "Nothing about the father"]))
    let before = store.snapshot()
    let result = check(store, "SF-NORDOST,FFS", ["--purpose", "sp"])
    #expect(result.code == 0)
    #expect(result.stdout == "CON-1\n")
    #expect(result.stderr == "Note: CON-1 restricts what may be shared: Nothing about the father\n")
    #expect(store.snapshot() == before, "a check writes nothing")
  }

  @Test func notCoveredExitsOneWithTheReasonOnStderr() {
    let store = TestStore()
    store.run(grantArguments())
    let result = check(store, "SF-NORDOST,AVO", ["--purpose", "sp"])
    #expect(result.code == 1)
    #expect(result.stdout.isEmpty)
    #expect(result.stderr.contains("No consent covers sharing between SF-NORDOST, AVO for 'sp'"))
    #expect(result.stderr.contains("CON-1 does not cover AVO"))
  }

  @Test func aPersonWithoutConsentAndAnEmptyStore() {
    let store = TestStore()
    let result = check(store, "SF-NORDOST,FFS", ["--purpose", "sp"])
    #expect(result.code == 1)
    #expect(result.stderr.contains("the person has no recorded consent"))
    #expect(store.snapshot().isEmpty)
  }

  @Test func jsonWhenCovered() throws {
    let store = TestStore()
    store.run(grantArguments(["--restrict", "Nothing about the father"]))
    let result = check(store, "SF-NORDOST/BOU,FFS", ["--purpose", "sp", "--json"])
    #expect(result.code == 0)
    let json = try JSONParser.parse(Array(result.stdout.utf8))
    #expect(json["covered"] == .bool(true))
    #expect(json["consent"] == .string("CON-1"))
    #expect(json["restrictions"] == .string("Nothing about the father"))
    #expect(json["reasons"] == .array([]))
  }

  @Test func jsonWhenNotCoveredGivesTheReasonsAsData() throws {
    let store = TestStore()
    store.run(grantArguments())
    let result = check(store, "SF-NORDOST,AVO", ["--purpose", "sp", "--format", "ndjson"])
    #expect(result.code == 1)
    #expect(result.lines.count == 1, "one compact line")
    let json = try JSONParser.parse(Array(result.stdout.utf8))
    #expect(json["covered"] == .bool(false))
    #expect(json["consent"] == .null)
    #expect(
      json["reasons"]
        == .array([
          .object([
            "code": .string("party-not-covered"), "consent": .string("CON-1"),
            "message": .string("CON-1 does not cover AVO"),
          ])
        ]))
  }

  @Test func onAnotherDay() {
    let store = TestStore()
    store.run(grantArguments(["--from", "2026-12-01", "--until", "2026-12-31"]))
    let early = check(store, "SF-NORDOST,FFS", ["--purpose", "sp"])
    #expect(early.code == 1)
    #expect(early.stderr.contains("CON-1 is not valid until 2026-12-01"))
    #expect(check(store, "SF-NORDOST,FFS", ["--purpose", "sp", "--on", "2026-12-01"]).code == 0)
    #expect(check(store, "SF-NORDOST,FFS", ["--purpose", "sp", "--on", "2026-12-31"]).code == 0)
    let late = check(store, "SF-NORDOST,FFS", ["--purpose", "sp", "--on", "+2m"])
    #expect(late.code == 1)
    #expect(late.stderr.contains("expired"))
  }

  @Test func withoutAPurposeAnyNamedPurposeWillDo() {
    let store = TestStore()
    store.run(grantArguments(["--purpose", "transfer"]))
    #expect(check(store, "SF-NORDOST,FFS").stdout == "CON-1\n")
    let sp = check(store, "SF-NORDOST,FFS", ["--purpose", "sp"])
    #expect(sp.code == 1)
    #expect(sp.stderr.contains("does not cover the purpose 'sp'"))
  }

  @Test func presumedConsentBetweenAuthoritiesIsExplained() {
    let store = TestStore()
    store.run([
      "consent", "grant", "--person", TestPerson.adult, "--parties", "SF-NORDOST,FFS",
      "--purpose", "sp", "--type", "presumed", "--until", "2027-11-30", "--note",
      "Enligt anhöriga skulle han vilja det",
    ])
    let result = check(store, "SF-NORDOST,FFS", ["--purpose", "sp"])
    #expect(result.code == 1)
    #expect(
      result.stderr.contains("presumed consent, which does not cover exchange between authorities"))
    #expect(check(store, "SF-NORDOST/BOU,SF-NORDOST/VUXEN", ["--purpose", "sp"]).code == 0)
  }

  @Test func badQuestionsAreUsageErrors() {
    let store = TestStore()
    store.run(grantArguments())
    let before = store.snapshot()
    let one = check(store, "FFS", ["--purpose", "sp"])
    #expect(one.code == 64)
    #expect(one.stderr.contains("at least two different parties"))
    #expect(check(store, "FFS,FFS").code == 64)
    let unknown = check(store, "FFS,AVQ")
    #expect(unknown.code == 64)
    #expect(unknown.stderr.contains("did you mean 'AVO'"))
    #expect(check(store, "FFS,AVO", ["--purpose", "lunch"]).code == 64)
    #expect(check(store, "FFS,AVO", ["--on", "2026-13-01"]).code == 64)
    let badNumber = store.run([
      "consent", "check", "--person", "19900101-2384", "--between", "FFS,AVO",
    ])
    #expect(badNumber.code == 64)
    #expect(store.snapshot() == before)
  }

  @Test func theCheckDoesNotNameAProtectedPerson() {
    let store = TestStore()
    store.run(grantArguments(["--protected", "--name", "Anna Andersson"]))
    let result = check(store, "SF-NORDOST,AVO", ["--json"])
    #expect(!result.stdout.contains(TestPerson.adult))
    #expect(!result.stderr.contains(TestPerson.adult))
    #expect(!result.stderr.contains("Anna"))
  }
}
