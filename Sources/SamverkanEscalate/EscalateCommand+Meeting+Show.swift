import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanJSON
import SamverkanStore

extension EscalateCommand.Meeting {
  /// `escalate meeting show MTG-n [--format md]`.
  enum Show {
    // MARK: - show and list

    static let spec = CommandSpec(
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
      arguments: [EscalateCommand.Meeting.id],
      documentFormats: [.md]
    ) { call in try run(call) }

    static func run(_ call: Invocation) throws -> Int32 {
      let id = try call.recordID(EscalateCommand.Meeting.id, kind: .meeting)
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
            registered.append(try matter.savedID)
          }
        }
        var transfers: [TransferOutlook] = []
        if meeting.inventory {
          transfers = try EscalateCommand.Meeting.comingTransfers(
            for: meeting, reader: reader, call: call)
          if meeting.minutes != nil {
            // As the minutes recorded them: the ones inventoried, as they stand.
            var stored: [(id: RecordID, transfer: TransferOutlook)] = []
            try reader.forEachRawRecord(of: .transfer) { recordID, raw in
              if meeting.inventoried.contains(recordID) {
                stored.append(
                  (recordID, try JSONValueDecoder().decode(TransferOutlook.self, from: raw)))
              }
            }
            transfers = stored.sorted {
              ($0.transfer.dueDate, $0.id) < ($1.transfer.dueDate, $1.id)
            }
            .map(\.transfer)
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
  }
}
