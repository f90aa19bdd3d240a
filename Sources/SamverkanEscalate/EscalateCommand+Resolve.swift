import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanStore

extension EscalateCommand {
  /// `escalate resolve <id>`: the decision that ends the matter.
  enum Resolve {
    static let decisionText = Option<String>(
      "decision", value: "text", help: "What was decided (beslut).", required: true)
    static let decidingLevel = Option<Int>(
      "level", value: "n",
      help: "The level that decided: the matter's current level (the default), no other.")
    static let actions = ListOption<String>(
      "action", value: "text", help: "An action that follows from the decision (repeatable).")
    static let links = ListOption<RecordID>(
      "link", value: "id",
      help: "A record the decision leads to, e.g. the transfer TRF-5 (repeatable); it must exist.",
      completion: .dynamic("ids:TRF,SIP,SP,DEV"))

    static let spec = CommandSpec(
      name: "resolve",
      abstract: "Record the decision on a matter, the level that took it, and what follows.",
      discussion:
        "Matters are decided at their current level: a matter is raised only when the level below could not decide it, so a lower level cannot decide it afterwards. The decision is made under the delegation rules at the unit where the intervention and delegation are; that unit tells the individual. --link names records that follow from the decision (a transfer, a SIP); each must exist in the store. A decided matter does not change.",
      examples: [
        Example(
          "samverkan escalate resolve ESC-1 --decision 'Ärendet överförs till vuxenenheten' --action 'Överföring från 2027-01-01' --link TRF-5",
          "Decided at the matter's current level; the transfer TRF-5 follows."),
        Example(
          "samverkan escalate resolve ESC-2 --level 2 --decision 'FFS utreder parallellt'",
          "Decided by the assistant unit managers, at whose level the matter is."),
      ],
      options: [decisionText, decidingLevel, actions, links, by],
      arguments: [id]
    ) { call in try run(call) }

    static func run(_ call: Invocation) throws -> Int32 {
      let matterID = try call.recordID(id, kind: .escalation)
      let linked = try call.values(links)
      let profile = try call.profile()
      let resolved = try change(
        call, matterID, action: "resolve", refusal: "\(matterID) cannot be resolved",
        authority: { matter in
          atCurrentLevel(
            "escalate resolve", "decide \(matterID) at \(levelName(matter.level, profile))", matter,
            profile)
        }
      ) {
        matter, writer in
        let previous = matter
        let level = try call.value(decidingLevel) ?? previous.level
        guard profile.escalation.level(level) != nil else {
          throw SamverkanError.invalidValue(
            String(level), option: decidingLevel.spec.usage,
            reason:
              "there is no level \(level); the levels are 1 to \(profile.escalation.levels.count)")
        }
        // Seed 001: a matter goes up because the level below could not decide it, so only the
        // level it has reached decides it now.
        guard level == previous.level else {
          throw SamverkanError.refused(
            "\(matterID) is at \(levelName(previous.level, profile)) and is decided there, not at level \(level): "
              + (level < previous.level
                ? "it was raised because the lower level could not decide it."
                : "raise it first with 'samverkan escalate raise \(matterID)' to have a higher level decide.")
          )
        }
        for link in linked where try !writer.exists(link) {
          throw SamverkanError.recordNotFound(link.description)
        }
        let decision = EscalationDecision(
          text: try call.require(decisionText), level: level, date: call.clock.today,
          by: try call.decider(by), actions: try call.values(actions), links: linked)
        matter.decision = decision
        matter.state = .resolved
        return "decided at \(levelName(level, profile))"
      }
      guard let decision = resolved.decision else {
        throw SamverkanError.internalError("\(matterID) was resolved without a decision")
      }
      call.note(
        "Resolved \(matterID) at \(levelName(decision.level, profile)). The unit where the intervention and delegation are makes the formal decision and tells the individual."
      )
      return ExitCode.success
    }
  }
}
