import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanStore

extension SPCommand {
  /// `sp meeting`: the SP meeting as held.
  enum Meeting {
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

    static let spec = CommandSpec(
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
    ) { call in try run(call) }

    static func run(_ call: Invocation) throws -> Int32 {
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
      var absent: [OrganizationID] = []
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
        let meeting = CoordinatedPlan.Meeting(
          held: heldOn, attendance: attendance,
          individualAttended: call.isSet(individualAttended), note: try text(call, note))
        plan.record(meeting)
        absent = meeting.absentWithoutValidReason
        return ChangeNote()
      }
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
  }
}
