import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanStore

/// A part the plan still lacks before it can be established: what, and how to add it.
public struct SIPGap: Equatable, Sendable {
  /// The record field the part lives in.
  public var field: String
  /// What is missing, in a caseworker's words.
  public var what: String
  /// The command that adds it.
  public var hint: String?

  /// The line shown in a refusal: what is missing, then how to add it.
  public var line: String { hint.map { "\(what): \($0)" } ?? what }
}

extension SIP {
  /// The principal (huvudman) an organization or unit belongs to, if any.
  static func principal(of organization: OrganizationID, in profile: Profile) -> Principal? {
    profile.organization(of: organization)?.principal
  }

  /// How a party is called to the meeting: principals are summoned, other actors invited.
  static func invitationKind(for organization: OrganizationID, in profile: Profile)
    -> SIPInvitationKind
  {
    principal(of: organization, in: profile) == nil ? .invitation : .summons
  }

  // MARK: - Establishment

  /// Everything the plan lacks to be established on `date`, all at once (SPEC §5: needs, at
  /// least one goal, at least one intervention with a responsible party, the
  /// overall-responsible principal and a follow-up date — and the meeting it is made at).
  public func establishmentGaps(on date: CivilDate, profile: Profile) -> [SIPGap] {
    let id = self.id?.description ?? "SIP-…"
    var gaps: [SIPGap] = []
    if meeting == nil {
      gaps.append(
        SIPGap(
          field: "meeting", what: "the SIP meeting, where the plan is made",
          hint: "samverkan sip meeting \(id) --at YYYY-MM-DDTHH:MM --place …"))
    } else if let held = planMeetingDate, held > date {
      gaps.append(
        SIPGap(
          field: "meeting",
          what:
            "the meeting to have been held: it is on \(held), and the plan is established at it (not on \(date))",
          hint: nil))
    }
    let principals = Set(parties.compactMap { Self.principal(of: $0, in: profile) })
    if isInternal {
      if participants.isEmpty {
        gaps.append(
          SIPGap(
            field: "participants",
            what:
              "another unit summoned, since an internal SIP (I-SIP) coordinates at least two units",
            hint: "samverkan sip invite \(id) --party …"))
      }
    } else {
      if !principals.contains(.municipality) {
        let example =
          profile.organizations.first { $0.principal == .municipality }?.id ?? "SF-NORDOST"
        gaps.append(
          SIPGap(
            field: "participants",
            what:
              "the municipality's social services among the parties, since a SIP coordinates both principals",
            hint: "samverkan sip invite \(id) --party \(example)"))
      }
      if !principals.contains(.region) {
        let region = profile.organizations.first { $0.principal == .region }?.id ?? "REGION"
        gaps.append(
          SIPGap(
            field: "participants",
            what:
              "the region's health care among the parties, since a SIP coordinates both principals",
            hint:
              "samverkan sip invite \(id) --party \(region) (for units of one principal only, create an internal SIP with --internal)"
          ))
      }
    }
    if needs.isEmpty {
      gaps.append(
        SIPGap(
          field: "needs", what: "the individual's needs",
          hint: "samverkan sip need \(id) \"…\""))
    }
    if goals.isEmpty {
      gaps.append(
        SIPGap(
          field: "goals", what: "at least one goal",
          hint: "samverkan sip goal \(id) \"…\" --term short|long"))
    }
    if interventions.isEmpty {
      gaps.append(
        SIPGap(
          field: "interventions", what: "at least one intervention with a responsible party",
          hint: "samverkan sip intervention \(id) \"…\" --responsible ORG --by DATE"))
    }
    if overallResponsible == nil {
      gaps.append(
        SIPGap(
          field: "overallResponsible",
          what: "the principal with overall responsibility for the plan",
          hint: "samverkan sip responsible \(id) --principal ORG"))
    }
    if let followUpDate {
      if let held = planMeetingDate, followUpDate <= held {
        gaps.append(
          SIPGap(
            field: "followUpDate",
            what: "a follow-up date after the meeting on \(held) (given: \(followUpDate))",
            hint: "give --follow-up DATE"))
      }
    } else {
      gaps.append(
        SIPGap(
          field: "followUpDate", what: "a follow-up date after the meeting",
          hint: "give --follow-up DATE"))
    }
    if followUpPlace.isBlank {
      gaps.append(
        SIPGap(
          field: "followUpPlace", what: "the follow-up place", hint: "give --follow-up-place TEXT"))
    }
    return gaps
  }

  // MARK: - Consent

  /// Whether a consent the SIP relies on — or, when it relies on none, one of the person's
  /// consents for SIP — has been revoked by `date`.
  func consentWasWithdrawn(by date: CivilDate, reader: StoreReader) -> Bool {
    if let consent {
      guard let record = try? reader.record(consent, as: Consent.self) else { return false }
      return SharingGate.withdrawal(of: record, by: date) != nil
    }
    guard let person, let consents = try? reader.records(Consent.self, person: person) else {
      return false
    }
    return consents.contains {
      $0.purposes.contains(.sip) && SharingGate.withdrawal(of: $0, by: date) != nil
    }
  }

  // MARK: - Problems

  /// Every problem with the SIP under the routine's rules, all at once; the verbs and every
  /// import row call this same function.
  public func problems(previous: SIP?, in context: RuleContext) -> [FieldProblem] {
    let profile = context.profile
    var problems: [FieldProblem] = []
    func add(_ field: String, _ message: String, rule: Bool = true) {
      problems.append(FieldProblem(field, message, rule: rule))
    }
    func valid(_ organization: OrganizationID, _ field: String) -> Bool {
      do {
        try profile.validate(organization)
        return true
      } catch {
        add(field, "\(organization): \(error.description)", rule: false)
        return false
      }
    }
    func blank(_ text: String?) -> Bool {
      text.isBlank
    }

    // Who and why.
    if person == nil {
      add("person", "a SIP is the plan of one individual: give their personnummer", rule: false)
    }
    if valid(initiator, "initiator"), Self.principal(of: initiator, in: profile) == nil {
      add(
        "initiator",
        "\(initiator) is not a principal (huvudman); a SIP is started by the municipality or the region"
      )
    }
    if trigger == .discharge, readyForDischarge == nil {
      add(
        "readyForDischarge",
        "a discharge SIP records the day of the ready-for-discharge notice (utskrivningsklar)",
        rule: false)
    }
    if trigger != .discharge, readyForDischarge != nil {
      add(
        "readyForDischarge", "only a discharge SIP has a ready-for-discharge date", rule: false)
    }
    if createdOn > context.clock.today {
      add(
        "createdOn", "\(createdOn) is in the future (today is \(context.clock.today))", rule: false)
    }

    // Summoned and invited parties.
    var seen: Set<OrganizationID> = []
    for participant in participants {
      let organization = participant.organization
      guard valid(organization, "participants") else { continue }
      if organization == initiator {
        add("participants", "\(organization) is the initiator; it takes part without an invitation")
      }
      if !seen.insert(organization).inserted {
        add("participants", "\(organization) is invited twice")
      }
      let expected = Self.invitationKind(for: organization, in: profile)
      if participant.invitation != expected {
        add(
          "participants",
          expected == .summons
            ? "\(organization) is a principal (huvudman) and is summoned ('summons'), not invited"
            : "\(organization) is not a principal and is invited ('invitation'), not summoned",
          rule: false)
      }
      if participant.invitedOn < createdOn {
        add(
          "participants",
          "\(organization) was invited on \(participant.invitedOn), before the SIP started on \(createdOn)"
        )
      }
      if let response = participant.response {
        if response.date < participant.invitedOn {
          add(
            "participants",
            "\(organization) answered on \(response.date), before it was invited on \(participant.invitedOn)"
          )
        }
        switch response.answer {
        case .declined where expected == .summons:
          add(
            "participants",
            "\(organization) is a principal (huvudman) and cannot decline a SIP; it names a substitute (ersättare) when the one summoned cannot come"
          )
        case .attending, .substitute:
          if blank(response.name) {
            add(
              "participants", "\(organization)'s answer names the person who attends", rule: false)
          }
        case .declined:
          break
        }
      }
    }
    for relative in relatives {
      if blank(relative.name) { add("relatives", "a relative's name is empty", rule: false) }
      if relative.invitedOn < createdOn {
        add(
          "relatives",
          "\(relative.name) was invited on \(relative.invitedOn), before the SIP started on \(createdOn)"
        )
      }
    }

    // An internal SIP (I-SIP) stays within one administration (seed 002: the units of one
    // förvaltning coordinate); another administration, even of the same principal, is a
    // SIP or an SP.
    if isInternal {
      let home = initiator.parent
      var outside: [(String, OrganizationID)] = participants.map {
        ("participants", $0.organization)
      }
      outside += interventions.map { ("interventions", $0.responsible) }
      outside += overallResponsible.map { [("overallResponsible", $0)] } ?? []
      // Parties an I-SIP had before the rule keep it working; only new ones are refused.
      let earlier =
        (previous?.participants.map(\.organization) ?? [])
        + (previous?.interventions.map(\.responsible) ?? [])
        + (previous?.overallResponsible.map { [$0] } ?? [])
      for (field, organization) in outside
      where organization.parent != home && !earlier.contains(organization) {
        add(
          field,
          "\(organization) is not part of \(home); an internal SIP (I-SIP) coordinates the units of one administration (e.g. \(home)/BOU and \(home)/VUXEN). For another administration use an SP ('samverkan sp create') or a SIP with the region"
        )
      }
    }

    // The basis for sharing: a consent covering every party (a SIP never rests on a
    // ground). Checked by the gate's own rule when a step sets the basis (and for every
    // imported row): a consent revoked later must not make the SIP unchangeable — it still
    // has to be closed, with 'consent-withdrawn'.
    if !participants.isEmpty, consent == nil, legalGround == nil {
      add(
        "consent", "no invitation without a consent covering every invited party for purpose 'sip'")
    }
    if let person {
      func request(_ date: CivilDate) -> SharingRequest {
        SharingRequest(
          step: SIPCommand.sharingStep("invite"), person: person, from: initiator, to: recipients,
          date: date, today: context.clock.today)
      }
      if let consent,
        previous == nil || previous?.consent != consent
          || previous?.consentCheckedOn != consentCheckedOn
      {
        if let checked = consentCheckedOn {
          let consents = (try? context.reader.record(consent, as: Consent.self)).flatMap { $0 }
          if let problem = SharingGate.recordedBasisProblem(
            .consent(consent, restrictions: nil), request: request(checked),
            consents: consents.map { [$0] } ?? [], profile: profile)
          {
            add("consent", problem)
          }
        } else {
          add(
            "consentCheckedOn", "the day \(consent) was checked to cover the SIP is missing",
            rule: false)
        }
      }
      // Earlier bases the record lists must be the person's consents in the store.
      for id in consents where !(previous?.consents.contains(id) ?? false) && id != consent {
        let record = (try? context.reader.record(id, as: Consent.self)).flatMap { $0 }
        if record == nil {
          add(
            "consents",
            "\(id) is not in the store (import consents before the records that rely on them)")
        } else if record?.person != person {
          add("consents", "\(id) is another person's consent")
        }
      }
      if let legalGround, previous?.legalGround != legalGround,
        let problem = SharingGate.recordedBasisProblem(
          .legalGround(legalGround), request: request(legalGround.date), consents: [],
          profile: profile)
      {
        add("legalGround", problem)
      }
    }

    // The meeting and the plan.
    if let meeting {
      if blank(meeting.place) { add("meeting", "the meeting's place is empty", rule: false) }
      if meeting.at.date < createdOn {
        add(
          "meeting", "the meeting on \(meeting.at.date) is before the SIP started on \(createdOn)")
      }
    }
    if needs.contains(where: { blank($0.text) }) { add("needs", "a need is empty", rule: false) }
    if wishes.contains(where: { blank($0.text) }) { add("wishes", "a wish is empty", rule: false) }
    if goals.contains(where: { blank($0.text) }) { add("goals", "a goal is empty", rule: false) }
    for goal in goals where goal.term == nil {
      add("goals", "the goal '\(goal.text)' needs its term: short or long")
    }
    if let meeting, let attendees = meeting.attendees {
      for attendee in attendees {
        if blank(attendee.name) { add("meeting", "an attendee has no name", rule: false) }
        if valid(attendee.organization, "meeting"), !isParty(attendee.organization) {
          add(
            "meeting",
            "\(attendee.name) attended for \(attendee.organization), which takes no part in the SIP"
          )
        } else if let index = participantIndex(attendee.organization),
          participants[index].response?.answer == .declined
        {
          add(
            "meeting",
            "\(attendee.organization) declined to take part, so \(attendee.name) cannot have attended for it"
          )
        }
      }
    }
    for intervention in interventions {
      if blank(intervention.what) { add("interventions", "an intervention is empty", rule: false) }
      if valid(intervention.responsible, "interventions"), !isParty(intervention.responsible) {
        add(
          "interventions",
          "\(intervention.responsible) is responsible for '\(intervention.what)' but takes no part in the SIP; summon or invite it first"
        )
      } else if let index = participantIndex(intervention.responsible),
        let response = participants[index].response, response.answer == .declined
      {
        // A party that declined takes no part: an intervention it has not agreed to is no
        // intervention the plan can rely on.
        add(
          "interventions",
          "\(participants[index].organization) declined to take part on \(response.date), so it cannot be responsible for '\(intervention.what)'; give the intervention to a party that takes part"
        )
      }
      if let by = intervention.by {
        if by < createdOn {
          add(
            "interventions",
            "'\(intervention.what)' is due by \(by), before the SIP started on \(createdOn)")
        }
      } else {
        add("interventions", "'\(intervention.what)' needs the day it is done by")
      }
      if let problem = intervention.dateProblem { add("interventions", problem) }
    }
    if let responsible = overallResponsible, valid(responsible, "overallResponsible") {
      if Self.principal(of: responsible, in: profile) == nil {
        add(
          "overallResponsible",
          "\(responsible) is not a principal (huvudman); the municipality or the region holds the overall responsibility"
        )
      } else if !isParty(responsible) {
        add(
          "overallResponsible",
          "\(responsible) takes no part in the SIP; the overall responsibility goes to a principal at the meeting"
        )
      }
    }
    if let followUpDate, let held = planMeetingDate, followUpDate <= held {
      add("followUpDate", "the follow-up date \(followUpDate) must be after the meeting on \(held)")
    }
    if let place = followUpPlace, blank(place) {
      add("followUpPlace", "the follow-up place is empty", rule: false)
    }

    // Versions, establishment and follow-ups.
    if version < 1 { add("version", "the first version is 1", rule: false) }
    if earlierVersions.count != version - 1 {
      add(
        "earlierVersions",
        "version \(version) keeps the \(max(version - 1, 0)) earlier version(s); \(earlierVersions.count) are recorded",
        rule: false)
    }
    if let establishedOn {
      for gap in establishmentGaps(on: establishedOn, profile: profile) {
        add(gap.field, "the plan was established on \(establishedOn) without \(gap.what)")
      }
    }
    var lastFollowUp: CivilDate?
    for followUp in followUps {
      if let held = meeting?.at.date, followUp.date <= held {
        add(
          "followUps",
          "the follow-up on \(followUp.date) is not after the meeting on \(held); a follow-up comes after the meeting"
        )
      } else if meeting == nil {
        add("followUps", "a follow-up on \(followUp.date) without a SIP meeting")
      }
      if let lastFollowUp, followUp.date < lastFollowUp {
        add("followUps", "the follow-up on \(followUp.date) is listed after one on \(lastFollowUp)")
      }
      lastFollowUp = followUp.date
      if followUp.outcome == .close, closing == nil, closings.isEmpty {
        add("followUps", "the follow-up on \(followUp.date) closed the SIP, but it has no closing")
      }
    }

    // Closing and refusal: each principal documents its own closing (seed 004).
    if let closing {
      // The older single closing, by the principal with overall responsibility alone: a
      // stored one reads as it was, and a SIP exported with one from an older store imports
      // as it was (a record is never lost to a newer rule); none is added to a SIP any more.
      if let previous, previous.closing != closing {
        add(
          "closing",
          "each principal documents its own closing of the SIP in 'closings' (one entry per principal: date, reason, by); 'closing' holds only a closing recorded before that"
        )
      }
      if !closings.isEmpty {
        add("closings", "a SIP closed with the older 'closing' has no 'closings'", rule: false)
      }
    }
    var closed: Set<OrganizationID> = []
    for entry in closings {
      let who = entry.by
      if entry.date < createdOn {
        add(
          "closings",
          "\(who) documented its closing on \(entry.date), before the SIP started on \(createdOn)")
      }
      if entry.date > context.clock.today {
        add(
          "closings",
          "\(who)'s closing on \(entry.date) is in the future (today is \(context.clock.today))",
          rule: false)
      }
      if valid(who, "closings") {
        if !isParty(who) {
          add("closings", "\(who) takes no part in the SIP, so it documents no closing")
        } else if !principals.contains(who.parent) {
          add(
            "closings",
            "\(who) is not a principal (huvudman) of the SIP; each principal documents its own closing, an invited actor none"
          )
        } else if !closed.insert(who.parent).inserted {
          add("closings", "\(who.parent) documented its closing twice; each principal does it once")
        }
      }
      if entry.reason == .goalsMet, !wasEverEstablished {
        add(
          "closings",
          "\(who)'s 'goals-met' needs an established plan with goals; close with 'no-longer-needed' or 'consent-withdrawn'"
        )
      }
      if entry.reason == .consentWithdrawn,
        !consentWasWithdrawn(by: entry.date, reader: context.reader)
      {
        add(
          "closings",
          "\(who)'s 'consent-withdrawn' needs the withdrawal recorded: \(consent.map { "\($0) is not revoked" } ?? "no consent of the person for SIP is revoked") by \(entry.date) ('samverkan consent revoke')"
        )
      }
    }
    if let refusal {
      if blank(refusal.reason) {
        add("refusal", "refusing a SIP is exceptional and needs its reason documented")
      }
      if wasEverEstablished {
        add("refusal", "a SIP whose plan was established is closed, not refused")
      }
      if closing != nil || !closings.isEmpty {
        add("refusal", "a SIP is either refused or closed, not both", rule: false)
      }
    }

    if let declaredState, declaredState != state {
      add(
        "state",
        "is '\(declaredState.rawValue)', but what the record holds makes it '\(state.rawValue)'; the state follows from the steps recorded (leave the field out)",
        rule: false)
    }

    if let previous { problems += changeProblems(from: previous) }
    return problems
  }

  /// What may not change between a stored SIP and its new content: a closed or refused SIP
  /// does not change, and an established plan changes only through a follow-up.
  func changeProblems(from previous: SIP) -> [FieldProblem] {
    let id = previous.id?.description ?? "the SIP"
    if person != previous.person {
      return [FieldProblem("person", "the person of \(id) cannot change")]
    }
    if !previous.isOpen {
      let unchanged = (try? self.json) == (try? previous.json)
      return unchanged
        ? []
        : [
          FieldProblem(
            "state", "\(id) is \(previous.stateName) and can no longer change", rule: true)
        ]
    }
    if previous.state == .closing {
      // While the principals document their closings, only further closings are added.
      var others = self
      others.closings = previous.closings
      let onlyClosings =
        closings.starts(with: previous.closings) && (try? others.json) == (try? previous.json)
      return onlyClosings
        ? []
        : [
          FieldProblem(
            "closings",
            "\(id) is closing; only the remaining principals' closings are added ('samverkan sip close \(id) --by ORG --reason …')",
            rule: true)
        ]
    }
    guard let established = previous.establishedOn, version == previous.version else { return [] }
    let followedUp =
      followUps.count > previous.followUps.count
      || significantChanges.count > previous.significantChanges.count
    let planChanged =
      needs != previous.needs || wishes != previous.wishes || goals != previous.goals
      || interventions != previous.interventions
      || overallResponsible != previous.overallResponsible
      || participants != previous.participants || relatives != previous.relatives
      || meeting != previous.meeting || establishedOn != previous.establishedOn
      || (!followedUp
        && (followUpDate != previous.followUpDate || followUpPlace != previous.followUpPlace))
    guard planChanged else { return [] }
    return [
      FieldProblem(
        "version",
        "\(id)'s plan was established on \(established) (version \(previous.version)); it changes only through a follow-up that revises it ('samverkan sip follow-up \(id) --outcome revise')",
        rule: true)
    ]
  }
}
