import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanStore

extension SPCommand {
  /// `sp goal`: a goal of the plan.
  enum Goal {
    static let term = Option<GoalTerm>(
      "term", value: "term", help: "Whether it is a short- or a long-term goal, if you say.")

    static let spec = CommandSpec(
      name: "goal",
      abstract: "Record a goal of the plan (mål).",
      discussion: """
        The documentation of coordinated interventions includes the goal (seed 003: mål, insats, ansvar, tid); the plan needs at least one before it is sent for approval. --term short|long says the horizon, if you want to. --remove N takes out the Nth goal.
        """,
      examples: [
        Example(
          "samverkan sp goal SP-3 'Har ett eget boende med det stöd som behövs' --term long",
          "A long-term goal."),
        Example("samverkan sp goal SP-3 --remove 1", "Removes the first goal."),
      ],
      options: [term, PlanItems.remove] + legalGroundOptions,
      arguments: [spID, PlanItems.text]
    ) { call in try run(call) }

    static func run(_ call: Invocation) throws -> Int32 {
      let (added, removed) = try PlanItems.textOrRemoval(call, adding: "goal")
      let term = try call.value(Self.term)
      if removed != nil, term != nil {
        throw SamverkanError.usage("--term goes with a goal to add, not with --remove.")
      }
      let plan = try changePlan(call, action: "goal") { documented, previous in
        if let removed {
          try PlanItems.remove(
            removed, from: &documented.goals, what: "goals", of: previous.idText)
        } else if let added {
          documented.goals.append(PlanGoal(added, term: term))
        }
      }
      noteMissing(call, plan)
      return ExitCode.success
    }
  }
}
