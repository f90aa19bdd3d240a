import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanStore

extension SPCommand {
  static let supportAdministration = Option<OrganizationID>(
    "org", value: "org",
    help: "The administration without an open case for the person, which decides, e.g. FFS.",
    required: true)

  /// `sp support-contact`: the decision on stödkontakt med socialsekreterare.
  static let supportContact = CommandSpec(
    name: "support-contact",
    abstract: "Record an administration's decision on stödkontakt med socialsekreterare.",
    discussion: """
      The administration that has no open case for the person opens one and decides on stödkontakt med socialsekreterare, so that it can document the coordination as it goes. It is an administrative decision the person does not apply for, but must consent to: it needs a consent with the purpose 'support-contact' covering the SP's administrations (a consent to information exchange for the SP alone is not consent to the decision; grant both purposes with '--purpose sp,support-contact'). No secrecy-breaking ground replaces that consent.
      It is recorded beside the plan, also after the plan is established.
      """,
    examples: [
      Example(
        "samverkan sp support-contact SP-3 --org FFS --decided-by 'Anna Berg'",
        "FFS decides on stödkontakt med socialsekreterare today.")
    ],
    options: [supportAdministration, decidedBy, onDate, note] + legalGroundOptions,
    arguments: [spID]
  ) { call in
    let administration = try call.require(supportAdministration)
    let date = try call.value(onDate) ?? call.clock.today
    let plan = try change(
      call, step: .supportContact, action: "support-contact",
      refusal: { id in "The stödkontakt decision for \(id) cannot be recorded" },
      authority: { plan in
        AuthorityQuestion(
          step: "sp support-contact",
          action: "record \(administration)'s stödkontakt decision for \(plan.idText)",
          organizations: [administration], organizationRole: "the deciding administration")
      }
    ) { plan, previous, writer in
      guard let party = previous.administration(matching: administration) else {
        throw SamverkanError.refused(
          "\(administration) is not one of \(previous.idText)'s administrations (\(names(previous.administrations)))."
        )
      }
      let consent = try supportContactConsent(call, previous, writer: writer, on: date)
      try plan.decideSupportContact(
        CoordinatedPlan.SupportContact(
          administration: party, decidedOn: date,
          decidedBy: try call.decider(decidedBy), consent: consent,
          note: try text(call, note)))
      return ChangeNote()
    }
    call.note(
      "Recorded \(administration)'s decision on stödkontakt med socialsekreterare for \(plan.idText)."
    )
    return ExitCode.success
  }

  /// The consent to the stödkontakt decision: purpose support-contact, covering the SP's
  /// administrations on the decision day, through the sharing gate. Refused (77) otherwise;
  /// no secrecy-breaking ground replaces the person's consent to a decision about them.
  static func supportContactConsent(
    _ call: Invocation, _ plan: CoordinatedPlan, writer: StoreWriter, on date: CivilDate
  ) throws -> RecordID {
    let basis = try sharingBasis(call, plan, writer: writer, step: .supportContact, on: date)
    guard let consent = basis.consent else {
      throw SamverkanError.internalError("the stödkontakt decision passed without consent")
    }
    return consent
  }

  static let followUpFindings = CommonOptions.note.help("What the follow-up found and agreed.")
    .required
  static let nextFollowUp = Option<CivilDate>(
    "next", value: "date", help: "The next follow-up, if one is planned, e.g. +3m.")

  /// `sp follow-up`: a follow-up of the established plan.
  static let followUp = CommandSpec(
    name: "follow-up",
    abstract: "Record a follow-up of the established plan, and when the next one is.",
    discussion: """
      The plan is followed up as needed until a long-term solution is reached. Follow-ups are recorded beside the write-protected plan; the plan itself does not change. Without --next no further follow-up is planned ('sp due' stops listing it). Refused (exit 77) before the plan is established, or when consent no longer covers the SP.
      """,
    examples: [
      Example(
        "samverkan sp follow-up SP-3 --note 'Boendestödet är igång; fortsatt samordning' --next +3m",
        "Records today's follow-up; the next is due in three months.")
    ],
    options: [
      followUpFindings, nextFollowUp, onDate, legalGroundOption, legalGroundNoteOption,
      legalGroundConditionOption,
    ],
    arguments: [spID]
  ) { call in
    let date = try call.value(onDate) ?? call.clock.today
    let plan = try change(
      call, step: .followUp, action: "follow-up",
      refusal: { id in "The follow-up of \(id) cannot be recorded" }
    ) { plan, previous, writer in
      let basis = try sharingBasis(call, previous, writer: writer, step: .followUp, on: date)
      plan.rely(on: basis, for: .followUp)
      plan.followUp(
        CoordinatedPlan.FollowUp(
          date: date, note: try text(call, followUpFindings) ?? "",
          next: try call.value(nextFollowUp), by: call.actor))
      return ChangeNote()
    }
    call.note(
      plan.nextFollowUp.map { "Follow-up recorded; the next is on \($0)." }
        ?? "Follow-up recorded; no further follow-up is planned. Close the SP with 'samverkan sp close \(plan.idText) --reason …' when the need has ended."
    )
    return ExitCode.success
  }

  static let reason = CommonOptions.reason.help("Why the SP ends, documented on it.").required

  /// `sp close`: the need for coordination has ended.
  static let close = CommandSpec(
    name: "close",
    abstract: "Close the SP when the need for coordination has ended, with the reason documented.",
    discussion: """
      An SP can be closed at any step: when the need ends, or when the person withdraws consent. Closing shares nothing, so it needs no consent. A closed SP cannot change.
      """,
    examples: [
      Example(
        "samverkan sp close SP-3 --reason 'Behovet av samordning har upphört; FFS ansvarar för stödet'",
        "Closes SP-3 today.")
    ],
    options: [reason, onDate],
    arguments: [spID]
  ) { call in
    let date = try call.value(onDate) ?? call.clock.today
    guard let why = try text(call, reason) else {
      throw SamverkanError.usage(
        "Missing expected argument '\(reason.spec.usage)': the reason the SP is closed is documented."
      )
    }
    let plan = try change(
      call, step: .close, action: "close",
      refusal: { id in "\(id) cannot be closed" }
    ) { plan, previous, writer in
      plan.close(CoordinatedPlan.Closing(date: date, reason: why, by: call.actor))
      return ChangeNote()
    }
    call.note("Closed \(plan.idText) on \(date).")
    return ExitCode.success
  }
}
