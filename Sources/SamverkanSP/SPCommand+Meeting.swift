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
      "Next: document the plan with 'samverkan sp plan \(plan.idText) --responsibility ORG:… --intervention ORG:… --follow-up DATE'."
    )
    return ExitCode.success
  }

  static let responsibility = ListOption<String>(
    "responsibility", value: "org: text",
    help:
      "What one administration is responsible for, e.g. 'FFS: Boendestöd och kontakt med gode mannen'; one per administration.",
    commaSeparated: false)
  static let intervention = ListOption<String>(
    "intervention", value: "org: text",
    help:
      "An agreed intervention and the administration responsible, e.g. 'SF-NORDOST: Samtalsstöd varannan vecka'; repeat for each.",
    commaSeparated: false)
  static let followUpDate = Option<CivilDate>(
    "follow-up", value: "date", help: "When the plan is followed up, e.g. 2027-03-01 or +3m.")
  static let followUpNote = Option<String>(
    "follow-up-note", value: "text", help: "How it is followed up, e.g. 'Nytt SP-möte, digitalt'.")

  /// `sp plan`: the plan as documented in the SP template.
  static let plan = CommandSpec(
    name: "plan",
    abstract: "Document the plan: responsibility split, agreed interventions, follow-up.",
    discussion: """
      Each option given replaces that part of the plan: all --responsibility together, all --intervention together, --follow-up and --follow-up-note. Revise the plan this way after the meeting, or after an administration rejected it; an established plan is write-protected and cannot be changed (exit 77).
      Before the plan can be sent for approval it needs every administration's responsibility, at least one intervention and a follow-up date.
      """,
    examples: [
      Example(
        "samverkan sp plan SP-3 --responsibility 'SF-NORDOST: Samordnar och håller kontakten med den enskilde' --responsibility 'FFS: Utreder och beslutar om boendestöd' --intervention 'FFS: Boendestöd, två tillfällen i veckan' --follow-up 2027-03-01",
        "Documents the plan; then 'sp submit SP-3' sends it for approval.")
    ],
    options: [
      responsibility, intervention, followUpDate, followUpNote, legalGroundOption,
      legalGroundNoteOption, legalGroundConditionOption,
    ],
    arguments: [spID]
  ) { call in
    let profile = try call.profile()
    func parts(_ option: ListOption<String>, example: String) throws -> [CoordinatedPlan.Part]? {
      guard call.isGiven(option) else { return nil }
      return try call.values(option).map { text in
        let (administration, value) = try administrationPart(
          text, option: option.spec, profile: profile, example: example)
        return CoordinatedPlan.Part(administration: administration, text: value)
      }
    }
    let responsibilities = try parts(responsibility, example: "FFS: Boendestöd")
    let interventions = try parts(intervention, example: "FFS: Boendestöd två gånger i veckan")
    let followUp = try call.value(followUpDate)
    let followUpText = try call.value(followUpNote)
    guard responsibilities != nil || interventions != nil || followUp != nil || followUpText != nil
    else {
      throw SamverkanError.usage(
        "Nothing to document: give --responsibility, --intervention, --follow-up or --follow-up-note."
      )
    }
    let plan = try change(
      call, step: .plan, action: "plan",
      refusal: { id in "The plan of \(id) cannot be documented" }
    ) { plan, previous, writer in
      let basis = try sharingBasis(
        call, previous, writer: writer, step: .plan, on: call.clock.today)
      plan.rely(on: basis, for: .plan)
      func own(_ parts: [CoordinatedPlan.Part]) -> [CoordinatedPlan.Part] {
        parts.map {
          CoordinatedPlan.Part(
            administration: previous.administration(matching: $0.administration)
              ?? $0.administration,
            text: $0.text)
        }
      }
      var documented =
        previous.plan ?? CoordinatedPlan.Plan(documentedOn: call.clock.today)
      documented.documentedOn = call.clock.today
      if let responsibilities { documented.responsibilities = own(responsibilities) }
      if let interventions { documented.interventions = own(interventions) }
      if let followUp { documented.followUp = followUp }
      if let followUpText {
        documented.followUpNote = followUpText.isEmpty ? nil : followUpText
      }
      plan.document(documented)
      return ChangeNote()
    }
    let missing = plan.missingForApproval
    call.note(
      missing.isEmpty
        ? "The plan of \(plan.idText) is complete. Next: send it for approval with 'samverkan sp submit \(plan.idText)'."
        : "The plan of \(plan.idText) is documented; before it can be sent for approval it still needs:\n"
          + missing.map { "  - \($0)" }.joined(separator: "\n"))
    return ExitCode.success
  }
}
