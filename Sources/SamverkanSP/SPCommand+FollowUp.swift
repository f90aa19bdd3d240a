import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanStore

extension SPCommand {
  /// `sp follow-up`: a follow-up of the established plan.
  enum FollowUp {
    static let findings = CommonOptions.note.help("What the follow-up found and agreed.")
      .required
    static let next = Option<CivilDate>(
      "next", value: "date", help: "The next follow-up, if one is planned, e.g. +3m.")

    static let spec = CommandSpec(
      name: "follow-up",
      abstract: "Record a follow-up of the established plan, and when the next one is.",
      discussion: """
        The plan is followed up as needed until a long-term solution is reached. Follow-ups are recorded beside the write-protected plan; the plan itself does not change. Without --next no further follow-up is planned ('sp due' stops listing it). Refused (exit 77) before the plan is established, or when consent no longer covers the SP.
        """,
      examples: [
        Example(
          "samverkan sp follow-up SP-3 --note 'Boendestödet är igång; fortsatt samordning' --next +3m",
          "Records today's follow-up; the next is due in three months.")
      ],
      options: [
        findings, next, on, legalGroundOption, legalGroundNoteOption, legalGroundConditionOption,
      ],
      arguments: [spID]
    ) { call in try run(call) }

    static func run(_ call: Invocation) throws -> Int32 {
      let date = try call.stepDate(on)
      let plan = try change(
        call, step: .followUp, action: "follow-up",
        refusal: { id in "The follow-up of \(id) cannot be recorded" }
      ) { plan, previous, writer in
        let basis = try sharingBasis(call, previous, writer: writer, step: .followUp, on: date)
        plan.rely(on: basis, for: .followUp)
        plan.followUp(
          CoordinatedPlan.FollowUp(
            date: date, note: try text(call, findings) ?? "",
            next: try call.value(next), by: call.actor))
        return ChangeNote()
      }
      call.note(
        plan.nextFollowUp.map { "Follow-up recorded; the next is on \($0)." }
          ?? "Follow-up recorded; no further follow-up is planned. Close the SP with 'samverkan sp close \(plan.idText) --reason …' when the need has ended."
      )
      return ExitCode.success
    }
  }
}
