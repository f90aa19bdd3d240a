import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanJSON
import SamverkanStore

extension EscalateCommand.Meeting {
  /// `escalate meeting attend MTG-n --present NAME --absent 'NAME: reason'`.
  enum Attend {
    // MARK: - attend

    static let present = ListOption<String>(
      "present", value: "name", help: "A participant who attended; repeat for each.",
      commaSeparated: false)
    static let absent = ListOption<String>(
      "absent", value: "name: reason",
      help:
        "A participant who was absent, with the reason: 'Per Holm: sjuk' (at an avstämningsmöte the reason is required).",
      commaSeparated: false)

    static let spec = CommandSpec(
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
      arguments: [EscalateCommand.Meeting.id]
    ) { call in try run(call) }

    static func run(_ call: Invocation) throws -> Int32 {
      let id = try call.recordID(EscalateCommand.Meeting.id, kind: .meeting)
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
          entry.name = EscalateCommand.Meeting.participant(entry.name, in: meeting.participants)
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
  }
}
