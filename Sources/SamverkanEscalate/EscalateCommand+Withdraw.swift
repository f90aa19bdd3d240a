import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanStore

extension EscalateCommand {
  /// `escalate withdraw <id>`: the matter is taken back before a decision.
  enum Withdraw {
    static let reason = CommonOptions.reason.help("Why the matter is withdrawn.").required

    static let spec = CommandSpec(
      name: "withdraw",
      abstract: "Withdraw an open matter (it is no longer needed), with the reason.",
      examples: [
        Example(
          "samverkan escalate withdraw ESC-3 --reason 'Löst mellan handläggarna'",
          "Closes ESC-3 without a decision.")
      ],
      options: [reason, by],
      arguments: [id]
    ) { call in try run(call) }

    static func run(_ call: Invocation) throws -> Int32 {
      let matterID = try call.recordID(id, kind: .escalation)
      try change(
        call, matterID, action: "withdraw", refusal: "\(matterID) cannot be withdrawn"
      ) {
        matter, _ in
        matter.withdrawal = EscalationWithdrawal(
          date: call.clock.today, by: try call.decider(by),
          reason: try call.require(reason))
        matter.state = .withdrawn
        return "withdrawn"
      }
      call.note("Withdrew \(matterID).")
      return ExitCode.success
    }
  }
}
