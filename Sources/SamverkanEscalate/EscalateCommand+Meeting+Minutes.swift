import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanJSON
import SamverkanStore

extension EscalateCommand.Meeting {
  /// `escalate meeting minutes MTG-n --file F`.
  enum Minutes {
    // MARK: - minutes

    static let minutesFile = Option<String>(
      "file", value: "file", help: "The minutes as a text file; '-' reads standard input.",
      completion: .file)
    static let minutesText = Option<String>("text", value: "text", help: "The minutes as text.")
    static let minutesBy = Option<String>(
      "by", value: "name",
      help:
        "Who wrote them (default the note-taker; another participant only when they were absent)."
    )

    static let spec = CommandSpec(
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
      arguments: [EscalateCommand.Meeting.id]
    ) { call in try run(call) }

    static func run(_ call: Invocation) throws -> Int32 {
      let id = try call.recordID(EscalateCommand.Meeting.id, kind: .meeting)
      let text: String
      switch (try call.value(minutesFile), try call.value(minutesText)) {
      case (let path?, nil): text = try EscalateCommand.readReport(path, call: call)
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
        let by = EscalateCommand.Meeting.participant(
          try call.value(minutesBy) ?? meeting.noteTaker, in: meeting.participants)
        meeting.minutes = MeetingMinutes(text: text, by: by, recordedOn: today)
        if meeting.inventory {
          meeting.inventoried = try EscalateCommand.Meeting.comingTransfers(
            for: meeting, reader: writer, call: call
          )
          .compactMap(\.id)
        }
        return ChangeNote(event: "minnesanteckningar av \(by)")
      }
      guard let minutes = meeting.minutes else {
        throw SamverkanError.internalError("the minutes of \(id) were recorded but are missing")
      }
      call.note("The minutes of \(id) are recorded by \(minutes.by); the meeting is closed.")
      return ExitCode.success
    }

  }
}
