import Foundation
import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanStore

extension EscalateCommand {
  /// `escalate raise <id>`: to the next level, when that level's requirements are met.
  enum Raise {
    static let report = Option<String>(
      "report", value: "file",
      help: "The written report (skriftlig rapportering) as a text file; '-' reads standard input.",
      completion: .file)

    static let spec = CommandSpec(
      name: "raise",
      abstract:
        "Raise a matter to the next level (level 2 needs an attempt; level 3 a report and every party's agreement).",
      discussion: """
        Level 2 (biträdande enhetschef) needs a recorded attempt by the caseworkers ('escalate attempt'). Above level 2 a matter goes up only when the meeting at its level has been held without deciding it: the samverkansmöte it was registered for has taken place, or the meeting of level 3 is recorded with 'escalate held'. Level 3 (enhetschef) is raised in writing, and everyone must agree: give --report with the written report, after every party's agreement is recorded ('escalate agree'). What each level needs comes from the profile.
        Raising a named matter above the assistant unit managers' level shares information between the administrations: it needs the person's consent for the purpose 'consultation' covering every party, or --legal-ground. Anonymous consultations and matters within one administration need neither.
        The ongoing interventions stay with the responsible unit while the matter is open.
        """,
      examples: [
        Example("samverkan escalate raise ESC-1", "Raises ESC-1 from level 1 to level 2."),
        Example(
          "samverkan escalate raise ESC-1 --report rapport.txt",
          "Raises ESC-1 from level 2 to level 3 with the written report in rapport.txt."),
        Example(
          "printf 'Bitr. enhetschefer är oeniga om …' | samverkan escalate raise ESC-1 --report -",
          "The report from standard input."),
      ],
      options: [
        report, note, by, legalGroundOption, legalGroundNoteOption, legalGroundConditionOption,
      ],
      arguments: [id]
    ) { call in try run(call) }

    static func run(_ call: Invocation) throws -> Int32 {
      let matterID = try call.recordID(id, kind: .escalation)
      let reportText = try call.value(report).map { try readReport($0, call: call) }
      let profile = try call.profile()
      var reached = 0
      let matter = try change(
        call, matterID, action: "raise", refusal: "\(matterID) cannot be raised",
        authority: { matter in
          // The level that could not solve it hands it up.
          atCurrentLevel(
            "escalate raise", "raise \(matterID) from \(levelName(matter.level, profile))", matter,
            profile)
        }
      ) {
        matter, writer in
        let previous = matter
        let next = previous.level + 1
        guard let target = profile.escalation.level(next) else {
          throw SamverkanError.refused(
            "\(matterID) is at the last level, \(levelName(previous.level, profile)); it can only be decided ('samverkan escalate resolve \(matterID) --decision …') or withdrawn."
          )
        }
        var missing = try missingToRaise(previous, to: target, report: reportText)
        let registration = profile.escalation.registrationLevel
        if previous.level >= registration,
          !previous.meetingHeld(
            at: previous.level, by: call.clock.today, registrationLevel: registration)
        {
          missing.insert(
            previous.level == registration
              ? "the \(profile.escalation.level(registration)?.forum ?? "meeting") at level \(registration), held without a decision: register the matter ('samverkan escalate register \(matterID) --meeting DATE') and raise it after that meeting, or record a meeting held with 'samverkan escalate held \(matterID)'"
              : "the meeting at level \(previous.level) (\(profile.escalation.level(previous.level)?.forum ?? "")), held without a decision: record it with 'samverkan escalate held \(matterID) --on DATE'",
            at: 0)
        }
        if !missing.isEmpty {
          throw SamverkanError.incomplete(
            "\(matterID) cannot be raised to \(levelName(next, profile))", missing: missing)
        }
        var raise = EscalationRaise(
          level: next, date: call.clock.today, by: try call.decider(by),
          report: reportText, note: try call.value(note))
        if previous.sharingNeedsBasis, next > profile.escalation.registrationLevel {
          let basis = try share(
            call, previous, writer: writer, step: "raise",
            hint: "Anonymous consultations need no consent ('samverkan escalate open --anonymous')."
          )
          switch basis {
          case .consent(let consent, _): raise.consent = consent
          case .legalGround(let use): raise.legalGround = use
          }
        }
        matter.raises.append(raise)
        matter.level = next
        reached = next
        return "raised to \(levelName(next, profile))"
      }
      let forum = profile.escalation.level(reached).map { " for the \($0.forum)" } ?? ""
      call.note("Raised \(matterID) to \(levelName(reached, profile))\(forum).")
      if reached == profile.escalation.registrationLevel {
        call.note(
          "Register it for a meeting by \(profile.escalation.registrationDeadline) \(profile.escalation.registrationDaysBefore == 1 ? "the" : "\(profile.escalation.registrationDaysBefore)") \(profile.escalation.registrationOnWorkingDays ? "working " : "")day\(profile.escalation.registrationDaysBefore == 1 ? "" : "s") before: 'samverkan escalate register \(matterID) --meeting DATE'."
        )
      }
      call.note(responsibilityNote(matter, profile))
      return ExitCode.success
    }

    /// What a raise to `target` still lacks, each with how to give it.
    static func missingToRaise(_ matter: Escalation, to target: EscalationLevel, report: String?)
      throws -> [String]
    {
      var missing: [String] = []
      let id = try matter.savedID
      for requirement in target.requires {
        switch requirement {
        case .attempt where matter.attempts.isEmpty:
          missing.append(
            "the caseworkers' own attempt to solve it: they must have talked and tried first ('samverkan escalate attempt \(id) --note …')"
          )
        case .report where report.isBlank:
          missing.append(
            "a written report: the matter is raised in writing (--report FILE, or --report - to read standard input)"
          )
        case .agreement:
          for party in matter.partiesWithoutAgreement {
            missing.append(
              "the agreement of \(party) that the matter is raised ('samverkan escalate agree \(id) --party \(party) --by NAME')"
            )
          }
        default:
          break
        }
      }
      return missing
    }

  }
}
