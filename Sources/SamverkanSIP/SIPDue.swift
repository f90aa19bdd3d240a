import SamverkanDomain
import SamverkanJSON

/// What is due on a SIP, for `sip due`.
public enum SIPDueKind: String, Codable, StoredAsText, CaseIterable, Sendable, Comparable {
  /// A principal that has not documented its closing of a SIP another principal closed.
  case closing
  /// A follow-up whose date has come.
  case followUp = "follow-up"
  /// A summoned or invited party that has not said who attends.
  case response
  /// A SIP not at the meeting step after the start limit.
  case start
  /// A discharge SIP whose parties are not yet summoned after the limit.
  case discharge
  /// The consent the SIP relies on is revoked, has expired or is overdue for review.
  case consent

  /// Listed in this order when due the same day.
  public static func < (lhs: SIPDueKind, rhs: SIPDueKind) -> Bool {
    rank(lhs) < rank(rhs)
  }

  /// The kind's place in `allCases`.
  private static func rank(_ kind: SIPDueKind) -> Int {
    allCases.firstIndex(of: kind) ?? allCases.count
  }
}

/// One thing due on a SIP: what, by when, and a sentence saying what to do.
public struct SIPDueItem: Equatable, Sendable {
  public var sip: RecordID
  public var kind: SIPDueKind
  /// The day it is due: overdue before today.
  public var due: CivilDate
  public var detail: String
  /// The party an answer is awaited from; nil for the SIP's other items.
  public var party: OrganizationID?

  public init(
    sip: RecordID, kind: SIPDueKind, due: CivilDate, detail: String,
    party: OrganizationID? = nil
  ) {
    self.sip = sip
    self.kind = kind
    self.due = due
    self.detail = detail
    self.party = party
  }

  /// `overdue`, `due` (today) or `upcoming`.
  public func status(today: CivilDate) -> String {
    due < today ? "overdue" : due == today ? "due" : "upcoming"
  }
}

/// The rule behind `sip due`: what is due on open SIPs by a date (SPEC §5).
public enum SIPDue {
  /// What is due on one SIP by `until` (today plus the window), oldest first.
  ///
  /// - follow-ups: an established plan's follow-up date;
  /// - answers: a summoned or invited party without an answer, due `responseDays` after the
  ///   invitation and never later than the meeting (until the plan is established);
  /// - the start: a SIP not at the meeting step (no meeting booked) `startLimitDays` after
  ///   it started;
  /// - discharge: a discharge SIP with no one summoned `dischargeInvitationDays` after the
  ///   ready-for-discharge notice;
  /// - consent: the consent relied on stops covering (revoked, expired, review overdue) and
  ///   no other consent of the person covers the SIP then. `consents` are the person's;
  /// - closing: while the SIP is closing, only each principal that has not documented its
  ///   closing, due the day the first principal documented its own.
  public static func items(
    for sip: SIP, consents: [Consent], today: CivilDate, until: CivilDate, profile: Profile
  ) -> [SIPDueItem] {
    guard sip.isOpen, let id = sip.id else { return [] }
    let rules = profile.sip
    var items: [SIPDueItem] = []
    func add(
      _ kind: SIPDueKind, _ due: CivilDate, _ detail: String, party: OrganizationID? = nil
    ) {
      if due <= until {
        items.append(SIPDueItem(sip: id, kind: kind, due: due, detail: detail, party: party))
      }
    }

    if sip.state == .closing, let first = sip.closings.map(\.date).min() {
      for principal in sip.awaitingClosing {
        add(
          .closing, first,
          "\(principal) has not documented its closing; \(sip.closingSummary) did: 'samverkan sip close \(id) --by \(principal) --reason …'",
          party: principal)
      }
      return items.sorted { ($0.due, $0.kind) < ($1.due, $1.kind) }
    }
    if sip.state == .established, let date = sip.followUpDate {
      let responsible = sip.overallResponsible.map { " (called by \($0))" } ?? ""
      add(
        .followUp, date,
        "follow-up of version \(sip.version)\(responsible)"
          + (sip.followUpPlace.map { " at \($0)" } ?? ""))
    }
    if sip.establishedOn == nil {
      // While a plan is revised, only parties invited for the revision are waited for.
      let since = sip.version > 1 ? sip.planMeetingDate : nil
      for participant in sip.participants
      where participant.response == nil && since.map({ participant.invitedOn >= $0 }) ?? true {
        var due = participant.invitedOn.adding(days: rules.responseDays)
        // The answer is needed by the SIP meeting, if that comes sooner (a revision is
        // made at the follow-up already held, so there is nothing to wait for then).
        if sip.version == 1, let meeting = sip.meeting?.at.date,
          meeting >= participant.invitedOn, meeting < due
        {
          due = meeting
        }
        let how = participant.invitation == .summons ? "summons" : "invitation"
        add(
          .response, due,
          "\(participant.organization) has not answered the \(how) of \(participant.invitedOn); ask who attends (or, for a principal, its substitute)",
          party: participant.organization)
      }
    }
    if sip.version == 1, sip.meeting == nil {
      add(
        .start, sip.createdOn.adding(days: rules.startLimitDays),
        "started on \(sip.createdOn) and no SIP meeting is booked; work starts without delay (limit \(rules.startLimitDays) days)"
      )
    }
    if sip.trigger == .discharge, sip.participants.isEmpty, let ready = sip.readyForDischarge {
      add(
        .discharge, ready.adding(days: rules.dischargeInvitationDays),
        "ready for discharge on \(ready) and no one is summoned; the region's named care contact calls the SIP within \(rules.dischargeInvitationDays) days (lag 2017:612)"
      )
    }
    if let consentID = sip.consent, let person = sip.person,
      let block = SharingGate.block(
        reliedOn: consentID,
        request: SharingRequest(
          step: SIPCommand.sharingStep("follow-up"), person: person, from: sip.initiator,
          to: sip.recipients, date: today, today: today),
        consents: consents, until: until, profile: profile)
    {
      add(
        .consent, block.since,
        "\(block.reason); sharing steps are refused without new consent — record one with 'consent grant', or close the SIP with 'consent-withdrawn'"
      )
    }
    return items.sorted { ($0.due, $0.kind) < ($1.due, $1.kind) }
  }
}

extension SIP: DueWatched {
  /// Any day while open; nil once closed.
  ///
  /// Why no item is missed: `SIPDue.items` yields nothing for a SIP that is not open, and
  /// an open SIP is always in the index. Its dates depend on the profile (the response,
  /// start and discharge limits) and its `consent` item on the person's consents, which
  /// expire or are withdrawn without a change to the SIP, so no later day is safe.
  public var dueWindow: DueWindow? { isOpen ? .always : nil }
}
