import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanStore

extension SPCommand {
  /// `sp support-contact`: the decision on stödkontakt med socialsekreterare.
  enum SupportContact {
    static let administration = Option<OrganizationID>(
      "org", value: "org",
      help: "The administration without an open case for the person, which decides, e.g. FFS.",
      required: true)

    static let spec = CommandSpec(
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
      options: [administration, decidedBy, on, note] + legalGroundOptions,
      arguments: [spID]
    ) { call in try run(call) }

    static func run(_ call: Invocation) throws -> Int32 {
      let administration = try call.require(Self.administration)
      let date = try call.stepDate(on)
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
        let consent = try consent(call, previous, writer: writer, on: date)
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
    /// administrations on the decision day, through the sharing gate. Refused (77)
    /// otherwise; no secrecy-breaking ground replaces the person's consent to a decision
    /// about them.
    static func consent(
      _ call: Invocation, _ plan: CoordinatedPlan, writer: StoreWriter, on date: CivilDate
    ) throws -> RecordID {
      let basis = try sharingBasis(call, plan, writer: writer, step: .supportContact, on: date)
      guard let consent = basis.consent else {
        throw SamverkanError.internalError("the stödkontakt decision passed without consent")
      }
      return consent
    }
  }
}
