import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanStore

extension SPCommand {
  /// `sp close`: the need for coordination has ended.
  enum Close {
    static let reason = CommonOptions.reason.help("Why the SP ends, documented on it.").required

    static let spec = CommandSpec(
      name: "close",
      abstract:
        "Close the SP when the need for coordination has ended, with the reason documented.",
      discussion: """
        An SP can be closed at any step: when the need ends, or when the person withdraws consent. Closing shares nothing, so it needs no consent. A closed SP cannot change.
        """,
      examples: [
        Example(
          "samverkan sp close SP-3 --reason 'Behovet av samordning har upphört; FFS ansvarar för stödet'",
          "Closes SP-3 today.")
      ],
      options: [reason, on],
      arguments: [spID]
    ) { call in try run(call) }

    static func run(_ call: Invocation) throws -> Int32 {
      let date = try call.stepDate(on)
      guard let why = try text(call, reason) else {
        throw SamverkanError.usage(
          "Missing expected argument '\(reason.spec.usage)': the reason the SP is closed is documented."
        )
      }
      let plan = try change(
        call, step: .close, action: "close",
        refusal: { id in "\(id) cannot be closed" }
      ) { plan, previous, writer in
        plan.close(CoordinatedPlan.Closing(date: date, reason: why, by: call.actor))
        return ChangeNote()
      }
      call.note("Closed \(plan.idText) on \(date).")
      return ExitCode.success
    }
  }
}
