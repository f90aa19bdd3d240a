import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanStore

extension DeviationCommand {
  /// `deviation report [<id>]`: part 1 of the form, new or completing a draft.
  enum Report {
    static let draftID = Argument<String>(
      "id",
      help:
        "A draft (or a report without part 2) to complete or correct, e.g. DEV-12; leave out to write a new report.",
      required: false, completion: .dynamic("ids:DEV")
    ).recordID(of: [.deviation])
    static let reportingUnit = Option<OrganizationID>(
      "reporting-unit", value: "org",
      help:
        "The unit that noticed the deviation and fills in part 1, e.g. SF-NORDOST/BOU (required for a new report)."
    )
    static let concernedUnits = ListOption<OrganizationID>(
      "units", value: "org",
      help:
        "The units the deviation concerns (vilka verksamheter som avvikelsen avser): at least one besides the reporting unit."
    )
    static let category = Option<String>(
      "category", value: "category",
      help:
        "The category: absence-without-valid-reason, routine-not-followed, late-notice, no-response or other (the profile's list).",
      completion: DeviationCommand.category.spec.completion)
    static let what = Option<String>(
      "what", value: "text", help: "What happened (händelsen som avvikelsen gäller).")
    static let perceived = Option<String>(
      "perceived", value: "text", help: "How the reporting unit perceived what happened.")
    static let improvement = Option<String>(
      "improvement", value: "text", help: "A suggested improvement (förbättringsförslag).")
    static let reporterName = Option<String>(
      "name", value: "name", help: "The reporter's name (namn).")
    static let reporterTitle = Option<String>(
      "title", value: "title",
      help: "The reporter's title, at least biträdande enhetschef (titel).",
      completion: title.spec.completion)
    static let from = Option<RecordID>(
      "from", value: "id",
      help:
        "The SP, SIP, transfer or escalation the deviation arose in, e.g. SP-3 (only the link is kept; nothing is copied from it).",
      completion: .dynamic("ids:SP,SIP,TRF,ESC"))
    static let draft = Flag(
      "draft", help: "Save part 1 as a draft, unfinished and not yet sent to the other unit.")
    static let ref = Option<String>(
      "ref", value: "ref", help: "An external reference (the ID in another system).")

    static let spec = CommandSpec(
      name: "report",
      abstract: "Write part 1, Rapportering av avvikelse (a new report, or complete a draft).",
      discussion: """
        Part 1 is filled in by the unit that noticed the deviation, by at least an assistant unit manager (lägst av biträdande enhetschef): which units it concerns, what happened and how the reporting unit perceived it, a suggested improvement, name, title and date. Without --draft every part is required and the report is sent (state 'reported'); then contact the same level at the other unit and fill in part 2 together with 'deviation respond'.
        With an ID the options complete or correct a draft, or a reported report that has no part 2 yet. --from links the SP, SIP, transfer or escalation where it happened, e.g. absence from an SP meeting without a valid reason; nothing is copied from that record. Never write a personnummer: a report is about units and routines, not persons.
        """,
      examples: [
        Example(
          "samverkan deviation report --reporting-unit SF-NORDOST/BOU --units FFS --category absence-without-valid-reason --from SP-3 --what 'Kallad till SP-möte 2026-09-10, ingen kom.' --perceived 'Planeringen försenades en månad.' --improvement 'Bekräfta kallelser inom en vecka.' --name 'Karin Lund' --title 'biträdande enhetschef'",
          "Reports a deviation from SP-3 and prints its ID, e.g. DEV-1."),
        Example(
          "samverkan deviation report --draft --reporting-unit SF-NORDOST/BOU --what 'Ingen avisering.'",
          "Starts a draft to finish later."),
        Example(
          "samverkan deviation report DEV-4 --units FFS --category late-notice --perceived '…' --improvement '…' --name 'Karin Lund' --title enhetschef",
          "Completes draft DEV-4 and reports it."),
      ],
      options: [
        reportingUnit, concernedUnits, category, what, perceived, improvement, reporterName,
        reporterTitle, date, from, draft, ref,
      ],
      arguments: [draftID]
    ) { call in try run(call) }

    static func run(_ call: Invocation) throws -> Int32 {
      let profile = try call.profile()
      let existingID =
        try call.value(draftID) == nil ? nil : try call.recordID(draftID, kind: .deviation)
      let keepDraft = call.isSet(draft)
      let givenUnit = try call.value(reportingUnit)
      let givenUnits = try call.values(concernedUnits)
      let givenCategory = try call.value(Self.category).map {
        try DeviationCommand.category(named: $0, call)
      }
      let givenTitle = try call.value(reporterTitle).map { try DeviationCommand.title($0, call) }
      let givenDate = try call.value(date)
      let givenFrom = try call.value(from)
      // With a register part 1 is signed by the user sending it: the name and title are theirs.
      let reporter = try call.registeredUser()
      if let reporter, !keepDraft {
        if let typed = try DeviationCommand.text(reporterName, call), typed != reporter.name {
          throw SamverkanError.usage(
            "\(reporterName.spec.usage) cannot name someone else when the store has a user register: part 1 is signed by the user reporting it (\(reporter.summary)). Leave it out."
          )
        }
        if let givenTitle, givenTitle != reporter.title {
          throw SamverkanError.usage(
            "\(reporterTitle.spec.usage) cannot differ from your title in the user register (\(reporter.title)). Leave it out."
          )
        }
      }
      let report = try call.store().write { writer in
        var report: DeviationReport
        var previous: DeviationReport?
        if let existingID {
          let stored = try DeviationCommand.loadForChange(existingID, writer, call)
          previous = stored
          report = stored
          if stored.state != .draft, stored.hasResponse || stored.state != .reported {
            throw SamverkanError.refused(
              "\(existingID) is \(stored.state.rawValue) and part 2 has been written in answer to part 1, so part 1 can no longer change. Revise part 2 with 'samverkan deviation respond \(existingID) …' if needed."
            )
          }
          if stored.state == .reported, keepDraft {
            throw SamverkanError.refused(
              "\(existingID) was reported on \(stored.reportedOn.map(\.description) ?? "?") and the other unit has been told; it cannot go back to being a draft. Leave out --draft to correct part 1."
            )
          }
          if let givenUnit { report.reportingUnit = givenUnit }
        } else {
          guard let givenUnit else {
            throw SamverkanError.missingOption(option: reportingUnit.spec.usage)
          }
          report = DeviationReport(reportingUnit: givenUnit)
        }
        if call.isGiven(concernedUnits) { report.units = givenUnits }
        if let givenCategory { report.category = givenCategory }
        if let text = try DeviationCommand.text(what, call) { report.event = text }
        if let text = try DeviationCommand.text(perceived, call) { report.perception = text }
        if let text = try DeviationCommand.text(improvement, call) { report.improvement = text }
        if let text = try DeviationCommand.text(reporterName, call) { report.reporterName = text }
        if let givenTitle { report.reporterTitle = givenTitle }
        if let givenFrom { report.from = givenFrom }
        if let text = try DeviationCommand.text(ref, call) { report.ref = text }
        if let givenDate { report.reportedOn = givenDate }
        if !keepDraft {
          if let reporter {
            // A draft may be prepared by anyone; sending it is the reporting unit's
            // manager's step.
            try call.authorize(
              AuthorityQuestion(
                step: "deviation report",
                action: "report a deviation for \(report.reportingUnit)",
                organizations: [report.reportingUnit], organizationRole: "the reporting unit"))
            report.reporterName = reporter.name
            report.reporterTitle = reporter.title
          }
          report.state = .reported
          if report.reportedOn == nil { report.reportedOn = call.clock.today }
        }
        let what =
          existingID.map { "\($0) cannot be \(keepDraft ? "saved" : "reported")" }
          ?? "The deviation cannot be \(keepDraft ? "saved as a draft" : "reported")"
        try DeviationCommand.refuseIfAny(
          report.problems(previous: previous, in: try call.ruleContext(writer)), what)
        let action = keepDraft ? "draft" : "report"
        if previous != nil {
          try writer.update(
            report, action: previous?.state == .draft && !keepDraft ? "report" : action)
        } else {
          report = try writer.insert(report, action: action)
        }
        return report
      }
      let id = try report.savedID
      try call.writeCreated(try report.json, masking: .none)
      if report.state == .draft {
        let gaps = report.part1Gaps().map(\.what)
        call.note(
          gaps.isEmpty
            ? "Saved \(id) as a draft. Report it with 'samverkan deviation report \(id)'."
            : "Saved \(id) as a draft. Still needed before it can be reported: \(gaps.joined(separator: "; "))."
        )
      } else {
        let due = report.responseDue(profile.deviation).map(\.description) ?? "?"
        call.note(
          "Reported \(id). Next: contact the same level (at least \(profile.deviation.minimumTitle)) at \(DeviationCommand.names(report.otherUnits)) and fill in part 2 together: 'samverkan deviation respond \(id) --summary …'. The answer is due by \(due)."
        )
      }
      return ExitCode.success
    }
  }
}
