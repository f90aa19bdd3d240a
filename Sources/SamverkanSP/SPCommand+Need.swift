import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanStore

extension SPCommand {
  /// `sp need`: one of the individual's needs. The plan's items are the SIP's shapes
  /// (SamverkanDomain/PlanContent.swift), read the same way (PlanItems).
  enum Need {
    static let spec = CommandSpec(
      name: "need",
      abstract: "Record one of the individual's needs in the plan (den enskildes behov).",
      discussion: """
        The plan describes the individual's current needs, as far as the consent allows. Add one need at a time; --remove N takes out the Nth as 'sp show' lists them. Recorded after the SP meeting and until the plan is sent for approval (again after a rejection); an established plan is write-protected (exit 77).
        """,
      examples: [
        Example(
          "samverkan sp need SP-3 'Stöd i att klara vardagen i egen lägenhet'", "Adds a need."),
        Example("samverkan sp need SP-3 --remove 2", "Removes the second need."),
      ],
      options: [PlanItems.remove] + legalGroundOptions,
      arguments: [spID, PlanItems.text]
    ) { call in try run(call) }

    static func run(_ call: Invocation) throws -> Int32 {
      let (added, removed) = try PlanItems.textOrRemoval(call, adding: "need")
      let plan = try changePlan(call, action: "need") { documented, previous in
        if let removed {
          try PlanItems.remove(
            removed, from: &documented.needs, what: "needs", of: previous.idText)
        } else if let added {
          documented.needs.append(PlanNeed(added))
        }
      }
      noteMissing(call, plan)
      return ExitCode.success
    }
  }
}
