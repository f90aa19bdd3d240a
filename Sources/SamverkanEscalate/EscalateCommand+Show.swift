import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanJSON
import SamverkanStore

extension EscalateCommand {
  /// `escalate show <id> ...`: matters with every field; an open matter's responsible unit
  /// is repeated on stderr.
  enum Show {
    static let ids = RecordArguments.ids(of: .escalation).help(
      "The matter's ID, e.g. ESC-12; several may be given.")

    static let spec = CommandSpec(
      name: "show", abstract: "Show matters with all their fields.",
      discussion:
        "For an open matter the unit that keeps the ongoing interventions is also named on stderr, so it is never missed. Several IDs are shown one after the other (with --json as an array); if any does not exist, nothing is shown (exit 66).",
      examples: [
        Example("samverkan escalate show ESC-12", "Shows ESC-12; add --json for JSON."),
        Example(
          "samverkan escalate list -q | xargs samverkan escalate show", "Every listed matter."),
      ],
      arguments: [ids]
    ) { call in try run(call) }

    static func run(_ call: Invocation) throws -> Int32 {
      let matterIDs = try call.recordIDs(ids, kinds: [.escalation])
      let profile = try call.profile()
      var matters: [Escalation] = []
      try call.store().read { reader in
        matters = try matterIDs.map { try reader.require($0, as: Escalation.self) }
        try call.writeRecords(
          try matters.map { (try $0.json, Escalation.fieldNames) },
          masking: try call.masking(reader))
        for matter in matters { try call.noteWithdrawals(of: matter, reader: reader) }
      }
      for matter in matters where matter.isOpen && !call.quiet {
        call.note(
          "\(try matter.savedID) is open at \(levelName(matter.level, profile)). "
            + responsibilityNote(matter, profile))
      }
      return ExitCode.success
    }
  }
}
