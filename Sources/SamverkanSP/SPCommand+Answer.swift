import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanStore

extension SPCommand {
  /// `sp answer SP-n --from ORG --by NAME`: a summoned administration's answer.
  enum Answer {
    static let from = Option<OrganizationID>(
      "from", value: "org", help: "The summoned administration that answers, e.g. FFS.",
      required: true)
    static let by = Option<String>(
      "by", value: "name", help: "Who answered and comes to the meeting.", required: true)
    static let time = Option<LocalDateTime>(
      "time", value: "datetime",
      help: "The time that suits, one of the proposed ones or another (YYYY-MM-DDTHH:MM).")

    static let spec = CommandSpec(
      name: "answer",
      abstract: "Record a summoned administration's answer: who comes, and which time suits.",
      discussion: """
        The summons asks each administration to say which of the proposed times suits, or to propose another, by its reply-by date. Until an administration has answered, 'sp due' lists the summons as due 'answer' for it from the reply-by date (or, without one, the first proposed time). An administration answers once; the answers are recorded until the meeting is held.
        """,
      examples: [
        Example(
          "samverkan sp answer SP-3 --from FFS --by 'Lena Berg' --time 2026-12-02T10:00",
          "FFS's socialsekreterare comes at the first proposed time.")
      ],
      options: [from, by, time, on, note],
      arguments: [spID]
    ) { call in try run(call) }

    static func run(_ call: Invocation) throws -> Int32 {
      let administration = try call.require(Self.from)
      let date = try call.stepDate(on)
      let plan = try change(
        call, step: .answer, action: "answer",
        refusal: { id in "The answer to the summons of \(id) cannot be recorded" },
        authority: { plan in
          AuthorityQuestion(
            step: "sp answer", action: "record \(administration)'s answer for \(plan.idText)",
            organizations: [administration], organizationRole: "the answering administration")
        }
      ) { plan, previous, _ in
        guard var summons = previous.summons else {
          throw SamverkanError.internalError("a summoned SP without a summons")
        }
        guard
          let party = previous.others.first(where: {
            $0.organization == administration.organization
          })
        else {
          throw SamverkanError.refused(
            "\(administration) is not summoned to \(previous.idText)'s meeting (\(names(previous.others)) are)."
          )
        }
        if let earlier = summons.answered.first(where: {
          $0.administration.organization == party.organization
        }) {
          throw SamverkanError.refused(
            "\(party) already answered the summons of \(previous.idText) on \(earlier.date) (\(earlier.by)); nothing was changed."
          )
        }
        summons.answers =
          summons.answered + [
            CoordinatedPlan.SummonsAnswer(
              administration: party, date: date, by: try call.require(Self.by),
              time: try call.value(Self.time), note: try text(call, note))
          ]
        plan.summons = summons
        return ChangeNote(event: "Svar på kallelsen från \(party)")
      }
      let waiting = plan.summons?.unanswered(among: plan.others) ?? []
      call.note(
        waiting.isEmpty
          ? "Every summoned administration has answered \(plan.idText)'s summons."
          : "Still to answer the summons of \(plan.idText): \(names(waiting)).")
      return ExitCode.success
    }
  }
}
