import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanStore

extension EscalateCommand {
  /// `escalate attempt <id>`: the caseworkers' own attempt, needed before level 2.
  enum Attempt {
    static let note = CommonOptions.note.help("What the caseworkers talked about and tried.")
      .required
    static let date = Option<CivilDate>(
      "on", value: "date", help: "When they talked (default today; not in the future).")

    static let spec = CommandSpec(
      name: "attempt",
      abstract: "Record that the caseworkers talked and tried to solve the matter themselves.",
      discussion:
        "Seed 001: before a matter is raised to the assistant unit managers, the caseworkers must have talked with each other and tried to sort out the difficulties on their own. 'raise' to level 2 is refused until an attempt is recorded.",
      examples: [
        Example(
          "samverkan escalate attempt ESC-1 --note 'Telefonmöte mellan handläggarna; oenighet om vem som ansvarar för boendestödet.'",
          "Records today's attempt on ESC-1."),
        Example(
          "samverkan escalate attempt ESC-1 --on 2026-11-20 --by 'Eva Lind' --note 'Gemensamt möte utan lösning.'",
          "An attempt made earlier, recorded now."),
      ],
      options: [note, date, by],
      arguments: [id]
    ) { call in try run(call) }

    static func run(_ call: Invocation) throws -> Int32 {
      let matterID = try call.recordID(id, kind: .escalation)
      let date = try call.value(Self.date) ?? call.clock.today
      try change(
        call, matterID, action: "attempt", refusal: "The attempt cannot be recorded"
      ) {
        matter, _ in
        matter.attempts.append(
          EscalationAttempt(
            date: date, by: try call.decider(by), note: try call.require(Self.note)))
        return "caseworkers' attempt on \(date)"
      }
      return ExitCode.success
    }
  }
}
