import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanStore

extension SPCommand {
  /// `sp submit`: send the plan to the other administrations for approval.
  enum Submit {
    static let spec = CommandSpec(
      name: "submit",
      abstract: "Send the documented plan to the other administration(s) for approval.",
      discussion: """
        The plan is sent for approval before it is established. Sending it is the discovering administration's own approval; each other administration then approves or rejects it with 'sp approve' or 'sp reject'. Refused (exit 77) while the plan lacks an administration's responsibility, an intervention or a follow-up date (all listed at once), or when consent no longer covers the SP.
        """,
      examples: [
        Example(
          "samverkan sp submit SP-3",
          "Sends SP-3's plan for approval; 'sp due' lists it until every administration has answered."
        )
      ],
      options: [
        on, caseworker, legalGroundOption, legalGroundNoteOption, legalGroundConditionOption,
      ],
      arguments: [spID]
    ) { call in try run(call) }

    static func run(_ call: Invocation) throws -> Int32 {
      let date = try call.stepDate(on)
      let plan = try change(
        call, step: .submit, action: "submit",
        refusal: { id in "The plan of \(id) cannot be sent for approval" }
      ) { plan, previous, writer in
        let basis = try sharingBasis(call, previous, writer: writer, step: .submit, on: date)
        plan.rely(on: basis, for: .submit)
        try plan.submit(
          on: date, by: try text(call, caseworker) ?? previous.caseworker ?? call.actor)
        return ChangeNote()
      }
      call.note(
        "Sent the plan of \(plan.idText) for approval to \(names(plan.others)). It is established when each has approved ('samverkan sp approve \(plan.idText) --org …')."
      )
      return ExitCode.success
    }
  }
}
