import Foundation
import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanSIP
import SamverkanStore
import SamverkanTestSupport
import Testing

/// The record's rules on their own, as every verb and import row meets them.
@Suite struct SIPRulesTests {
  /// The problems of a SIP in an empty store, on the test day.
  func problems(_ sip: SIP, previous: SIP? = nil) throws -> [FieldProblem] {
    let store = TestStore()
    try store.grantConsent()
    return try store.store.read { reader in
      sip.problems(
        previous: previous,
        in: RuleContext(
          profile: .goteborg, clock: Clock(now: Date(), today: testDay), reader: reader))
    }
  }

  func sip(_ initiator: String = "SF-NORDOST", internal isInternal: Bool = false) -> SIP {
    SIP(
      id: RecordID(kind: .sip, number: 1), person: adult, trigger: .need, isInternal: isInternal,
      initiator: OrganizationID(unchecked: initiator), createdOn: day("2026-11-16"))
  }

  func party(_ id: String, _ kind: SIPInvitationKind, on date: String = "2026-11-17")
    -> SIPParticipant
  {
    SIPParticipant(
      organization: OrganizationID(unchecked: id), invitation: kind, invitedOn: day(date))
  }

  @Test func aNewSIPHasNoProblems() throws {
    #expect(try problems(sip()).isEmpty)
  }

  @Test func principalsAreSummonedAndActorsInvited() throws {
    var record = sip()
    record.participants = [party("REGION", .invitation), party("FK", .summons)]
    record.consent = RecordID(kind: .consent, number: 1)
    record.consentCheckedOn = day("2026-11-17")
    #expect(
      try problems(record).map(\.description) == [
        "participants: REGION is a principal (huvudman) and is summoned ('summons'), not invited",
        "participants: FK is not a principal and is invited ('invitation'), not summoned",
      ])
  }

  func closing(_ by: String, on date: String = "2026-11-20") -> SIPClosing {
    SIPClosing(date: day(date), reason: .noLongerNeeded, by: OrganizationID(unchecked: by))
  }

  @Test func theSIPIsClosedWhenEveryPrincipalHasDocumentedItsClosing() {
    var record = sip()
    record.participants = [party("REGION", .summons), party("FK", .invitation)]
    #expect(record.principals.map(\.value) == ["SF-NORDOST", "REGION"])
    record.closings = [closing("SF-NORDOST/VUXEN")]
    #expect(record.state == .closing)
    #expect(record.isOpen)
    #expect(record.awaitingClosing.map(\.value) == ["REGION"])
    #expect(record.closedOn == nil)
    record.closings.append(closing("REGION", on: "2026-11-22"))
    #expect(record.state == .closed)
    #expect(!record.isOpen)
    #expect(record.closedOn == day("2026-11-22"))
  }

  @Test func anInternalSIPHasOnePrincipal() {
    // Units of one administration (I-SIP): the administration documents the closing once.
    var record = sip("SF-NORDOST/BOU", internal: true)
    record.participants = [party("SF-NORDOST/VUXEN", .summons)]
    #expect(record.principals.map(\.value) == ["SF-NORDOST"])
    record.closings = [closing("SF-NORDOST/VUXEN")]
    #expect(record.state == .closed)
  }

  @Test func participantsNeedABasis() throws {
    var record = sip()
    record.participants = [party("REGION", .summons)]
    let found = try problems(record)
    #expect(found.map(\.field) == ["consent"])
    #expect(found.first?.isRule == true)
  }

  @Test func anInternalSIPStaysWithinItsAdministration() throws {
    var record = sip("SF-NORDOST/VUXEN", internal: true)
    record.participants = [
      party("SF-NORDOST/BOU", .summons), party("AVO", .summons), party("REGION", .summons),
    ]
    record.legalGround = LegalGroundUse(
      ground: "emergency", recordedBy: "t", date: day("2026-11-17"))
    let why =
      "an internal SIP (I-SIP) coordinates the units of one administration (e.g. SF-NORDOST/BOU and SF-NORDOST/VUXEN). For another administration use an SP ('samverkan sp create') or a SIP with the region"
    #expect(
      try problems(record).map(\.description) == [
        "participants: AVO is not part of SF-NORDOST; \(why)",
        "participants: REGION is not part of SF-NORDOST; \(why)",
        "legalGround: 'sip invite' always needs the person's consent; no secrecy-breaking ground stands in for it",
      ])
  }

  @Test func theGapsOfAnInternalSIP() {
    let record = sip("SF-NORDOST/VUXEN", internal: true)
    let gaps = record.establishmentGaps(on: testDay, profile: .goteborg).map(\.field)
    #expect(
      gaps == [
        "meeting", "participants", "needs", "goals", "interventions", "overallResponsible",
        "followUpDate", "followUpPlace",
      ])
  }

  @Test func aCompletePlanHasNoGaps() {
    var record = sip()
    record.participants = [party("REGION", .summons)]
    record.meeting = SIPMeeting(
      at: LocalDateTime(date: day("2026-11-20"), hour: 9, minute: 0)!, place: "X", form: .video)
    record.needs = [SIPNeed("Stöd")]
    record.goals = [SIPGoal("Mål", term: .long)]
    record.interventions = [
      SIPIntervention(
        "Insats", responsible: OrganizationID(unchecked: "REGION"), by: day("2027-01-01"))
    ]
    record.overallResponsible = OrganizationID(unchecked: "SF-NORDOST")
    record.followUpDate = day("2026-11-21")
    record.followUpPlace = "Y"
    #expect(record.establishmentGaps(on: day("2026-11-20"), profile: .goteborg).isEmpty)
    #expect(
      record.establishmentGaps(on: day("2026-11-19"), profile: .goteborg).map(\.field) == [
        "meeting"
      ])
    record.followUpDate = day("2026-11-20")
    #expect(
      record.establishmentGaps(on: day("2026-11-20"), profile: .goteborg).map(\.field) == [
        "followUpDate"
      ])
  }

  @Test func dischargeAndItsDateGoTogether() throws {
    var record = sip()
    record.trigger = .discharge
    #expect(try problems(record).map(\.field) == ["readyForDischarge"])
    record.trigger = .need
    record.readyForDischarge = day("2026-11-16")
    #expect(try problems(record).map(\.field) == ["readyForDischarge"])
  }

  @Test func aRefusedSIPDoesNotChange() throws {
    var refused = sip()
    refused.refusal = SIPRefusal(date: day("2026-11-17"), reason: "Skäl", recordedBy: "t")
    var changed = refused
    changed.needs = [SIPNeed("Nytt")]
    #expect(
      try problems(changed, previous: refused).map(\.description) == [
        "state: SIP-1 is declined and can no longer change"
      ])
  }
}
