import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanStore

extension EscalateCommand {
  /// `escalate agree <id>`: one party's agreement that the matter is raised to level 3.
  enum Agree {
    static let party = Option<OrganizationID>(
      "party", value: "org", help: "The party that agrees: one of the matter's parties.",
      required: true)

    static let spec = CommandSpec(
      name: "agree",
      abstract: "Record a party's agreement that the matter is raised (needed for level 3).",
      discussion:
        "Seed 001: when the assistant unit managers cannot solve a matter it is raised to the unit managers; it must be clear to everyone that it is raised, and everyone must agree. Record each party's agreement, then 'raise' with the written report.",
      examples: [
        Example(
          "samverkan escalate agree ESC-1 --party FFS --by 'Karin Ek'",
          "FFS agrees that ESC-1 is raised to level 3.")
      ],
      options: [party, by, note],
      arguments: [id]
    ) { call in try run(call) }

    static func run(_ call: Invocation) throws -> Int32 {
      let matterID = try call.recordID(id, kind: .escalation)
      let given = try call.require(Self.party)
      let profile = try call.profile()
      var remaining: [OrganizationID] = []
      try change(
        call, matterID, action: "agree", refusal: "The agreement cannot be recorded",
        authority: { _ in
          AuthorityQuestion(
            step: "escalate agree", action: "agree for \(given) that \(matterID) is raised",
            organizations: [given], organizationRole: "the party agreeing")
        }
      ) {
        matter, _ in
        let previous = matter
        guard let target = profile.escalation.level(previous.level + 1),
          target.requires.contains(.agreement)
        else {
          let current = levelName(previous.level, profile)
          guard
            let needing = profile.escalation.levels.first(where: {
              $0.number > previous.level && $0.requires.contains(.agreement)
            })
          else {
            throw SamverkanError.refused(
              "\(matterID) is at \(current); no higher level needs the parties' agreement.")
          }
          throw SamverkanError.refused(
            "\(matterID) is at \(current); the parties agree just before it is raised to \(levelName(needing.number, profile)). Raise it to level \(needing.number - 1) first."
          )
        }
        guard let party = previous.party(for: given) else {
          throw SamverkanError.invalidValue(
            given.value, option: Self.party.spec.usage,
            reason:
              "it is not a party to \(matterID). Please provide one of \(quotedList(previous.parties.map(\.value)))."
          )
        }
        if let earlier = previous.agreements.first(where: { $0.party == party }) {
          throw SamverkanError.refused(
            "\(party) agreed already, on \(earlier.date) (\(earlier.by)); nothing was changed.")
        }
        matter.agreements.append(
          EscalationAgreement(
            party: party, by: try call.decider(by), date: call.clock.today,
            note: try call.value(note)))
        remaining = matter.partiesWithoutAgreement
        return "\(party) agrees to raising it to \(levelName(target.number, profile))"
      }
      if remaining.isEmpty {
        call.note(
          "Every party has agreed. Raise it with the written report: 'samverkan escalate raise \(matterID) --report FILE'."
        )
      } else {
        call.note("Still to agree: \(remaining.map(\.value).joined(separator: ", ")).")
      }
      return ExitCode.success
    }
  }
}
