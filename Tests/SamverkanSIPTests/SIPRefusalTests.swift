import Foundation
import SamverkanDomain
import SamverkanSIP
import SamverkanTestSupport
import Testing

/// Every refusal: its exit code, a message naming the reason, and nothing changed.
@Suite struct SIPRefusalTests {
  // MARK: - Consent

  @Test func noInvitationWithoutConsent() throws {
    let store = TestStore()
    let id = try startedSIP(store)
    let result = expectRefused(
      store,
      [
        "sip", "invite", id, "--purpose", "Samordna stödet", "--question", "Vem gör vad?",
        "--party", "REGION",
      ],
      mentioning: [
        "'sip invite' on \(id) is refused: no consent covers sharing information about the person between SF-NORDOST, REGION for 'sip' on 2026-11-25",
        "the person has no recorded consent",
        "samverkan consent grant --person … --parties SF-NORDOST,REGION --purpose sip",
        "no secrecy-breaking ground can stand in for it",
      ])
    #expect(result.stderr.hasPrefix("Error: "))
  }

  @Test func theConsentMustCoverEveryInvitedParty() throws {
    let store = TestStore()
    try store.grantConsent(parties: ["SF-NORDOST", "REGION"])
    let id = try startedSIP(store)
    expectRefused(
      store,
      [
        "sip", "invite", id, "--purpose", "Samordna stödet", "--question", "Vem gör vad?",
        "--party", "REGION,FK",
      ],
      mentioning: ["between SF-NORDOST, REGION, FK", "CON-1 does not cover FK"])
    // Inviting the region alone is covered; FK later is not.
    #expect(
      store.sip(
        "invite", id, "--purpose", "Samordna stödet", "--question", "Vem gör vad?", "--party",
        "REGION"
      ).code == 0)
    expectRefused(
      store,
      [
        "sip", "invite", id, "--purpose", "Samordna stödet", "--question", "Vem gör vad?",
        "--party", "FK",
      ], mentioning: ["CON-1 does not cover FK"])
  }

  @Test func consentForAnotherPurposeDoesNotCover() throws {
    let store = TestStore()
    try store.grantConsent(purposes: [.sp])
    let id = try startedSIP(store)
    expectRefused(
      store,
      [
        "sip", "invite", id, "--purpose", "Samordna stödet", "--question", "Vem gör vad?",
        "--party", "REGION",
      ],
      mentioning: ["CON-1 does not cover the purpose 'sip'"])
  }

  @Test func anExpiredConsentStopsTheMeeting() throws {
    let store = TestStore()
    try store.grantConsent(until: "2026-11-24")
    let id = try startedSIP(store)
    #expect(
      store.sip(
        "invite", id, "--purpose", "Samordna stödet", "--question", "Vem gör vad?", "--party",
        "REGION", "--on", "2026-11-20"
      ).code == 0)
    expectRefused(
      store, ["sip", "meeting", id, "--at", "2026-12-01T10:00", "--place", "Angered"],
      mentioning: ["'sip meeting' on \(id) is refused", "CON-1 expired after 2026-11-24"])
  }

  @Test func anUnknownGroundIsAUsageError() throws {
    let store = TestStore()
    let id = try startedSIP(store)
    expectRefused(
      store,
      [
        "sip", "invite", id, "--purpose", "Samordna stödet", "--question", "Vem gör vad?",
        "--party", "REGION", "--legal-ground", "because",
      ], code: 64,
      mentioning: ["'because'", "emergency"])
  }

  // MARK: - Establishing

  @Test func establishListsEverythingMissing() throws {
    let store = TestStore()
    let id = try startedSIP(store)
    let result = expectRefused(
      store, ["sip", "establish", id],
      mentioning: ["Error: \(id) cannot be established; missing:"])
    let missing = result.stderr.split(separator: "\n").dropFirst().map(String.init)
    #expect(
      missing == [
        "  - the SIP meeting, where the plan is made: samverkan sip meeting \(id) --at YYYY-MM-DDTHH:MM --place …",
        "  - the region's health care among the parties, since a SIP coordinates both principals: samverkan sip invite \(id) --party REGION (for units of one principal only, create an internal SIP with --internal)",
        "  - the individual's needs: samverkan sip need \(id) \"…\"",
        "  - at least one goal: samverkan sip goal \(id) \"…\" --term short|long",
        "  - at least one intervention with a responsible party: samverkan sip intervention \(id) \"…\" --responsible ORG --by DATE",
        "  - the principal with overall responsibility for the plan: samverkan sip responsible \(id) --principal ORG",
        "  - a follow-up date after the meeting: give --follow-up DATE",
        "  - the follow-up place: give --follow-up-place TEXT",
      ])
  }

  @Test func establishListsOnlyWhatIsMissing() throws {
    let store = TestStore()
    let (id, _) = try readySIP(store)
    let result = expectRefused(
      store, ["sip", "establish", id, "--follow-up", "2026-11-20", "--today", "2026-11-20"],
      mentioning: ["\(id) cannot be established; missing:"])
    #expect(
      result.stderr.split(separator: "\n").dropFirst().map(String.init) == [
        "  - a follow-up date after the meeting on 2026-11-20 (given: 2026-11-20): give --follow-up DATE",
        "  - the follow-up place: give --follow-up-place TEXT",
      ])
  }

  @Test func aPlanIsEstablishedAtTheMeetingNotBefore() throws {
    let store = TestStore()
    let (id, _) = try readySIP(store)
    expectRefused(
      store,
      [
        "sip", "establish", id, "--on", "2026-11-19", "--follow-up", "2027-02-01",
        "--follow-up-place", "Socialkontoret", "--today", "2026-11-20",
      ],
      mentioning: ["the meeting to have been held: it is on 2026-11-20"])
  }

  @Test func establishIsASharingStep() throws {
    let store = TestStore()
    let (id, consent) = try readySIP(store)
    try store.revokeConsent(consent, on: "2026-11-20")
    expectRefused(
      store,
      [
        "sip", "establish", id, "--follow-up", "2027-02-01", "--follow-up-place", "Socialkontoret",
        "--today", "2026-11-20",
      ],
      mentioning: ["'sip establish' on \(id) is refused", "CON-1 was revoked on 2026-11-20"])
  }

  @Test func anEstablishedPlanIsNotEstablishedTwice() throws {
    let store = TestStore()
    let (id, _) = try establishedSIP(store)
    expectRefused(
      store, ["sip", "establish", id, "--follow-up", "2027-03-01"],
      mentioning: ["\(id)'s plan is already established (on 2026-11-20, version 1)"])
  }

  // MARK: - Answers

  @Test func aPrincipalCannotDecline() throws {
    let store = TestStore()
    let (id, _) = try readySIP(store)
    expectRefused(
      store, ["sip", "respond", id, "--party", "REGION", "--declined", "--today", "2026-11-20"],
      mentioning: [
        "REGION is a principal (huvudman) and cannot decline a SIP",
        "samverkan sip respond \(id) --party REGION --substitute NAME",
      ])
    // A substitute is how a principal answers when the one summoned cannot come.
    let result = store.sip(
      "respond", id, "--party", "REGION", "--substitute", "Sara Berg", "--reason",
      "Lars Lind är sjuk",
      today: "2026-11-20")
    #expect(result.code == 0, "\(result)")
    #expect(try store.readSIP(id).participants[0].response?.answer == .substitute)
  }

  @Test func anAnswerComesFromAnInvitedParty() throws {
    let store = TestStore()
    let (id, _) = try readySIP(store)
    expectRefused(
      store,
      ["sip", "respond", id, "--party", "AF", "--attending", "Per", "--today", "2026-11-20"],
      mentioning: ["AF is not summoned or invited to \(id) (invited: REGION, FK)"])
    expectRefused(
      store, ["sip", "respond", id, "--party", "FK", "--attending", "Per", "--declined"], code: 64,
      mentioning: ["Give exactly one answer"])
  }

  @Test func aPartyIsInvitedOnce() throws {
    let store = TestStore()
    let (id, _) = try readySIP(store)
    expectRefused(
      store,
      [
        "sip", "invite", id, "--purpose", "Samordna stödet", "--question", "Vem gör vad?",
        "--party", "FK", "--today", "2026-11-20",
      ],
      mentioning: ["FK was already invited to \(id) on 2026-11-17"])
    expectRefused(
      store,
      [
        "sip", "invite", id, "--purpose", "Samordna stödet", "--question", "Vem gör vad?",
        "--party", "SF-NORDOST", "--today", "2026-11-20",
      ],
      mentioning: ["SF-NORDOST took the initiative for \(id)"])
    expectRefused(
      store,
      [
        "sip", "invite", id, "--purpose", "Samordna stödet", "--question", "Vem gör vad?",
        "--party", "NOWHERE",
      ], code: 64,
      mentioning: ["The value 'NOWHERE' is invalid for '--party <org>'"])
  }

  // MARK: - Follow-up

  @Test(arguments: ["2026-11-19", "2026-11-20"])
  func aFollowUpComesAfterTheMeeting(date: String) throws {
    let store = TestStore()
    let (id, _) = try establishedSIP(store)
    expectRefused(
      store,
      [
        "sip", "follow-up", id, "--outcome", "continue", "--next", "2027-01-01", "--on", date,
        "--today", "2026-11-30",
      ],
      mentioning: [
        "A follow-up comes after the meeting: \(id)'s plan was made at the meeting on 2026-11-20, and the follow-up date given is \(date)"
      ])
    // The day after the meeting is fine.
    let result = store.sip(
      "follow-up", id, "--outcome", "continue", "--next", "2027-01-01", "--on", "2026-11-21",
      today: "2026-11-30")
    #expect(result.code == 0, "\(result)")
  }

  @Test func onlyAnEstablishedPlanIsFollowedUp() throws {
    let store = TestStore()
    let (id, _) = try readySIP(store)
    expectRefused(
      store, ["sip", "follow-up", id, "--outcome", "continue", "--next", "2027-01-01"],
      mentioning: ["\(id) has no established plan to follow up (it is at the step 'meeting')"])
  }

  @Test func followUpOptionsFitTheOutcome() throws {
    let store = TestStore()
    let (id, _) = try establishedSIP(store)
    expectRefused(
      store, ["sip", "follow-up", id, "--outcome", "continue"], code: 64,
      mentioning: ["Missing expected argument '--next <date>'"])
    expectRefused(
      store, ["sip", "follow-up", id, "--outcome", "close", "--reason", "goals-met"], code: 64,
      mentioning: ["Missing expected argument '--by <org>'"])
    expectRefused(
      store, ["sip", "follow-up", id, "--outcome", "revise", "--reason", "goals-met"], code: 64,
      mentioning: ["--reason and --by go with --outcome close"])
    expectRefused(
      store,
      [
        "sip", "follow-up", id, "--outcome", "continue", "--next", "2027-02-20", "--today",
        "2027-02-20",
      ],
      mentioning: ["The next follow-up (2027-02-20) must be after this one (2027-02-20)"])
    expectRefused(
      store,
      [
        "sip", "follow-up", id, "--outcome", "continue", "--next", "2027-05-01", "--on",
        "2027-02-20",
      ],
      code: 64,
      mentioning: [
        "2027-02-20 is in the future (today is 2026-11-25); record the step once it has happened"
      ])
  }

  // MARK: - The established plan is locked

  static let changes: [[String]] = [
    ["need", "SIP-1", "Ny insikt"],
    ["need", "SIP-1", "--remove", "1"],
    ["goal", "SIP-1", "Nytt mål", "--term", "short"],
    ["intervention", "SIP-1", "Ny insats", "--responsible", "REGION", "--by", "2027-01-01"],
    ["responsible", "SIP-1", "--principal", "REGION"],
    ["meeting", "SIP-1", "--at", "2026-12-01T10:00", "--place", "Annan plats"],
    [
      "invite", "SIP-1", "--purpose", "Samordna stödet", "--question", "Vem gör vad?", "--party",
      "AF",
    ],
    ["respond", "SIP-1", "--party", "FK", "--attending", "Per Persson"],
  ]

  @Test(arguments: changes)
  func anEstablishedPlanChangesOnlyThroughAFollowUp(change: [String]) throws {
    let store = TestStore()
    let (id, _) = try establishedSIP(store)
    #expect(id == "SIP-1")
    expectRefused(
      store, ["sip"] + change,
      mentioning: [
        "Error: SIP-1 cannot be changed: its plan was established on 2026-11-20 (version 1)",
        "changes only through a follow-up that revises it: 'samverkan sip follow-up SIP-1 --outcome revise'",
        "the earlier version stays in its history",
      ])
  }

  @Test func aMeetingIsNotRebookedDuringARevision() throws {
    let store = TestStore()
    let (id, _) = try establishedSIP(store)
    #expect(store.sip("follow-up", id, "--outcome", "revise", today: "2027-02-20").code == 0)
    expectRefused(
      store,
      ["sip", "meeting", id, "--at", "2027-03-01T10:00", "--place", "X", "--today", "2027-02-20"],
      mentioning: ["\(id) is being revised after the follow-up on 2027-02-20"])
  }

  // MARK: - Closing

  // Seed 004: "Varje huvudman ansvarar för att dokumentera avslutet." Each principal taking
  // part documents its own closing; the SIP is closed when all of them have.

  @Test func eachPrincipalDocumentsItsOwnClosing() throws {
    let store = TestStore()
    // SF-NORDOST initiates and holds the overall responsibility; REGION is summoned, FK invited.
    let (id, _) = try establishedSIP(store)
    expectRefused(
      store, ["sip", "close", id, "--reason", "goals-met", "--by", "FK"],
      mentioning: [
        "FK is not a principal (huvudman) of \(id) but an actor invited at the individual's wish, so it documents no closing; each principal does: SF-NORDOST and REGION."
      ])
    expectRefused(
      store, ["sip", "close", id, "--reason", "goals-met", "--by", "SF-CENTRUM"],
      mentioning: ["SF-CENTRUM takes no part in \(id)"])
    // The region documents its closing without holding the overall responsibility.
    let first = store.sip("close", id, "--reason", "goals-met", "--by", "REGION")
    #expect(first.code == 0, "\(first)")
    #expect(try store.readSIP(id).state == .closing)
    #expect(store.sip("list", "--state", "closing").stdout.contains(id))
    // Once each: a second closing by the same principal is refused.
    expectRefused(
      store, ["sip", "close", id, "--reason", "no-longer-needed", "--by", "REGION"],
      mentioning: [
        "REGION already documented its closing of \(id) on 2026-11-25 (goals-met); each principal documents it once. Still to document it: SF-NORDOST."
      ])
    // A unit documents its administration's closing; then the SIP is closed.
    #expect(store.sip("close", id, "--reason", "goals-met", "--by", "SF-NORDOST/VUXEN").code == 0)
    #expect(try store.readSIP(id).state == .closed)
    expectRefused(
      store, ["sip", "close", id, "--reason", "goals-met", "--by", "SF-NORDOST"],
      mentioning: ["\(id) was closed on 2026-11-25 (goals-met); closing it is no longer possible"])
  }

  @Test func aFollowUpClosesForItsPrincipalOnly() throws {
    let store = TestStore()
    let (id, _) = try establishedSIP(store)
    expectRefused(
      store,
      [
        "sip", "follow-up", id, "--outcome", "close", "--reason", "goals-met", "--by", "FK",
        "--today", "2027-02-20",
      ],
      mentioning: ["FK is not a principal (huvudman) of \(id)"])
    let result = store.sip(
      ["follow-up", id, "--outcome", "close", "--reason", "goals-met", "--by", "REGION"],
      today: "2027-02-20")
    #expect(result.code == 0, "\(result)")
    #expect(result.stderr.contains("SF-NORDOST has not yet documented the closing"))
    // While it is closing, no other step: no further follow-up, not even one that closes.
    expectRefused(
      store,
      [
        "sip", "follow-up", id, "--outcome", "close", "--reason", "goals-met", "--by",
        "SF-NORDOST", "--today", "2027-02-21",
      ],
      mentioning: [
        "\(id) is closing: REGION on 2027-02-20 (goals-met) documented the closing, and SF-NORDOST not yet; a follow-up is no longer possible"
      ])
    #expect(
      store.sip(["close", id, "--reason", "goals-met", "--by", "SF-NORDOST"], today: "2027-02-21")
        .code == 0)
    #expect(try store.readSIP(id).state == .closed)
  }

  @Test func aSIPWithOnlyTheInitiatorClosesWithItsClosing() throws {
    let store = TestStore()
    let id = try startedSIP(store)
    expectRefused(
      store, ["sip", "close", id, "--reason", "no-longer-needed", "--by", "REGION"],
      mentioning: [
        "REGION takes no part in \(id); each principal taking part documents its own closing: SF-NORDOST."
      ])
    expectRefused(
      store, ["sip", "close", id, "--reason", "goals-met", "--by", "SF-NORDOST"],
      mentioning: ["never had an established plan with goals"])
    expectRefused(
      store,
      [
        "sip", "close", id, "--reason", "no-longer-needed", "--by", "SF-NORDOST", "--on",
        "2026-11-10",
      ],
      mentioning: ["\(id) started on 2026-11-16; a closing on 2026-11-10 would come before it."])
    expectRefused(
      store, ["sip", "close", id, "--reason", "no-longer-needed"], code: 64,
      mentioning: ["--by <org>"])
    #expect(store.sip("close", id, "--reason", "no-longer-needed", "--by", "SF-NORDOST").code == 0)
    #expect(try store.readSIP(id).state == .closed)
    expectRefused(
      store, ["sip", "close", id, "--reason", "no-longer-needed", "--by", "SF-NORDOST"],
      mentioning: [
        "\(id) was closed on 2026-11-25 (no-longer-needed); closing it is no longer possible"
      ])
  }

  @Test func aSIPClosedTheOlderWayStillReadsClosed() throws {
    let store = TestStore()
    let (id, _) = try establishedSIP(store)
    // One closing by the overall-responsible principal, as stores before per-principal
    // closings hold it, written into the store file directly.
    let file = store.path + "/sip/records/000000.json"
    let stored = try String(contentsOfFile: file, encoding: .utf8)
    let old =
      stored
      .replacingOccurrences(
        of: "\"consent\":\"CON-1\",",
        with:
          "\"closing\":{\"by\":\"SF-NORDOST\",\"date\":\"2027-01-10\",\"reason\":\"goals-met\"},\"consent\":\"CON-1\","
      )
      .replacingOccurrences(of: "\"state\":\"established\"", with: "\"state\":\"closed\"")
    #expect(old != stored)
    try old.write(toFile: file, atomically: true, encoding: .utf8)

    let sip = try store.readSIP(id)
    #expect(sip.state == .closed)
    #expect(!sip.isOpen)
    #expect(sip.closedOn == day("2027-01-10"))
    #expect(sip.closings.isEmpty)
    #expect(store.sip("list", "--state", "closed").stdout.contains(id))
    #expect(store.sip("due", "--within", "365d").stdout.isEmpty)
    #expect(
      store.sip("show", id, "--format", "md").stdout.contains(
        "avslutad 2027-01-10: målen är uppfyllda"))
    // Nothing more is recorded on it, not even another principal's closing.
    expectRefused(
      store, ["sip", "close", id, "--reason", "goals-met", "--by", "REGION"],
      mentioning: ["\(id) was closed on 2027-01-10 (goals-met); closing it is no longer possible"])
    // It writes back as it was read: no 'closings' appear.
    let json = store.sip("show", id, "--json").stdout
    #expect(json.contains("\"closing\""))
    #expect(!json.contains("\"closings\""))
  }

  @Test func anEstablishedSIPIsClosedNotRefused() throws {
    let store = TestStore()
    let (id, _) = try establishedSIP(store)
    expectRefused(
      store, ["sip", "decline", id, "--reason", "x"],
      mentioning: ["\(id)'s plan has been established; a SIP under way is closed, not refused"])
  }

  // MARK: - The plan's parts

  @Test func theResponsiblePartiesTakePart() throws {
    let store = TestStore()
    let (id, _) = try readySIP(store)
    expectRefused(
      store,
      [
        "sip", "intervention", id, "Arbetsträning", "--responsible", "AF", "--by", "2027-01-01",
        "--today", "2026-11-20",
      ],
      mentioning: [
        "AF takes no part in \(id) (parties: SF-NORDOST, REGION, FK)",
        "samverkan sip invite \(id) --party AF",
      ])
    expectRefused(
      store, ["sip", "responsible", id, "--principal", "FK", "--today", "2026-11-20"],
      mentioning: ["FK is not a principal (huvudman)"])
    expectRefused(
      store, ["sip", "responsible", id, "--principal", "FFS", "--today", "2026-11-20"],
      mentioning: ["FFS takes no part in \(id)"])
    expectRefused(
      store, ["sip", "intervention", id, "Arbetsträning", "--responsible", "REGION"], code: 64,
      mentioning: ["Missing expected argument '--by <date>'"])
    expectRefused(
      store, ["sip", "goal", id, "Mål"], code: 64,
      mentioning: ["Missing expected argument '--term <term>'"])
    expectRefused(
      store, ["sip", "goal", id, "--remove", "3"], code: 64,
      mentioning: ["The value '3' is invalid for '--remove <n>': \(id) has goals 1 to 2"])
    expectRefused(
      store, ["sip", "need", id, "Text", "--remove", "1"], code: 64, mentioning: ["not both"])
  }

  @Test func aSIPIsStartedByAPrincipal() throws {
    let store = TestStore()
    expectRefused(
      store,
      ["sip", "create", "--person", TestPerson.adult, "--trigger", "need", "--initiator", "FK"],
      mentioning: [
        "The SIP cannot be created:", "initiator: FK is not a principal (huvudman)",
      ])
    expectRefused(
      store,
      ["sip", "create", "--person", "19900101-2386", "--trigger", "need", "--initiator", "REGION"],
      code: 64, mentioning: ["'19900101-2386'"])
    expectRefused(
      store,
      [
        "sip", "create", "--person", TestPerson.adult, "--trigger", "whim", "--initiator", "REGION",
      ],
      code: 64, mentioning: ["'need', 'request', 'discharge' or 'treatment-decision'"])
  }

  @Test func anUnknownSIPIsNotFound() {
    let store = TestStore()
    expectRefused(store, ["sip", "show", "SIP-9"], code: 66, mentioning: ["No record 'SIP-9'"])
    expectRefused(
      store, ["sip", "need", "SIP-9", "Text"], code: 66, mentioning: ["No record 'SIP-9'"])
    expectRefused(
      store, ["sip", "show", "CON-9"], code: 64, mentioning: ["not 'SIP'"])
  }
}
