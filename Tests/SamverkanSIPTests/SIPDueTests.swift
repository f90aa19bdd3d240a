import Foundation
import SamverkanDomain
import SamverkanSIP
import SamverkanTestSupport
import Testing

/// `sip due` with the clock pinned on both sides of each limit.
@Suite struct SIPDueTests {
  /// One row of `sip due`: when, its status, which SIP and what.
  struct Row: Equatable, CustomStringConvertible {
    var due: String
    var status: String
    var id: String
    var what: String

    init(_ due: String, _ status: String, _ id: String, _ what: String) {
      self.due = due
      self.status = status
      self.id = id
      self.what = what
    }

    var description: String { "\(due) \(status) \(id) \(what)" }
  }

  /// `sip due` on a day: its rows (the detail column aside).
  func due(_ store: TestStore, on today: String, within: String? = nil, _ extra: String...) -> [Row]
  {
    let result = store.sip(
      ["due"] + (within.map { ["--within", $0] } ?? []) + extra, today: today)
    #expect(result.code == 0, "\(result)")
    return result.lines.map { line in
      let cells = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
      return Row(cells[0], cells[1], cells[2], cells[5])
    }
  }

  // MARK: - Start limit: 5 days to the meeting step

  @Test func aSIPNotAtTheMeetingStepIsLateAfterFiveDays() throws {
    let store = TestStore()
    let id = try startedSIP(store, created: "2026-11-16")
    #expect(due(store, on: "2026-11-20").isEmpty)
    #expect(due(store, on: "2026-11-21") == [Row("2026-11-21", "due", id, "start")])
    #expect(due(store, on: "2026-11-22") == [Row("2026-11-21", "overdue", id, "start")])
    // Within a window it shows before it is due.
    #expect(due(store, on: "2026-11-19", within: "1d").isEmpty)
    #expect(
      due(store, on: "2026-11-19", within: "2d") == [Row("2026-11-21", "upcoming", id, "start")])

    // Booking the meeting reaches the meeting step.
    #expect(
      store.sip(
        "meeting", id, "--at", "2026-12-01T10:00", "--place", "Angered", today: "2026-11-22"
      ).code == 0)
    #expect(due(store, on: "2026-11-22").isEmpty)
  }

  @Test func theStartLimitComesFromTheProfile() throws {
    let store = TestStore()
    let id = try startedSIP(store, created: "2026-11-16")
    try Data(#"{"sip": {"startLimitDays": 2}}"#.utf8).write(
      to: URL(fileURLWithPath: store.path + "/profile.json"))
    #expect(due(store, on: "2026-11-17").isEmpty)
    #expect(due(store, on: "2026-11-18") == [Row("2026-11-18", "due", id, "start")])
  }

  // MARK: - Discharge: 3 days from the ready-for-discharge notice to a summons

  @Test func aDischargeSIPIsSummonedWithinThreeDays() throws {
    let store = TestStore()
    try store.grantConsent()
    let created = store.sip(
      "create", "--person", TestPerson.adult, "--trigger", "discharge", "--initiator", "REGION",
      "--ready-for-discharge", "2026-11-20", today: "2026-11-20")
    #expect(created.code == 0)
    #expect(due(store, on: "2026-11-22").isEmpty)
    #expect(due(store, on: "2026-11-23") == [Row("2026-11-23", "due", "SIP-1", "discharge")])
    #expect(due(store, on: "2026-11-24") == [Row("2026-11-23", "overdue", "SIP-1", "discharge")])
    // On the start limit's day both are due; the discharge came first.
    #expect(
      due(store, on: "2026-11-25") == [
        Row("2026-11-23", "overdue", "SIP-1", "discharge"),
        Row("2026-11-25", "due", "SIP-1", "start"),
      ])

    // Summoning social services ends the discharge reminder (and starts waiting for an answer).
    #expect(
      store.sip(
        "invite", "SIP-1", "--purpose", "Samordna stödet", "--question", "Vem gör vad?", "--party",
        "SF-NORDOST", today: "2026-11-24"
      ).code == 0)
    #expect(due(store, on: "2026-11-24").isEmpty)
  }

  // MARK: - Answers: 5 days from the invitation, never after the meeting

  @Test func anInvitationWithoutAnAnswerIsDueAfterFiveDays() throws {
    let store = TestStore()
    try store.grantConsent()
    let id = try startedSIP(store, created: "2026-11-16")
    #expect(
      store.sip(
        "meeting", id, "--at", "2026-12-10T10:00", "--place", "Angered", today: "2026-11-16"
      ).code == 0)
    #expect(
      store.sip(
        "invite", id, "--purpose", "Samordna stödet", "--question", "Vem gör vad?", "--party",
        "REGION,FK", today: "2026-11-17"
      ).code == 0)
    #expect(due(store, on: "2026-11-21").isEmpty)
    #expect(
      due(store, on: "2026-11-22") == [
        Row("2026-11-22", "due", id, "response"), Row("2026-11-22", "due", id, "response"),
      ])
    let detail = store.sip("due", today: "2026-11-22").stdout
    #expect(detail.contains("REGION has not answered the summons of 2026-11-17"))
    #expect(detail.contains("FK has not answered the invitation of 2026-11-17"))

    #expect(store.sip("respond", id, "--party", "FK", "--declined", today: "2026-11-22").code == 0)
    #expect(due(store, on: "2026-11-23") == [Row("2026-11-22", "overdue", id, "response")])
    #expect(
      store.sip(
        "respond", id, "--party", "REGION", "--substitute", "Sara Berg", today: "2026-11-23"
      ).code == 0)
    #expect(due(store, on: "2026-11-23").isEmpty)
  }

  @Test func anAnswerIsDueByTheMeetingAtTheLatest() throws {
    let store = TestStore()
    try store.grantConsent()
    let id = try startedSIP(store, created: "2026-11-16")
    #expect(
      store.sip(
        "invite", id, "--purpose", "Samordna stödet", "--question", "Vem gör vad?", "--party",
        "REGION", today: "2026-11-17"
      ).code == 0)
    #expect(
      store.sip(
        "meeting", id, "--at", "2026-11-19T10:00", "--place", "Angered", today: "2026-11-17"
      ).code == 0)
    #expect(due(store, on: "2026-11-18").isEmpty)
    #expect(due(store, on: "2026-11-19") == [Row("2026-11-19", "due", id, "response")])
  }

  @Test func aRevisionWaitsOnlyForPartiesInvitedForIt() throws {
    let store = TestStore()
    let (id, _) = try establishedSIP(store)  // FK never answered the first invitation
    try store.grantConsent(parties: ["SF-NORDOST", "REGION", "FK", "AF"])
    #expect(store.sip("follow-up", id, "--outcome", "revise", today: "2027-02-20").code == 0)
    #expect(due(store, on: "2027-02-25").isEmpty)
    #expect(
      store.sip(
        "invite", id, "--purpose", "Samordna stödet", "--question", "Vem gör vad?", "--party", "AF",
        today: "2027-02-20"
      ).code == 0)
    #expect(due(store, on: "2027-02-24").isEmpty)
    #expect(due(store, on: "2027-02-25") == [Row("2027-02-25", "due", id, "response")])
  }

  // MARK: - Follow-up on its date

  @Test func aFollowUpIsDueOnItsDate() throws {
    let store = TestStore()
    let (id, _) = try establishedSIP(store)
    #expect(due(store, on: "2027-02-19").isEmpty)
    #expect(due(store, on: "2027-02-20") == [Row("2027-02-20", "due", id, "follow-up")])
    #expect(due(store, on: "2027-02-21") == [Row("2027-02-20", "overdue", id, "follow-up")])
    #expect(due(store, on: "2027-02-05", within: "14d").isEmpty)
    #expect(
      due(store, on: "2027-02-06", within: "14d") == [
        Row("2027-02-20", "upcoming", id, "follow-up")
      ])
    #expect(
      due(store, on: "2027-02-06", within: "2w") == [Row("2027-02-20", "upcoming", id, "follow-up")]
    )
    #expect(
      store.sip("due", today: "2027-02-20").stdout.contains(
        "follow-up of version 1 (called by SF-NORDOST) at Socialkontoret"))

    // Following up moves the date on.
    #expect(
      store.sip(
        "follow-up", id, "--outcome", "continue", "--next", "2027-05-20", today: "2027-02-21"
      ).code == 0)
    #expect(due(store, on: "2027-02-21").isEmpty)
    #expect(due(store, on: "2027-05-20") == [Row("2027-05-20", "due", id, "follow-up")])
  }

  // MARK: - Consent: revoked, expired or overdue for review

  @Test func aSIPWhoseConsentIsRevokedIsListedFromTheRevocation() throws {
    let store = TestStore()
    let (id, consent) = try establishedSIP(store)
    try store.revokeConsent(consent, on: "2026-12-01")
    #expect(due(store, on: "2026-11-30").isEmpty)
    #expect(due(store, on: "2026-12-01") == [Row("2026-12-01", "due", id, "consent")])
    #expect(due(store, on: "2026-12-02") == [Row("2026-12-01", "overdue", id, "consent")])

    // New consent covering every party replaces it; closing ends it too.
    try store.grantConsent(from: "2026-12-02")
    #expect(due(store, on: "2026-12-02").isEmpty)
  }

  @Test func aSIPWhoseConsentExpiresIsListedTheDayAfter() throws {
    let store = TestStore()
    let (id, _) = try establishedSIP(store)
    #expect(due(store, on: "2027-12-31").filter { $0.what == "consent" }.isEmpty)
    #expect(
      due(store, on: "2028-01-01").filter { $0.what == "consent" } == [
        Row("2028-01-01", "due", id, "consent")
      ])
    #expect(
      due(store, on: "2027-12-31", within: "1d").filter { $0.what == "consent" } == [
        Row("2028-01-01", "upcoming", id, "consent")
      ])
    #expect(
      store.sip("due", today: "2028-01-01").stdout.contains("CON-1 is valid until 2027-12-31"))
  }

  @Test func impliedConsentOverdueForReviewIsListed() throws {
    let store = TestStore()
    try store.grantConsent(type: .implied, reviewDate: "2026-12-31")
    let id = try startedSIP(store)
    #expect(
      store.sip(
        "invite", id, "--purpose", "Samordna stödet", "--question", "Vem gör vad?", "--party",
        "REGION"
      ).code == 0)
    #expect(due(store, on: "2026-12-31").filter { $0.what == "consent" }.isEmpty)
    #expect(
      due(store, on: "2027-01-01").filter { $0.what == "consent" } == [
        Row("2027-01-01", "due", id, "consent")
      ])
  }

  // MARK: - Order and scope

  @Test func mostUrgentFirstAcrossSIPs() throws {
    let store = TestStore()
    let (established, consent) = try establishedSIP(store)  // SIP-1, follow-up 2027-02-20
    let late = try startedSIP(store, created: "2027-02-01")  // SIP-2, start due 2027-02-06
    try store.revokeConsent(consent, on: "2027-02-10")
    #expect(
      due(store, on: "2027-02-25") == [
        Row("2027-02-06", "overdue", late, "start"),
        Row("2027-02-10", "overdue", established, "consent"),
        Row("2027-02-20", "overdue", established, "follow-up"),
      ])
    #expect(
      due(store, on: "2027-02-25", within: nil, "--responsible", "SF-NORDOST").map(\.id) == [
        established, established,
      ])
    #expect(
      due(store, on: "2027-02-25", within: nil, "--organization", "FK").map(\.id) == [
        established, established,
      ])
    // Closed SIPs have nothing due.
    #expect(
      store.sip(
        "close", late, "--reason", "no-longer-needed", "--by", "SF-NORDOST", today: "2027-02-25"
      ).code == 0)
    #expect(due(store, on: "2027-02-25").map(\.id) == [established, established])
  }

  @Test func aSIPThatIsClosingListsThePrincipalsYetToDocumentIt() throws {
    let store = TestStore()
    let (id, _) = try establishedSIP(store)  // follow-up 2027-02-20
    #expect(
      store.sip("close", id, "--reason", "goals-met", "--by", "SF-NORDOST", today: "2027-02-10")
        .code == 0)
    // Only the closing is due now: not the follow-up of a plan that is ending.
    #expect(due(store, on: "2027-02-25") == [Row("2027-02-10", "overdue", id, "closing")])
    #expect(due(store, on: "2027-02-10") == [Row("2027-02-10", "due", id, "closing")])
    let listed = store.sip("due", today: "2027-02-25").stdout
    #expect(
      listed.contains(
        "REGION has not documented its closing; SF-NORDOST on 2027-02-10 (goals-met) did: 'samverkan sip close \(id) --by REGION --reason …'"
      ))
    let agenda = store.run(["agenda", "--today", "2027-02-25", "--format", "tsv"]).stdout
    #expect(agenda.contains("sip.closing"))
    #expect(agenda.contains("REGION has not documented its closing"))
    // When the region has documented its closing, nothing is due.
    #expect(
      store.sip("close", id, "--reason", "goals-met", "--by", "REGION", today: "2027-02-25")
        .code == 0)
    #expect(due(store, on: "2027-02-25").isEmpty)
  }

  @Test func dueWritesJSONForScripts() throws {
    let store = TestStore()
    let id = try startedSIP(store, created: "2026-11-16")
    let result = store.sip("due", "--format", "ndjson")
    let data = try #require(result.lines.first?.data(using: .utf8))
    let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: String])
    #expect(object["id"] == id)
    #expect(object["due"] == "2026-11-21")
    #expect(object["status"] == "overdue")
    #expect(object["what"] == "start")
    #expect(object["state"] == "identified")
    #expect(object["person"] == TestPerson.adult)
  }

  // MARK: - The rule alone

  @Test func theRuleWithoutAStore() throws {
    var sip = SIP(
      id: RecordID(kind: .sip, number: 7), person: adult, trigger: .need,
      initiator: OrganizationID(unchecked: "SF-NORDOST"), createdOn: day("2026-11-01"))
    let profile = Profile.goteborg
    func kinds(on today: String) -> [SIPDueKind] {
      SIPDue.items(for: sip, consents: [], today: day(today), until: day(today), profile: profile)
        .map(\.kind)
    }
    #expect(kinds(on: "2026-11-05") == [])
    #expect(kinds(on: "2026-11-06") == [.start])
    sip.refusal = SIPRefusal(date: day("2026-11-02"), reason: "x", recordedBy: "t")
    #expect(kinds(on: "2026-11-06") == [])
  }
}
