import Foundation
import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanStore

extension EscalateCommand {
  static let report = Option<String>(
    "report", value: "file",
    help: "The written report (skriftlig rapportering) as a text file; '-' reads standard input.",
    completion: .file)

  /// `escalate raise <id>`: to the next level, when that level's requirements are met.
  static let raise = CommandSpec(
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
  ) { call in
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
      var missing = missingToRaise(previous, to: target, report: reportText)
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
          hint: "Anonymous consultations need no consent ('samverkan escalate open --anonymous').")
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
    -> [String]
  {
    var missing: [String] = []
    let id = matter.id!
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

  /// The report's text from a file or standard input (`-`): UTF-8, as written.
  static func readReport(_ path: String, call: Invocation) throws -> String {
    let bytes: [UInt8]
    if path == "-" {
      bytes = call.standardInput()
    } else {
      let absolute =
        path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: absolute, isDirectory: &isDirectory),
        !isDirectory.boolValue
      else {
        throw SamverkanError.fileNotFound(path)
      }
      guard let data = FileManager.default.contents(atPath: absolute) else {
        throw SamverkanError.usage("The report '\(path)' cannot be read; check its permissions.")
      }
      bytes = Array(data)
    }
    guard var text = String(validating: bytes, as: UTF8.self) else {
      throw SamverkanError.invalidInput(
        [
          InputProblem(
            source: path, line: nil, field: nil,
            message: "the report is not UTF-8 text; save it as UTF-8 and try again")
        ], omitted: 0)
    }
    if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
    return text
  }
}

extension EscalateCommand {
  static let heldOn = Option<CivilDate>(
    "on", value: "date", help: "The day the meeting was held (default today).")

  /// `escalate held <id>`: the meeting at the matter's level was held without a decision.
  static let held = CommandSpec(
    name: "held",
    abstract: "Record that the meeting at the matter's level was held without a decision.",
    discussion:
      "Levels 3 and 4 meet when called (seed 001); a matter moves up only when the meeting at its level could not decide it. At level 2 the samverkansmöte the matter was registered for counts once it has taken place.",
    examples: [
      Example(
        "samverkan escalate held ESC-1 --on 2026-12-14 --note 'Enhetscheferna kom inte överens'",
        "ESC-1's level-3 meeting was held; it can now be raised to level 4.")
    ],
    options: [heldOn, note, by],
    arguments: [id]
  ) { call in
    let matterID = try call.recordID(id, kind: .escalation)
    let profile = try call.profile()
    let date = try call.value(heldOn) ?? call.clock.today
    guard date <= call.clock.today else {
      throw SamverkanError.invalidValue(
        date.description, option: heldOn.spec.usage,
        reason: "it is after today (\(call.clock.today)); record a meeting once it has been held")
    }
    _ = try change(call, matterID, action: "held", refusal: "\(matterID) cannot record the meeting")
    {
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
