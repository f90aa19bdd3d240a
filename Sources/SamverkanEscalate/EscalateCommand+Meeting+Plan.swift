import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanJSON
import SamverkanStore

extension EscalateCommand.Meeting {
  /// `escalate meeting plan --date D`.
  enum Plan {
    // MARK: - plan

    static let meetingDate = Option<CivilDate>(
      "date", value: "date", help: "The meeting's date, today or later.", required: true)
    static let plannedType = Option<MeetingType>(
      "type", value: "type",
      help:
        "reconciliation (avstämningsmöte) or collaboration (samverkansmöte); by default the other kind than the month before."
    )
    static let participant = ListOption<String>(
      "participant", value: "unit=name",
      help:
        "An assistant unit manager taking part, e.g. 'SF-NORDOST/BOU=Karin Ek'; repeat for each (default: those of the meeting before).",
      commaSeparated: false)
    static let noteTaker = Option<String>(
      "note-taker", value: "name",
      help:
        "Who writes the minutes (default: the next participant after the one who wrote them last time)."
    )
    static let jointQuestion = ListOption<String>(
      "question", value: "text",
      help: "A joint question for discussion (gemensam fråga); repeat for each.",
      commaSeparated: false)
    static let place = Option<String>("place", value: "text", help: "Where the meeting is held.")

    static let spec = CommandSpec(
      name: "plan",
      abstract: "Plan the month's meeting: its kind, participants, note-taker and joint questions.",
      discussion: """
        One meeting a month, and avstämningsmöte and samverkansmöte take turns: a month's second meeting, or a kind the same as the month before or after, is refused (exit 77). Without --type the meeting is the other kind than its neighbour (an avstämningsmöte when there is none).
        The minutes are written in turn: the note-taker is never the one who wrote the minutes of the meeting before; by default it is the next participant after them. Participants are given as 'UNIT=Name'; without --participant those of the meeting before take part.
        The first avstämningsmöte of a term holds the inventory of the coming transfers.
        """,
      examples: [
        Example(
          "samverkan escalate meeting plan --date 2027-01-14 --question 'Trender: fler unga med missbruk'",
          "Plans January's meeting with the participants of December's."),
        Example(
          "samverkan escalate meeting plan --date 2027-02-11 --type collaboration --note-taker 'Per Holm'",
          "A samverkansmöte with Per Holm taking the minutes."),
      ],
      options: [
        meetingDate, plannedType, participant, noteTaker, jointQuestion, place,
        EscalateCommand.note,
      ]
    ) { call in try run(call) }

    static func run(_ call: Invocation) throws -> Int32 {
      let date = try call.require(meetingDate)
      let today = call.clock.today
      guard date >= today else {
        throw SamverkanError.invalidValue(
          call.text(meetingDate) ?? date.description, option: meetingDate.spec.usage,
          reason: "it is before today (\(today)); plan a coming meeting")
      }
      var given: [MeetingParticipant] = []
      for text in try call.values(participant) {
        given.append(try parseParticipant(text, call: call))
      }
      let questions = try call.values(jointQuestion)
      var meeting: ManagersMeeting?
      var masking = Masking.none
      try call.store().write { writer in
        let others = try writer.records(ManagersMeeting.self)
        let before = others.filter { $0.date < date }.max { $0.date < $1.date }
        let neighbour = others.filter { abs($0.date.monthIndex - date.monthIndex) == 1 }
          .min { $0.date < $1.date }
        let type =
          try call.value(plannedType)
          ?? (neighbour.map { $0.type == .reconciliation ? .collaboration : .reconciliation }
            ?? .reconciliation)
        let participants = given.isEmpty ? (before?.participants ?? []) : given
        guard !participants.isEmpty else {
          throw SamverkanError.usage(
            "No meeting before this one names its participants: give each with --participant 'UNIT=Name'."
          )
        }
        let taker =
          try call.value(noteTaker) ?? nextNoteTaker(after: before, among: participants)
        let inventory =
          type == .reconciliation
          && !others.contains { $0.inventory && $0.date.term == date.term }
        var planned = ManagersMeeting(
          date: date, type: type, place: try call.value(place), participants: participants,
          noteTaker: EscalateCommand.Meeting.participant(taker, in: participants),
          questions: questions,
          inventory: inventory, plannedOn: today, plannedBy: call.actor,
          note: try call.value(EscalateCommand.note))
        try planned.problems(previous: nil, in: try call.ruleContext(writer))
          .throwIfAny("The meeting on \(date) cannot be planned")
        planned = try writer.insert(
          planned, action: "plan", event: "\(type.swedish) planerat \(date)")
        meeting = planned
        masking = try call.masking(writer)
      }
      guard let meeting else { return ExitCode.success }
      try call.writeCreated(try meeting.json, masking: masking)
      call.note(
        "Planned \(try meeting.savedID): the \(meeting.type.swedish) on \(meeting.date)\(meeting.type == .reconciliation ? " (mandatory for every assistant unit manager)" : ""); \(meeting.noteTaker) takes the minutes."
      )
      if meeting.inventory {
        call.note(
          "It is the first avstämningsmöte of \(meeting.date.termName): its agenda holds the inventory of the coming transfers ('samverkan escalate meeting show \(try meeting.savedID) --format md')."
        )
      }
      return ExitCode.success
    }

    /// `UNIT=Name`, as `sip attendance --attended` reads it.
    static func parseParticipant(_ text: String, call: Invocation) throws -> MeetingParticipant {
      let parts = text.split(separator: "=", maxSplits: 1).map {
        $0.trimmingCharacters(in: .whitespaces)
      }
      guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
        throw SamverkanError.invalidValue(
          text, option: participant.spec.usage,
          reason: "give the unit and the name as 'UNIT=Name', e.g. 'SF-NORDOST/BOU=Karin Ek'")
      }
      let unit: OrganizationID
      do {
        unit = try OrganizationID.parse(parts[0], in: try call.valueContext())
      } catch let error as ValueError {
        throw SamverkanError.invalidValue(
          text, option: participant.spec.usage, reason: error.description)
      }
      return MeetingParticipant(name: parts[1], unit: unit)
    }

    /// The participant after the one who wrote the minutes of `before`; the first one when
    /// there is no meeting before or that person no longer takes part.
    static func nextNoteTaker(
      after before: ManagersMeeting?, among participants: [MeetingParticipant]
    )
      -> String
    {
      guard let before else { return participants[0].name }
      let wrote = (before.minutes?.by ?? before.noteTaker).lowercased()
      guard let index = participants.firstIndex(where: { $0.name.lowercased() == wrote }) else {
        return participants[0].name
      }
      return participants[(index + 1) % participants.count].name
    }

  }
}
