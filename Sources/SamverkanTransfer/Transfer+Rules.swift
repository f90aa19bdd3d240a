import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanStore

extension Transfer {
  /// The transfer's dates as a schedule.
  public var schedule: TransferSchedule {
    TransferSchedule(
      basis: basis, handoverAge: handoverAge, handoverDate: handoverDate,
      noticeDeadline: noticeDeadline)
  }

  /// Reads `--decided-at`: an escalation's ID (`ESC-4`, stored upper case) or the date of
  /// the samverkansmöte (not after today: the decision has been taken).
  public static func decisionReference(_ text: String, today: CivilDate) throws(SamverkanError)
    -> String
  {
    let option = "--decided-at <ESC-n|date>"
    let expected = "an escalation's ID such as ESC-4, or the date of the samverkansmöte"
    if let id = try? RecordID(parsing: text, expected: .escalation) {
      return id.description
    }
    guard let date = try? CivilDate.parse(text, today: today) else {
      throw .invalidValue(text, option: option, reason: "expected \(expected)")
    }
    guard date <= today else {
      throw .invalidValue(
        text, option: option,
        reason: "\(date) is after today (\(today)): give the date the meeting decided it")
    }
    return date.description
  }

  /// Every rule of the routine a stored transfer must satisfy, all at once: the verbs and
  /// every `import` row call this.
  public func problems(previous: Transfer?, in context: RuleContext) -> [FieldProblem] {
    var problems: [FieldProblem] = []
    let rules = context.profile.transfer
    let today = context.clock.today

    // Who and where.
    if person == nil {
      problems.append(
        FieldProblem("person", "a transfer is about a person: give their personnummer"))
    }
    for (field, unit) in [("from", from), ("to", to)] {
      do {
        try context.profile.validate(unit)
      } catch {
        problems.append(FieldProblem(field, error.description))
      }
    }
    if from == to {
      problems.append(
        FieldProblem("to", "the receiving unit must differ from the unit handing over (\(from))"))
    }
    // Checked when the units or the basis are set, so a transfer planned before the rule
    // can still take its remaining steps.
    if previous.map({ $0.from != from || $0.to != to || $0.basis != basis }) ?? true {
      problems += directionProblems(profile: context.profile)
    }
    problems += decisionProblems(reader: context.reader, today: today)
    problems += raisedProblems(reader: context.reader)

    problems += scheduleProblems(rules: rules, previous: previous)
    problems += stepProblems(today: today)
    problems += sharingProblems(previous: previous, context: context)

    // One open transfer per person between the same two units.
    if let person, isOpen,
      let other = try? context.reader.records(Transfer.self, person: person).first(where: {
        $0.id != id && $0.isOpen && $0.from == from && $0.to == to
      }), let otherID = other.id
    {
      problems.append(
        FieldProblem(
          "person",
          "\(otherID) is already an open transfer of the person from \(from) to \(to) (handover \(other.handoverDate)); change that one, or cancel it first with 'samverkan transfer cancel \(otherID) --reason …'",
          rule: true))
    }
    return problems
  }

  // MARK: - Direction

  /// Where a case may go. A transfer moves a case between the city's own units (the region
  /// is another principal: that is a SIP); at the age limits it goes from a barn och unga
  /// unit to an adult unit, never back (seed 001: "ärenden som ska överföras från IoF barn
  /// och unga till vuxen").
  private func directionProblems(profile: Profile) -> [FieldProblem] {
    var problems: [FieldProblem] = []
    let youth = profile.transfer.youthUnitIDs
    func isYouth(_ unit: OrganizationID) -> Bool {
      unit.unit.map { youth.contains($0) } ?? false
    }
    for (field, unit) in [("from", from), ("to", to)] {
      guard let organization = profile.organization(of: unit) else { continue }
      if organization.principal != .municipality || organization.kind != .administration {
        problems.append(
          FieldProblem(
            field,
            "\(unit) is not one of the city's administrations: a case is transferred between the municipality's units (for the region's health care, coordinate with a SIP: 'samverkan sip create')",
            rule: true))
      }
    }
    if basis == .birthday {
      let youthUnits = youth.map { "…/\($0)" }.joined(separator: " or ")
      if !isYouth(from) {
        problems.append(
          FieldProblem(
            "from",
            "at the age limit a case leaves a barn och unga unit (\(youthUnits)), not \(from); a transfer between other units follows a decision: give --on DATE --decided-at ESC-n|DATE",
            rule: true))
      }
      if isYouth(to) {
        problems.append(
          FieldProblem(
            "to",
            "at the age limit a case goes to an adult unit (e.g. \(from.parent)/VUXEN or FFS), not to \(to)",
            rule: true))
      }
    }
    return problems
  }

  /// A decided transfer names its decision; when that is an escalation, the escalation is
  /// about the person, has been decided, and names both units (the decision moves the case
  /// between the units it concerns).
  private func decisionProblems(reader: StoreReader, today: CivilDate) -> [FieldProblem] {
    guard let decidedAt else { return [] }
    guard basis == .decision else {
      return [
        FieldProblem(
          "decidedAt", "only a transfer on a decided date (basis 'decision') names a decision")
      ]
    }
    guard let id = try? RecordID(parsing: decidedAt, expected: .escalation) else {
      if let date = try? CivilDate(iso: decidedAt) {
        return date > today
          ? [FieldProblem("decidedAt", "the decision date \(date) is after today (\(today))")]
          : []
      }
      return [
        FieldProblem(
          "decidedAt", "'\(decidedAt)' is neither an escalation's ID (ESC-n) nor a date")
      ]
    }
    guard let escalation = try? reader.rawRecord(id) else {
      return [FieldProblem("decidedAt", "there is no escalation \(id) in the store")]
    }
    var problems: [FieldProblem] = []
    if let person, let named = escalation["person"]?.stringValue, named != person.longForm {
      problems.append(
        FieldProblem("decidedAt", "\(id) is about another person, not this one", rule: true))
    }
    if escalation["state"]?.stringValue != "resolved" {
      problems.append(
        FieldProblem(
          "decidedAt",
          "\(id) has not been decided (it is \(escalation["state"]?.stringValue ?? "not resolved")); record the decision with 'samverkan escalate resolve \(id)' first",
          rule: true))
    }
    let parties = (escalation["parties"]?.arrayValue ?? []).compactMap(\.stringValue).map {
      OrganizationID(unchecked: $0)
    }
    for (field, unit) in [("from", from), ("to", to)]
    where !parties.contains(where: { $0.contains(unit) || unit.contains($0) }) {
      problems.append(
        FieldProblem(
          field,
          "\(id) was decided between \(parties.map(\.description).joined(separator: ", ")); \(unit) is not one of them",
          rule: true))
    }
    return problems
  }

  /// The escalation where the case was raised is one about this person.
  private func raisedProblems(reader: StoreReader) -> [FieldProblem] {
    guard let raisedAt else { return [] }
    guard raisedAt.kind == .escalation else {
      return [
        FieldProblem(
          "raisedAt", "\(raisedAt) is not an escalation; give the ESC-n where the case was raised")
      ]
    }
    guard let escalation = try? reader.rawRecord(raisedAt) else {
      return [FieldProblem("raisedAt", "there is no escalation \(raisedAt) in the store")]
    }
    if let person, escalation["person"]?.stringValue != person.longForm {
      return [
        FieldProblem(
          "raisedAt",
          "\(raisedAt) is not about this person (an anonymous or another person's matter)",
          rule: true)
      ]
    }
    return []
  }

  /// Whether the case still has to be raised at the samverkansmöte: a youth case moving at
  /// the age limit that no escalation record links to yet. Decided transfers were decided at
  /// a meeting already.
  public var awaitsRaising: Bool { outlook.awaitsRaising }

  // MARK: - Schedule

  /// The handover date follows the birthday, or is a decided date; the deadline follows it.
  private func scheduleProblems(rules: TransferRules, previous: Transfer?) -> [FieldProblem] {
    var problems: [FieldProblem] = []
    switch basis {
    case .birthday:
      let expectedAge = Transfer.handoverAge(familyHome: familyHome, rules: rules)
      if handoverAge != expectedAge {
        problems.append(
          FieldProblem(
            "handoverAge",
            "a birthday handover is at \(expectedAge)\(familyHome ? " (family home)" : "") under the profile, not \(handoverAge.map(String.init) ?? "empty")",
            rule: true))
      } else if let person, birthDate == nil, let incomplete = person.incompleteBirthDate {
        problems.append(
          FieldProblem(
            "birthDate",
            "a birthday handover needs the exact birth date, and the number's is incomplete (\(incomplete)): give the date from the person's papers"
          ))
      } else if let person, let disagreement = birthDate.flatMap(person.disagreement) {
        problems.append(FieldProblem("birthDate", disagreement))
      } else if let person,
        case let born = birthDate ?? person.birthDate,
        handoverDate != born.anniversary(expectedAge)
      {
        problems.append(
          FieldProblem(
            "handoverDate",
            "the person turns \(expectedAge) on \(born.anniversary(expectedAge)), not \(handoverDate); for another date use basis 'decision'",
            rule: true))
      }
    case .decision:
      if handoverAge != nil {
        problems.append(
          FieldProblem(
            "handoverAge", "only a birthday handover has an age; leave it empty for a decided date")
        )
      }
      if birthDate != nil {
        problems.append(
          FieldProblem(
            "birthDate", "only a birthday handover counts from a birth date; leave it empty"))
      }
    }
    let deadline = TransferSchedule.noticeDeadline(for: handoverDate, basis: basis, rules: rules)
    // A decided transfer stored before decided transfers lost the six months' notice keeps
    // the deadline it was planned with, so its later steps are not refused for it.
    let keptFromBefore =
      basis == .decision && previous?.noticeDeadline == noticeDeadline
      && previous?.handoverDate == handoverDate
      && noticeDeadline == TransferSchedule.noticeDeadline(for: handoverDate, rules: rules)
    if noticeDeadline != deadline, !keptFromBefore {
      let why =
        basis == .birthday
        ? "\(rules.noticeMonths) months before the handover \(handoverDate)"
        : "the handover date itself (a decided transfer has no six months' notice)"
      problems.append(
        FieldProblem(
          "noticeDeadline", "the notice deadline is \(deadline), \(why), not \(noticeDeadline)",
          rule: true))
    }
    return problems
  }

  /// Each state has the steps that lead to it, in order, and none that come later.
  private func stepProblems(today: CivilDate) -> [FieldProblem] {
    var problems: [FieldProblem] = []
    func rule(_ field: String, _ message: String) {
      problems.append(FieldProblem(field, message, rule: true))
    }
    func notAfterToday(_ field: String, _ date: CivilDate?) {
      if let date, date > today {
        problems.append(
          FieldProblem(
            field, "\(date) is after today (\(today)); record a step once it has happened"))
      }
    }
    for (field, date) in [
      ("plannedOn", plannedOn), ("notifiedOn", notifiedOn), ("acknowledgedOn", acknowledgedOn),
      ("assignedOn", assignedOn), ("meetingOn", meetingOn), ("completedOn", completedOn),
      ("cancelledOn", cancelledOn),
    ] {
      notAfterToday(field, date)
    }

    // Notice: needs the whole package and the referring caseworker.
    if state.isNotified, notifiedOn == nil {
      rule("notifiedOn", "a \(state.rawValue) transfer has a notice date")
    }
    if state == .planned, let notifiedOn {
      rule(
        "state",
        "a transfer notified on \(notifiedOn) is not 'planned'; its state is 'notified' or later")
    }
    if let notifiedOn {
      for field in emptyPackageFields {
        rule(field.rawValue, "the transfer package needs the \(field.label) before the notice")
      }
      if referringCaseworker.isBlank {
        rule(
          "referringCaseworker",
          "the notice names the referring caseworker, whom the receiving caseworker contacts")
      }
      if late != schedule.isLate(noticeOn: notifiedOn) {
        rule(
          "late",
          late
            ? "the notice on \(notifiedOn) was in time (deadline \(noticeDeadline)), so it is not late"
            : "the notice on \(notifiedOn) came after the deadline \(noticeDeadline), so it is late"
        )
      }
      if !sharing.contains(where: { $0.step == "notify" }) {
        rule(
          "sharing",
          "the notice passed information to \(to): it needs the consent (or secrecy-breaking ground) it relied on, as a 'notify' step"
        )
      }
    } else if late {
      rule("late", "only a notice can be late; the transfer has no notice date")
    }

    // Acknowledgement, assignment and meeting: by the receiving unit, after the notice.
    if state == .acknowledged || state == .completed, acknowledgedOn == nil {
      rule(
        "acknowledgedOn",
        "a \(state.rawValue) transfer has the date the receiving unit confirmed receipt")
    }
    if let acknowledgedOn {
      if let notifiedOn, acknowledgedOn < notifiedOn {
        rule("acknowledgedOn", "receipt on \(acknowledgedOn) is before the notice on \(notifiedOn)")
      } else if notifiedOn == nil {
        rule("acknowledgedOn", "the receiving unit confirms receipt of a notice; there is none")
      }
      if state == .notified || state == .planned {
        rule(
          "state",
          "a transfer acknowledged on \(acknowledgedOn) is 'acknowledged' or later, not '\(state.rawValue)'"
        )
      }
    }
    if (receivingCaseworker == nil) != (assignedOn == nil) {
      rule("assignedOn", "the receiving caseworker and the date they were assigned go together")
    }
    if let assignedOn {
      if let notifiedOn, assignedOn < notifiedOn {
        rule(
          "assignedOn",
          "the caseworker assigned on \(assignedOn) before the notice on \(notifiedOn)")
      } else if notifiedOn == nil {
        rule(
          "receivingCaseworker",
          "the receiving unit assigns a caseworker after the notice; there is none")
      }
    }
    if meetingOn == nil, !meetingParticipants.isEmpty || meetingNote != nil {
      rule("meetingOn", "the meeting's participants and note need its date")
    }
    if let meetingOn {
      if let acknowledgedOn, meetingOn < acknowledgedOn {
        rule(
          "meetingOn",
          "the officials' meeting on \(meetingOn) is before the receipt was confirmed (\(acknowledgedOn))"
        )
      } else if acknowledgedOn == nil {
        rule(
          "meetingOn",
          "the receiving unit holds the officials' meeting after confirming receipt; it has not")
      }
    }

    // Completion: on or after the handover, with every step of the receiving unit done.
    if state == .completed {
      if let completedOn {
        if completedOn < handoverDate {
          rule(
            "completedOn",
            "responsibility passes on the handover date \(handoverDate), not before (\(completedOn))"
          )
        }
        // The receiving unit's steps come before it takes over, not after (seed 001).
        for (step, date) in [
          ("the receipt was confirmed", acknowledgedOn),
          ("the caseworker was assigned", assignedOn),
          ("the officials' meeting was held", meetingOn),
        ] {
          if let date, completedOn < date {
            rule("completedOn", "the completion on \(completedOn) is before \(step) (\(date))")
          }
        }
      } else {
        rule("completedOn", "a completed transfer has the date responsibility passed")
      }
      if receivingCaseworker == nil {
        rule(
          "receivingCaseworker",
          "a transfer is completed once the receiving unit has assigned a caseworker")
      }
      if meetingOn == nil {
        rule(
          "meetingOn",
          "a transfer is completed once the officials' meeting (tjänstemannamöte) has been held")
      }
    } else if completedOn != nil {
      rule("completedOn", "only a completed transfer has a completion date")
    }

    if state == .cancelled {
      if let cancelledOn {
        let steps = [notifiedOn, acknowledgedOn, assignedOn, meetingOn].compactMap { $0 }
        if let last = steps.max(), cancelledOn < last {
          rule(
            "cancelledOn", "the cancellation on \(cancelledOn) is before the last step (\(last))")
        }
      } else {
        rule("cancelledOn", "a cancelled transfer has the date it was cancelled")
      }
      if cancelReason.isBlank {
        rule("cancelReason", "a cancelled transfer gives the reason")
      }
    } else if cancelledOn != nil || cancelReason != nil {
      rule("cancelledOn", "only a cancelled transfer has a cancellation date and reason")
    }
    return problems
  }

  /// Each sharing step passed the gate's rule on its date: the consent it names covered it
  /// (purpose `transfer`, both units), or — for data from before the gate — the ground it
  /// names applies.
  ///
  /// Steps the stored transfer already had were checked when they were taken and are not
  /// checked again: a consent withdrawn later stops the next step (the verbs ask the gate),
  /// not the record.
  private func sharingProblems(previous: Transfer?, context: RuleContext) -> [FieldProblem] {
    var problems: [FieldProblem] = []
    var known = 0
    if let previous, sharing.starts(with: previous.sharing) { known = previous.sharing.count }
    for step in sharing.dropFirst(known) {
      if step.date > context.clock.today {
        problems.append(
          FieldProblem("sharing", "the \(step.step) step on \(step.date) is after today"))
      }
      let basis: SharingBasis
      if let ground = step.legalGround {
        basis = .legalGround(ground)
      } else if let consentID = step.consent {
        basis = .consent(consentID, restrictions: nil)
      } else {
        problems.append(
          FieldProblem(
            "sharing", "the \(step.step) step names neither a consent nor a legal ground",
            rule: true))
        continue
      }
      guard let person else { continue }
      let consents = step.consent.flatMap { try? context.reader.record($0, as: Consent.self) }
      let request = SharingRequest(
        step: TransferCommand.sharingStep(step.step), person: person, from: from, to: [to],
        date: step.date, today: context.clock.today)
      if let problem = SharingGate.recordedBasisProblem(
        basis, request: request, consents: consents.map { [$0] } ?? [], profile: context.profile)
      {
        problems.append(
          FieldProblem("sharing", "the \(step.step) step on \(step.date): \(problem)", rule: true))
      }
    }
    return problems
  }
}
