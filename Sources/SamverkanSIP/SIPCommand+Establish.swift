import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanStore

extension SIPCommand {
  static let followUpOption = Option<CivilDate>(
    "follow-up", value: "date",
    help: "The follow-up date decided at the meeting; after the meeting.")
  static let followUpPlaceOption = Option<String>(
    "follow-up-place", value: "text", help: "Where the follow-up is held.")

  /// `sip establish`: the plan is established at the meeting (upprätta SIP).
  static let establish = CommandSpec(
    name: "establish",
    abstract: "Establish the plan at the SIP meeting (upprätta SIP).",
    discussion: """
      Refused until the plan has everything the routine asks for, and then every missing part is listed at once: the meeting (held), both principals among the parties (or units of one principal for an I-SIP), the individual's needs, at least one goal, at least one intervention with a responsible party, the principal with overall responsibility, and a follow-up date after the meeting and its place.
      From then on the plan changes only through a follow-up that revises it. The establishment is journaled as an event ("SIP upprättad").
      """,
    examples: [
      Example(
        "samverkan sip establish SIP-3 --follow-up 2027-03-02 --follow-up-place 'Vårdcentralen Angered'",
        "Establishes the plan at today's meeting."),
      Example(
        "samverkan sip establish SIP-3 --on 2026-12-03 --follow-up +3m --follow-up-place 'Socialkontoret'",
        "Records a plan established at the meeting on 3 December."),
    ],
    options: [followUpOption, followUpPlaceOption, on, note] + sharingOptions,
    arguments: [sipID]
  ) { call in
    let date = try call.stepDate(on)
    let profile = try call.profile()
    let followUpDate = try call.value(followUpOption)
    let followUpPlace = try call.value(followUpPlaceOption)
    var established: SIP?
    let code = try change(
      call, action: "establish", step: "Establishing the plan of", sharing: .always, on: date
    ) { sip, _ in
      try sip.requireOpen("establishing the plan")
      if let done = sip.establishedOn {
        throw SamverkanError.refused(
          "\(sip.name)'s plan is already established (on \(done), version \(sip.version)); it changes only through a follow-up: 'samverkan sip follow-up \(sip.name) --outcome revise|new-plan|continue|close'."
        )
      }
      if let followUpDate { sip.followUpDate = followUpDate }
      if let followUpPlace { sip.followUpPlace = followUpPlace }
      let gaps = sip.establishmentGaps(on: date, profile: profile)
      guard gaps.isEmpty else {
        throw SamverkanError.incomplete(
          "\(sip.name) cannot be established", missing: gaps.map(\.line))
      }
      sip.establishedOn = date
      established = sip
      return Change(event: "SIP upprättad (version \(sip.version))", note: try call.value(note))
    }
    if let sip = established {
      let terms = Set(sip.goals.compactMap(\.term))
      if terms.count < 2 {
        let lacking = terms.contains(.short) ? "long" : "short"
        call.note(
          "Note: the routine asks for both short- and long-term goals; \(sip.name) has no \(lacking)-term goal."
        )
      }
    }
    return code
  }

  // MARK: - Follow-up

  static let outcome = Option<SIPFollowUpOutcome>(
    "outcome", value: "outcome",
    help:
      "What the follow-up decided: the plan continues, is revised, a new plan is made, or the SIP closes.",
    required: true)
  static let next = Option<CivilDate>(
    "next", value: "date", help: "The next follow-up date (required with --outcome continue).")
  static let nextPlace = Option<String>(
    "place", value: "text", help: "Where the next follow-up is held (default: as before).")
  static let closeReason = Option<SIPClosingReason>(
    "reason", value: "reason", help: "Why the SIP closes.")
  static let closedBy = Option<OrganizationID>(
    "by", value: "org",
    help: "The principal with overall responsibility for the plan, which closes it.")

  /// `sip follow-up`: record a follow-up and what it decided.
  static let followUp = CommandSpec(
    name: "follow-up",
    abstract: "Record a follow-up of the plan and its outcome (uppföljning).",
    discussion: """
      Every SIP is followed up, after the meeting, from the plan as it was established. The outcome is one of:
      continue: the plan goes on; give the next follow-up date with --next.
      revise: the plan is revised; change it with need, goal, intervention and responsible, then establish it again as the next version.
      new-plan: a new plan is made from scratch and established as the next version.
      close: the SIP closes; give --reason and --by (the principal with overall responsibility).
      The earlier version is kept in the record (earlierVersions) and in its history.
      """,
    examples: [
      Example(
        "samverkan sip follow-up SIP-3 --outcome continue --next 2027-06-01",
        "The plan goes on; next follow-up in June."),
      Example(
        "samverkan sip follow-up SIP-3 --outcome revise --on 2027-03-02",
        "The follow-up on 2 March decided to revise the plan."),
      Example(
        "samverkan sip follow-up SIP-3 --outcome close --reason goals-met --by SF-NORDOST",
        "The goals are met; the SIP closes."),
    ],
    options: [outcome, next, nextPlace, closeReason, closedBy, on, note] + sharingOptions,
    arguments: [sipID]
  ) { call in
    let decided = try call.require(outcome)
    let date = try call.stepDate(on)
    let nextDate = try call.value(next)
    let place = try call.value(nextPlace)
    let reason = try call.value(closeReason)
    let by = try call.value(closedBy)
    let remark = try call.value(note)
    switch decided {
    case .continue:
      if nextDate == nil { throw SamverkanError.missingOption(option: next.spec.usage) }
    case .revise, .newPlan:
      break
    case .close:
      if reason == nil { throw SamverkanError.missingOption(option: closeReason.spec.usage) }
      if by == nil { throw SamverkanError.missingOption(option: closedBy.spec.usage) }
      if nextDate != nil || place != nil {
        throw SamverkanError.usage(
          "A SIP that closes has no next follow-up: leave out --next and --place.")
      }
    }
    if decided != .close, reason != nil || by != nil {
      throw SamverkanError.usage("--reason and --by go with --outcome close.")
    }
    return try change(
      call, action: "follow-up", step: "Following up", sharing: .always, on: date
    ) { sip, context in
      try sip.requireOpen("a follow-up")
      guard let established = sip.establishedOn, let held = sip.planMeetingDate else {
        throw SamverkanError.refused(
          "\(sip.name) has no established plan to follow up (it is at the step '\(sip.stateName)'); a SIP is followed up once its plan is established at the meeting: 'samverkan sip establish \(sip.name) …'."
        )
      }
      guard date > held else {
        throw SamverkanError.refused(
          "A follow-up comes after the meeting: \(sip.name)'s plan was made at the meeting on \(held), and the follow-up date given is \(date). Give the day the follow-up was held with --on."
        )
      }
      guard date >= established else {
        throw SamverkanError.refused(
          "\(sip.name)'s plan was established on \(established); a follow-up on \(date) would come before it."
        )
      }
      if let last = sip.followUps.last, date < last.date {
        throw SamverkanError.refused(
          "\(sip.name) was last followed up on \(last.date); a follow-up on \(date) would come before it."
        )
      }
      if let nextDate, nextDate <= date {
        throw SamverkanError.refused(
          "The next follow-up (\(nextDate)) must be after this one (\(date)).")
      }
      let record = SIPFollowUp(
        date: date, outcome: decided, version: sip.version, next: nextDate, note: remark)
      switch decided {
      case .continue:
        sip.followUpDate = nextDate
        if let place { sip.followUpPlace = place }
      case .revise:
        sip.earlierVersions.append(sip.snapshot(endedOn: date, by: .revise))
        sip.version += 1
        sip.establishedOn = nil
        sip.followUpDate = nextDate
        if let place { sip.followUpPlace = place }
      case .newPlan:
        sip.earlierVersions.append(sip.snapshot(endedOn: date, by: .newPlan))
        sip.version += 1
        sip.establishedOn = nil
        sip.needs = []
        sip.wishes = []
        sip.goals = []
        sip.interventions = []
        sip.overallResponsible = nil
        sip.followUpDate = nextDate
        sip.followUpPlace = place
      case .close:
        try sip.close(on: date, reason: reason!, by: by!, note: remark, reader: context.reader)
      }
      sip.followUps.append(record)
      return Change(event: "Uppföljning: \(decided.label)", note: remark)
    }
  }

  // MARK: - Closing

  static let closingReason = Option<SIPClosingReason>(
    "reason", value: "reason", help: "Why the SIP closes.", required: true)
  static let closingBy = Option<OrganizationID>(
    "by", value: "org",
    help: "The principal with overall responsibility for the plan, which closes it.",
    required: true)

  /// `sip close`: the coordinated planning ends (avslut).
  static let close = CommandSpec(
    name: "close",
    abstract: "Close the SIP: goals met, no longer needed, or consent withdrawn (avslut).",
    discussion: """
      Only the principal with overall responsibility for the plan may close it (before that is decided, the initiator). 'goals-met' needs an established plan; 'consent-withdrawn' needs the withdrawal recorded with 'samverkan consent revoke'. Closing shares nothing, so it works after consent is withdrawn.
      """,
    examples: [
      Example(
        "samverkan sip close SIP-3 --reason goals-met --by SF-NORDOST", "The goals are met."),
      Example(
        "samverkan sip close SIP-3 --reason consent-withdrawn --by REGION",
        "The individual withdrew their consent."),
    ],
    options: [closingReason, closingBy, on, note],
    arguments: [sipID]
  ) { call in
    let reason = try call.require(closingReason)
    let by = try call.require(closingBy)
    let date = try call.stepDate(on)
    let remark = try call.value(note)
    return try change(
      call, action: "close", step: "Closing", sharing: .none, on: date,
      authority: { sip in
        // The principal with overall responsibility closes; before one is named, the
        // initiator (as `SIP.close` itself rules).
        AuthorityQuestion(
          step: "sip close", action: "close \(sip.id?.description ?? "the SIP")",
          organizations: [sip.overallResponsible ?? sip.initiator],
          organizationRole: sip.overallResponsible == nil
            ? "the initiator" : "the principal with overall responsibility")
      }
    ) {
      sip, context in
      try sip.requireOpen("closing it")
      try sip.close(on: date, reason: reason, by: by, note: remark, reader: context.reader)
      return Change(event: "SIP avslutad: \(reason.label)", note: remark)
    }
  }

  static let declineReason = CommonOptions.reason.help(
    "Why the SIP is refused (required: it must be documented)."
  ).required

  /// `sip decline`: refuse the individual a SIP — exceptional, with the reason documented.
  static let decline = CommandSpec(
    name: "decline",
    abstract: "Refuse the individual a SIP, with the reason (exceptional).",
    discussion:
      "Refusing a SIP should happen only in exceptional cases, and the reason must be documented. Only a SIP whose plan has not been established can be refused; later it is closed.",
    examples: [
      Example(
        "samverkan sip decline SIP-3 --reason 'Behoven rör endast socialtjänsten; ingen hälso- och sjukvård behövs'",
        "Refuses the SIP and documents why.")
    ],
    options: [declineReason, on],
    arguments: [sipID]
  ) { call in
    let reason = try call.require(declineReason)
    guard !reason.isBlank else {
      throw SamverkanError.invalidValue(
        reason, option: declineReason.spec.usage,
        reason: "the reason for refusing a SIP must be documented")
    }
    let date = try call.stepDate(on)
    let code = try change(call, action: "decline", step: "Declining", sharing: .none, on: date) {
      sip, _ in
      try sip.requireOpen("declining it")
      if sip.wasEverEstablished {
        throw SamverkanError.refused(
          "\(sip.name)'s plan has been established; a SIP under way is closed, not refused: 'samverkan sip close \(sip.name) --reason … --by …'."
        )
      }
      sip.refusal = SIPRefusal(date: date, reason: reason, recordedBy: call.actor)
      return Change(event: "SIP nekad", note: reason)
    }
    call.note(
      "Note: refusing a SIP should happen only in exceptional cases; the reason is documented on the SIP and in its history."
    )
    return code
  }
}

extension SIP {
  /// Closes the SIP after checking who closes it and that the reason fits (exit 77).
  mutating func close(
    on date: CivilDate, reason: SIPClosingReason, by: OrganizationID, note: String?,
    reader: StoreReader
  ) throws {
    if let responsible = overallResponsible {
      guard responsible.contains(by) else {
        throw SamverkanError.refused(
          "Only the principal with overall responsibility for \(name) (\(responsible)) may close it; \(by) may not. The overall-responsible principal calls the follow-ups and documents the closing."
        )
      }
    } else if !initiator.contains(by) {
      throw SamverkanError.refused(
        "No principal has taken the overall responsibility for \(name) yet, so the initiator (\(initiator)) closes it; \(by) may not."
      )
    }
    if reason == .goalsMet, !wasEverEstablished {
      throw SamverkanError.refused(
        "\(name) never had an established plan with goals, so its goals cannot be met; close it with 'no-longer-needed' or 'consent-withdrawn'."
      )
    }
    if reason == .consentWithdrawn, !consentWasWithdrawn(by: date, reader: reader) {
      let which =
        consent.map { "\($0), the consent \(name) relies on, is not revoked" }
        ?? "none of the person's consents for SIP is revoked"
      throw SamverkanError.refused(
        "\(name) cannot close with 'consent-withdrawn': \(which) by \(date). Record the withdrawal first with 'samverkan consent revoke'."
      )
    }
    closing = SIPClosing(date: date, reason: reason, by: by, note: note)
  }
}

extension SIPCommand {
  static let changeNote = CommonOptions.note.help("What changed in the person's life.").required
  static let meetBy = Option<CivilDate>(
    "meet-by", value: "date",
    help: "The day the parties meet by to follow up (default 14 days after the change).")
  static let changedOn = Option<CivilDate>(
    "on", value: "date", help: "The day of the change (default today).")

  /// `sip significant-change`: the person's life changed; the parties meet again.
  static let significantChange = CommandSpec(
    name: "significant-change",
    abstract:
      "Record a significant change in the person's life; it calls the parties to a follow-up.",
    discussion:
      "Seed 004: when the person's life changes significantly, those responsible meet to follow up the work. The SIP's next follow-up moves to --meet-by (default 14 days after the change) when that is earlier, so 'sip due' lists it; record the meeting with 'sip follow-up'.",
    examples: [
      Example(
        "samverkan sip significant-change SIP-3 --note 'Har förlorat sin bostad' --meet-by 2026-12-10",
        "The parties meet by 10 December.")
    ],
    options: [changeNote, meetBy, changedOn],
    arguments: [sipID]
  ) { call in
    let note = try call.require(changeNote).trimmingCharacters(in: .whitespacesAndNewlines)
    guard !note.isEmpty else {
      throw SamverkanError.invalidValue(
        "", option: changeNote.spec.usage, reason: "say what changed in the person's life")
    }
    let date = try call.value(changedOn) ?? call.clock.today
    guard date <= call.clock.today else {
      throw SamverkanError.invalidValue(
        date.description, option: changedOn.spec.usage,
        reason: "it is after today (\(call.clock.today)); record a change once it has happened")
    }
    let meeting = try call.value(meetBy) ?? date.adding(days: 14)
    guard meeting >= date else {
      throw SamverkanError.invalidValue(
        meeting.description, option: meetBy.spec.usage,
        reason: "the follow-up meeting comes after the change (\(date))")
    }
    return try change(
      call, action: "significant-change", step: "Recording a change for", sharing: .always,
      on: date
    ) { sip, _ in
      try sip.requireOpen("a significant change")
      guard sip.establishedOn != nil else {
        throw SamverkanError.refused(
          "\(sip.name) has no established plan yet; take the change into the plan being made ('sip need', 'sip goal', 'sip intervention')."
        )
      }
      sip.significantChanges.append(
        SIPSignificantChange(date: date, note: note, meetBy: meeting, by: call.actor))
      if sip.followUpDate.map({ meeting < $0 }) ?? true { sip.followUpDate = meeting }
      return Change(
        event: "Väsentlig förändring: \(note); uppföljande möte senast \(meeting)", note: nil)
    }
  }
}
