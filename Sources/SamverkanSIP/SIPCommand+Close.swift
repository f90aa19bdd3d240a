import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanStore

extension SIPCommand {
  /// `sip close`: the coordinated planning ends (avslut).
  enum Close {
    // MARK: - Closing

    static let closingReason = Option<SIPClosingReason>(
      "reason", value: "reason", help: "Why the SIP closes.", required: true)
    static let closingBy = Option<OrganizationID>(
      "by", value: "org",
      help: "The principal with overall responsibility for the plan, which closes it.",
      required: true)

    static let spec = CommandSpec(
      name: "close",
      abstract: "Close the SIP: goals met, no longer needed, or consent withdrawn (avslut).",
      discussion: """
        Only the principal with overall responsibility for the plan may close it (before that is decided, the initiator). 'goals-met' needs an established plan; 'consent-withdrawn' needs the withdrawal recorded with 'samverkan consent revoke'. Closing shares nothing, so it works after consent is withdrawn.
        """,
      examples: [
        Example(
          "samverkan sip close SIP-3 --reason goals-met --by SF-NORDOST", "The goals are met."),
        Example(
          "samverkan sip close SIP-3 --reason consent-withdrawn --by REGION",
          "The individual withdrew their consent."),
      ],
      options: [closingReason, closingBy, on, note],
      arguments: [sipID]
    ) { call in try run(call) }

    static func run(_ call: Invocation) throws -> Int32 {
      let reason = try call.require(closingReason)
      let by = try call.require(closingBy)
      let date = try call.stepDate(on)
      let remark = try call.value(note)
      return try change(
        call, action: "close", step: "Closing", sharing: .none, on: date,
        authority: { sip in
          // The principal with overall responsibility closes; before one is named, the
          // initiator (as `SIP.close` itself rules).
          AuthorityQuestion(
            step: "sip close", action: "close \(sip.id?.description ?? "the SIP")",
            organizations: [sip.overallResponsible ?? sip.initiator],
            organizationRole: sip.overallResponsible == nil
              ? "the initiator" : "the principal with overall responsibility")
        }
      ) {
        sip, context in
        try sip.requireOpen("closing it")
        try sip.close(on: date, reason: reason, by: by, note: remark, reader: context.reader)
        return Change(event: "SIP avslutad: \(reason.label)", note: remark)
      }
    }
  }
}
