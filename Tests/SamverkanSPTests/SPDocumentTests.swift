import Foundation
import SamverkanDomain
import SamverkanStore
import SamverkanTestSupport
import Testing

/// The Swedish documents, listings, `due`, and import and export.
@Suite struct SPDocumentTests {
  // MARK: - Documents

  @Test func theSummonsRendersAsASwedishDocument() throws {
    let store = try SPWorkflowTests.storeWithConsent(three: true)
    store.ok(Walk.create(three: true))
    store.ok(
      Walk.summon(three: true) + [
        "--meeting-form", "in-person", "--place", "Angereds Centrum, plan 3", "--invite-individual",
      ])
    let result = store.ok(["sp", "show", "SP-1", "--format", "md", "--document", "summons"])
    assertGolden(result.stdout, named: "sp-summons.md")
    // Before the plan is documented, the summons is the default document.
    #expect(store.ok(["sp", "show", "SP-1", "--format", "md"]).stdout == result.stdout)
    let noPlan = store.refused(["sp", "show", "SP-1", "--format", "md", "--document", "plan"])
    #expect(noPlan.stderr.contains("no documented plan yet"))
  }

  @Test func aSummonsRenderedAfterTheWithdrawalNeverClaimsTheConsent() throws {
    let store = TestStore()
    let consent = try store.grant(
      parties: ["SF-NORDOST", "FFS"], restrictions: "Ingenting om tidigare LVM-vård")
    store.ok(Walk.create())
    store.ok(Walk.summon())
    try store.revoke(consent, on: "2026-11-26")
    let result = store.ok([
      "sp", "show", "SP-1", "--format", "md", "--document", "summons", "--today", "2026-11-27",
    ])
    assertGolden(result.stdout, named: "sp-summons-withdrawn.md")
    #expect(
      result.stdout.contains(
        "Samtycket CON-1 återkallades 2026-11-26; inga fler uppgifter får lämnas med stöd av det."))
    #expect(!result.stdout.contains("samtycke (CON-1) medger"))
    #expect(!result.stdout.contains("LVM"))
    // The caseworker is told on stderr, and `sp due` lists the SP as blocked.
    #expect(result.stderr.contains("Samtycket CON-1 återkallades 2026-11-26"))
    let due = store.ok(["sp", "due", "--format", "json", "--today", "2026-11-27"])
    #expect(due.stdout.contains("\"due\": \"consent\""), "\(due)")
    #expect(due.stdout.contains("CON-1 is revoked from 2026-11-26"))
  }

  @Test func theEstablishedPlanRendersAsASwedishDocument() throws {
    let store = try SPWorkflowTests.submitted(three: true)
    store.ok(
      Walk.approve(org: "AVO", by: "Bo Lind") + ["--comment", "Godkänns; hemtjänst vid behov."])
    store.ok(Walk.approve(org: "FFS", ref: "TRE-2026-0042"))
    try store.grant(parties: ["SF-NORDOST", "FFS", "AVO"], purposes: [.supportContact])
    store.ok([
      "sp", "support-contact", "SP-1", "--org", "FFS", "--decided-by", "Anna Berg", "--today",
      "2026-12-04",
    ])
    store.ok([
      "sp", "follow-up", "SP-1", "--note", "Boendestödet är igång; hemtjänst behövs inte ännu.",
      "--next", "2027-06-01", "--today", "2027-03-02",
    ])
    let result = store.ok(["sp", "show", "SP-1", "--format", "md", "--document", "plan"])
    assertGolden(result.stdout, named: "sp-plan.md")
    #expect(store.ok(["sp", "show", "SP-1", "--format", "md"]).stdout == result.stdout)
  }

  @Test func aDraftPlanSaysItIsNotEstablished() throws {
    let store = try SPWorkflowTests.submitted(three: true)
    store.ok(Walk.approve(org: "FFS"))
    let text = store.ok(["sp", "show", "SP-1", "--format", "md", "--document", "plan"]).stdout
    #expect(
      text.contains("**Status:** Utkast, inte fastställd: skickad för godkännande 2026-12-03."))
    #expect(text.contains("Väntar på godkännande från: Äldre samt vård- och omsorgsförvaltningen."))
  }

  @Test func documentsMaskAProtectedPerson() throws {
    let store = try SPWorkflowTests.storeWithConsent()
    store.ok(Walk.create() + ["--protected"])
    store.ok(Walk.summon())
    let masked = store.ok(["sp", "show", "SP-1", "--format", "md"]).stdout
    #expect(masked.contains("- **Gäller:** (skyddade personuppgifter), ********-****"))
    #expect(!masked.contains(TestPerson.adult))
    #expect(!masked.contains("Alex"))
    let revealed = store.ok(["sp", "show", "SP-1", "--format", "md", "--reveal"]).stdout
    #expect(revealed.contains("Alex Andersson, \(TestPerson.adult)"))
    #expect(!store.ok(["sp", "list"]).stdout.contains(TestPerson.adult))
  }

  @Test func theConsultationRendersToo() {
    let store = TestStore()
    store.ok([
      "sp", "consult", "--by", "SF-NORDOST", "--with", "FFS,AVO", "--question",
      "Äldre person med demenssjukdom och skuldsättning; vem bedömer behovet av god man?",
      "--advice", "ÄVO tar kontakt med överförmyndaren; SF ger budget- och skuldrådgivning.",
      "--on", "2026-11-20",
    ])
    let text = store.ok(["sp", "show", "KONS-1", "--format", "md"]).stdout
    assertGolden(text, named: "sp-consultation.md")
  }

  // MARK: - list and due

  @Test func listFiltersByPersonAdministrationAndState() throws {
    let store = try SPWorkflowTests.storeWithConsent()
    store.ok(Walk.create())
    store.ok(Walk.create(TestPerson.adult2, three: true))
    store.ok(["sp", "close", "SP-2", "--reason", "Behovet upphörde."])
    #expect(store.ok(["sp", "list", "-q"]).lines == ["SP-1", "SP-2"])
    #expect(store.ok(["sp", "list", "-q", "--org", "AVO"]).lines == ["SP-2"])
    #expect(store.ok(["sp", "list", "-q", "--open"]).lines == ["SP-1"])
    #expect(store.ok(["sp", "list", "-q", "--state", "closed"]).lines == ["SP-2"])
    #expect(store.ok(["sp", "list", "-q", "--person", TestPerson.adult2]).lines == ["SP-2"])
    #expect(
      store.ok(["sp", "list"]).lines.first
        == "SP-1\t\(TestPerson.adult)\tAlex Andersson\tSF-NORDOST\tSF-NORDOST|FFS\tcreated\t2026-11-25"
    )
    store.refused(["sp", "list", "--consultations", "--state", "closed"], code: 64)
  }

  @Test func dueListsFollowUpsApprovalsAndMeetings() throws {
    let store = try SPWorkflowTests.submitted(three: true)
    store.ok(Walk.approve(org: "FFS"))
    // SP-2: summoned, its proposed times passed without a recorded meeting, and FFS never
    // answered the summons (reply by 2026-12-01).
    store.ok(Walk.create())
    store.ok(Walk.summon("SP-2"))
    let due = store.ok(["sp", "due", "--today", "2026-12-10"])
    #expect(
      due.lines == [
        "SP-2\t\(TestPerson.adult)\tAlex Andersson\tanswer\tFFS\t2026-12-01\t9",
        "SP-1\t\(TestPerson.adult)\tAlex Andersson\tapproval\tAVO\t2026-12-03\t7",
        "SP-2\t\(TestPerson.adult)\tAlex Andersson\tmeeting\tSF-NORDOST\t2026-12-03\t7",
      ])
    // FFS has answered SP-1, but is summoned to SP-2's meeting and has not answered that
    // summons; AVO still has to answer.
    #expect(
      store.ok(["sp", "due", "--org", "FFS", "--today", "2026-12-10", "-q"]).lines == [
        "SP-2", "SP-2",
      ])
    #expect(
      store.ok(["sp", "due", "--org", "AVO", "--today", "2026-12-10", "-q"]).lines == ["SP-1"])
    store.ok(Walk.approve(org: "AVO"))
    // The follow-up on 2027-03-01: not yet due, then due within two weeks, then overdue.
    #expect(store.ok(["sp", "due", "--today", "2027-02-01", "--org", "AVO"]).lines.isEmpty)
    #expect(
      store.ok(["sp", "due", "--today", "2027-02-20", "--within", "2w", "--org", "AVO"]).lines
        == ["SP-1\t\(TestPerson.adult)\tAlex Andersson\tfollow-up\tSF-NORDOST\t2027-03-01\t-9"])
    store.ok(["sp", "follow-up", "SP-1", "--note", "Klart.", "--today", "2027-03-02"])
    #expect(store.ok(["sp", "due", "--today", "2027-06-01", "--org", "AVO"]).lines.isEmpty)
  }

  // MARK: - Import and export

  @Test func exportReadsBackUnchangedIntoAnotherStore() throws {
    let store = try SPWorkflowTests.established()
    store.ok([
      "sp", "consult", "--by", "FFS", "--with", "SF-HISINGEN", "--question", "Fråga",
      "--advice", "Råd",
    ])
    let plans = store.ok(["sp", "export"]).stdout
    let consultations = store.ok(["sp", "export", "--consultations"]).stdout
    #expect(plans.hasPrefix("{\"acuteConcern\":false,"))
    #expect(consultations.contains("\"id\":\"KONS-1\""))

    let copy = TestStore()
    try copy.grant(parties: ["SF-NORDOST", "FFS"])
    copy.ok(["sp", "import", "-", "--today", "2026-12-10"], stdin: plans)
    copy.ok(
      ["sp", "import", "--consultations", "-", "--today", "2026-12-10"], stdin: consultations)
    #expect(copy.ok(["sp", "export"]).stdout == plans)
    #expect(copy.ok(["sp", "export", "--consultations"]).stdout == consultations)
    // Again: nothing changes.
    let again = copy.run(["sp", "import", "-", "--today", "2026-12-10"], stdin: plans)
    #expect(again.stderr.contains("0 created, 0 updated, 1 unchanged"))
  }

  @Test func anImportCannotLetInWhatTheVerbsRefuse() throws {
    let store = try SPWorkflowTests.established()
    let exported = store.ok(["sp", "export"]).stdout
    // A changed plan on an established SP.
    let changed = exported.replacingOccurrences(
      of: "Boendestöd, två tillfällen i veckan.", with: "Boendestöd varje dag.")
    let locked = store.refused(
      ["sp", "import", "--update", "-", "--today", "2026-12-10"], code: 65, stdin: changed)
    #expect(locked.stderr.contains("write-protected (skrivskyddad)"))

    // An established SP that nobody approved, into a fresh store.
    let fresh = TestStore()
    try fresh.grant(parties: ["SF-NORDOST", "FFS"])
    let unapproved = exported.replacingOccurrences(
      of:
        #""decisions":[{"administration":"FFS","by":"Anna Berg","date":"2026-12-04","round":1,"verdict":"approved"}]"#,
      with: #""decisions":[]"#)
    #expect(unapproved != exported)
    let early = fresh.refused(
      ["sp", "import", "-", "--today", "2026-12-10"], code: 65, stdin: unapproved)
    #expect(early.stderr.contains("established only when every other administration has approved"))

    // A summoned SP without any consent.
    let bare = TestStore()
    let noConsent = bare.refused(
      ["sp", "import", "-", "--today", "2026-12-10"], code: 65, stdin: exported)
    #expect(noConsent.stderr.contains("consents: CON-1 does not exist"))

    // A consultation naming a person, or holding a personnummer.
    let named =
      #"{"askedBy":"FFS","consulted":["SF-NORDOST"],"question":"Fråga","advice":"Råd","date":"2026-11-20","person":"19900101-2385"}"#
    let personal = fresh.refused(
      ["sp", "import", "--consultations", "-", "--today", "2026-12-10"], code: 65, stdin: named)
    // A consultation has no person field at all.
    #expect(personal.stderr.contains("-:1: person: there is no such field"), "\(personal)")
    let number =
      #"{"askedBy":"FFS","consulted":["SF-NORDOST"],"question":"Gäller 900101-2385","advice":"Råd","date":"2026-11-20"}"#
    let found = fresh.refused(
      ["sp", "import", "--consultations", "-", "--today", "2026-12-10"], code: 65, stdin: number)
    #expect(
      found.stderr.contains(
        "-:1: question: characters 8–18 (YYMMDD-NNNN) looks like a personnummer"))
  }
}
