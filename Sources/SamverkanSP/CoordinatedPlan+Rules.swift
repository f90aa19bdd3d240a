import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanStore

// MARK: - Every rule a stored SP must satisfy

extension CoordinatedPlan {
  /// Every problem with the SP under the routine's rules, all at once. The verbs and every
  /// import row call this, so an import cannot let in what a verb refuses: parties that are
  /// not the city's administrations, a summons without consent, a plan established before
  /// every other administration approved, or any change to an established plan.
  public func problems(previous: CoordinatedPlan?, in context: RuleContext) -> [FieldProblem] {
    var checker = Checker(plan: self, previous: previous, context: context)
    checker.checkAdministrations()
    let consents = checker.checkConsents()
    checker.checkProgress()
    checker.checkSummons(consents: consents)
    checker.checkMeeting()
    checker.checkPlan()
    checker.checkApprovals()
    checker.checkBeside(consents: consents)
    if let previous { checker.checkWriteProtection(previous: previous) }
    return checker.problems
  }

  /// What write-protection covers: everything but what is recorded beside an established
  /// plan (follow-ups, stödkontakt decisions, the closing, and the consents or legal grounds
  /// those steps relied on).
  var protectedContent: CoordinatedPlan {
    var copy = self
    copy.followUps = []
    copy.supportContacts = []
    copy.closing = nil
    copy.consents = []
    copy.legalGrounds = []
    copy.restrictions = nil
    if copy.state == .closed { copy.state = .established }
    return copy
  }

  /// The plan's completeness before it may be sent for approval, every gap at once: the
  /// individual's needs and own view, at least one goal, each administration's
  /// responsibility and named contact, at least one agreed intervention, each with the
  /// administration responsible and its time, and a follow-up date. Seed 003: the
  /// documentation of coordinated interventions shall include goal, intervention,
  /// responsibility and time; seed 000: the plan names whom to contact at each
  /// administration.
  public var missingForApproval: [String] {
    guard let plan else {
      return ["the plan: document it with 'samverkan sp plan \(idText) …'"]
    }
    let id = idText
    var missing: [String] = []
    if plan.needs.isEmpty {
      missing.append(
        "needs: the individual's needs ('samverkan sp need \(id) \"…\"')")
    }
    if plan.ownView.isBlank {
      missing.append(
        "ownView: the individual's own view, or why it could not be obtained ('samverkan sp own-view \(id) \"…\"')"
      )
    }
    if plan.goals.isEmpty {
      missing.append("goals: at least one goal ('samverkan sp goal \(id) \"…\"')")
    }
    for administration in administrations
    where !plan.responsibilities.contains(where: {
      $0.administration.organization == administration.organization
    }) {
      missing.append(
        "responsibilities: what \(administration) is responsible for (--responsibility '\(administration): …')"
      )
    }
    if plan.interventions.isEmpty {
      missing.append(
        "interventions: at least one agreed intervention, the administration responsible and when ('samverkan sp intervention \(id) \"…\" --responsible ORG --by DATE')"
      )
    }
    for (index, intervention) in plan.interventions.enumerated() where !intervention.isDated {
      missing.append(
        "interventions: '\(intervention.what)' (\(index + 1)) needs its time, by when or from when (remove it with 'samverkan sp intervention \(id) --remove \(index + 1)' and add it with --by or --from)"
      )
    }
    for administration in administrations where plan.contact(at: administration) == nil {
      missing.append(
        "contacts: the named contact at \(administration) ('samverkan sp contact \(id) --org \(administration) --name …')"
      )
    }
    if plan.followUp == nil {
      missing.append("followUp: when the plan is followed up (--follow-up DATE)")
    }
    return missing
  }

  /// Whether the plan as it stands is the one sent for approval (waiting, or established).
  var isBeforeApprovers: Bool {
    (state == .submitted || establishedOn != nil) && !submissions.isEmpty
  }

  /// The ID as messages show it.
  var idText: String { id?.description ?? "SP-…" }
}

/// Collects the problems of one SP, section by section.
private struct Checker {
  let plan: CoordinatedPlan
  /// The stored version being changed, if any.
  let previous: CoordinatedPlan?
  let context: RuleContext
  var problems: [FieldProblem] = []

  init(plan: CoordinatedPlan, previous: CoordinatedPlan?, context: RuleContext) {
    self.plan = plan
    self.previous = previous
    self.context = context
  }

  var today: CivilDate { context.clock.today }
  var name: String { plan.idText }

  mutating func rule(_ field: String, _ message: String) {
    problems.append(FieldProblem(field, message, rule: true))
  }

  mutating func malformed(_ field: String, _ message: String) {
    problems.append(FieldProblem(field, message))
  }

  mutating func notEmpty(_ text: String, _ field: String, _ what: String) {
    if text.isBlank {
      rule(field, "\(what) is needed")
    }
  }

  mutating func notAfterToday(_ date: CivilDate, _ field: String, _ what: String) {
    if date > today { rule(field, "\(what) \(date) is in the future (today is \(today))") }
  }

  func isParty(_ id: OrganizationID) -> Bool { plan.administration(matching: id) != nil }

  func isOther(_ id: OrganizationID) -> Bool {
    isParty(id) && id.organization != plan.initiator.organization
  }

  // MARK: Administrations

  mutating func checkAdministrations() {
    let profile = context.profile
    let cityAdministrations = profile.organizations.filter { $0.kind == .administration }
      .map(\.id)
    var seen: Set<String> = []
    for administration in plan.administrations {
      do {
        try profile.validate(administration)
      } catch {
        malformed("administrations", "\(administration): \(error.description)")
        continue
      }
      if let organization = profile.organization(of: administration),
        organization.kind != .administration
      {
        var message =
          "\(administration.organization) (\(organization.name)) is not one of the city's administrations; an SP coordinates \(cityAdministrations.joined(separator: ", ")) only"
        if organization.kind == .region {
          message += "; with the region's health care, make a SIP ('samverkan sip create')"
        }
        rule("administrations", message)
      }
      if !seen.insert(administration.organization).inserted {
        rule(
          "administrations",
          "\(administration.organization) is named twice; each administration takes part once (units of one administration are the same party)"
        )
      }
    }
    if seen.count < 2 {
      let given = plan.administrations.map(\.value).joined(separator: ", ")
      rule(
        "administrations",
        "an SP needs at least two of the city's administrations: the one that discovered the need (--by) and at least one other (--with); given: \(given.isEmpty ? "none" : given)"
      )
    }
    if !isParty(plan.initiator) {
      rule("initiator", "\(plan.initiator) must be one of the SP's administrations")
    }
    if plan.person == nil {
      rule("person", "an SP is about one person: give the personnummer or samordningsnummer")
    }
    notAfterToday(plan.createdOn, "createdOn", "the creation date")
  }

  // MARK: Consents and legal grounds

  /// The consents the SP names, loaded; problems for any that do not exist or are someone
  /// else's.
  mutating func checkConsents() -> [Consent] {
    var loaded: [Consent] = []
    for id in plan.references {
      guard id.kind == .consent else {
        malformed("consents", "\(id) is not a consent (they look like CON-12)")
        continue
      }
      guard let consent = try? context.reader.record(id, as: Consent.self) else {
        rule("consents", "\(id) does not exist in the store")
        continue
      }
      guard consent.person == plan.person else {
        rule("consents", "\(id) is another person's consent")
        continue
      }
      loaded.append(consent)
    }
    // A ground recorded since the SP was stored must be one the gate lets pass for its step.
    let earlier = previous?.legalGrounds ?? []
    if let person = plan.person {
      for ground in plan.legalGrounds where !earlier.contains(ground) {
        let request = SharingRequest(
          step: SPCommand.sharingStep(ground.step), person: person, from: plan.initiator,
          to: plan.others, date: ground.date, today: context.clock.today)
        if let problem = SharingGate.recordedBasisProblem(
          .legalGround(ground.use), request: request, consents: [], profile: context.profile)
        {
          rule("legalGrounds", "the \(ground.step.rawValue) step on \(ground.date): \(problem)")
        }
      }
    }
    return loaded
  }

  /// Whether the consents let the SP's step pass the sharing gate on a date; the reasons
  /// when they do not. The gate's own rule, so an imported SP meets the verbs' test.
  func coverage(_ consents: [Consent], purpose: ConsentPurpose, on date: CivilDate)
    -> [NotCoveredReason]?
  {
    guard let person = plan.person else { return nil }
    let step = SPCommand.sharingStep(purpose == .supportContact ? .supportContact : .summon)
    let request = SharingRequest(
      step: step, person: person, from: plan.initiator, to: plan.others, date: date,
      today: context.clock.today)
    switch SharingGate.decide(request, consents: consents, profile: context.profile) {
    case .success: return nil
    case .failure(.notCovered(let reasons)): return reasons
    case .failure: return [.noConsent]
    }
  }

  // MARK: State and content

  mutating func checkProgress() {
    let state = plan.state
    if state == .closed {
      if plan.closing == nil {
        rule("closing", "a closed SP needs its closing: the date and the reason")
      }
    } else {
      if plan.closing != nil {
        rule("state", "the SP has a closing, so its state is 'closed', not '\(state.rawValue)'")
      }
      if state >= .summoned, plan.summons == nil {
        rule(
          "summons",
          "an SP in the state '\(state.rawValue)' has been summoned: the summons is needed")
      }
      if state >= .met, plan.meeting == nil {
        rule(
          "meeting",
          "an SP in the state '\(state.rawValue)' has had its meeting: the meeting is needed")
      }
      if state >= .documented, plan.plan == nil {
        rule(
          "plan", "an SP in the state '\(state.rawValue)' has a documented plan: the plan is needed"
        )
      }
      if state >= .submitted, plan.submissions.isEmpty {
        rule(
          "submissions",
          "an SP in the state '\(state.rawValue)' has been sent for approval: the submission is needed"
        )
      }
      if state == .established, plan.establishedOn == nil {
        rule("establishedOn", "an established SP needs the date it was established")
      }
      if state < .established, plan.establishedOn != nil {
        rule("establishedOn", "only an established SP has an establishment date")
      }
    }
    if plan.meeting != nil, plan.summons == nil {
      rule("meeting", "the meeting needs a summons before it (kallelse)")
    }
    if plan.plan != nil, plan.meeting == nil {
      rule("plan", "the plan documents the SP meeting: the meeting is needed first")
    }
    if !plan.submissions.isEmpty, plan.plan == nil {
      rule("submissions", "only a documented plan can be sent for approval")
    }
  }

  mutating func checkSummons(consents: [Consent]) {
    guard let summons = plan.summons else { return }
    if summons.sentOn < plan.createdOn {
      rule(
        "summons",
        "the summons (\(summons.sentOn)) is before the SP was created (\(plan.createdOn))")
    }
    notAfterToday(summons.sentOn, "summons", "the summons date")
    notEmpty(summons.sentBy, "summons", "who summons (the caseworker's name)")
    if let replyBy = summons.replyBy {
      if replyBy < summons.sentOn {
        rule("summons", "the reply-by date \(replyBy) is before the summons (\(summons.sentOn))")
      }
      if let first = summons.proposedTimes.map(\.date).min(), replyBy > first {
        rule(
          "summons",
          "the reply-by date \(replyBy) is after the first proposed time (\(first)); the answer is needed before the meeting"
        )
      }
    }
    for other in plan.others
    where !summons.recipients.contains(where: {
      $0.administration.organization == other.organization
    }) {
      rule(
        "summons",
        "nobody at \(other) is summoned; summon a socialsekreterare or 1:e socialsekreterare of every other administration (--recipient '\(other)=name')"
      )
    }
    var answered: Set<String> = []
    for answer in summons.answered {
      if !plan.others.contains(where: { $0.organization == answer.administration.organization }) {
        rule(
          "summons",
          "\(answer.administration) is not summoned to the SP meeting (\(plan.others.map(\.value).joined(separator: ", ")) are)"
        )
      }
      if !answered.insert(answer.administration.organization).inserted {
        rule("summons", "\(answer.administration) answered the summons twice")
      }
      if answer.date < summons.sentOn {
        rule(
          "summons",
          "\(answer.administration)'s answer (\(answer.date)) is before the summons (\(summons.sentOn))"
        )
      }
      notAfterToday(answer.date, "summons", "the answer's date")
    }
    var summoned: Set<String> = []
    for recipient in summons.recipients {
      if !isOther(recipient.administration) {
        rule(
          "summons",
          "\(recipient.administration) is not one of the other administrations of the SP (\(plan.others.map(\.value).joined(separator: ", ")))"
        )
      } else if !summoned.insert(recipient.administration.organization).inserted {
        rule(
          "summons",
          "\(recipient.administration.organization) is summoned twice; name one recipient per administration"
        )
      }
      notEmpty(
        recipient.name, "summons", "the name of the recipient at \(recipient.administration)")
    }
    notEmpty(
      summons.needs, "summons", "the individual's current needs (as far as the consent allows)")
    notEmpty(summons.purpose, "summons", "the purpose of the meeting")
    notEmpty(summons.whyCoordination, "summons", "why coordination is needed")
    notEmpty(summons.questions, "summons", "the questions to work on together")
    notEmpty(summons.hopedOutcome, "summons", "what the collaboration should achieve")
    if summons.proposedTimes.isEmpty {
      rule("summons", "at least one proposed meeting time is needed")
    }
    for time in summons.proposedTimes where time.date < summons.sentOn {
      rule("summons", "the proposed time \(time) is before the summons is sent (\(summons.sentOn))")
    }
    // Coverage is checked when the summons is recorded: a consent withdrawn later (even
    // back-dated) must not stop the SP from being followed up or closed.
    let isNew = previous?.summons != summons
    let byLegalGround = plan.legalGrounds.contains { $0.step == .summon }
    if isNew, !byLegalGround, let reasons = coverage(consents, purpose: .sp, on: summons.sentOn) {
      rule(
        "consents",
        "no consent the SP names covers sharing information between \(plan.administrations.map(\.value).joined(separator: ", ")) for 'sp' on \(summons.sentOn), the day of the summons (\(reasons.map(\.message).joined(separator: "; "))); without consent, use an anonymous consultation ('samverkan sp consult')"
      )
    }
  }

  mutating func checkMeeting() {
    guard let meeting = plan.meeting else { return }
    if let summons = plan.summons, meeting.held < summons.sentOn {
      rule("meeting", "the meeting (\(meeting.held)) is before the summons (\(summons.sentOn))")
    }
    notAfterToday(meeting.held, "meeting", "the meeting date")
    var recorded: Set<String> = []
    for entry in meeting.attendance {
      if !isParty(entry.administration) {
        rule("meeting", "\(entry.administration) is not one of the SP's administrations")
      } else if !recorded.insert(entry.administration.organization).inserted {
        rule("meeting", "the attendance of \(entry.administration.organization) is given twice")
      }
    }
    for administration in plan.administrations
    where !recorded.contains(administration.organization) {
      rule(
        "meeting",
        "the attendance of \(administration) is needed (--attendance \(administration)=present|absent-valid|absent-invalid)"
      )
    }
  }

  mutating func checkPlan() {
    guard let documented = plan.plan else { return }
    if let meeting = plan.meeting, documented.documentedOn < meeting.held {
      rule(
        "plan",
        "the plan (\(documented.documentedOn)) is documented before the meeting (\(meeting.held))")
    }
    notAfterToday(documented.documentedOn, "plan", "the plan's date")
    var responsible: Set<String> = []
    for part in documented.responsibilities {
      if !isParty(part.administration) {
        rule(
          "plan",
          "responsibility for \(part.administration), which is not one of the SP's administrations")
      } else if !responsible.insert(part.administration.organization).inserted {
        rule(
          "plan",
          "the responsibility of \(part.administration.organization) is given twice; write it as one"
        )
      }
      notEmpty(part.text, "plan", "what \(part.administration) is responsible for")
    }
    for need in documented.needs { notEmpty(need.text, "plan", "the text of a need") }
    for goal in documented.goals { notEmpty(goal.text, "plan", "the text of a goal") }
    if let view = documented.ownView { notEmpty(view, "plan", "the individual's own view") }
    for intervention in documented.interventions {
      if !isParty(intervention.responsible) {
        rule(
          "plan",
          "the intervention '\(intervention.what)' is the responsibility of \(intervention.responsible), which is not one of the SP's administrations (\(SPCommand.names(plan.administrations)))"
        )
      }
      notEmpty(
        intervention.what, "plan", "the intervention \(intervention.responsible) is responsible for"
      )
      if let problem = intervention.dateProblem { rule("plan", problem) }
      if let by = intervention.by, by < plan.createdOn {
        rule(
          "plan",
          "'\(intervention.what)' is to be done by \(by), before the SP was created (\(plan.createdOn))"
        )
      }
    }
    var named: Set<String> = []
    for contact in documented.contacts {
      if !isParty(contact.administration) {
        rule(
          "plan",
          "the contact \(contact.name) is at \(contact.administration), which is not one of the SP's administrations"
        )
      } else if !named.insert(contact.administration.organization).inserted {
        rule(
          "plan",
          "\(contact.administration.organization) has two named contacts; each administration names one"
        )
      }
      notEmpty(contact.name, "plan", "the name of the contact at \(contact.administration)")
    }
    if let followUp = documented.followUp, followUp < documented.documentedOn {
      rule(
        "plan",
        "the follow-up (\(followUp)) is before the plan is documented (\(documented.documentedOn))")
    }
    // Content the approvers already had is not judged again by rules added since: a plan
    // established before needs, goals and contacts were recorded keeps its follow-ups.
    let judged = previous.map { !$0.isBeforeApprovers || $0.plan != plan.plan } ?? true
    if plan.isBeforeApprovers, judged {
      for missing in plan.missingForApproval {
        rule("plan", "sent for approval without " + missing)
      }
    }
  }

  mutating func checkApprovals() {
    let round = plan.round
    var previousDate: CivilDate?
    for submission in plan.submissions {
      if let previousDate, submission.date < previousDate {
        rule("submissions", "the submissions are not in date order")
      }
      notAfterToday(submission.date, "submissions", "the submission date")
      previousDate = submission.date
    }
    if plan.isBeforeApprovers, let last = plan.submissions.last, let documented = plan.plan,
      last.date < documented.documentedOn
    {
      rule(
        "submissions",
        "the plan was changed (\(documented.documentedOn)) after it was last sent for approval (\(last.date)); send it again"
      )
    }
    var answered: Set<String> = []
    for decision in plan.decisions {
      guard (1...max(round, 1)).contains(decision.round), round > 0 else {
        rule(
          "decisions",
          "\(decision.administration) answers round \(decision.round), but the plan was sent for approval \(round) time(s)"
        )
        continue
      }
      if !isOther(decision.administration) {
        rule(
          "decisions",
          "\(decision.administration) cannot approve or reject: only the other administrations (\(plan.others.map(\.value).joined(separator: ", "))) do; \(plan.initiator) sent the plan"
        )
      }
      if !answered.insert("\(decision.round) \(decision.administration.organization)").inserted {
        rule(
          "decisions",
          "\(decision.administration.organization) answers round \(decision.round) twice")
      }
      if decision.date < plan.submissions[decision.round - 1].date {
        rule(
          "decisions",
          "\(decision.administration) answers on \(decision.date), before the plan was sent (\(plan.submissions[decision.round - 1].date))"
        )
      }
      notAfterToday(decision.date, "decisions", "the decision date")
      if decision.verdict == .rejected {
        notEmpty(
          decision.comment ?? "", "decisions",
          "a comment saying why \(decision.administration) rejects the plan")
      }
    }
    if round > 1 {
      for earlier in 1..<round
      where !plan.decisions.contains(where: { $0.round == earlier && $0.verdict == .rejected }) {
        rule(
          "decisions",
          "round \(earlier) ended without a rejection, so the plan cannot have been sent again")
      }
    }
    let current = plan.currentDecisions
    let rejected = current.contains { $0.verdict == .rejected }
    switch plan.state {
    case .submitted where rejected:
      rule(
        "state",
        "an administration rejected the plan in round \(round), so it is back at 'documented' to be revised"
      )
    case .submitted where plan.awaitingApproval.isEmpty:
      rule("state", "every other administration has approved the plan, so it is 'established'")
    case .documented where round > 0 && !rejected:
      rule(
        "state",
        "the plan was sent for approval (round \(round)) and not rejected, so it is 'submitted' or 'established'"
      )
    case _ where plan.establishedOn != nil && plan.state >= .established:
      if rejected || !plan.awaitingApproval.isEmpty {
        let waiting = plan.awaitingApproval.map(\.value).joined(separator: ", ")
        rule(
          "state",
          "a plan is established only when every other administration has approved it; \(rejected ? "it was rejected in round \(round)" : "still waiting for \(waiting)")"
        )
      } else if let last = current.map(\.date).max(), plan.establishedOn != last {
        rule("establishedOn", "the plan was established on the day of the last approval, \(last)")
      }
    default:
      break
    }
  }

  /// What is recorded beside the plan: stödkontakt decisions, follow-ups and the closing.
  mutating func checkBeside(consents: [Consent]) {
    var decided: Set<String> = []
    for open in plan.openCases where !isParty(open) {
      rule("openCases", "\(open) is not one of the SP's administrations")
    }
    for contact in plan.supportContacts {
      if !isParty(contact.administration) {
        rule("supportContacts", "\(contact.administration) is not one of the SP's administrations")
      } else if let open = plan.openCases.first(where: {
        $0.contains(contact.administration) || contact.administration.contains($0)
      }) {
        // Seed 000: stödkontakt opens a case where there is none, so that the coordination
        // can be documented; an administration with a case documents it there.
        rule(
          "supportContacts",
          "\(open) already has an open case for the person and documents the coordination there; stödkontakt med socialsekreterare is decided by an administration without one (\(SPCommand.names(plan.administrations.filter { !plan.hasOpenCase($0) })))"
        )
      } else if !decided.insert(contact.administration.organization).inserted {
        rule(
          "supportContacts",
          "\(contact.administration.organization) has decided on stödkontakt twice")
      }
      notEmpty(
        contact.decidedBy, "supportContacts",
        "who decided on stödkontakt at \(contact.administration)")
      notAfterToday(contact.decidedOn, "supportContacts", "the decision date")
      if contact.decidedOn < plan.createdOn {
        rule(
          "supportContacts",
          "the stödkontakt decision (\(contact.decidedOn)) is before the SP was created")
      }
      let own = consents.filter { $0.id == contact.consent }
      let isNew = !(previous?.supportContacts.contains(contact) ?? false)
      if isNew, !own.isEmpty,
        let reasons = coverage(own, purpose: .supportContact, on: contact.decidedOn)
      {
        rule(
          "supportContacts",
          "\(contact.consent) does not cover the stödkontakt decision at \(contact.administration) on \(contact.decidedOn) (\(reasons.map(\.message).joined(separator: "; ")))"
        )
      }
    }
    if !plan.followUps.isEmpty, plan.establishedOn == nil {
      rule("followUps", "only an established plan is followed up")
    }
    var previous = plan.establishedOn
    for followUp in plan.followUps {
      if let previous, followUp.date < previous {
        rule("followUps", "the follow-up on \(followUp.date) is before \(previous)")
      }
      notAfterToday(followUp.date, "followUps", "the follow-up date")
      notEmpty(followUp.note, "followUps", "what the follow-up found")
      if let next = followUp.next, next <= followUp.date {
        rule(
          "followUps",
          "the next follow-up (\(next)) must come after the follow-up on \(followUp.date)")
      }
      previous = followUp.date
    }
    if let closing = plan.closing {
      notEmpty(closing.reason, "closing", "the reason the SP is closed")
      notAfterToday(closing.date, "closing", "the closing date")
      let latest = [plan.establishedOn, plan.followUps.last?.date].compactMap { $0 }
        .reduce(plan.createdOn, max)
      if closing.date < latest {
        rule("closing", "the closing (\(closing.date)) is before what it closes (\(latest))")
      }
    }
  }

  // MARK: Write-protection

  mutating func checkWriteProtection(previous: CoordinatedPlan) {
    if previous.state == .closed {
      if plan != previous {
        rule(
          "state",
          "\(name) was closed on \(previous.closing?.date.description ?? "an earlier day") and cannot change"
        )
      }
      return
    }
    guard previous.state == .established else { return }
    if plan.protectedContent != previous.protectedContent {
      rule(
        "plan",
        "\(name) was established on \(previous.establishedOn?.description ?? "an earlier day") and is write-protected (skrivskyddad); only follow-ups, stödkontakt decisions and the closing are recorded beside it"
      )
    }
    func keepsEarlier<T: Equatable>(_ new: [T], _ old: [T]) -> Bool {
      new.count >= old.count && Array(new.prefix(old.count)) == old
    }
    if !keepsEarlier(plan.followUps, previous.followUps)
      || !keepsEarlier(plan.supportContacts, previous.supportContacts)
      || !keepsEarlier(plan.consents, previous.consents)
      || !keepsEarlier(plan.legalGrounds, previous.legalGrounds)
    {
      rule(
        "followUps",
        "what is recorded beside the established plan is only added to, never changed or removed"
      )
    }
  }
}
