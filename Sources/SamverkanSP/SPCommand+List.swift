import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanJSON
import SamverkanStore

extension SPCommand {
  static let state = Option<CoordinatedPlan.State>(
    "state", value: "state", help: "Only SPs in this state.")
  static let openOnly = Flag("open", help: "Only SPs not yet closed.")
  static let consultations = Flag(
    "consultations", help: "Anonymous consultations (KONS-…) instead of SPs.")

  /// The filter `list` and `export` share for SPs.
  static let filter = StandardVerbs.Filter<CoordinatedPlan>(
    options: [person, organization, state, openOnly]
  ) { call, _ in
    let person = try call.value(Self.person)
    let organization = try call.value(Self.organization)
    let state = try call.value(Self.state)
    let openOnly = call.isSet(Self.openOnly)
    guard person != nil || organization != nil || state != nil || openOnly else { return nil }
    return { plan in
      (person.map { $0 == plan.person } ?? true)
        && (organization.map { plan.administration(matching: $0) != nil } ?? true)
        && (state.map { $0 == plan.state } ?? true)
        && (!openOnly || plan.isOpen)
    }
  }

  /// The filter for consultations: the administration asking or consulted.
  static let consultationFilter = StandardVerbs.Filter<Consultation>(
    options: [organization]
  ) { call, _ in
    guard let organization = try call.value(Self.organization) else { return nil }
    return { consultation in
      ([consultation.askedBy] + consultation.consulted).contains {
        $0.organization == organization.organization
      }
    }
  }

  /// Refuses SP-only filters given with `--consultations`, which records no person or state.
  static func checkConsultationFilters(_ call: Invocation) throws {
    let spOnly: [any OptionDeclaration] = [person, state, openOnly]
    if let given = spOnly.first(where: { call.isGiven($0) }) {
      throw SamverkanError.usage(
        "'--\(given.spec.name)' does not apply to anonymous consultations: they record no person and no state. Filter them with --org."
      )
    }
  }

  /// `sp list`: SPs (or consultations), filtered.
  static let list = CommandSpec(
    name: "list",
    abstract: "List SPs, filtered by person, administration or state; or anonymous consultations.",
    examples: [
      Example(
        "samverkan sp list --open --org FFS", "The SPs FFS takes part in that are not closed."),
      Example("samverkan sp list --person 19900101-2385", "One person's SPs."),
      Example(
        "samverkan sp list --consultations --org FFS", "Anonymous consultations involving FFS."),
    ],
    options: filter.options + [consultations] + ListOptions.all
  ) { call in
    try call.store().read { reader in
      if call.isSet(consultations) {
        try checkConsultationFilters(call)
        let test = try consultationFilter.make(call, reader)
        try call.writeList(
          columns: Consultation.listColumns, fields: Consultation.fieldNames, masking: .none
        ) { emit in
          for consultation in try reader.records(Consultation.self)
          where test?(consultation) ?? true {
            try emit(try consultation.json)
          }
        }
        return
      }
      let test = try filter.make(call, reader)
      // One person's SPs come from the person index, not a walk of every SP.
      let plans =
        try call.value(person).map { try reader.records(CoordinatedPlan.self, person: $0) }
        ?? reader.records(CoordinatedPlan.self)
      try call.writeList(
        columns: CoordinatedPlan.listColumns, fields: CoordinatedPlan.fieldNames,
        masking: try call.masking(reader)
      ) { emit in
        for plan in plans where test?(plan) ?? true {
          try emit(try plan.json)
        }
      }
    }
    return ExitCode.success
  }

  static let within = Option<DateOffset>(
    "within", value: "offset",
    help:
      "Also what falls due within this span from today, e.g. 14d or 2w (default: only what is due today or earlier)."
  )

  /// `sp due`: what needs doing.
  static let due = CommandSpec(
    name: "due",
    abstract:
      "List SPs never summoned, follow-ups due, plans waiting for approval, and meetings to record.",
    discussion: """
      summons: an SP created but never summoned (days = days since it was created). answer: a summoned administration that has not answered the summons (sp answer) by the reply-by date, or without one the first proposed time. follow-up: an established plan whose next follow-up is due. approval: a plan sent for approval that an administration has not answered (days = days waiting). meeting: a summoned SP whose last proposed meeting time has passed without the meeting being recorded. consent: an open SP whose consent was withdrawn, expired or is overdue for review, with no other consent covering it: every sharing step is refused until new consent is given (or the SP is closed). days is the number of days since the date; negative when it is still ahead.
      """,
    examples: [
      Example("samverkan sp due", "Everything due today or overdue."),
      Example(
        "samverkan sp due --within 2w --org FFS", "What concerns FFS in the coming two weeks."),
    ],
    options: [within, organization]
  ) { call in
    let today = call.clock.today
    let limit = try call.value(within)?.after(today) ?? today
    let organization = try call.value(Self.organization)
    let columns = [
      Column("id", "ID"), Column("person", "PERSON"), Column("personName", "NAME"),
      Column("due", "DUE"), Column("administration", "ADMINISTRATION"), Column("date", "DATE"),
      Column("days", "DAYS"),
    ]
    try call.store().read { reader in
      var items: [DueItem] = []
      let profile = try call.profile()
      for plan in try reader.records(CoordinatedPlan.self)
      where organization.map({ plan.administration(matching: $0) != nil }) ?? true {
        items += try DueItem.items(
          for: plan, until: limit, today: today, reader: reader, profile: profile)
      }
      items.sort { ($0.date, $0.plan.id!, $0.due) < ($1.date, $1.plan.id!, $1.due) }
      try call.writeList(
        columns: columns, fields: columns.map(\.field), masking: try call.masking(reader)
      ) { emit in
        for item in items where organization.map({ item.concerns($0) }) ?? true {
          try emit(item.json(today: today))
        }
      }
    }
    return ExitCode.success
  }
}

/// One thing `sp due` lists.
struct DueItem {
  let plan: CoordinatedPlan
  /// `summon`, `follow-up`, `approval`, `meeting`, or `consent`: the consent relied on stops
  /// covering and no other does, so every sharing step is blocked until new consent.
  let due: String
  /// The administration concerned: the one to answer, or the one driving the SP.
  let administration: OrganizationID
  let date: CivilDate
  /// Why, for a plan blocked by its consent.
  var detail: String? = nil

  /// What is due on an SP by `limit`: its step by the routine's order, and — for an open SP
  /// whose consent stops covering with no other consent in its place — the block.
  static func items(
    for plan: CoordinatedPlan, until limit: CivilDate, today: CivilDate, reader: StoreReader,
    profile: Profile
  ) throws -> [DueItem] {
    var items = steps(for: plan, until: limit)
    if plan.isOpen, let person = plan.person, let consent = plan.consents.last,
      let block = SharingGate.block(
        reliedOn: consent,
        request: SharingRequest(
          step: SPCommand.sharingStep(.followUp), person: person, from: plan.initiator,
          to: plan.others, date: today, today: today),
        consents: try reader.records(Consent.self, person: person), until: limit,
        profile: profile)
    {
      items.append(
        DueItem(
          plan: plan, due: "consent", administration: plan.initiator, date: block.since,
          detail: block.reason))
    }
    return items
  }

  /// The SP's next step by the routine: the summons as early as possible once it is
  /// created, the other administrations' answers, the follow-up, the meeting.
  static func steps(for plan: CoordinatedPlan, until limit: CivilDate) -> [DueItem] {
    switch plan.state {
    case .created:
      guard plan.createdOn <= limit else { return [] }
      // The summons goes out "så tidigt som möjligt" (seed 000): an SP never summoned is due
      // from the day it was created.
      return [
        DueItem(plan: plan, due: "summons", administration: plan.initiator, date: plan.createdOn)
      ]
    case .submitted:
      let sent = plan.submissions.last!.date
      return plan.awaitingApproval.map {
        DueItem(plan: plan, due: "approval", administration: $0, date: sent)
      }
    case .established:
      guard let next = plan.nextFollowUp, next <= limit else { return [] }
      return [DueItem(plan: plan, due: "follow-up", administration: plan.initiator, date: next)]
    case .summoned:
      var items: [DueItem] = []
      // Each summoned administration answers by the reply-by date (without one, before
      // the first proposed time): one that has not is due 'answer'.
      if let summons = plan.summons,
        let answerBy = summons.replyBy ?? summons.proposedTimes.map(\.date).min(),
        answerBy <= limit
      {
        items += summons.unanswered(among: plan.others).map {
          DueItem(plan: plan, due: "answer", administration: $0, date: answerBy)
        }
      }
      if let last = plan.summons?.proposedTimes.map(\.date).max(), last <= limit {
        items.append(
          DueItem(plan: plan, due: "meeting", administration: plan.initiator, date: last))
      }
      return items
    default:
      return []
    }
  }

  /// Whether the item concerns an administration: the one named, or any for the SP's own
  /// follow-ups and meetings.
  func concerns(_ organization: OrganizationID) -> Bool {
    due == "approval" || due == "answer"
      ? administration.organization == organization.organization
      : plan.administration(matching: organization) != nil
  }

  func json(today: CivilDate) -> JSONValue {
    var object: [String: JSONValue] = [
      "id": .string(plan.idText), "due": .string(due),
      "administration": .string(administration.value), "date": .string(date.description),
      "days": .integer(date.days(until: today)),
    ]
    if let person = plan.person { object["person"] = .string(person.longForm) }
    if let name = plan.personName { object["personName"] = .string(name) }
    if let detail { object["detail"] = .string(detail) }
    return .object(object)
  }
}
