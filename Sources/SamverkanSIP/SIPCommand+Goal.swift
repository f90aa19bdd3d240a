import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanStore

extension SIPCommand {
  /// `sip goal`: short- and long-term goals.
  enum Goal {
    static let term = Option<SIPGoalTerm>(
      "term", value: "term", help: "A short-term or a long-term goal.")

    static let spec = CommandSpec(
      name: "goal",
      abstract: "Record a short- or long-term goal of the plan (mål).",
      discussion:
        "Both short- and long-term goals should appear in the plan. Goals can change until the plan is established.",
      examples: [
        Example(
          "samverkan sip goal SIP-3 'Har en fungerande dygnsrytm' --term short",
          "A short-term goal."),
        Example("samverkan sip goal SIP-3 'Har ett arbete' --term long", "A long-term goal."),
        Example("samverkan sip goal SIP-3 --remove 1", "Removes the first goal."),
      ],
      options: [term, PlanItems.remove] + sharingOptions,
      arguments: [sipID, PlanItems.text]
    ) { call in try run(call) }

    static func run(_ call: Invocation) throws -> Int32 {
      let (added, removed) = try PlanItems.textOrRemoval(call, adding: "goal")
      let chosenTerm = try call.value(term)
      if added != nil, chosenTerm == nil {
        throw SamverkanError.missingOption(option: term.spec.usage)
      }
      return try change(
        call, action: "goal", step: "Changing the plan of", sharing: .onceShared,
        on: call.clock.today
      ) { sip, _ in
        try sip.requireDraft("changing the goals")
        if let removed {
          try PlanItems.remove(removed, from: &sip.goals, what: "goals", of: sip.name)
        } else if let added, let chosenTerm {
          sip.goals.append(SIPGoal(added, term: chosenTerm))
        }
        return Change()
      }
    }
  }
}
