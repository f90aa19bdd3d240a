import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanJSON
import SamverkanStore

extension EscalateCommand.Meeting {
  /// `escalate meeting list`.
  enum List {
    static let spec = CommandSpec(
      name: "list",
      abstract: "List the meetings by date.",
      examples: [
        Example("samverkan escalate meeting list", "Every meeting, oldest first."),
        Example(
          "samverkan escalate meeting list --type reconciliation --json", "The avstämningsmöten."),
      ],
      options: EscalateCommand.Meeting.filter.options
    ) { call in try run(call) }

    static func run(_ call: Invocation) throws -> Int32 {
      try call.store().read { reader in
        let keep = try EscalateCommand.Meeting.filter.make(call, reader) ?? { _ in true }
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
}
