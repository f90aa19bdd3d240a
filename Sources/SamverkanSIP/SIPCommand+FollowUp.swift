import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanStore

extension SIPCommand {
  /// `sip follow-up`: record a follow-up and what it decided.
  enum FollowUp {
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
      help:
        "With --outcome close: the principal documenting its closing (default: your organization in the user register)."
    )

    static let spec = CommandSpec(
      name: "follow-up",
      abstract: "Record a follow-up of the plan and its outcome (uppföljning).",
      discussion: """
        Every SIP is followed up, after the meeting, from the plan as it was established. The outcome is one of:
        continue: the plan goes on; give the next follow-up date with --next.
        revise: the plan is revised; change it with need, goal, intervention and responsible, then establish it again as the next version.
        new-plan: a new plan is made from scratch and established as the next version.
        close: the SIP closes; give --reason, and --by for the principal documenting its closing. Each other principal taking part documents its own with 'sip close'; the SIP is closed when all have.
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
    ) { call in try run(call) }

    static func run(_ call: Invocation) throws -> Int32 {
      let decided = try call.require(outcome)
      let date = try call.stepDate(on)
      let nextDate = try call.value(next)
      let place = try call.value(nextPlace)
      let reason = try call.value(closeReason)
      let givenBy = try call.value(closedBy)
      let remark = try call.value(note)
      switch decided {
      case .continue:
        if nextDate == nil { throw SamverkanError.missingOption(option: next.spec.usage) }
      case .revise, .newPlan:
        break
      case .close:
        if reason == nil { throw SamverkanError.missingOption(option: closeReason.spec.usage) }
        if nextDate != nil || place != nil {
          throw SamverkanError.usage(
            "A SIP that closes has no next follow-up: leave out --next and --place.")
        }
      }
      if decided != .close, reason != nil || givenBy != nil {
        throw SamverkanError.usage("--reason and --by go with --outcome close.")
      }
      // The closing a follow-up decides: the reason, and the principal documenting it.
      let closingBy = decided == .close ? try closingPrincipal(call, closedBy) : nil
      var followed: SIP?
      let code = try change(
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
          guard let reason, let closingBy else {
            throw SamverkanError.missingOption(option: closeReason.spec.usage)
          }
          try sip.close(
            on: date, reason: reason, by: closingBy, note: remark, reader: context.reader)
        }
        sip.followUps.append(record)
        followed = sip
        return Change(event: "Uppföljning: \(decided.label)", note: remark)
      }
      if let sip = followed { call.noteClosing(of: sip) }
      return code
    }
  }
}
