import Foundation
import SamverkanDomain
import SamverkanSP
import SamverkanStore
import SamverkanTestSupport
import Testing

/// An SP walked through the routine in process, and every refusal on the way.
@Suite struct SPWorkflowTests {
  /// A store with a consent (CON-1) for SF-NORDOST and FFS (and AVO when `three`).
  static func storeWithConsent(three: Bool = false) throws -> TestStore {
    let store = TestStore()
    try store.grant(parties: ["SF-NORDOST", "FFS"] + (three ? ["AVO"] : []))
    return store
  }

  /// A store with SP-1 walked up to (and including) the submission.
  static func submitted(three: Bool = false) throws -> TestStore {
    let store = try storeWithConsent(three: three)
    store.ok(Walk.create(three: three))
    store.ok(Walk.summon(three: three))
    store.ok(Walk.meeting(three: three))
    for command in Walk.document(three: three) { store.ok(command) }
    store.ok(Walk.submit())
    return store
  }

  /// A store with SP-1 established (FFS approved on 2026-12-04).
  static func established() throws -> TestStore {
    let store = try submitted()
    store.ok(Walk.approve(ref: "TRE-2026-0042"))
    return store
  }

  // MARK: - From create to close

  @Test func walksAnSPFromCreateToClose() throws {
    let store = try Self.storeWithConsent()
    #expect(store.ok(Walk.create()).stdout == "SP-1\n")
    #expect(store.field("SP-1", "state") == "created")
    #expect(store.ok(Walk.summon()).stdout == "SP-1\n")
    #expect(store.field("SP-1", "state") == "summoned")
    #expect(store.field("SP-1", "consents") == "CON-1")
    store.ok(Walk.meeting())
    #expect(store.field("SP-1", "state") == "met")
    for command in Walk.content() { store.ok(command) }
    let planned = store.ok(Walk.plan())
    #expect(planned.stderr.contains("is complete"))
    #expect(store.field("SP-1", "state") == "documented")
    let submitted = store.ok(Walk.submit())
    #expect(submitted.stderr.contains("for approval to FFS"))
    #expect(store.field("SP-1", "state") == "submitted")

    let approved = store.ok(Walk.approve(ref: "TRE-2026-0042"))
    #expect(approved.stdout == "SP-1\n")
    #expect(approved.stderr.contains("established on 2026-12-04 and write-protected"))
    #expect(store.field("SP-1", "state") == "established")
    #expect(store.field("SP-1", "establishedOn") == "2026-12-04")
    #expect(store.field("SP-1", "ref") == "TRE-2026-0042")

    let history = store.ok(["sp", "history", "SP-1", "--format", "ndjson"])
    var events: [String] = []
    for line in history.lines {
      let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
      if let event = object?["event"] as? String {
        events.append("\(event) (\(object?["note"] as? String ?? ""))")
      }
    }
    #expect(events == ["SP genomförd (TRE-2026-0042)"])

    store.refused([
      "sp", "support-contact", "SP-1", "--org", "FFS", "--decided-by", "Anna Berg", "--today",
      "2026-12-05",
    ])
    try store.grant(parties: ["SF-NORDOST", "FFS"], purposes: [.supportContact])
    store.ok([
      "sp", "support-contact", "SP-1", "--org", "FFS", "--decided-by", "Anna Berg", "--today",
      "2026-12-05",
    ])
    #expect(store.field("SP-1", "supportContacts").contains("\"consent\":\"CON-2\""))
    let followed = store.ok([
      "sp", "follow-up", "SP-1", "--note", "Boendestödet är igång.", "--next", "2027-06-01",
      "--today", "2027-03-01",
    ])
    #expect(followed.stderr.contains("the next is on 2027-06-01"))
    #expect(store.field("SP-1", "state") == "established")
    store.ok([
      "sp", "close", "SP-1", "--reason", "Behovet av samordning har upphört.", "--today",
      "2027-06-01",
    ])
    #expect(store.field("SP-1", "state") == "closed")
  }

  // MARK: - create

  @Test func theAcuteConcernIsSaidProminentlyOnStandardError() throws {
    let store = TestStore()
    let result = store.ok(Walk.create() + ["--acute-concern"])
    #expect(result.stdout == "SP-1\n")
    #expect(result.stderr.hasPrefix(String(repeating: "!", count: 72)))
    #expect(result.stderr.contains("GÖR EN OROSANMÄLAN TILL SOCIALFÖRVALTNINGEN OMGÅENDE"))
    #expect(result.stderr.contains("report of concern (orosanmälan)"))
    #expect(store.field("SP-1", "acuteConcern") == "true")
    // Said even when the SP itself is refused.
    let refused = store.refused(
      [
        "sp", "create", "--person", TestPerson.adult, "--by", "FFS", "--with", "FFS",
        "--acute-concern",
      ])
    #expect(refused.stderr.contains("OROSANMÄLAN"))
  }

  @Test func createWithoutConsentSaysWhatComesNext() {
    let store = TestStore()
    let result = store.ok(Walk.create())
    #expect(result.stderr.contains("No consent covers it yet"))
    #expect(result.stderr.contains("sp consult"))
  }

  @Test(arguments: [
    (["--by", "SF-NORDOST", "--with", "SF-NORDOST"], "at least two of the city's administrations"),
    (["--by", "SF-NORDOST", "--with", "SF-NORDOST/VUXEN"], "named twice"),
    (["--by", "FFS", "--with", "REGION"], "make a SIP"),
    (["--by", "SF-NORDOST", "--with", "FK"], "not one of the city's administrations"),
    (["--by", "REGION", "--with", "FFS"], "not one of the city's administrations"),
  ])
  func partiesMustBeTwoOfTheCitysAdministrations(_ parties: [String], _ reason: String) {
    let store = TestStore()
    let result = store.refused(["sp", "create", "--person", TestPerson.adult] + parties)
    #expect(result.stderr.contains(reason), "\(result)")
  }

  @Test func anUnknownAdministrationIsAUsageError() {
    let store = TestStore()
    let result = store.refused(
      ["sp", "create", "--person", TestPerson.adult, "--by", "SF-NORDST", "--with", "FFS"],
      code: 64)
    #expect(result.stderr.contains("did you mean 'SF-NORDOST'"))
  }

  // MARK: - Consent

  @Test func summonsWithoutConsentIsRefusedAndPointsToConsult() {
    let store = TestStore()
    store.ok(Walk.create())
    let result = store.refused(Walk.summon())
    #expect(result.stderr.contains("no consent covers"))
    #expect(result.stderr.contains("the person has no recorded consent"))
    #expect(result.stderr.contains("'samverkan sp consult'"))
  }

  @Test func aConsentMustCoverEveryAdministration() throws {
    let store = TestStore()
    try store.grant(parties: ["SF-NORDOST", "FFS"])
    store.ok(Walk.create(three: true))
    let result = store.refused(Walk.summon(three: true))
    #expect(result.stderr.contains("CON-1 does not cover AVO"))
  }

  @Test func aConsentMustNameThePurposeSP() throws {
    let store = TestStore()
    try store.grant(parties: ["SF-NORDOST", "FFS"], purposes: [.sip])
    store.ok(Walk.create())
    let result = store.refused(Walk.summon())
    #expect(result.stderr.contains("does not cover the purpose 'sp'"))
  }

  @Test func aRevokedConsentStopsTheSharingStepsButNotTheClosing() throws {
    let store = try Self.established()
    try store.revoke(RecordID(kind: .consent, number: 1), on: "2027-01-10")
    let references = try store.direct.read {
      try $0.references(to: RecordID(kind: .consent, number: 1))
    }
    #expect(
      references == [
        RecordReference(id: RecordID(kind: .sp, number: 1), isOpen: true, state: "established")
      ])
    let result = store.refused([
      "sp", "follow-up", "SP-1", "--note", "Uppföljning", "--today", "2027-03-01",
    ])
    #expect(result.stderr.contains("CON-1 was revoked on 2027-01-10"))
    store.ok([
      "sp", "close", "SP-1", "--reason", "Samtycket återkallades.", "--today", "2027-03-01",
    ])
  }

  @Test func aConsentWithdrawnFromTheDayOfTheSummonsStillLetsTheSPClose() throws {
    let store = try storeWithConsentAndSummons()
    try store.revoke(RecordID(kind: .consent, number: 1), on: "2026-11-25")
    store.refused(Walk.meeting())
    store.ok([
      "sp", "close", "SP-1", "--reason", "Samtycket återkallades.", "--today", "2026-12-02",
    ])
  }

  @Test func aStepDatedBeforeARevocationIsAllowedAndLoggedAsRecordedLate() throws {
    // SPEC §11: the step needs a basis valid on its own day; recorded after the withdrawal,
    // it is flagged in the disclosure log.
    let store = try storeWithConsentAndSummons()
    try store.revoke(RecordID(kind: .consent, number: 1), on: "2026-12-02")
    let result = store.ok([
      "sp", "meeting", "SP-1", "--held", "2026-12-01", "--attendance",
      "SF-NORDOST=present,FFS=present", "--today", "2026-12-03",
    ])
    #expect(result.stderr.contains("CON-1 was withdrawn after 2026-12-01"))
    let log = store.ok([
      "consent", "disclosures", "--person", TestPerson.adult, "--format", "json",
      "--today", "2026-12-03",
    ])
    #expect(log.stdout.contains("\"recordedLate\": true"))
    // A step dated on or after the withdrawal is refused.
    let late = store.refused(Walk.plan() + ["--today", "2026-12-03"])
    #expect(late.stderr.contains("CON-1 was revoked on 2026-12-02"))
  }

  private func storeWithConsentAndSummons() throws -> TestStore {
    let store = try Self.storeWithConsent()
    store.ok(Walk.create())
    store.ok(Walk.summon())
    return store
  }

  @Test func aLegalGroundReplacesConsentAndIsRecorded() throws {
    let store = TestStore()
    store.ok(Walk.create())
    store.ok(
      Walk.summon() + [
        "--legal-ground", "emergency", "--legal-ground-note", "Akut fara för hälsan",
      ])
    let grounds = store.field("SP-1", "legalGrounds")
    #expect(grounds.contains("\"ground\":\"emergency\""))
    #expect(grounds.contains("\"step\":\"summon\""))
    let document = store.ok(["sp", "show", "SP-1", "--format", "md", "--document", "summons"])
    #expect(
      document.stdout.contains("utan samtycke med stöd av en sekretessbrytande bestämmelse: nöd"))
  }

  @Test func theConsentsRestrictionsAreShownAndKept() throws {
    let store = TestStore()
    try store.grant(parties: ["SF-NORDOST", "FFS"], restrictions: "Inget om skolgången.")
    store.ok(Walk.create())
    let result = store.ok(Walk.summon())
    #expect(
      result.stderr.contains("the person does not want this shared (CON-1): Inget om skolgången."))
    // Kept on the caseworker's own record, never printed in the summons the other
    // administration receives.
    #expect(store.field("SP-1", "restrictions").contains("Inget om skolgången."))
    let document = store.ok(["sp", "show", "SP-1", "--format", "md", "--document", "summons"])
    #expect(!document.stdout.contains("skolgången"))
  }

  @Test func stodkontaktNeedsConsentToTheDecisionItself() throws {
    let store = try Self.storeWithConsent()
    store.ok(Walk.create())
    let result = store.refused([
      "sp", "support-contact", "SP-1", "--org", "FFS", "--decided-by", "Anna Berg",
    ])
    #expect(result.stderr.contains("'sp support-contact' needs the person's consent"))
    #expect(result.stderr.contains("--purpose support-contact"))
    try store.grant(parties: ["SF-NORDOST", "FFS"], purposes: [.sp, .supportContact])
    store.ok(["sp", "support-contact", "SP-1", "--org", "FFS", "--decided-by", "Anna Berg"])
    #expect(store.field("SP-1", "state") == "created")
    // Once per administration; and only the SP's administrations.
    store.refused(["sp", "support-contact", "SP-1", "--org", "FFS"])
    store.refused(["sp", "support-contact", "SP-1", "--org", "AVO"])
  }

  // MARK: - Order of the steps

  @Test func stepsOutOfOrderAreRefused() throws {
    let store = try Self.storeWithConsent()
    store.ok(Walk.create())
    #expect(store.refused(Walk.meeting()).stderr.contains("has not been summoned yet"))
    #expect(store.refused(Walk.plan()).stderr.contains("no meeting recorded yet"))
    #expect(store.refused(Walk.submit()).stderr.contains("no documented plan yet"))
    #expect(store.refused(Walk.approve()).stderr.contains("not waiting for approval"))
    store.ok(Walk.summon())
    store.ok(Walk.meeting())
    #expect(store.refused(Walk.summon()).stderr.contains("past the summons"))
  }

  @Test func theSummonsMustStateEverythingTheRoutineAsksFor() throws {
    let store = try Self.storeWithConsent()
    store.ok(Walk.create())
    let result = store.refused(["sp", "summon", "SP-1", "--needs", "Stöd"], code: 64)
    for option in [
      "--purpose", "--why", "--questions", "--hoped-outcome", "--proposed-time", "--meeting-form",
      "--recipient", "--title", "--phone", "--email", "--reply-by",
    ] {
      #expect(result.stderr.contains(option), "\(option) is named")
    }
    // Every other administration must be summoned.
    store.ok(Walk.create(three: true))
    try store.grant(parties: ["SF-NORDOST", "FFS", "AVO"])
    let missing = store.refused(Walk.summon("SP-2"))
    #expect(missing.stderr.contains("nobody at AVO is summoned"))
    // Proposed times cannot be before the summons.
    let early = store.refused(Walk.summon() + ["--proposed-time", "2026-11-20T10:00"])
    #expect(early.stderr.contains("the proposed time 2026-11-20T10:00 is before the summons"))
  }

  @Test func everyAdministrationsAttendanceIsNeeded() throws {
    let store = try storeWithConsentAndSummons()
    let result = store.refused([
      "sp", "meeting", "SP-1", "--attendance", "SF-NORDOST=present", "--held", "2026-11-25",
    ])
    #expect(result.stderr.contains("the attendance of FFS is needed"))
    let bad = store.refused(
      ["sp", "meeting", "SP-1", "--attendance", "SF-NORDOST=present,FFS=late"], code: 64)
    #expect(bad.stderr.contains("'present', 'absent-valid' or 'absent-invalid'"))
    #expect(
      store.refused(Walk.meeting() + ["--held", "2026-12-03"], code: 64).stderr.contains(
        "in the future"))
  }

  @Test func absenceWithoutValidReasonSaysHowToReportADeviation() throws {
    let store = try storeWithConsentAndSummons()
    let result = store.ok(Walk.meeting(ffs: "absent-invalid"))
    #expect(result.stderr.contains("FFS stayed away without a valid reason"))
    #expect(result.stderr.contains("samverkan deviation report --from SP-1"))
    let present = try Self.storeWithConsent()
    present.ok(Walk.create())
    present.ok(Walk.summon())
    #expect(!present.ok(Walk.meeting()).stderr.contains("deviation"))
  }

  // MARK: - Approval and establishment

  @Test func anIncompletePlanIsNotSentForApproval() throws {
    let store = try storeWithConsentAndSummons()
    store.ok(Walk.meeting())
    store.ok([
      "sp", "plan", "SP-1", "--responsibility", "SF-NORDOST: Samordnar.", "--today", "2026-12-03",
    ])
    let result = store.refused(Walk.submit())
    #expect(result.stderr.contains("responsibilities: what FFS is responsible for"))
    #expect(result.stderr.contains("interventions: at least one agreed intervention"))
    #expect(result.stderr.contains("followUp: when the plan is followed up"))
  }

  @Test func thePlanIsEstablishedOnlyWhenEveryOtherAdministrationHasApproved() throws {
    let store = try Self.submitted(three: true)
    let first = store.ok(Walk.approve(org: "FFS"))
    #expect(first.stderr.contains("still waiting for AVO"))
    #expect(store.field("SP-1", "state") == "submitted")
    // Not established yet: no follow-up, no second answer from FFS, and the driving
    // administration's own approval is its submission.
    #expect(
      store.refused(["sp", "follow-up", "SP-1", "--note", "x"]).stderr
        .contains("waiting for approval from AVO"))
    #expect(store.refused(Walk.approve(org: "FFS")).stderr.contains("FFS already approved"))
    #expect(
      store.refused(Walk.approve(org: "SF-NORDOST")).stderr.contains("which is its own approval"))
    #expect(
      store.refused(Walk.approve(org: "SF-CENTRUM")).stderr.contains(
        "not one of SP-1's administrations"))
    #expect(store.refused(Walk.plan()).stderr.contains("not changed under the approvers' feet"))
    let history = store.ok(["sp", "history", "SP-1"])
    #expect(!history.stdout.contains("SP genomförd"))
    let last = store.ok(Walk.approve(org: "AVO"))
    #expect(last.stderr.contains("Every administration has approved"))
    #expect(store.field("SP-1", "state") == "established")
    #expect(store.ok(["sp", "history", "SP-1"]).stdout.contains("SP genomförd"))
  }

  @Test func thePlanStandsFromTheDayOfTheLastApprovalWhateverOrderTheyAreRecordedIn() throws {
    let store = try Self.submitted(three: true)
    store.ok(Walk.approve(org: "AVO") + ["--on", "2026-12-08", "--today", "2026-12-09"])
    store.ok(Walk.approve(org: "FFS") + ["--on", "2026-12-05", "--today", "2026-12-09"])
    #expect(store.field("SP-1", "establishedOn") == "2026-12-08")
    // An answer cannot come before the plan was sent.
    let early = try Self.submitted()
    let result = early.refused(Walk.approve() + ["--on", "2026-12-01"])
    #expect(result.stderr.contains("before the plan was sent (2026-12-03)"))
  }

  @Test func aRejectionSendsThePlanBackAndMentionsEscalation() throws {
    let store = try Self.submitted()
    let noComment = store.refused(["sp", "reject", "SP-1", "--org", "FFS"])
    #expect(noComment.stderr.contains("--comment"))
    let result = store.ok([
      "sp", "reject", "SP-1", "--org", "FFS", "--comment", "Ansvaret för boendestödet är oklart.",
      "--today", "2026-12-04",
    ])
    #expect(
      result.stderr.contains(
        "'samverkan escalate open --from SP-1 --responsible ORG --question …'"))
    #expect(result.stderr.contains("support continues meanwhile"))
    #expect(store.field("SP-1", "state") == "documented")

    // The suggested command opens a matter about the plan's person, between its
    // administrations.
    let open = ["escalate", "open", "--responsible", "SF-NORDOST", "--question", "Vem ansvarar?"]
    for (extra, code, text) in [
      (["--from", "SP-9"], Int32(66), "No record 'SP-9'"),
      (["--from", "CON-1"], 64, "an escalation starts from an SP (SP-n) or a SIP (SIP-n)"),
      (["--from", "SP-1", "--anonymous"], 64, "leave out --anonymous"),
      (["--from", "SP-1", "--person", TestPerson.adult2], 64, "is not the person of SP-1"),
    ] {
      let before = store.snapshot()
      let refused = store.run(open + extra + ["--today", "2026-12-04"])
      #expect(refused.code == code, "\(extra): \(refused)")
      #expect(refused.stderr.contains(text), "\(refused.stderr)")
      #expect(refused.stdout.isEmpty)
      #expect(store.snapshot() == before)
    }
    let escalated = store.ok(open + ["--from", "SP-1", "--today", "2026-12-04"])
    #expect(escalated.stdout == "ESC-1\n")
    let matter = store.ok(["escalate", "show", "ESC-1", "--json"]).stdout
    #expect(matter.contains("\"source\": \"SP-1\""), "\(matter)")
    #expect(matter.contains("\"person\": \"\(TestPerson.adult)\""))
    #expect(matter.contains("\"personName\": \"Alex Andersson\""))
    #expect(matter.contains("\"SF-NORDOST\",\n    \"FFS\""), "\(matter)")
    store.ok(Walk.plan() + ["--today", "2026-12-05"])
    store.ok(Walk.submit() + ["--today", "2026-12-05"])
    #expect(store.field("SP-1", "state") == "submitted")
    store.ok(Walk.approve() + ["--today", "2026-12-06"])
    #expect(store.field("SP-1", "state") == "established")
    #expect(store.field("SP-1", "establishedOn") == "2026-12-06")
  }

  /// Every change to an established plan, each refused with exit 77.
  static let changes: [[String]] = [
    Walk.summon(),
    Walk.meeting(),
    Walk.plan(),
    ["sp", "plan", "SP-1", "--follow-up", "2027-04-01"],
    ["sp", "need", "SP-1", "Ett nytt behov."],
    ["sp", "need", "SP-1", "--remove", "1"],
    ["sp", "own-view", "SP-1", "En ny syn."],
    ["sp", "goal", "SP-1", "Ett nytt mål."],
    ["sp", "intervention", "SP-1", "En ny insats.", "--responsible", "FFS", "--by", "2027-01-31"],
    ["sp", "contact", "SP-1", "--org", "FFS", "--name", "Bo Berg"],
    Walk.submit(),
    Walk.approve(),
    ["sp", "reject", "SP-1", "--org", "FFS", "--comment", "Nej"],
  ]

  @Test(arguments: changes)
  func everyChangeAfterEstablishmentIsRefused(_ change: [String]) throws {
    let store = try Self.established()
    let result = store.refused(change)
    #expect(result.stderr.contains("SP-1 cannot be changed"))
    #expect(result.stderr.contains("write-protected (skrivskyddad)"))
  }

  @Test func aClosedSPCannotChange() throws {
    let store = try Self.storeWithConsent()
    store.ok(Walk.create())
    store.ok(["sp", "close", "SP-1", "--reason", "Personen flyttade från kommunen."])
    for change in [Walk.summon(), ["sp", "close", "SP-1", "--reason", "Igen"]] {
      #expect(store.refused(change).stderr.contains("it was closed on 2026-11-25"))
    }
    store.refused(["sp", "close", "SP-1"], code: 64)
  }

  // MARK: - Anonymous consultation

  @Test func aConsultationRecordsNoPerson() throws {
    let store = TestStore()
    let result = store.ok([
      "sp", "consult", "--by", "SF-NORDOST", "--with", "FFS", "--question",
      "Vuxen med funktionsnedsättning, nyinflyttad; vem utreder boendestöd?", "--advice",
      "FFS utreder efter ansökan.",
    ])
    #expect(result.stdout == "KONS-1\n")
    let json = store.ok(["sp", "show", "KONS-1", "--json"]).stdout
    #expect(!json.contains("person"))
    #expect(json.contains("\"consulted\""))
    #expect(
      store.ok(["sp", "list", "--consultations"]).stdout.hasPrefix(
        "KONS-1\t2026-11-25\tSF-NORDOST\tFFS\t"))
    #expect(store.ok(["sp", "list"]).stdout.isEmpty)
    let stored = try store.direct.read { try $0.records(Consultation.self) }
    #expect(stored.count == 1 && stored.first?.person == nil)
  }

  @Test(arguments: [
    "Gäller 900101-2385, nyinflyttad",
    "Gäller 199001012385, nyinflyttad",
    "Gäller 900101+2385, nyinflyttad",
    "Gäller 900101 2385, nyinflyttad",
    "Gäller 9001012386, nyinflyttad",
  ])
  func aConsultationRefusesAnythingLikeAPersonnummer(_ question: String) {
    let store = TestStore()
    let result = store.refused([
      "sp", "consult", "--by", "SF-NORDOST", "--with", "FFS", "--question", question,
      "--advice", "Kontakta mottaget.",
    ])
    #expect(result.stderr.contains("question: characters 8–"))
    #expect(result.stderr.contains("looks like a personnummer or samordningsnummer"))
    // The message names where, never the number itself.
    #expect(!result.stderr.contains("2385"))
  }

  @Test func everyFieldOfAConsultationIsChecked() {
    let store = TestStore()
    let result = store.refused([
      "sp", "consult", "--by", "SF-NORDOST", "--with", "FFS", "--question", "Fråga",
      "--advice", "Ring om 19900101-2385", "--note", "Se 900101-2385",
    ])
    #expect(result.stderr.contains("advice: characters 9–21 (YYYYMMDD-NNNN)"))
    #expect(result.stderr.contains("note: characters 4–14 (YYMMDD-NNNN)"))
    let region = store.refused([
      "sp", "consult", "--by", "SF-NORDOST", "--with", "REGION", "--question", "Fråga",
      "--advice", "Svar",
    ])
    #expect(region.stderr.contains("not one of the city's administrations"))
  }
}

/// Seed 000: stödkontakt med socialsekreterare is decided by an administration that has no
/// open case for the person, so that it can document the coordination.
@Suite struct SPSupportContactTests {
  func decide(_ store: TestStore, _ org: String) -> RunResult {
    store.run([
      "sp", "support-contact", "SP-1", "--org", org, "--decided-by", "Anna Berg", "--today",
      "2026-12-05",
    ])
  }

  @Test func onlyAnAdministrationWithoutAnOpenCaseDecides() throws {
    let store = TestStore()
    store.ok(Walk.create())
    try store.grant(parties: ["SF-NORDOST", "FFS"], purposes: [.sp, .supportContact])
    // The initiator found the need in its own case.
    let before = store.snapshot()
    let refused = decide(store, "SF-NORDOST")
    #expect(refused.code == 77, "\(refused)")
    #expect(
      refused.stderr.contains(
        "SF-NORDOST already has an open case for the person and documents the coordination there"))
    #expect(refused.stdout.isEmpty)
    #expect(store.snapshot() == before)
    let accepted = decide(store, "FFS")
    #expect(accepted.code == 0, "\(accepted)")
  }

  @Test func theOpenCasesCanBeNamed() throws {
    let store = TestStore()
    store.ok(Walk.create() + ["--open-case", "FFS"])
    try store.grant(parties: ["SF-NORDOST", "FFS"], purposes: [.sp, .supportContact])
    let before = store.snapshot()
    #expect(decide(store, "FFS").code == 77)
    #expect(store.snapshot() == before)
    #expect(decide(store, "SF-NORDOST").code == 0)
    let wrong = TestStore()
    let result = wrong.run(Walk.create() + ["--open-case", "AVO"])
    #expect(result.code == 77, "\(result)")
    #expect(result.stderr.contains("AVO is not one of the SP's administrations"))
    #expect(wrong.snapshot().isEmpty)
  }
}

/// `sp due` lists an SP that was created but never summoned, until the summons goes out.
@Suite struct SPDueSummonsTests {
  @Test func anSPNeverSummonedIsDue() throws {
    let store = TestStore()
    store.ok(Walk.create() + ["--today", "2026-11-20"])
    let due = store.ok([
      "sp", "due", "--today", "2026-11-25", "--fields", "id,due,administration,date,days",
    ])
    #expect(due.lines == ["SP-1\tsummons\tSF-NORDOST\t2026-11-20\t5"])
    try store.grant(parties: ["SF-NORDOST", "FFS"])
    store.ok(Walk.summon())
    #expect(store.ok(["sp", "due", "--today", "2026-11-25"]).lines.isEmpty)
  }
}

/// The summons names how to answer and by when (seed 000).
@Suite struct SPSummonsReplyTests {
  @Test func theReplyByDateFallsBetweenTheSummonsAndTheFirstProposedTime() throws {
    let store = TestStore()
    store.ok(Walk.create())
    try store.grant(parties: ["SF-NORDOST", "FFS"])
    for (date, text) in [
      ("2026-12-03", "the reply-by date 2026-12-03 is after the first proposed time (2026-12-02)"),
      ("2026-11-24", "the reply-by date 2026-11-24 is before the summons (2026-11-25)"),
    ] {
      let before = store.snapshot()
      let result = store.run(Walk.summon() + ["--reply-by", date])
      #expect(result.code == 77, "\(result)")
      #expect(result.stderr.contains(text), "\(result.stderr)")
      #expect(store.snapshot() == before)
    }
    store.ok(Walk.summon() + ["--reply-by", "2026-12-02"])
    let bad = store.run(Walk.summon() + ["--email", "karin.ek"])
    #expect(bad.code == 64)
  }
}

/// A summoned administration answers the summons; `sp due` lists those that have not by the
/// reply-by date (seed 000: "Meddela … vilken av tiderna som passar").
@Suite struct SPSummonsAnswerTests {
  @Test func anUnansweredSummonsIsDueUntilTheAnswer() throws {
    let store = TestStore()
    store.ok(Walk.create(three: true) + ["--today", "2026-11-20"])
    // Not summoned yet: there is nothing to answer.
    store.refused([
      "sp", "answer", "SP-1", "--from", "FFS", "--by", "Anna Berg", "--today", "2026-11-25",
    ])
    try store.grant(parties: ["SF-NORDOST", "FFS", "AVO"])
    store.ok(Walk.summon(three: true))
    let fields = ["--fields", "id,due,administration,date"]
    #expect(store.ok(["sp", "due", "--today", "2026-11-30"] + fields).lines.isEmpty)
    #expect(
      store.ok(["sp", "due", "--today", "2026-12-01"] + fields).lines == [
        "SP-1\tanswer\tFFS\t2026-12-01", "SP-1\tanswer\tAVO\t2026-12-01",
      ])
    store.ok([
      "sp", "answer", "SP-1", "--from", "FFS", "--by", "Anna Berg", "--time",
      "2026-12-02T10:00", "--today", "2026-11-26",
    ])
    #expect(
      store.ok(["sp", "due", "--today", "2026-12-01"] + fields).lines == [
        "SP-1\tanswer\tAVO\t2026-12-01"
      ])
    // Once, by a summoned administration, not before the summons.
    let twice = store.refused([
      "sp", "answer", "SP-1", "--from", "FFS", "--by", "Anna Berg", "--today", "2026-11-27",
    ])
    #expect(twice.stderr.contains("FFS already answered the summons of SP-1 on 2026-11-26"))
    let stranger = store.refused([
      "sp", "answer", "SP-1", "--from", "SF-HISINGEN", "--by", "Eva Lind", "--today",
      "2026-11-27",
    ])
    #expect(stranger.stderr.contains("SF-HISINGEN is not summoned"))
    let early = store.refused([
      "sp", "answer", "SP-1", "--from", "AVO", "--by", "Bo Lind", "--on", "2026-11-24",
      "--today", "2026-11-27",
    ])
    #expect(early.stderr.contains("before the summons (2026-11-25)"))
    store.ok(["sp", "answer", "SP-1", "--from", "avo", "--by", "Bo Lind", "--today", "2026-11-27"])
    #expect(store.ok(["sp", "due", "--today", "2026-12-01"]).lines.isEmpty)
    // After the meeting the answers do not change.
    store.ok(Walk.meeting(three: true))
    store.refused([
      "sp", "answer", "SP-1", "--from", "FFS", "--by", "Anna Berg", "--today", "2026-12-02",
    ])
  }
}
