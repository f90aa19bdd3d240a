import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanStore

extension SPCommand {
  static let held = Option<CivilDate>(
    "held", value: "date", help: "The day the meeting was held (default today).")
  static let attendance = ListOption<String>(
    "attendance", value: "org=status",
    help:
      "Each administration's attendance: ORG=present, ORG=absent-valid (absent with a valid reason) or ORG=absent-invalid (absent without one).",
    required: true)
  static let individualAttended = Flag(
    "individual-attended",
    help:
      "The individual (or a relative or representative) took part, as the administrations had jointly judged helpful."
  )

  /// `sp meeting`: the SP meeting as held.
  static let meeting = CommandSpec(
    name: "meeting",
    abstract: "Record the SP meeting: the day and each administration's attendance.",
    discussion: """
      Give the attendance of every administration of the SP. Absence without a valid reason can lead to a deviation report (avvikelse); the command prints how to report it. Recording the meeting again corrects it, until the plan is sent for approval.
      Refused (exit 77) unless consent still covers the SP (on the meeting day and today).
      """,
    examples: [
      Example(
        "samverkan sp meeting SP-3 --held 2026-12-02 --attendance SF-NORDOST=present,FFS=present",
        "Both administrations took part."),
      Example(
        "samverkan sp meeting SP-3 --attendance SF-NORDOST=present --attendance FFS=absent-invalid",
        "FFS stayed away without a valid reason; prints how to report a deviation."),
    ],
    options: [
      held, attendance, individualAttended, note, legalGroundOption, legalGroundNoteOption,
      legalGroundConditionOption,
    ],
    arguments: [spID]
  ) { call in
    let profile = try call.profile()
    let entries = try call.values(attendance).map { text in
      let (administration, statusText) = try administrationPart(
        text, option: attendance.spec, profile: profile, example: "FFS=present")
      guard
        let status = CoordinatedPlan.AttendanceStatus.allCases.first(where: {
          $0.rawValue == statusText.lowercased()
        })
      else {
        throw SamverkanError.invalidValue(
          text, option: attendance.spec.usage,
          reason:
            "'\(statusText)' is not an attendance. Please provide one of \(quotedList(CoordinatedPlan.AttendanceStatus.allCases.map(\.rawValue)))."
        )
      }
      return CoordinatedPlan.Attendance(administration: administration, status: status)
    }
    let heldOn = try call.value(held) ?? call.clock.today
    let plan = try change(
      call, step: .meeting, action: "meeting",
      refusal: { id in "The meeting of \(id) cannot be recorded" }
    ) { plan, previous, writer in
      let basis = try sharingBasis(call, previous, writer: writer, step: .meeting, on: heldOn)
      plan.rely(on: basis, for: .meeting)
      // Attendance is kept under the SP's own IDs for the administrations.
      let attendance = entries.map { entry in
        CoordinatedPlan.Attendance(
          administration: previous.administration(matching: entry.administration)
            ?? entry.administration,
          status: entry.status)
      }
      plan.record(
        CoordinatedPlan.Meeting(
          held: heldOn, attendance: attendance,
          individualAttended: call.isSet(individualAttended), note: try text(call, note)))
      return ChangeNote()
    }
    let absent = plan.meeting!.absentWithoutValidReason
    if !absent.isEmpty {
      call.note(
        "\(names(absent)) stayed away without a valid reason. Every administration is to prioritize the SP meeting; the absence can be reported as a deviation (avvikelse, category absence-without-valid-reason): samverkan deviation report --from \(plan.idText) …"
      )
    }
    call.note(
      "Next: document the plan: 'samverkan sp need|own-view|goal|intervention|contact \(plan.idText) …' and 'samverkan sp plan \(plan.idText) --responsibility ORG:… --follow-up DATE'."
    )
    return ExitCode.success
  }

  static let responsibility = ListOption<String>(
    "responsibility", value: "org: text",
    help:
      "What one administration is responsible for, e.g. 'FFS: Boendestöd och kontakt med gode mannen'; one per administration.",
    commaSeparated: false)
  static let followUpDate = Option<CivilDate>(
    "follow-up", value: "date", help: "When the plan is followed up, e.g. 2027-03-01 or +3m.")
  static let followUpNote = Option<String>(
    "follow-up-note", value: "text", help: "How it is followed up, e.g. 'Nytt SP-möte, digitalt'.")

  /// `sp plan`: the responsibility split and the follow-up of the plan; the needs, own
  /// view, goals, interventions and contacts have verbs of their own.
  static let plan = CommandSpec(
    name: "plan",
    abstract: "Document the plan's responsibility split and follow-up.",
    discussion: """
      Each option given replaces that part of the plan: all --responsibility together, --follow-up and --follow-up-note. The rest of the plan is recorded with 'sp need', 'sp own-view', 'sp goal', 'sp intervention' and 'sp contact'. Revise the plan this way after the meeting, or after an administration rejected it; an established plan is write-protected and cannot be changed (exit 77).
      Before the plan can be sent for approval it needs the individual's needs and own view, at least one goal, every administration's responsibility and named contact, at least one intervention with the administration responsible and its time, and a follow-up date.
      """,
    examples: [
      Example(
        "samverkan sp plan SP-3 --responsibility 'SF-NORDOST: Samordnar och håller kontakten med den enskilde' --responsibility 'FFS: Utreder och beslutar om boendestöd' --follow-up 2027-03-01",
        "Documents the responsibility split and the follow-up.")
    ],
    options: [responsibility, followUpDate, followUpNote] + legalGroundOptions,
    arguments: [spID]
  ) { call in
    let profile = try call.profile()
    var responsibilities: [CoordinatedPlan.Part]?
    if call.isGiven(responsibility) {
      responsibilities = try call.values(responsibility).map { text in
        let (administration, value) = try administrationPart(
          text, option: responsibility.spec, profile: profile, example: "FFS: Boendestöd")
        return CoordinatedPlan.Part(administration: administration, text: value)
      }
    }
    let followUp = try call.value(followUpDate)
    let followUpText = try call.value(followUpNote)
    guard responsibilities != nil || followUp != nil || followUpText != nil else {
      throw SamverkanError.usage(
        "Nothing to document: give --responsibility, --follow-up or --follow-up-note (the needs, own view, goals, interventions and contacts are recorded with 'sp need', 'sp own-view', 'sp goal', 'sp intervention' and 'sp contact')."
      )
    }
    let plan = try changePlan(call, action: "plan") { documented, previous in
      if let responsibilities {
        documented.responsibilities = responsibilities.map {
          CoordinatedPlan.Part(administration: previous.own($0.administration), text: $0.text)
        }
      }
      if let followUp { documented.followUp = followUp }
      if let followUpText {
        documented.followUpNote = followUpText.isEmpty ? nil : followUpText
      }
    }
    noteMissing(call, plan)
    return ExitCode.success
  }
}
