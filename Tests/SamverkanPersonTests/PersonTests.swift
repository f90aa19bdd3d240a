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
    ok(
      store,
      [
        "consent", "grant", "--person", TestPerson.adult, "--name", "Anna Andersson", "--parties",
        "SF-NORDOST,REGION,FFS", "--purpose", "sip,sp", "--form", "written", "--until", "+1y",
        "--informed", "--restrict", "Inget om pappan",
      ])
    ok(
      store,
      [
        "sip", "create", "--person", TestPerson.adult, "--name", "Anna Andersson", "--trigger",
        "need", "--initiator", "SF-NORDOST",
      ])
    ok(
      store,
      [
        "sip", "invite", "SIP-1", "--purpose", "Samordna stödet", "--question", "Vem gör vad?",
        "--party", "REGION",
      ])
    ok(
      store, ["sp", "create", "--person", TestPerson.adult, "--by", "SF-NORDOST", "--with", "FFS"])
    ok(
      store,
      [
        "sp", "summon", "SP-1", "--title", "socialsekreterare", "--phone", "031-365 00 00",
        "--email", "karin.ek@socialnordost.goteborg.se", "--reply-by", "2026-11-30", "--recipient",
        "FFS=Anna Berg", "--needs", "Stöd.", "--purpose",
        "Ansvar.", "--why", "Båda.", "--questions", "Vem?", "--hoped-outcome", "En plan.",
        "--proposed-time", "2026-12-02T10:00", "--meeting-form", "video", "--caseworker", "Karin",
      ])
    ok(
      store,
      [
        "contacts", "assign", "--person", TestPerson.adult, "--org", "FFS", "--caseworker",
        "Per Berg",
      ])
    ok(
      store,
      [
        "deviation", "report", "--reporting-unit", "SF-NORDOST", "--units", "SF-NORDOST,FFS",
        "--category", "absence-without-valid-reason", "--from", "SP-1", "--what", "Uteblev.",
        "--perceived", "Svårt.", "--improvement", "Prioritera.", "--name", "Eva Ek", "--title",
        "enhetschef",
      ])
    ok(
      store,
      [
        "consent", "grant", "--person", TestPerson.adult2, "--name", "Bo Berg", "--parties",
        "SF-NORDOST,FFS", "--purpose", "sp", "--form", "written", "--until", "+1y", "--informed",
      ])
    ok(
      store,
      [
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
    #expect(
      rows.map { $0["id"] as? String } == [
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
    #expect(
      store.run(["person", "list", "ANDERSSON"]).lines == ["\(TestPerson.adult)\tAnna Andersson\t4"]
    )
    #expect(
      store.run(["person", "list", "19900102"]).lines == ["\(TestPerson.adult2)\tBo Berg\t1"])
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

  // MARK: - Rättelse

  /// Every file of the store as text, to search like `grep -r`.
  func everything(_ store: TestStore) -> String {
    store.snapshot().values.map { String(decoding: $0, as: UTF8.self) }.joined(separator: "\n")
  }

  @Test func aNameWrittenByMistakeIntoAnAnonymousRecordIsErasedEverywhere() throws {
    let store = TestStore()
    ok(
      store,
      [
        "sp", "consult", "--by", "SF-NORDOST", "--with", "FFS", "--question",
        "Gäller Lisa Lindqvist, som behöver boendestöd", "--advice", "Ansök om boendestöd.",
      ])
    #expect(everything(store).contains("Lisa Lindqvist"))
    let result = store.run([
      "sp", "correct", "KONS-1", "--field", "question", "--value", "Gäller en ung vuxen",
      "--reason", "Namn skrevs in av misstag", "--erase",
    ])
    #expect(result.code == 0, "\(result)")
    #expect(!everything(store).contains("Lisa Lindqvist"))
    let history = store.run(["sp", "history", "KONS-1", "--format", "ndjson"]).stdout
    #expect(history.contains("[raderat av tester 2026-11-25: Namn skrevs in av misstag]"))
    #expect(history.contains("Gäller en ung vuxen"))
    #expect(store.run(["store", "check"]).code == 0)
  }

  @Test func withoutEraseTheOldValueStaysInTheHistory() throws {
    let store = TestStore()
    ok(
      store,
      [
        "sp", "consult", "--by", "SF-NORDOST", "--with", "FFS", "--question", "Fel fråga",
        "--advice", "Råd.",
      ])
    ok(
      store,
      [
        "sp", "correct", "KONS-1", "--field", "question", "--value", "Rätt fråga", "--reason",
        "Felskrivning",
      ])
    let history = store.run(["sp", "history", "KONS-1", "--format", "ndjson"]).stdout
    #expect(history.contains("Fel fråga") && history.contains("rättelse av question: Felskrivning"))
    #expect(store.run(["sp", "show", "KONS-1", "--json"]).stdout.contains("Rätt fråga"))
    #expect(store.run(["store", "check"]).code == 0)
  }

  @Test func aPersonsNameIsCorrectedInEveryRecord() throws {
    let store = TestStore()
    ok(
      store,
      [
        "consent", "grant", "--person", TestPerson.adult, "--name", "Ana Anderson", "--parties",
        "SF-NORDOST,REGION", "--purpose", "sip", "--form", "written", "--until", "+1y",
        "--informed",
      ])
    ok(
      store,
      [
        "sip", "create", "--person", TestPerson.adult, "--name", "Ana Anderson", "--trigger",
        "need", "--initiator", "SF-NORDOST",
      ])
    let result = store.run([
      "person", "correct", TestPerson.adult, "--name", "Anna Andersson", "--reason",
      "Felstavat", "--erase",
    ])
    #expect(result.code == 0, "\(result)")
    #expect(result.lines == ["CON-1", "SIP-1"])
    #expect(!everything(store).contains("Ana Anderson"))
    #expect(
      store.run(["person", "list", "andersson"]).lines == ["\(TestPerson.adult)\tAnna Andersson\t2"]
    )
    #expect(store.run(["store", "check"]).code == 0)
  }

  @Test(arguments: [
    (
      ["sp", "correct", "KONS-1", "--field", "questin", "--value", "x", "--reason", "y"], 64,
      "Please provide one of"
    ),
    (
      ["sp", "correct", "KONS-1", "--field", "question", "--value", "x", "--reason", " "], 64,
      "journaled with its reason"
    ),
    (
      ["sp", "correct", "KONS-9", "--field", "question", "--value", "x", "--reason", "y"], 66,
      "KONS-9"
    ),
    (
      ["sp", "correct", "KONS-1", "--field", "question", "--value", "Fråga", "--reason", "y"], 77,
      "nothing was changed"
    ),
    (
      ["sp", "correct", "KONS-1", "--field", "date", "--value", "2026-02-30", "--reason", "y"], 64,
      "date"
    ),
    (
      ["person", "correct", TestPerson.adult2, "--name", "Bo", "--reason", "y"], 77,
      "nothing was changed"
    ),
  ])
  func badCorrectionsChangeNothing(arguments: [String], code: Int32, saying: String) throws {
    let store = TestStore()
    ok(
      store,
      [
        "sp", "consult", "--by", "SF-NORDOST", "--with", "FFS", "--question", "Fråga", "--advice",
        "Råd.",
      ])
    let before = store.snapshot()
    let result = store.run(arguments)
    #expect(result.code == code, "\(result)")
    #expect(result.stderr.contains(saying), "\(result)")
    #expect(result.stdout.isEmpty)
    #expect(store.changedFiles(since: before) == [])
  }

  func json(_ text: String) throws -> [[String: Any]] {
    try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
  }
}
