import SamverkanDomain

// MARK: - Which step may be taken when

extension CoordinatedPlan {
  /// Refuses a step the SP's state does not allow, saying why and what to do instead: any
  /// change to an established (write-protected) or closed SP, and steps out of order.
  public func check(_ step: Step) throws(SamverkanError) {
    let id = idText
    if state == .closed {
      let closed = closing.map { " on \($0.date) (\($0.reason))" } ?? ""
      throw .locked(
        id: id,
        reason:
          "it was closed\(closed); nothing more is recorded on it. A new need for coordination needs a new SP ('samverkan sp create')."
      )
    }
    if state == .established {
      guard [.supportContact, .followUp, .close].contains(step) else {
        throw .locked(
          id: id,
          reason:
            "the plan was established on \(establishedOn?.description ?? "an earlier day") when every administration had approved it, and is write-protected (skrivskyddad). Follow-ups ('sp follow-up'), stödkontakt decisions ('sp support-contact') and the closing ('sp close') are still recorded beside it; a new plan needs a new SP."
        )
      }
      return
    }
    switch step {
    case .summon:
      guard state <= .summoned else {
        throw .refused(
          "\(id) is past the summons (its meeting was held on \(meeting?.held.description ?? "an earlier day")); a summons can no longer be sent or changed."
        )
      }
    case .answer:
      guard state == .summoned else {
        throw .refused(
          state < .summoned
            ? "\(id) has not been summoned yet: an answer is to a summons sent with 'samverkan sp summon \(id) …'."
            : "\(id) is past the summons (its meeting was held on \(meeting?.held.description ?? "an earlier day")); the answers no longer change."
        )
      }
    case .meeting:
      guard state >= .summoned else {
        throw .refused(
          "\(id) has not been summoned yet: send the summons (kallelse) with 'samverkan sp summon \(id) …' before recording the meeting."
        )
      }
      try notWhileWaitingForApproval(step)
    case .plan:
      guard state >= .met else {
        throw .refused(
          "\(id) has no meeting recorded yet: the plan documents the SP meeting, so record it first with 'samverkan sp meeting \(id) …'."
        )
      }
      try notWhileWaitingForApproval(step)
    case .submit:
      guard state >= .documented else {
        throw .refused(
          "\(id) has no documented plan yet: document it with 'samverkan sp plan \(id) …' before sending it for approval."
        )
      }
      guard state == .documented else {
        throw .refused(
          "\(id) was already sent for approval on \(submittedOn); it is waiting for \(awaitingApproval.map(\.value).joined(separator: ", "))."
        )
      }
    case .approve, .reject:
      guard state == .submitted else {
        throw .refused(
          "\(id) is not waiting for approval (its state is '\(state.rawValue)'): the plan is sent for approval with 'samverkan sp submit \(id)' once it is documented."
        )
      }
    case .followUp:
      throw .refused(
        "\(id) is not established yet (its state is '\(state.rawValue)')\(waitingText): only an established plan is followed up. It is established when every other administration has approved it."
      )
    case .supportContact, .close:
      break
    }
  }

  private var waitingText: String {
    state == .submitted
      ? "; it is waiting for approval from \(awaitingApproval.map(\.value).joined(separator: ", "))"
      : ""
  }

  /// The day the plan was last sent for approval, for messages.
  private var submittedOn: String {
    submissions.last?.date.description ?? "an earlier day"
  }

  private func notWhileWaitingForApproval(_ step: Step) throws(SamverkanError) {
    guard state == .submitted else { return }
    throw .refused(
      "\(idText) was sent for approval on \(submittedOn) and is waiting for \(awaitingApproval.map(\.value).joined(separator: ", ")); the \(step == .meeting ? "meeting" : "plan") is not changed under the approvers' feet. An administration that wants changes rejects it ('samverkan sp reject \(idText) --org … --comment …'); then revise the plan and submit it again."
    )
  }

  // MARK: - The steps

  /// Records what a sharing step relied on: the consent (and the restrictions in force,
  /// for the caseworker's own record), or the secrecy-breaking ground. Bases accumulate.
  public mutating func rely(on basis: SharingBasis, for step: Step) {
    switch basis {
    case .consent(let consent, let restrictions):
      if !consents.contains(consent) { consents.append(consent) }
      if let restrictions { self.restrictions = restrictions }
    case .legalGround(let use):
      legalGrounds.append(SharingGround(step: step, use: use))
    }
  }

  /// Sends (or sends again) the summons.
  public mutating func summon(_ summons: Summons) {
    self.summons = summons
    state = .summoned
  }

  /// Records the meeting; a correction keeps the state a documented plan has reached.
  public mutating func record(_ meeting: Meeting) {
    self.meeting = meeting
    state = max(state, .met)
  }

  /// Documents the plan (or revises it, after a rejection).
  public mutating func document(_ plan: Plan) {
    self.plan = plan
    state = .documented
  }

  /// Sends the plan to the other administrations for approval; refused until it is
  /// complete, listing everything missing at once.
  public mutating func submit(on date: CivilDate, by name: String) throws(SamverkanError) {
    let missing = missingForApproval
    guard missing.isEmpty else {
      throw .incomplete("\(idText) cannot be sent for approval", missing: missing)
    }
    submissions.append(Submission(date: date, by: name))
    state = .submitted
  }

  /// Records one administration's answer. Returns the day the plan is established when
  /// this answer establishes it: when every other administration has approved the current
  /// round; nil otherwise.
  public mutating func decide(
    _ administration: OrganizationID, verdict: Verdict, on date: CivilDate, by name: String,
    comment: String?
  ) throws(SamverkanError) -> CivilDate? {
    guard let party = self.administration(matching: administration) else {
      throw .refused(
        "\(administration) is not one of \(idText)'s administrations (\(administrations.map(\.value).joined(separator: ", ")))."
      )
    }
    guard party.organization != initiator.organization else {
      throw .refused(
        "\(party) drives \(idText) and sent the plan for approval, which is its own approval; the other administrations (\(others.map(\.value).joined(separator: ", "))) approve or reject it."
      )
    }
    if let earlier = currentDecisions.first(where: {
      $0.administration.organization == party.organization
    }) {
      throw .refused(
        "\(party) already \(earlier.verdict == .approved ? "approved" : "rejected") the plan on \(earlier.date) (round \(round)); it is waiting for \(awaitingApproval.map(\.value).joined(separator: ", "))."
      )
    }
    if verdict == .rejected, comment.isBlank {
      throw .incomplete(
        "\(party)'s rejection cannot be recorded",
        missing: ["--comment: why the plan is not approved, so it can be revised"])
    }
    decisions.append(
      Decision(
        administration: party, round: round, verdict: verdict, date: date, by: name,
        comment: comment))
    if verdict == .rejected {
      state = .documented
      return nil
    }
    // Answers may be recorded out of order: the plan stands from the last approval's day.
    guard awaitingApproval.isEmpty, let lastApproval = currentDecisions.map(\.date).max() else {
      return nil
    }
    state = .established
    establishedOn = lastApproval
    return lastApproval
  }

  /// Records the stödkontakt decision of one administration.
  public mutating func decideSupportContact(_ contact: SupportContact) throws(SamverkanError) {
    if let earlier = supportContacts.first(where: {
      $0.administration.organization == contact.administration.organization
    }) {
      throw .refused(
        "\(contact.administration.organization) already decided on stödkontakt med socialsekreterare for \(idText) on \(earlier.decidedOn)."
      )
    }
    supportContacts.append(contact)
  }

  /// Records a follow-up of the established plan.
  public mutating func followUp(_ followUp: FollowUp) {
    followUps.append(followUp)
  }

  /// Closes the SP with the reason documented.
  public mutating func close(_ closing: Closing) {
    self.closing = closing
    state = .closed
  }
}
