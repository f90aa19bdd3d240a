import Foundation
import SamverkanTestSupport
import Testing

/// `samverkan person`: one person across every routine, and the register extract (SPEC §14).
@Suite struct PersonTests {
  func ok(_ store: TestStore, _ arguments: [String]) {
    let result = store.run(arguments)
    #expect(result.code == 0, "\(arguments): \(result)")
  }

  /// The adult with a consent, a SIP, an SP (both shared once), a transfer-free assignment and
  /// a deviation report about the SP; a second adult with one consent; a protected third.
  func store() -> TestStore {
    let store = TestStore()
    ok(store, [
      "consent", "grant", "--person", TestPerson.adult, "--name", "Anna Andersson", "--parties",
      "SF-NORDOST,REGION,FFS", "--purpose", "sip,sp", "--form", "written", "--until", "+1y",
      "--informed", "--restrict", "Inget om pappan",
    ])
    ok(store, [
      "sip", "create", "--person", TestPerson.adult, "--name", "Anna Andersson", "--trigger",
      "need", "--initiator", "SF-NORDOST",
    ])
    ok(store, ["sip", "invite", "SIP-1", "--party", "REGION"])
    ok(store, ["sp", "create", "--person", TestPerson.adult, "--by", "SF-NORDOST", "--with", "FFS"])
    ok(store, [
      "sp", "summon", "SP-1", "--recipient", "FFS=Anna Berg", "--needs", "Stöd.", "--purpose",
      "Ansvar.", "--why", "Båda.", "--questions", "Vem?", "--hoped-outcome", "En plan.",
      "--proposed-time", "2026-12-02T10:00", "--meeting-form", "video", "--caseworker", "Karin",
    ])
    ok(store, [
      "contacts", "assign", "--person", TestPerson.adult, "--org", "FFS", "--caseworker",
      "Per Berg",
    ])
    ok(store, [
      "deviation", "report", "--reporting-unit", "SF-NORDOST", "--units", "SF-NORDOST,FFS",
      "--category", "absence-without-valid-reason", "--from", "SP-1", "--what", "Uteblev.",
      "--perceived", "Svårt.", "--improvement", "Prioritera.", "--name", "Eva Ek", "--title",
      "enhetschef",
    ])
    ok(store, [
      "consent", "grant", "--person", TestPerson.adult2, "--name", "Bo Berg", "--parties",
      "SF-NORDOST,FFS", "--purpose", "sp", "--form", "written", "--until", "+1y", "--informed",
    ])
    ok(store, [
      "consent", "grant", "--person", TestPerson.adult3, "--name", "Sara Skyddad", "--parties",
      "SF-NORDOST,FFS", "--purpose", "sp", "--form", "written", "--until", "+1y", "--informed",
      "--protected",
    ])
    return store
  }

  @Test func showListsEveryRecordAndDisclosure() throws {
    let store = store()
    let result = store.run(["person", "show", TestPerson.adult])
    #expect(result.code == 0, "\(result)")
    assertGolden(result.stdout, named: "person-show.tsv")
    let rows = try json(store.run(["person", "show", TestPerson.adult, "--json"]).stdout)
    #expect(rows.map { $0["id"] as? String } == [
      "ASG-1", "CON-1", "SIP-1", "SP-1", "DEV-1", "UTL-1", "UTL-2",
    ])
    #expect(rows.allSatisfy { $0["personName"] as? String == "Anna Andersson" })
  }

  @Test func aProtectedPersonIsMaskedUnlessRevealed() throws {
    let store = store()
    let masked = store.run(["person", "show", TestPerson.adult3, "--json"])
    #expect(!masked.stdout.contains(TestPerson.adult3) && !masked.stdout.contains("Sara"))
    #expect(masked.stdout.contains("********-****"))
    let revealed = store.run(["--reveal", "person", "show", TestPerson.adult3, "--json"])
    #expect(revealed.stdout.contains("Sara Skyddad"))
    let extract = store.run(["person", "extract", TestPerson.adult3])
    #expect(!extract.stdout.contains(TestPerson.adult3) && !extract.stdout.contains("Sara"))
    #expect(extract.stdout.contains("(skyddade personuppgifter), ********-****"))
    // A protected person is not found by name or number in a search, unless revealed.
    #expect(store.run(["person", "list", "sara"]).stdout.isEmpty)
    #expect(store.run(["--reveal", "person", "list", "sara"]).stdout.contains("Sara Skyddad"))
  }

  @Test func listSearchesNamesAndNumbers() throws {
    let store = store()
    #expect(store.run(["person", "list", "ANDERSSON"]).lines == ["\(TestPerson.adult)\tAnna Andersson\t4"])
    #expect(store.run(["person", "list", "19900102"]).lines == ["\(TestPerson.adult2)\tBo Berg\t1"])
    #expect(store.run(["person", "list"]).lines.count == 3)
    #expect(store.run(["person", "list", "nobody"]).stdout.isEmpty)
  }

  @Test func theRegisterExtractInSwedish() throws {
    let store = store()
    let result = store.run(["person", "extract", TestPerson.adult])
    #expect(result.code == 0, "\(result)")
    assertGolden(result.stdout, named: "person-extract.md")
    let data = try #require(
      JSONSerialization.jsonObject(
        with: Data(store.run(["person", "extract", TestPerson.adult, "--json"]).stdout.utf8))
        as? [String: Any])
    #expect((data["records"] as? [Any])?.count == 4)
    #expect((data["disclosures"] as? [Any])?.count == 2)
    #expect(data["deviations"] as? [String] == ["DEV-1"])
  }

  @Test(arguments: [
    (["person", "show", "19900101-2384"], 64, "19900101-2384"),
    (["person", "show"], 64, "Missing expected argument '<pnr>'"),
    (["person", "extract", TestPerson.adult, "--format", "csv"], 64, "'md' or 'json'"),
  ])
  func badQuestionsChangeNothing(arguments: [String], code: Int32, saying: String) throws {
    let store = store()
    let before = store.snapshot()
    let result = store.run(arguments)
    #expect(result.code == code, "\(result)")
    #expect(result.stderr.contains(saying), "\(result)")
    #expect(result.stdout.isEmpty)
    #expect(store.changedFiles(since: before) == [])
  }

  @Test func aPersonTheStoreDoesNotKnowIsAnEmptyAnswer() {
    let result = store().run(["person", "show", TestPerson.child])
    #expect(result.code == 0 && result.stdout.isEmpty)
    #expect(result.stderr.contains("holds nothing about this person"))
  }

  func json(_ text: String) throws -> [[String: Any]] {
    try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
  }
}
