import Foundation
import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanStore

extension EscalateCommand {
  /// `escalate held <id>`: the meeting at the matter's level was held without a decision.
  enum Held {
    static let on = CommonOptions.stepDate("the meeting was held")

    static let spec = CommandSpec(
      name: "held",
      abstract: "Record that the meeting at the matter's level was held without a decision.",
      discussion:
        "Levels 3 and 4 meet when called (seed 001); a matter moves up only when the meeting at its level could not decide it. At level 2 the samverkansmöte the matter was registered for counts once it has taken place.",
      examples: [
        Example(
          "samverkan escalate held ESC-1 --on 2026-12-14 --note 'Enhetscheferna kom inte överens'",
          "ESC-1's level-3 meeting was held; it can now be raised to level 4.")
      ],
      options: [on, note, by],
      arguments: [id]
    ) { call in try run(call) }

    static func run(_ call: Invocation) throws -> Int32 {
      let matterID = try call.recordID(id, kind: .escalation)
      let profile = try call.profile()
      let date = try call.stepDate(Self.on)
      _ = try change(
        call, matterID, action: "held", refusal: "\(matterID) cannot record the meeting"
      ) {
        matter, _ in
        let reachedOn = matter.raises.last?.date ?? matter.openedOn
        guard matter.level >= profile.escalation.registrationLevel else {
          throw SamverkanError.refused(
            "\(matterID) is at \(levelName(matter.level, profile)), where the caseworkers talk without a meeting; record their attempt with 'samverkan escalate attempt \(matterID) --note …'."
          )
        }
        guard date >= reachedOn else {
          throw SamverkanError.refused(
            "\(matterID) reached level \(matter.level) on \(reachedOn); a meeting on \(date) was before that."
          )
        }
        matter.meetings.append(
          EscalationMeeting(
            level: matter.level, date: date, by: try call.value(by) ?? call.actor,
            note: try call.value(note)))
        return "meeting at \(levelName(matter.level, profile)) held on \(date) without a decision"
      }
      call.note(
        "\(matterID): the meeting on \(date) is recorded as held without a decision; raise the matter with 'samverkan escalate raise \(matterID)' if the next level is to decide it."
      )
      return ExitCode.success
    }
  }
}
