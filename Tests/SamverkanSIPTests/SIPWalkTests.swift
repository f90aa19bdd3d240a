import Foundation
import SamverkanDomain
import SamverkanSIP
import SamverkanStore
import SamverkanTestSupport
import Testing

/// A SIP walked through the routine's six steps, as a caseworker would.
@Suite struct SIPWalkTests {
  @Test func fromCreateToClose() throws {
    let store = TestStore()
    let consent = try store.grantConsent()
    let sipID = RecordID(kind: .sip, number: 1)

    // 1. Identify the need.
    var result = store.sip(
      "create", "--person", "900101-2385", "--name", "Anna Andersson", "--trigger", "need",
      "--initiator", "sf-nordost", "--caseworker", "Eva Ek", today: "2026-11-16")
    #expect(result.code == 0, "\(result)")
    #expect(result.stdout == "SIP-1\n")
    var sip = try store.readSIP("SIP-1")
    #expect(sip.person?.longForm == TestPerson.adult)
    #expect(sip.initiator.value == "SF-NORDOST")
    #expect(sip.createdOn == day("2026-11-16"))
    #expect(sip.state == .identified)
    #expect(sip.references.isEmpty)

    // 2. Prepare with the individual.
    #expect(
      store.sip("need", "SIP-1", "Stöd i vardagen, t.ex. med ekonomi", today: "2026-11-17").code
        == 0)
    #expect(store.sip("need", "SIP-1", "--wish", "Vill bo kvar", today: "2026-11-17").code == 0)
    #expect(try store.readSIP("SIP-1").state == .preparing)

    // 3. Summon the region, invite Försäkringskassan and a relative.
    result = store.sip(
      "invite", "SIP-1", "--purpose", "Samordna stödet", "--question", "Vem gör vad?", "--party",
      "REGION,FK", today: "2026-11-17")
    #expect(result.code == 0, "\(result)")
    #expect(result.stdout == "SIP-1\n")
    #expect(result.stderr.contains("Summoned (kallelse): REGION"))
    #expect(result.stderr.contains("Invited (inbjudan): FK"))
    #expect(
      store.sip(
        "invite", "SIP-1", "--purpose", "Samordna stödet", "--question", "Vem gör vad?",
        "--relative", "Karin Andersson", today: "2026-11-17"
      ).code == 0)
    sip = try store.readSIP("SIP-1")
    #expect(sip.state == .invited)
    #expect(sip.participants.map(\.organization.value) == ["REGION", "FK"])
    #expect(sip.participants.map(\.invitation) == [.summons, .invitation])
    #expect(sip.relatives.map(\.name) == ["Karin Andersson"])
    #expect(sip.consent == consent)
    #expect(sip.consentCheckedOn == day("2026-11-17"))
    #expect(sip.references == [consent])
    // `consent revoke` finds the SIP through the reference index.
    #expect(
      try store.references(to: consent) == [
        RecordReference(id: sipID, isOpen: true, state: "invited")
      ])

    // Answers: the region attends, Försäkringskassan (not obliged) declines.
    #expect(
      store.sip(
        "respond", "SIP-1", "--party", "REGION", "--attending", "Lars Lind", today: "2026-11-18"
      )
      .code == 0)
    #expect(
      store.sip(
        "respond", "SIP-1", "--party", "FK", "--declined", "--reason", "inget ärende",
        today: "2026-11-18"
      )
      .code == 0)
    sip = try store.readSIP("SIP-1")
    #expect(
      sip.participants[0].response
        == SIPResponse(answer: .attending, name: "Lars Lind", date: day("2026-11-18")))
    #expect(sip.participants[1].response?.answer == .declined)

    // 4. The SIP meeting, where the plan is made and established.
    result = store.sip(
      "meeting", "SIP-1", "--at", "2026-11-20T13:00", "--place", "Vårdcentralen Angered",
      today: "2026-11-18")
    #expect(result.code == 0, "\(result)")
    #expect(try store.readSIP("SIP-1").state == .meeting)
    #expect(try store.references(to: consent).first?.state == "meeting")
    for step: [String] in [
      ["goal", "SIP-1", "Har en fungerande dygnsrytm", "--term", "short"],
      ["goal", "SIP-1", "Har en sysselsättning", "--term", "long"],
      ["intervention", "SIP-1", "Boendestöd", "--responsible", "SF-NORDOST", "--by", "2027-01-31"],
      [
        "intervention", "SIP-1", "Läkemedelsgenomgång", "--responsible", "REGION", "--by",
        "2026-12-15",
      ],
      ["responsible", "SIP-1", "--principal", "SF-NORDOST"],
    ] {
      let stepResult = store.sip(step, today: "2026-11-20")
      #expect(stepResult.code == 0, "\(step): \(stepResult)")
    }
    result = store.sip(
      "establish", "SIP-1", "--follow-up", "2027-02-20", "--follow-up-place",
      "Socialkontoret Angered",
      today: "2026-11-20")
    #expect(result.code == 0, "\(result)")
    #expect(!result.stderr.contains("both short- and long-term"))
    sip = try store.readSIP("SIP-1")
    #expect(sip.state == .established)
    #expect(sip.establishedOn == day("2026-11-20"))
    #expect(sip.version == 1)

    // 5. Follow-ups: continue, then revise.
    result = store.sip(
      "follow-up", "SIP-1", "--outcome", "continue", "--next", "2027-05-20", today: "2027-02-20")
    #expect(result.code == 0, "\(result)")
    sip = try store.readSIP("SIP-1")
    #expect(sip.followUpDate == day("2027-05-20"))
    #expect(sip.followUpPlace == "Socialkontoret Angered")
    #expect(sip.state == .established)

    result = store.sip("follow-up", "SIP-1", "--outcome", "revise", today: "2027-05-20")
    #expect(result.code == 0, "\(result)")
    sip = try store.readSIP("SIP-1")
    #expect(sip.state == .revising)
    #expect(sip.version == 2)
    #expect(sip.establishedOn == nil)
    #expect(sip.followUpDate == nil)
    #expect(sip.earlierVersions.count == 1)
    #expect(sip.earlierVersions[0].version == 1)
    #expect(sip.earlierVersions[0].goals.count == 2)
    #expect(sip.earlierVersions[0].endedBy == .revise)
    #expect(sip.followUps.map(\.outcome) == [.continue, .revise])

    // The revision changes the plan, and it is established again as version 2.
    #expect(store.sip("goal", "SIP-1", "--remove", "1", today: "2027-05-20").code == 0)
    #expect(
      store.sip("goal", "SIP-1", "Sover hela nätter", "--term", "short", today: "2027-05-20").code
        == 0)
    result = store.sip("establish", "SIP-1", "--follow-up", "2027-08-20", today: "2027-05-20")
    #expect(result.code == 0, "\(result)")
    sip = try store.readSIP("SIP-1")
    #expect(sip.state == .established)
    #expect(sip.version == 2)
    #expect(sip.goals.map(\.text) == ["Har en sysselsättning", "Sover hela nätter"])
    #expect(
      sip.earlierVersions[0].goals.map(\.text) == [
        "Har en fungerande dygnsrytm", "Har en sysselsättning",
      ])

    // The history tells every step, with the establishments as events.
    result = store.sip("history", "SIP-1", "--format", "ndjson")
    #expect(result.code == 0)
    let actions = result.lines.compactMap { line -> String? in
      guard let data = line.data(using: .utf8),
        let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
      else { return nil }
      return object["action"] as? String
    }
    #expect(
      actions == [
        "create", "need", "need", "invite", "invite", "respond", "respond", "meeting", "goal",
        "goal", "intervention", "intervention", "responsible", "establish", "follow-up",
        "follow-up", "goal", "goal", "establish",
      ])
    #expect(result.stdout.contains("SIP upprättad (version 1)"))
    #expect(result.stdout.contains("SIP upprättad (version 2)"))
    #expect(result.stdout.contains("consent CON-1"))

    // 6. Closing: each principal documents its own (seed 004); social services first.
    result = store.sip(
      "close", "SIP-1", "--reason", "goals-met", "--by", "SF-NORDOST", today: "2027-08-20")
    #expect(result.code == 0, "\(result)")
    #expect(
      result.stderr.contains(
        "SIP-1 is closing: SF-NORDOST on 2027-08-20 (goals-met); REGION has not yet documented the closing"
      ))
    sip = try store.readSIP("SIP-1")
    #expect(sip.state == .closing)
    #expect(sip.isOpen)
    #expect(sip.awaitingClosing == [OrganizationID(unchecked: "REGION")])
    #expect(
      try store.references(to: consent) == [
        RecordReference(id: sipID, isOpen: true, state: "closing")
      ])
    // While it is closing, nothing but the other closings is recorded.
    expectRefused(
      store, ["sip", "need", "SIP-1", "Mer stöd"],
      mentioning: ["SIP-1 is closing: SF-NORDOST on 2027-08-20 (goals-met) documented the closing"])

    // The region documents its own; now the SIP is closed.
    result = store.sip(
      "close", "SIP-1", "--reason", "goals-met", "--by", "REGION", today: "2027-08-22")
    #expect(result.code == 0, "\(result)")
    #expect(!result.stderr.contains("is closing"))
    sip = try store.readSIP("SIP-1")
    #expect(sip.state == .closed)
    #expect(!sip.isOpen)
    #expect(sip.closedOn == day("2027-08-22"))
    #expect(
      sip.closings == [
        SIPClosing(
          date: day("2027-08-20"), reason: .goalsMet, by: OrganizationID(unchecked: "SF-NORDOST")),
        SIPClosing(
          date: day("2027-08-22"), reason: .goalsMet, by: OrganizationID(unchecked: "REGION")),
      ])
    #expect(
      try store.references(to: consent) == [
        RecordReference(id: sipID, isOpen: false, state: "closed")
      ])
    #expect(
      store.sip("history", "SIP-1").stdout.contains(
        "SIP avslutad: målen är uppfyllda (REGION dokumenterade avslutet; alla huvudmän har nu gjort det)"
      ))

    // A closed SIP changes no more.
    expectRefused(
      store, ["sip", "need", "SIP-1", "Mer stöd"], mentioning: ["SIP-1 was closed on 2027-08-22"])

    // And the store is sound.
    #expect(store.storeProblems().isEmpty)
  }

  @Test func followUpClosesTheSIP() throws {
    let store = TestStore()
    let (id, _) = try establishedSIP(store)
    let result = store.sip(
      "follow-up", id, "--outcome", "close", "--reason", "no-longer-needed", "--by", "SF-NORDOST",
      today: "2027-02-20")
    #expect(result.code == 0, "\(result)")
    var sip = try store.readSIP(id)
    // The follow-up records the closing of the principal that held it; the others document
    // their own.
    #expect(sip.state == .closing)
    #expect(sip.closings.map(\.by.value) == ["SF-NORDOST"])
    #expect(sip.closings.first?.reason == .noLongerNeeded)
    #expect(sip.followUps.last?.outcome == .close)
    #expect(
      store.sip("close", id, "--reason", "no-longer-needed", "--by", "REGION", today: "2027-02-21")
        .code == 0)
    sip = try store.readSIP(id)
    #expect(sip.state == .closed)
    #expect(sip.closedOn == day("2027-02-21"))
  }

  @Test func newPlanStartsTheContentAgainAndKeepsTheOldOne() throws {
    let store = TestStore()
    let (id, _) = try establishedSIP(store)
    var result = store.sip("follow-up", id, "--outcome", "new-plan", today: "2027-02-20")
    #expect(result.code == 0, "\(result)")
    var sip = try store.readSIP(id)
    #expect(sip.state == .revising)
    #expect(sip.needs.isEmpty && sip.goals.isEmpty && sip.interventions.isEmpty)
    #expect(sip.overallResponsible == nil)
    #expect(sip.earlierVersions.first?.endedBy == .newPlan)
    #expect(sip.earlierVersions.first?.needs.count == 1)

    // Establishing the new plan lists what it still lacks, counted from the follow-up.
    result = expectRefused(
      store, ["sip", "establish", id, "--today", "2027-02-20"],
      mentioning: [
        "the individual's needs", "at least one goal", "at least one intervention",
        "the principal with overall responsibility", "a follow-up date after the meeting",
      ])
    #expect(!result.stderr.contains("the SIP meeting"))
    for step: [String] in [
      ["need", id, "Stöd att söka arbete"], ["goal", id, "Har ett arbete", "--term", "long"],
      [
        "intervention", id, "Kontakt med arbetsmarknadsenheten", "--responsible", "SF-NORDOST",
        "--by", "2027-04-01",
      ],
      ["responsible", id, "--principal", "REGION"],
    ] {
      #expect(store.sip(step, today: "2027-02-20").code == 0)
    }
    // The follow-up date counts from the follow-up where the new plan was made.
    expectRefused(
      store,
      [
        "sip", "establish", id, "--follow-up", "2027-02-20", "--follow-up-place", "Vårdcentralen",
        "--today", "2027-02-20",
      ],
      mentioning: ["a follow-up date after the meeting on 2027-02-20 (given: 2027-02-20)"])
    result = store.sip(
      "establish", id, "--follow-up", "2027-06-01", "--follow-up-place", "Vårdcentralen",
      today: "2027-02-20")
    #expect(result.code == 0, "\(result)")
    #expect(result.stderr.contains("no short-term goal"))
    sip = try store.readSIP(id)
    #expect(sip.version == 2)
    #expect(sip.state == .established)
  }

  @Test func revokedConsentStopsSharingUntilNewConsent() throws {
    let store = TestStore()
    let (id, consent) = try establishedSIP(store)
    try store.revokeConsent(consent, on: "2026-12-01")

    // Every sharing step is refused; the follow-up cannot be held.
    expectRefused(
      store,
      [
        "sip", "follow-up", id, "--outcome", "continue", "--next", "2027-05-01", "--today",
        "2027-02-20",
      ],
      mentioning: [
        "'sip follow-up' on \(id) is refused", "CON-1 was revoked on 2026-12-01", "consent grant",
        "samverkan sip close \(id) --reason consent-withdrawn --by ORG",
      ])

    // `due` shows the SIP's consent problem.
    let due = store.sip("due", today: "2026-12-01")
    #expect(
      due.stdout.contains(
        "\(id)\t\(TestPerson.adult)\tAnna Andersson\tconsent\tCON-1 is revoked from 2026-12-01"),
      "\(due)")

    // New consent lets the steps go on, and the SIP relies on it from then.
    let renewed = try store.grantConsent(from: "2027-01-10")
    let result = store.sip(
      "follow-up", id, "--outcome", "continue", "--next", "2027-05-01", today: "2027-02-20")
    #expect(result.code == 0, "\(result)")
    #expect(try store.readSIP(id).consent == renewed)
    // The bases accumulate: the SIP relied on both, and says so.
    #expect(try store.readSIP(id).consents == [consent, renewed])
    #expect(try store.references(to: consent).map(\.id.description) == [id])
    #expect(try store.references(to: renewed).map(\.id.description) == [id])
  }

  @Test func withdrawnConsentLetsEachPrincipalClose() throws {
    let store = TestStore()
    let (id, consent) = try establishedSIP(store)
    expectRefused(
      store, ["sip", "close", id, "--reason", "consent-withdrawn", "--by", "SF-NORDOST"],
      mentioning: ["CON-1, the consent \(id) relies on, is not revoked", "consent revoke"])
    try store.revokeConsent(consent, on: "2026-11-24")
    var result = store.sip("close", id, "--reason", "consent-withdrawn", "--by", "SF-NORDOST")
    #expect(result.code == 0, "\(result)")
    #expect(try store.references(to: consent).first?.isOpen == true)
    // The region documents its closing for the same reason, without any consent.
    result = store.sip("close", id, "--reason", "consent-withdrawn", "--by", "REGION")
    #expect(result.code == 0, "\(result)")
    #expect(try store.readSIP(id).closingReasons == [.consentWithdrawn])
    #expect(try store.references(to: consent).first?.isOpen == false)
  }

  @Test func aConsentRevokedBackdatedStillLetsTheSIPClose() throws {
    let store = TestStore()
    let (id, consent) = try establishedSIP(store)  // consent checked on 2026-11-20
    try store.revokeConsent(consent, on: "2026-11-10")
    #expect(store.sip("due").stdout.contains("consent\tCON-1 is revoked from 2026-11-10"))
    for principal in ["SF-NORDOST", "REGION"] {
      let result = store.sip("close", id, "--reason", "consent-withdrawn", "--by", principal)
      #expect(result.code == 0, "\(result)")
    }
    #expect(try store.readSIP(id).state == .closed)
  }

  @Test func noSecrecyBreakingGroundStandsInForConsent() throws {
    // Seeds 002 and 004: a SIP always needs the person's consent.
    let store = TestStore()
    let id = try startedSIP(store)
    let before = store.snapshot()
    let result = store.sip(
      "invite", id, "--purpose", "Samordna stödet", "--question", "Vem gör vad?", "--party",
      "REGION", "--legal-ground", "emergency",
      "--legal-ground-note", "akut fara för liv", today: "2026-11-17")
    #expect(result.code == 77, "\(result)")
    #expect(result.stderr.contains("'sip invite' on \(id) is refused"))
    #expect(
      result.stderr.contains("must always be asked, so no secrecy-breaking ground can stand in"))
    #expect(store.changedFiles(since: before).isEmpty)
  }

  @Test func aDischargeSIPExpectsTheRegion() throws {
    let store = TestStore()
    var result = store.sip(
      "create", "--person", TestPerson.adult, "--trigger", "discharge", "--initiator",
      "SF-HISINGEN",
      "--ready-for-discharge", "2026-11-24")
    #expect(result.code == 0, "\(result)")
    #expect(result.stdout == "SIP-1\n")
    #expect(result.stderr.contains("Warning: on discharge from inpatient care (lag 2017:612)"))
    #expect(result.stderr.contains("the initiator given is SF-HISINGEN"))
    result = store.sip(
      "create", "--person", TestPerson.adult, "--trigger", "discharge", "--initiator", "REGION",
      "--ready-for-discharge", "2026-11-24")
    #expect(result.code == 0)
    #expect(!result.stderr.contains("Warning"))
    #expect(result.stderr.contains("already has an open SIP (SIP-1)"))
    #expect(try store.readSIP("SIP-2").readyForDischarge == day("2026-11-24"))

    expectRefused(
      store,
      [
        "sip", "create", "--person", TestPerson.adult, "--trigger", "discharge", "--initiator",
        "REGION",
      ],
      code: 64, mentioning: ["--ready-for-discharge"])
    expectRefused(
      store,
      [
        "sip", "create", "--person", TestPerson.adult, "--trigger", "need", "--initiator", "REGION",
        "--ready-for-discharge", "2026-11-24",
      ],
      code: 64, mentioning: ["only for --trigger discharge"])
  }

  @Test func anInternalSIPHasTheUnitsOfOneAdministration() throws {
    let store = TestStore()
    try store.grantConsent(parties: ["SF-NORDOST", "FFS", "AVO", "REGION"])
    var result = store.sip(
      "create", "--person", TestPerson.adult, "--trigger", "need", "--initiator",
      "SF-NORDOST/VUXEN",
      "--internal")
    #expect(result.code == 0)
    // The region, and another administration of the same municipality, are both outside.
    for other in ["REGION", "AVO", "FFS"] {
      expectRefused(
        store,
        [
          "sip", "invite", "SIP-1", "--purpose", "Samordna stödet", "--question", "Vem gör vad?",
          "--party", other,
        ],
        mentioning: [
          "SIP-1 is an internal SIP (I-SIP) of SF-NORDOST", "\(other) is another administration",
        ])
    }
    result = store.sip(
      "invite", "SIP-1", "--purpose", "Samordna stödet", "--question", "Vem gör vad?", "--party",
      "SF-NORDOST/BOU")
    #expect(result.code == 0, "\(result)")
    #expect(try store.readSIP("SIP-1").participants.first?.invitation == .summons)

    // It is established without the region.
    for step: [String] in [
      ["meeting", "SIP-1", "--at", "2026-11-25T09:00", "--place", "Socialkontoret"],
      ["need", "SIP-1", "Stöd i föräldrarollen"],
      ["goal", "SIP-1", "Trygg vardag", "--term", "short"],
      [
        "intervention", "SIP-1", "Familjebehandling", "--responsible", "SF-NORDOST/VUXEN", "--by",
        "2027-02-01",
      ],
      ["responsible", "SIP-1", "--principal", "SF-NORDOST/VUXEN"],
      ["establish", "SIP-1", "--follow-up", "2027-01-15", "--follow-up-place", "Socialkontoret"],
    ] {
      let stepResult = store.sip(step)
      #expect(stepResult.code == 0, "\(step): \(stepResult)")
    }
    #expect(try store.readSIP("SIP-1").state == .established)
  }

  @Test func aSIPCanBeRefusedWithItsReason() throws {
    let store = TestStore()
    let id = try startedSIP(store)
    expectRefused(store, ["sip", "decline", id], code: 64, mentioning: ["--reason <text>"])
    expectRefused(
      store, ["sip", "decline", id, "--reason", "  "], code: 64,
      mentioning: ["the reason for refusing a SIP must be documented"])
    let result = store.sip("decline", id, "--reason", "Behoven rör bara socialtjänsten")
    #expect(result.code == 0, "\(result)")
    #expect(result.stderr.contains("only in exceptional cases"))
    let sip = try store.readSIP(id)
    #expect(sip.state == .declined)
    #expect(
      sip.refusal
        == SIPRefusal(
          date: testDay, reason: "Behoven rör bara socialtjänsten", recordedBy: "tester"))
    expectRefused(
      store,
      [
        "sip", "invite", id, "--purpose", "Samordna stödet", "--question", "Vem gör vad?",
        "--party", "REGION",
      ],
      mentioning: ["\(id) was declined on 2026-11-25 (Behoven rör bara socialtjänsten)"])
  }

  @Test func listFiltersByPersonStateOrganizationAndResponsible() throws {
    let store = TestStore()
    _ = try establishedSIP(store)
    #expect(
      store.sip(
        "create", "--person", TestPerson.adult2, "--trigger", "request", "--initiator", "REGION"
      ).code == 0)
    func ids(_ filter: String...) -> [String] {
      store.sip(["list", "--quiet"] + filter).lines
    }
    #expect(ids() == ["SIP-1", "SIP-2"])
    #expect(ids("--person", TestPerson.adult2) == ["SIP-2"])
    #expect(ids("--state", "established") == ["SIP-1"])
    #expect(ids("--state", "identified") == ["SIP-2"])
    #expect(ids("--organization", "FK") == ["SIP-1"])
    #expect(ids("--organization", "REGION") == ["SIP-1", "SIP-2"])
    #expect(ids("--responsible", "SF-NORDOST") == ["SIP-1"])
    #expect(ids("--responsible", "REGION").isEmpty)
    // CSV has every field, as JSON does; --fields chooses.
    let full = store.sip("list", "--format", "csv")
    #expect(full.stdout.hasPrefix("id,ref,person,personName,trigger,"), "\(full)")
    let table = store.sip(
      "list", "--format", "csv", "--fields",
      "id,person,personName,trigger,state,initiator,overallResponsible,followUpDate")
    #expect(table.code == 0, "\(table)")
    // CSV lines end in CRLF, as RFC 4180 has them.
    let rows = table.stdout.components(separatedBy: "\r\n")
    #expect(
      rows.first == "id,person,personName,trigger,state,initiator,overallResponsible,followUpDate")
    #expect(
      rows.dropFirst().first
        == "SIP-1,19900101-2385,Anna Andersson,need,established,SF-NORDOST,SF-NORDOST,2027-02-20")
    let invalid = store.sip("list", "--state", "open")
    #expect(invalid.code == 64)
    #expect(
      invalid.stderr.contains(
        "'identified', 'preparing', 'invited', 'meeting', 'established', 'revising', 'closing', 'closed' or 'declined'"
      ))
  }

  @Test func protectedPersonsAreMasked() throws {
    let store = TestStore()
    #expect(
      store.sip(
        "create", "--person", TestPerson.adult, "--name", "Anna Andersson", "--trigger", "need",
        "--initiator", "SF-NORDOST", "--protected"
      ).code == 0)
    let listed = store.sip("list")
    #expect(!listed.stdout.contains(TestPerson.adult))
    #expect(!listed.stdout.contains("Anna"))
    let document = store.sip("show", "SIP-1", "--format", "md")
    #expect(
      document.stdout.contains("| Den enskilde | (skyddade personuppgifter), ********-**** |"))
    #expect(
      store.sip("show", "SIP-1", "--format", "md", "--reveal").stdout.contains(
        "Anna Andersson, 19900101-2385"))
  }
}

/// Seed 004: an intervention is given to a party that takes part in the plan.
@Suite struct SIPInterventionPartyTests {
  @Test func aPartyThatDeclinedIsNotResponsibleForAnIntervention() throws {
    let store = TestStore()
    let (id, _) = try readySIP(store)
    // FK was invited and has not answered: it may still take an intervention.
    let pending = store.sip(
      [
        "intervention", id, "Samordning av ersättning", "--responsible", "FK", "--by", "2027-01-15",
      ],
      today: "2026-11-21")
    #expect(pending.code == 0, "\(pending)")
    // Once FK declines, the plan cannot rely on it: declining with the intervention in place
    // is refused, and so is a new intervention for it.
    expectRefused(
      store, ["sip", "respond", id, "--party", "FK", "--declined", "--on", "2026-11-21"],
      mentioning: [
        "FK declined to take part on 2026-11-21, so it cannot be responsible for 'Samordning av ersättning'"
      ])
    let other = TestStore()
    let (second, _) = try readySIP(other)
    #expect(
      other.sip(["respond", second, "--party", "FK", "--declined", "--on", "2026-11-21"]).code == 0)
    expectRefused(
      other,
      [
        "sip", "intervention", second, "Arbetsträning", "--responsible", "FK", "--by",
        "2027-01-15",
      ],
      mentioning: ["FK declined to take part on 2026-11-21", "give the intervention to a party"])
    // Not invited at all: still refused as before.
    expectRefused(
      other,
      ["sip", "intervention", second, "Praktik", "--responsible", "AF", "--by", "2027-01-15"],
      mentioning: ["AF takes no part in SIP-1"])
  }
}

/// Seed 004: the plan's participants are those who attended the meeting.
@Suite struct SIPAttendanceTests {
  @Test func thePlanNamesThoseWhoAttended() throws {
    let store = TestStore()
    let (id, _) = try readySIP(store)
    // Recorded before the plan is established at the meeting's end. AF takes no part; FK has not answered but may come; the meeting was on 2026-11-20.
    expectRefused(
      store, ["sip", "attendance", id, "--attended", "AF=Per Persson"],
      mentioning: ["Per Persson attended for AF, which takes no part in the SIP"])
    expectRefused(
      store, ["sip", "attendance", id, "--attended", "REGION"], code: 64,
      mentioning: ["write the party and the name as ORG=name"])
    let recorded = store.sip([
      "attendance", id, "--attended", "SF-NORDOST=Eva Ek", "--attended", "REGION=Lars Lind",
    ])
    #expect(recorded.code == 0, "\(recorded)")
    let established = store.sip(
      ["establish", id, "--follow-up", "2027-02-20", "--follow-up-place", "Socialkontoret"],
      today: "2026-11-20")
    #expect(established.code == 0, "\(established)")
    let document = store.sip("show", id, "--format", "md").stdout
    assertGolden(document, named: "sip-plan-attended.md")
    #expect(document.contains("- Lars Lind, "))
    #expect(!document.contains("inget svar ännu"), "FK was invited but did not come")
  }

  @Test func attendanceIsRecordedOnceTheMeetingHasBeenHeld() throws {
    let store = TestStore()
    try store.grantConsent()
    let id = try startedSIP(store)
    #expect(
      store.sip(["meeting", id, "--at", "2026-12-03T13:00", "--place", "Vårdcentralen"]).code == 0)
    expectRefused(
      store, ["sip", "attendance", id, "--attended", "SF-NORDOST=Eva Ek"],
      mentioning: [
        "The meeting of \(id) is on 2026-12-03T13:00: record who attended once it has been held"
      ])
    let held = store.sip(
      ["attendance", id, "--attended", "SF-NORDOST=Eva Ek", "--now", "2026-12-03T15:00"])
    #expect(held.code == 0, "\(held)")
  }
}

/// `escalate open --from SIP-n`: a disagreement in a SIP escalates with its person and parties.
@Suite struct SIPEscalationTests {
  @Test func aMatterOpensFromTheSIP() throws {
    let store = TestStore()
    let (id, _) = try readySIP(store)
    let opened = store.run([
      "escalate", "open", "--from", id, "--responsible", "SF-NORDOST", "--question",
      "Vem ansvarar för läkemedelsgenomgången?",
    ])
    #expect(opened.code == 0, "\(opened)")
    let matter = store.run(["escalate", "show", "ESC-1", "--json"]).stdout
    #expect(matter.contains("\"source\": \"\(id)\""))
    #expect(matter.contains("\"SF-NORDOST\",\n    \"REGION\",\n    \"FK\""), "\(matter)")
    #expect(matter.contains("\"personName\": \"Anna Andersson\""))
  }
}

/// Seed 004: a significant change in the person's life calls the parties to a meeting.
@Suite struct SIPSignificantChangeTests {
  @Test func aChangeMovesTheFollowUpAndSipDueListsIt() throws {
    let store = TestStore()
    let (id, _) = try establishedSIP(store)
    // Before: the follow-up is on 2027-02-20, far from due.
    #expect(store.sip(["due", "-q"], today: "2026-12-01").stdout.isEmpty)
    expectRefused(
      store, ["sip", "significant-change", id, "--note", "  "], code: 64,
      mentioning: ["say what changed in the person's life"])
    let changed = store.sip(
      ["significant-change", id, "--note", "Har förlorat sin bostad", "--on", "2026-11-25"])
    #expect(changed.code == 0, "\(changed)")
    let record = store.run(["sip", "show", id, "--json"]).stdout
    #expect(record.contains("\"followUpDate\": \"2026-12-09\""), "\(record)")
    #expect(record.contains("\"note\": \"Har förlorat sin bostad\""))
    #expect(store.sip(["due", "-q"], today: "2026-12-09").stdout.contains(id))
    // A plan not yet established takes the change into the plan instead.
    let other = TestStore()
    let (draft, _) = try readySIP(other)
    expectRefused(
      other, ["sip", "significant-change", draft, "--note", "Flyttar"],
      mentioning: ["has no established plan yet"])
  }
}
