import Foundation
import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanStore

extension Escalation {
  /// Every rule of the routine a stored matter must satisfy, all at once. Steps added since
  /// `previous` (a raise, a registration) are checked against the rules in force now; steps
  /// already stored stay as they were accepted.
  public func problems(previous: Escalation?, in context: RuleContext) -> [FieldProblem] {
    if let previous, previous.state != .open {
      return [
        FieldProblem(
          "state",
          "\(previous.id.map { "\($0)" } ?? "the matter") is \(previous.state.rawValue); a decided or withdrawn matter cannot change (open a new matter if the question comes back)",
          rule: true)
      ]
    }
    let rules = context.profile.escalation
    var problems: [FieldProblem] = []
    problems += personProblems(context)
    problems += partyProblems(profile: context.profile)
    if question.isBlank {
      problems.append(FieldProblem("question", "the question (frågeställning) is needed"))
    }
    problems += levelProblems(previous: previous, rules: rules)
    problems += attemptProblems(today: context.clock.today)
    problems += registrationProblems(previous: previous, rules: rules)
    problems += basisProblems(previous: previous, in: context)
    problems += outcomeProblems(in: context)
    return problems
  }

  // MARK: - Bases

  /// The basis of each raise and registration added since `previous` is one the sharing
  /// gate lets pass on its day: a consent that covered the parties, or a ground whose
  /// conditions held.
  private func basisProblems(previous: Escalation?, in context: RuleContext) -> [FieldProblem] {
    guard let person else { return [] }
    var steps: [(field: String, step: String, date: CivilDate, basis: SharingBasis)] = []
    for raise in raises.dropFirst(previous?.raises.count ?? 0) {
      if let consent = raise.consent {
        steps.append(("raises", "raise", raise.date, .consent(consent, restrictions: nil)))
      } else if let ground = raise.legalGround {
        steps.append(("raises", "raise", raise.date, .legalGround(ground)))
      }
    }
    for registration in registrations.dropFirst(previous?.registrations.count ?? 0) {
      let day = registration.registeredAt.local.date
      if let consent = registration.consent {
        steps.append(("registrations", "register", day, .consent(consent, restrictions: nil)))
      } else if let ground = registration.legalGround {
        steps.append(("registrations", "register", day, .legalGround(ground)))
      }
    }
    guard !steps.isEmpty else { return [] }
    let consents = (try? context.reader.records(Consent.self, person: person)) ?? []
    return steps.compactMap { field, step, date, basis in
      let request = SharingRequest(
        step: EscalateCommand.sharingStep(step), person: person, from: responsibleUnit,
        to: parties.filter { !$0.contains(responsibleUnit) }, date: date,
        today: context.clock.today)
      return SharingGate.recordedBasisProblem(
        basis, request: request, consents: consents, profile: context.profile
      ).map { FieldProblem(field, "the \(step) step on \(date): \($0)", rule: true) }
    }
  }

  // MARK: - Person

  private func personProblems(_ context: RuleContext) -> [FieldProblem] {
    var problems: [FieldProblem] = []
    if anonymous {
      if person != nil {
        problems.append(
          FieldProblem(
            "person",
            "an anonymous consultation records no person; leave the personnummer out, or make the matter named (anonymous false)"
          ))
      }
      if personName != nil {
        problems.append(
          FieldProblem("personName", "an anonymous consultation records no name"))
      }
      for (field, text) in texts {
        let findings = context.identifyingFindings(in: text)
        guard !findings.isEmpty else { continue }
        problems.append(
          FieldProblem(
            field,
            "an anonymous consultation must hold nothing that identifies the person (\(findings.joined(separator: "; "))); describe the situation without it",
            rule: true))
      }
    } else if person == nil {
      problems.append(
        FieldProblem(
          "person",
          "a named matter is about a person: give the personnummer, or make it an anonymous consultation (anonymous true)"
        ))
    }
    return problems
  }

  // MARK: - Parties

  private func partyProblems(profile: Profile) -> [FieldProblem] {
    var problems = profile.partyProblems(parties) { given in
      "a collaboration matter is between at least two units (given: \(given))"
    }
    do {
      try profile.validate(responsibleUnit)
      if party(for: responsibleUnit) == nil {
        problems.append(
          FieldProblem(
            "responsibleUnit",
            "\(responsibleUnit) is not one of the parties (\(parties.map(\.value).joined(separator: ", "))); the unit that decided the ongoing interventions takes part in the matter"
          ))
      }
    } catch {
      problems.append(FieldProblem("responsibleUnit", "\(responsibleUnit): \(error.description)"))
    }
    var agreed: Set<OrganizationID> = []
    for agreement in agreements {
      if !parties.contains(agreement.party) {
        problems.append(
          FieldProblem(
            "agreements",
            "\(agreement.party) is not one of the parties (\(parties.map(\.value).joined(separator: ", ")))"
          ))
      }
      if !agreed.insert(agreement.party).inserted {
        problems.append(FieldProblem("agreements", "\(agreement.party) has agreed twice"))
      }
      if agreement.by.isBlank {
        problems.append(
          FieldProblem("agreements", "the agreement of \(agreement.party) names no one"))
      }
    }
    return problems
  }

  // MARK: - Levels

  private func levelProblems(previous: Escalation?, rules: EscalationRules) -> [FieldProblem] {
    var problems: [FieldProblem] = []
    let top = rules.levels.count
    guard rules.level(level) != nil else {
      return [FieldProblem("level", "there is no level \(level); the levels are 1 to \(top)")]
    }
    var expected = 2
    for raise in raises {
      if raise.level != expected {
        problems.append(
          FieldProblem(
            "raises",
            "a matter is raised one level at a time: expected a raise to level \(expected), found level \(raise.level)"
          ))
      }
      expected = raise.level + 1
    }
    let reached = raises.last?.level ?? 1
    if level != reached {
      problems.append(
        FieldProblem(
          "level",
          "the matter is at level \(level), but its raises reach level \(reached)"))
    }
    if let previous, level < previous.level {
      problems.append(
        FieldProblem(
          "level", "a matter is not lowered: it was at level \(previous.level), now \(level)",
          rule: true))
    }
    // Rules for reaching a level are checked on the raises added now.
    let known = previous?.raises.count ?? 0
    for raise in raises.dropFirst(known) {
      guard let target = rules.level(raise.level) else {
        problems.append(
          FieldProblem("raises", "there is no level \(raise.level); the levels are 1 to \(top)"))
        continue
      }
      let name = "level \(target.number) (\(target.role))"
      // Above the registration level a matter goes up only when the meeting of the level
      // below was held without a decision.
      let below = raise.level - 1
      if below >= rules.registrationLevel,
        !meetingHeld(at: below, by: raise.date, registrationLevel: rules.registrationLevel)
      {
        problems.append(
          FieldProblem(
            "meetings",
            "a matter is raised to \(name) only when the meeting at level \(below) has been held without deciding it; none is recorded by \(raise.date)",
            rule: true))
      }
      for requirement in target.requires {
        switch requirement {
        case .attempt:
          if !attempts.contains(where: { $0.date <= raise.date }) {
            problems.append(
              FieldProblem(
                "attempts",
                "before a matter is raised to \(name) the caseworkers must have talked and tried to solve it themselves: record that with 'escalate attempt'",
                rule: true))
          }
        case .report:
          if raise.report.isBlank {
            problems.append(
              FieldProblem(
                "raises",
                "a matter is raised to \(name) in writing: a written report is needed (--report FILE, or - for standard input)",
                rule: true))
          }
        case .agreement:
          let missing = parties.filter { party in
            !agreements.contains { $0.party == party && $0.date <= raise.date }
          }
          if !missing.isEmpty {
            problems.append(
              FieldProblem(
                "agreements",
                "every party must agree that the matter is raised to \(name); no agreement from \(missing.map(\.value).joined(separator: ", ")) (record it with 'escalate agree --party …')",
                rule: true))
          }
        }
      }
      if sharingNeedsBasis, raise.level > rules.registrationLevel, raise.consent == nil,
        raise.legalGround == nil
      {
        problems.append(
          FieldProblem(
            "raises",
            "raising a named matter to \(name) shares information between \(parties.map(\.value).joined(separator: ", ")): it needs the person's consent (purpose consultation) or a secrecy-breaking ground",
            rule: true))
      }
      if raise.by.isBlank {
        problems.append(FieldProblem("raises", "the raise to \(name) names no one"))
      }
    }
    return problems
  }

  private func attemptProblems(today: CivilDate) -> [FieldProblem] {
    var problems: [FieldProblem] = []
    for attempt in attempts {
      if attempt.note.isBlank {
        problems.append(
          FieldProblem("attempts", "say what the caseworkers tried (the attempt's note is empty)"))
      }
      if attempt.date > today {
        problems.append(
          FieldProblem(
            "attempts", "the attempt on \(attempt.date) is in the future (today is \(today))"))
      }
    }
    return problems
  }

  // MARK: - Registrations

  private func registrationProblems(previous: Escalation?, rules: EscalationRules)
    -> [FieldProblem]
  {
    var problems: [FieldProblem] = []
    var meetings: Set<CivilDate> = []
    for registration in registrations
    where !meetings.insert(registration.meeting).inserted {
      problems.append(
        FieldProblem(
          "registrations",
          "the matter is registered twice for the meeting on \(registration.meeting)"))
    }
    let known = previous?.registrations.count ?? 0
    let added = registrations.dropFirst(known)
    guard !added.isEmpty else { return problems }
    let gaps = registrationGaps
    if !gaps.isEmpty {
      problems.append(
        FieldProblem(
          "registrations",
          "a registration must contain name and age (or be anonymous), a short background, the current situation and the question; missing: \(gaps.joined(separator: "; "))",
          rule: true))
    }
    if level < rules.registrationLevel {
      let forum = rules.level(rules.registrationLevel)?.forum ?? "the meeting"
      problems.append(
        FieldProblem(
          "registrations",
          "only a matter at level \(rules.registrationLevel) is registered for the \(forum); this one is at level \(level)",
          rule: true))
    }
    for registration in added {
      let local = registration.registeredAt.local
      if registration.meeting < local.date {
        problems.append(
          FieldProblem(
            "registrations",
            "the meeting on \(registration.meeting) was over when the matter was registered (\(local.date))",
            rule: true))
      } else if let deadline = try? RegistrationDeadline(
        meeting: registration.meeting, rules: rules),
        !deadline.isOpen(at: registration.registeredAt.date), !registration.acute
      {
        problems.append(
          FieldProblem(
            "registrations",
            "registration for the meeting on \(registration.meeting) closed at \(deadline.text) (registered \(local.date) \(String(local.description.suffix(5)))); only an acute matter is accepted late",
            rule: true))
      }
      if sharingNeedsBasis, registration.consent == nil, registration.legalGround == nil {
        problems.append(
          FieldProblem(
            "registrations",
            "registering a named matter shares information between \(parties.map(\.value).joined(separator: ", ")): it needs the person's consent (purpose consultation) or a secrecy-breaking ground",
            rule: true))
      }
      if registration.registeredBy.isBlank {
        problems.append(FieldProblem("registrations", "the registration names no one"))
      }
    }
    return problems
  }

  // MARK: - Decision and withdrawal

  private func outcomeProblems(in context: RuleContext) -> [FieldProblem] {
    var problems: [FieldProblem] = []
    switch state {
    case .open:
      if decision != nil {
        problems.append(FieldProblem("decision", "an open matter has no decision yet (state open)"))
      }
      if withdrawal != nil {
        problems.append(FieldProblem("withdrawal", "an open matter is not withdrawn (state open)"))
      }
    case .resolved:
      if decision == nil {
        problems.append(FieldProblem("decision", "a resolved matter records its decision"))
      }
      if withdrawal != nil {
        problems.append(FieldProblem("withdrawal", "a resolved matter is not withdrawn"))
      }
    case .withdrawn:
      if withdrawal == nil {
        problems.append(FieldProblem("withdrawal", "a withdrawn matter records why"))
      }
      if decision != nil {
        problems.append(FieldProblem("decision", "a withdrawn matter has no decision"))
      }
    }
    if let decision {
      if decision.text.isBlank {
        problems.append(FieldProblem("decision", "the decision's text is empty"))
      }
      if decision.level != level {
        problems.append(
          FieldProblem(
            "decision",
            "the matter is at level \(level) and is decided there, not at level \(decision.level)",
            rule: true))
      }
      for link in decision.links {
        if link == id {
          problems.append(FieldProblem("decision", "the decision cannot lead to the matter itself"))
        } else if (try? context.reader.exists(link)) != true {
          problems.append(
            FieldProblem("decision", "\(link) does not exist; give the ID of a record in the store")
          )
        }
      }
    }
    if let withdrawal, withdrawal.reason.isBlank {
      problems.append(FieldProblem("withdrawal", "say why the matter is withdrawn"))
    }
    return problems
  }
}

extension Escalation: DueWatched {
  /// Any day while open; nil once resolved or withdrawn.
  ///
  /// Why no item is missed: the agenda lists open matters only: the meetings they are
  /// registered for, and the registration deadlines of the coming meetings any open matter
  /// is registered for. Every open matter is in the index, so the agenda knows the same
  /// meetings as a walk of every matter would; the deadlines depend on the profile.
  public var dueWindow: DueWindow? { isOpen ? .always : nil }
}
