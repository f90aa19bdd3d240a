import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanJSON
import SamverkanStore

extension EscalateCommand {
  static let meetingID = Argument<String>(
    "id", help: "The meeting's ID, e.g. MTG-3.", completion: .dynamic("ids:MTG"))

  /// `escalate meeting`: the assistant unit managers' monthly meetings at level 2.
  static let meetingGroup = CommandSpec(
    name: "meeting",
    abstract:
      "Plan and document the assistant unit managers' monthly meetings (avstämningsmöte, samverkansmöte).",
    discussion: """
      The assistant unit managers meet once a month; the two kinds take turns: a mandatory avstämningsmöte (planned handovers, joint questions, trends) and a samverkansmöte (consultation on individual matters, attended when called). Each meeting keeps its participants, who attended, who writes the minutes — the duty rotates between the participants — and the minutes.
      Once a term (January–June, July–December) the avstämningsmöte holds an inventory of the coming transfers: the first avstämningsmöte planned in a term does, and its document lists them as 'samverkan transfer upcoming' does.
      """,
    examples: [
      Example(
        "samverkan escalate meeting plan --date 2026-12-10 --participant 'SF-NORDOST/BOU=Karin Ek' --participant 'AVO=Per Holm'",
        "Plans the month's meeting; its kind alternates with the month before."),
      Example(
        "samverkan escalate meeting show MTG-3 --format md > anteckningar.md",
        "The meeting's agenda and minutes as a Swedish document."),
    ],
    subcommands: [
      meetingPlan, meetingAttend, meetingMinutes, meetingShow, meetingList,
      StandardVerbs.history(kind: .meeting, command: "escalate meeting"),
      StandardVerbs.export(
        ManagersMeeting.self, filter: meetingFilter, command: "escalate meeting"),
      StandardVerbs.importVerb(ManagersMeeting.self, command: "escalate meeting"),
    ])

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

  /// `escalate meeting plan --date D`.
  static let meetingPlan = CommandSpec(
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
    options: [meetingDate, plannedType, participant, noteTaker, jointQuestion, place, note]
  ) { call in
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
        noteTaker: participant(taker, in: participants), questions: questions,
        inventory: inventory, plannedOn: today, plannedBy: call.actor, note: try call.value(note))
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
      "Planned \(meeting.id!): the \(meeting.type.swedish) on \(meeting.date)\(meeting.type == .reconciliation ? " (mandatory for every assistant unit manager)" : ""); \(meeting.noteTaker) takes the minutes."
    )
    if meeting.inventory {
      call.note(
        "It is the first avstämningsmöte of \(meeting.date.termName): its agenda holds the inventory of the coming transfers ('samverkan escalate meeting show \(meeting.id!) --format md')."
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

  /// The name as the participants spell it, or as given when none matches.
  static func participant(_ name: String, in participants: [MeetingParticipant]) -> String {
    participants.first { $0.name.lowercased() == name.lowercased() }?.name ?? name
  }

  // MARK: - attend

  static let present = ListOption<String>(
    "present", value: "name", help: "A participant who attended; repeat for each.",
    commaSeparated: false)
  static let absent = ListOption<String>(
    "absent", value: "name: reason",
    help:
      "A participant who was absent, with the reason: 'Per Holm: sjuk' (at an avstämningsmöte the reason is required).",
    commaSeparated: false)

  /// `escalate meeting attend MTG-n --present NAME --absent 'NAME: reason'`.
  static let meetingAttend = CommandSpec(
    name: "attend",
    abstract: "Record who attended the meeting, and who was absent and why.",
    discussion: """
      Once the meeting has been held, record every participant as present or absent; a later call changes the names it gives. The avstämningsmöte is mandatory for every assistant unit manager: an absence from it is recorded with its reason.
      """,
    examples: [
      Example(
        "samverkan escalate meeting attend MTG-3 --present 'Karin Ek' --absent 'Per Holm: sjuk'",
        "Karin Ek attended; Per Holm was ill.")
    ],
    options: [present, absent],
    arguments: [meetingID]
  ) { call in
    let id = try call.recordID(meetingID, kind: .meeting)
    var entries: [MeetingPresence] = try call.values(present).map {
      MeetingPresence(name: $0.trimmingCharacters(in: .whitespaces), present: true)
    }
    for text in try call.values(absent) {
      let parts = text.split(separator: ":", maxSplits: 1).map {
        $0.trimmingCharacters(in: .whitespaces)
      }
      entries.append(
        MeetingPresence(
          name: parts[0], present: false,
          reason: parts.count > 1 && !parts[1].isEmpty ? parts[1] : nil))
    }
    guard !entries.isEmpty else {
      throw SamverkanError.usage(
        "Name who attended (--present NAME) or was absent (--absent 'NAME: reason').")
    }
    let meeting = try call.change(
      ManagersMeeting.self, id, action: "attend",
      refusal: "The attendance of \(id) cannot be recorded"
    ) { meeting, _, _ in
      entries = entries.map { entry in
        var entry = entry
        entry.name = participant(entry.name, in: meeting.participants)
        return entry
      }
      for entry in entries {
        meeting.attendance.removeAll { $0.name.lowercased() == entry.name.lowercased() }
        meeting.attendance.append(entry)
      }
      return ChangeNote(
        event: "närvaro: "
          + entries.map { "\($0.name) \($0.present ? "närvarande" : "frånvarande")" }
          .joined(separator: ", "))
    }
    let missing = meeting.withoutAttendance.map(\.name)
    call.note(
      missing.isEmpty
        ? "Attendance of \(id) is complete. Next: \(meeting.attended(meeting.noteTaker) ? meeting.noteTaker : "a participant who was there") records the minutes ('samverkan escalate meeting minutes \(id) --file anteckningar.txt')."
        : "Attendance still to record for \(missing.joined(separator: ", ")).")
    return ExitCode.success
  }

  // MARK: - minutes

  static let minutesFile = Option<String>(
    "file", value: "file", help: "The minutes as a text file; '-' reads standard input.",
    completion: .file)
  static let minutesText = Option<String>("text", value: "text", help: "The minutes as text.")
  static let minutesBy = Option<String>(
    "by", value: "name",
    help: "Who wrote them (default the note-taker; another participant only when they were absent)."
  )

  /// `escalate meeting minutes MTG-n --file F`.
  static let meetingMinutes = CommandSpec(
    name: "minutes",
    abstract:
      "Record the meeting's minutes, written by its note-taker; the meeting is then closed.",
    discussion: """
      The minutes come after every participant's attendance is recorded, and are written by the meeting's note-taker — or, when the note-taker was absent, by another participant who was there. For the avstämningsmöte with the term's inventory the coming transfers are kept with the minutes as they stood that day. Afterwards the meeting does not change.
      """,
    examples: [
      Example(
        "samverkan escalate meeting minutes MTG-3 --file anteckningar.txt",
        "The note-taker's minutes from a file."),
      Example(
        "printf 'Överlämningar våren 2027 gicks igenom.' | samverkan escalate meeting minutes MTG-3 --file -",
        "The minutes from standard input."),
    ],
    options: [minutesFile, minutesText, minutesBy],
    arguments: [meetingID]
  ) { call in
    let id = try call.recordID(meetingID, kind: .meeting)
    let text: String
    switch (try call.value(minutesFile), try call.value(minutesText)) {
    case (let path?, nil): text = try readReport(path, call: call)
    case (nil, let given?): text = given
    case (nil, nil):
      throw SamverkanError.usage(
        "Give the minutes with --file FILE (or - for stdin) or --text TEXT.")
    default:
      throw SamverkanError.usage("--file and --text exclude each other: give the minutes once.")
    }
    let today = call.clock.today
    let meeting = try call.change(
      ManagersMeeting.self, id, action: "minutes",
      refusal: "The minutes of \(id) cannot be recorded"
    ) { meeting, writer, _ in
      let by = participant(try call.value(minutesBy) ?? meeting.noteTaker, in: meeting.participants)
      meeting.minutes = MeetingMinutes(text: text, by: by, recordedOn: today)
      if meeting.inventory {
        meeting.inventoried = try comingTransfers(for: meeting, reader: writer, call: call)
          .compactMap(\.id)
      }
      return ChangeNote(event: "minnesanteckningar av \(by)")
    }
    call.note("The minutes of \(id) are recorded by \(meeting.minutes!.by); the meeting is closed.")
    return ExitCode.success
  }

  /// The transfers the term's inventory lists: those `transfer upcoming` lists on the
  /// meeting's day, over the profile's window (9 months in Göteborg).
  static func comingTransfers(
    for meeting: ManagersMeeting, reader: StoreReader, call: Invocation
  ) throws -> [TransferOutlook] {
    var outlooks: [TransferOutlook] = []
    try reader.forEachRawRecord(of: .transfer) { _, raw in
      outlooks.append(try JSONValueDecoder().decode(TransferOutlook.self, from: raw))
    }
    let months = try call.profile().transfer.upcomingMonths
    return TransferOutlook.upcoming(
      outlooks, until: meeting.date.adding(months: months), outlook: { $0 }
    ).map(\.outlook)
  }

  // MARK: - show and list

  /// `escalate meeting show MTG-n [--format md]`.
  static let meetingShow = CommandSpec(
    name: "show",
    abstract: "Show a meeting; --format md renders its agenda and minutes in Swedish.",
    discussion: """
      The document holds the meeting's kind, participants and attendance, the note-taker, the matters registered for it (their details are in 'samverkan escalate agenda --meeting DATE'), the joint questions, for the term's inventory the coming transfers (without names: the ID, units, what is due and when), and the minutes.
      """,
    examples: [
      Example("samverkan escalate meeting show MTG-3", "Shows MTG-3; add --json for JSON."),
      Example(
        "samverkan escalate meeting show MTG-3 --format md > mote.md",
        "The meeting as a Swedish document."),
    ],
    arguments: [meetingID],
    documentFormats: [.md]
  ) { call in
    let id = try call.recordID(meetingID, kind: .meeting)
    try call.store().read { reader in
      let meeting = try reader.require(id, as: ManagersMeeting.self)
      guard try call.outputFormat() == .md else {
        try call.writeRecord(
          try meeting.json, fields: ManagersMeeting.fieldNames, masking: .none)
        return
      }
      var registered: [RecordID] = []
      for matter in try reader.records(Escalation.self) where matter.state != .withdrawn {
        if matter.registrations.contains(where: { $0.meeting == meeting.date }) {
          registered.append(matter.id!)
        }
      }
      var transfers: [TransferOutlook] = []
      if meeting.inventory {
        transfers = try comingTransfers(for: meeting, reader: reader, call: call)
        if meeting.minutes != nil {
          // As the minutes recorded them: the ones inventoried, as they stand.
          var stored: [TransferOutlook] = []
          try reader.forEachRawRecord(of: .transfer) { recordID, raw in
            if meeting.inventoried.contains(recordID) {
              stored.append(try JSONValueDecoder().decode(TransferOutlook.self, from: raw))
            }
          }
          transfers = stored.sorted { ($0.dueDate, $0.id!) < ($1.dueDate, $1.id!) }
        }
      }
      call.stdout.write(
        MeetingDocument(
          meeting: meeting, registered: registered, transfers: transfers,
          profile: try call.profile()
        ).markdown())
    }
    return ExitCode.success
  }

  static let meetingKind = Option<MeetingType>(
    "type", value: "type", help: "Only meetings of this kind.")

  /// The filter `meeting list` and `meeting export` share.
  static let meetingFilter = StandardVerbs.Filter<ManagersMeeting>(options: [meetingKind]) {
    call, _ in
    guard let type = try call.value(Self.meetingKind) else { return nil }
    return { $0.type == type }
  }

  /// `escalate meeting list`.
  static let meetingList = CommandSpec(
    name: "list",
    abstract: "List the meetings by date.",
    examples: [
      Example("samverkan escalate meeting list", "Every meeting, oldest first."),
      Example(
        "samverkan escalate meeting list --type reconciliation --json", "The avstämningsmöten."),
    ],
    options: meetingFilter.options
  ) { call in
    try call.store().read { reader in
      let keep = try meetingFilter.make(call, reader) ?? { _ in true }
      let meetings = try reader.records(ManagersMeeting.self).filter(keep).sorted {
        $0.date < $1.date
      }
      try call.writeList(
        columns: ManagersMeeting.listColumns + [Column("state", "STATE")],
        fields: ManagersMeeting.fieldNames + ["state"], masking: .none
      ) { emit in
        for meeting in meetings {
          guard case .object(var row) = try meeting.json else { continue }
          row["state"] = .string(meeting.stateName)
          try emit(.object(row))
        }
      }
    }
    return ExitCode.success
  }
}
