import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanStore

extension SIPCommand {
  static let meetingAt = Option<LocalDateTime>(
    "at", value: "datetime", help: "When the meeting is, as YYYY-MM-DDTHH:MM.", required: true)
  static let meetingPlace = Option<String>(
    "place", value: "text", help: "Where it is held (for a video meeting: how to join).",
    required: true)
  static let meetingForm = Option<SIPMeetingForm>(
    "form", value: "form", help: "How it is held (default in-person).")

  /// `sip meeting`: book (or move) the SIP meeting.
  static let meeting = CommandSpec(
    name: "meeting",
    abstract: "Book or move the SIP meeting: time, place and form (SIP-möte).",
    discussion:
      "Once parties are summoned or invited the meeting is shared with them, so consent is checked again. A meeting can be moved until the plan is established.",
    examples: [
      Example(
        "samverkan sip meeting SIP-3 --at 2026-12-03T13:00 --place 'Vårdcentralen Angered'",
        "Books the meeting in person."),
      Example(
        "samverkan sip meeting SIP-3 --at 2026-12-03T13:00 --place 'Länk i kallelsen' --form video",
        "A video meeting."),
    ],
    options: [meetingAt, meetingPlace, meetingForm, note] + sharingOptions,
    arguments: [sipID]
  ) { call in
    let at = try call.require(meetingAt)
    let place = try call.require(meetingPlace)
    let form = try call.value(meetingForm) ?? .inPerson
    return try change(
      call, action: "meeting", step: "Booking the meeting of", sharing: .onceShared,
      on: call.clock.today
    ) { sip, _ in
      try sip.requireDraft("moving the meeting")
      if sip.version > 1 {
        throw SamverkanError.refused(
          "\(sip.name) is being revised after the follow-up on \(sip.planMeetingDate!); the revised plan is made at that follow-up, so there is no new SIP meeting to book. Establish the revised plan with 'samverkan sip establish \(sip.name) …'."
        )
      }
      let moved = sip.meeting != nil
      sip.meeting = SIPMeeting(at: at, place: place, form: form)
      return Change(
        event: "\(moved ? "SIP-möte flyttat" : "SIP-möte bokat") till \(at), \(place)",
        note: try call.value(note))
    }
  }

  static let attended = ListOption<String>(
    "attended", value: "org=name",
    help: "Who attended the meeting for a party, e.g. 'REGION=Lars Lind' (repeatable).",
    required: true, commaSeparated: false)

  /// `sip attendance`: who attended the SIP meeting, once it has been held.
  static let attendance = CommandSpec(
    name: "attendance",
    abstract: "Record who attended the SIP meeting; they are the plan's participants.",
    discussion:
      "The plan names those who were at the meeting, not those who answered the invitation (seed 004). Recorded once the meeting has been held; giving it again replaces the list.",
    examples: [
      Example(
        "samverkan sip attendance SIP-3 --attended 'SF-NORDOST=Eva Ek' --attended 'REGION=Lars Lind'",
        "Eva Ek and Lars Lind were at the meeting.")
    ],
    options: [attended],
    arguments: [sipID]
  ) { call in
    let profile = try call.profile()
    let attendees = try call.values(attended).map { (text: String) throws -> SIPAttendee in
      guard let separator = text.firstIndex(of: "=") else {
        throw SamverkanError.invalidValue(
          text, option: attended.spec.usage, reason: "write the party and the name as ORG=name")
      }
      let name = text[text.index(after: separator)...].trimmingCharacters(in: .whitespaces)
      let organization: OrganizationID
      do throws(ValueError) {
        organization = try OrganizationID(parsing: String(text[..<separator]), profile: profile)
      } catch {
        throw SamverkanError.invalidValue(
          text, option: attended.spec.usage, reason: error.description)
      }
      guard !name.isEmpty else {
        throw SamverkanError.invalidValue(
          text, option: attended.spec.usage, reason: "the name after = is empty")
      }
      return SIPAttendee(organization: organization, name: name)
    }
    let now = call.clock.now
    return try change(
      call, action: "attendance", step: "Recording who attended the meeting of", sharing: .none,
      on: call.clock.today
    ) { sip, _ in
      guard var meeting = sip.meeting else {
        throw SamverkanError.refused(
          "\(sip.name) has no meeting yet: book it with 'samverkan sip meeting \(sip.name) --at … --place …', and record who attended once it has been held."
        )
      }
      guard let held = try? meeting.at.instant(), held <= now else {
        throw SamverkanError.refused(
          "The meeting of \(sip.name) is on \(meeting.at): record who attended once it has been held."
        )
      }
      meeting.attendees = attendees
      sip.meeting = meeting
      return Change(
        event:
          "Närvaro vid SIP-möte: \(attendees.map { "\($0.name) (\($0.organization))" }.joined(separator: ", "))",
        note: nil)
    }
  }

  // MARK: - Plan content

  static let text = PlanItems.text
  static let removeItem = PlanItems.remove

  /// Removes item `n` (1-based) of a list, or says which numbers there are.
  static func remove<T>(_ n: Int, from list: inout [T], what: String, of sip: SIP) throws {
    try PlanItems.remove(n, from: &list, what: what, of: sip.name)
  }

  /// Either a text to add or `--remove n`, not both and not neither.
  static func textOrRemoval(_ call: Invocation, adding: String) throws -> (String?, Int?) {
    try PlanItems.textOrRemoval(call, adding: adding)
  }

  static let wish = Flag("wish", help: "The text is one of the individual's wishes (önskemål).")

  /// `sip need`: the individual's needs and wishes.
  static let need = CommandSpec(
    name: "need",
    abstract: "Record one of the individual's needs or wishes (behov och önskemål).",
    discussion:
      "The individual's needs and wishes are documented in the plan, prepared together with them. The plan can change until it is established; after that only through a follow-up that revises it.",
    examples: [
      Example("samverkan sip need SIP-3 'Stöd i att klara vardagen hemma'", "Adds a need."),
      Example("samverkan sip need SIP-3 --wish 'Vill bo kvar i sin lägenhet'", "Adds a wish."),
      Example("samverkan sip need SIP-3 --remove 2", "Removes the second need."),
    ],
    options: [wish, removeItem] + sharingOptions,
    arguments: [sipID, text]
  ) { call in
    let (added, removed) = try textOrRemoval(call, adding: call.isSet(wish) ? "wish" : "need")
    let isWish = call.isSet(wish)
    return try change(
      call, action: "need", step: "Changing the plan of", sharing: .onceShared,
      on: call.clock.today
    ) { sip, _ in
      try sip.requireDraft("changing the needs and wishes")
      if let removed {
        if isWish {
          try remove(removed, from: &sip.wishes, what: "wishes", of: sip)
        } else {
          try remove(removed, from: &sip.needs, what: "needs", of: sip)
        }
      } else if let added {
        if isWish { sip.wishes.append(SIPNeed(added)) } else { sip.needs.append(SIPNeed(added)) }
      }
      return Change()
    }
  }

  static let term = Option<SIPGoalTerm>(
    "term", value: "term", help: "A short-term or a long-term goal.")

  /// `sip goal`: short- and long-term goals.
  static let goal = CommandSpec(
    name: "goal",
    abstract: "Record a short- or long-term goal of the plan (mål).",
    discussion:
      "Both short- and long-term goals should appear in the plan. Goals can change until the plan is established.",
    examples: [
      Example(
        "samverkan sip goal SIP-3 'Har en fungerande dygnsrytm' --term short", "A short-term goal."),
      Example("samverkan sip goal SIP-3 'Har ett arbete' --term long", "A long-term goal."),
      Example("samverkan sip goal SIP-3 --remove 1", "Removes the first goal."),
    ],
    options: [term, removeItem] + sharingOptions,
    arguments: [sipID, text]
  ) { call in
    let (added, removed) = try textOrRemoval(call, adding: "goal")
    let chosenTerm = try call.value(term)
    if added != nil, chosenTerm == nil {
      throw SamverkanError.missingOption(option: term.spec.usage)
    }
    return try change(
      call, action: "goal", step: "Changing the plan of", sharing: .onceShared,
      on: call.clock.today
    ) { sip, _ in
      try sip.requireDraft("changing the goals")
      if let removed {
        try remove(removed, from: &sip.goals, what: "goals", of: sip)
      } else if let added, let chosenTerm {
        sip.goals.append(SIPGoal(added, term: chosenTerm))
      }
      return Change()
    }
  }

  static let interventionResponsible = Option<OrganizationID>(
    "responsible", value: "org",
    help: "The principal or actor responsible for it; it must take part in the SIP.")
  static let interventionBy = Option<CivilDate>(
    "by", value: "date", help: "By when it is done (or next checked).")

  /// `sip intervention`: who does what, and by when.
  static let intervention = CommandSpec(
    name: "intervention",
    abstract: "Record an intervention: what, who is responsible, by when (insats, ansvar, tid).",
    discussion:
      "Interventions are described as concretely as possible. The responsible party is a principal or actor taking part in the SIP (the initiator, or a party summoned or invited).",
    examples: [
      Example(
        "samverkan sip intervention SIP-3 'Boendestöd två gånger i veckan' --responsible SF-NORDOST --by 2027-01-31",
        "Social services' part."),
      Example(
        "samverkan sip intervention SIP-3 'Läkemedelsgenomgång' --responsible REGION --by 2026-12-15",
        "The region's part."),
      Example("samverkan sip intervention SIP-3 --remove 2", "Removes the second intervention."),
    ],
    options: [interventionResponsible, interventionBy, removeItem] + sharingOptions,
    arguments: [sipID, text]
  ) { call in
    let (added, removed) = try textOrRemoval(call, adding: "intervention")
    let responsibleParty = try call.value(interventionResponsible)
    let by = try call.value(interventionBy)
    if added != nil {
      if responsibleParty == nil {
        throw SamverkanError.missingOption(option: interventionResponsible.spec.usage)
      }
      if by == nil { throw SamverkanError.missingOption(option: interventionBy.spec.usage) }
    }
    return try change(
      call, action: "intervention", step: "Changing the plan of", sharing: .onceShared,
      on: call.clock.today
    ) { sip, _ in
      try sip.requireDraft("changing the interventions")
      if let removed {
        try remove(removed, from: &sip.interventions, what: "interventions", of: sip)
      } else if let added, let responsibleParty, let by {
        if !sip.isParty(responsibleParty) {
          throw SamverkanError.refused(
            "\(responsibleParty) takes no part in \(sip.name) (parties: \(sip.parties.map(\.value).joined(separator: ", "))); summon or invite it first with 'samverkan sip invite \(sip.name) --party \(responsibleParty)'."
          )
        }
        sip.interventions.append(SIPIntervention(added, responsible: responsibleParty, by: by))
      }
      return Change()
    }
  }

  static let principalOption = Option<OrganizationID>(
    "principal", value: "org",
    help: "The principal (or its unit) that takes the overall responsibility.", required: true)

  /// `sip responsible`: the principal with overall responsibility for the plan.
  static let responsible = CommandSpec(
    name: "responsible",
    abstract: "Record which principal has overall responsibility for the plan.",
    discussion:
      "Decided at the meeting: the principal the individual has most contact with. It calls the follow-ups, and only it may close the SIP.",
    examples: [
      Example(
        "samverkan sip responsible SIP-3 --principal SF-NORDOST/VUXEN",
        "Social services hold the overall responsibility.")
    ],
    options: [principalOption] + sharingOptions,
    arguments: [sipID]
  ) { call in
    let principal = try call.require(principalOption)
    let profile = try call.profile()
    return try change(
      call, action: "responsible", step: "Changing the plan of", sharing: .onceShared,
      on: call.clock.today
    ) { sip, _ in
      try sip.requireDraft("changing the overall responsibility")
      guard SIP.principal(of: principal, in: profile) != nil else {
        throw SamverkanError.refused(
          "\(principal) is not a principal (huvudman); the overall responsibility for a SIP lies with the municipality or the region."
        )
      }
      guard sip.isParty(principal) else {
        throw SamverkanError.refused(
          "\(principal) takes no part in \(sip.name) (parties: \(sip.parties.map(\.value).joined(separator: ", "))); summon it first with 'samverkan sip invite \(sip.name) --party \(principal)'."
        )
      }
      sip.overallResponsible = principal
      return Change(event: "Övergripande ansvar: \(principal)", note: nil)
    }
  }
}
