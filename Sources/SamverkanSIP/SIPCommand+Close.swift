import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanJSON
import SamverkanStore

extension SIPCommand {
  /// `sip close`: one principal documents its closing of the SIP (avslut); the SIP is
  /// closed when every principal taking part has.
  enum Close {
    // MARK: - Closing

    static let closingReason = Option<SIPClosingReason>(
      "reason", value: "reason", help: "Why the SIP closes.", required: true)
    static let closingBy = Option<OrganizationID>(
      "by", value: "org",
      help:
        "The principal (or its unit) documenting its closing (default: your organization in the user register)."
    )

    static let spec = CommandSpec(
      name: "close",
      abstract:
        "Document a principal's closing of the SIP: goals met, no longer needed, or consent withdrawn (avslut).",
      discussion: """
        Each principal taking part (the initiator and every summoned administration or region) documents its own closing, once; the SIP is closed when all of them have, and until then its state is 'closing': 'sip due' and 'agenda' list the principals that have not yet documented theirs, and no other step is taken. An actor invited at the individual's wish (FK, AF, KV, school) is no principal and documents no closing. --by defaults to your organization when the store has a user register.
        'goals-met' needs an established plan; 'consent-withdrawn' needs the withdrawal recorded with 'samverkan consent revoke'. Closing shares nothing, so it works after consent is withdrawn.
        """,
      examples: [
        Example(
          "samverkan sip close SIP-3 --reason goals-met --by SF-NORDOST",
          "Social services documents its closing; the region documents its own."),
        Example(
          "samverkan sip close SIP-3 --reason consent-withdrawn --by REGION",
          "The individual withdrew their consent; the region documents its closing."),
      ],
      options: [closingReason, closingBy, on, note],
      arguments: [sipID]
    ) { call in try run(call) }

    static func run(_ call: Invocation) throws -> Int32 {
      let reason = try call.require(closingReason)
      let by = try closingPrincipal(call, closingBy)
      let date = try call.stepDate(on)
      let remark = try call.value(note)
      var closed: SIP?
      let code = try change(
        call, action: "close", step: "Closing", sharing: .none, on: date,
        authority: { sip in
          AuthorityQuestion(
            step: "sip close", action: "document \(by)'s closing of \(sip.name)",
            organizations: [by], organizationRole: "the principal documenting its closing")
        }
      ) { sip, context in
        try sip.close(on: date, reason: reason, by: by, note: remark, reader: context.reader)
        closed = sip
        return Change(event: sip.closingEvent(by: by, reason: reason), note: remark)
      }
      if let sip = closed { call.noteClosing(of: sip) }
      return code
    }
  }

  /// The principal a closing is documented for: `--by`, or the acting user's organization
  /// when the store has a user register (64 without either).
  static func closingPrincipal(_ call: Invocation, _ option: Option<OrganizationID>) throws
    -> OrganizationID
  {
    if let given = try call.value(option) { return given }
    if let user = try call.registeredUser() { return user.organization }
    throw SamverkanError.missingOption(option: option.spec.usage)
  }
}

extension Invocation {
  /// Says on stderr who has yet to document the closing of a SIP that is closing.
  func noteClosing(of sip: SIP) {
    guard sip.state == .closing else { return }
    note(
      "Note: \(sip.name) is closing: \(sip.closingSummary); \(sip.awaitingClosing.map(\.value).listed("and")) \(sip.awaitingClosing.count == 1 ? "has" : "have") not yet documented the closing ('samverkan sip close \(sip.name) --by ORG --reason …'). The SIP is closed when every principal has."
    )
  }
}

extension SIP {
  /// Who documented the closing so far, for messages: "SF-NORDOST on 2027-08-20 (goals-met)".
  var closingSummary: String {
    closings.map { "\($0.by) on \($0.date) (\($0.reason.rawValue))" }.listed("and")
  }

  /// The journal event of one principal's closing.
  func closingEvent(by: OrganizationID, reason: SIPClosingReason) -> String {
    isClosed
      ? "SIP avslutad: \(reason.label) (\(by) dokumenterade avslutet; alla huvudmän har nu gjort det)"
      : "Avslut dokumenterat av \(by): \(reason.label)"
  }

  /// Records `by`'s closing after checking it is a principal taking part that has not yet
  /// documented one, and that the reason fits (exit 77).
  mutating func close(
    on date: CivilDate, reason: SIPClosingReason, by: OrganizationID, note: String?,
    reader: StoreReader
  ) throws {
    try requireNotEnded("closing it")
    let principal = by.parent
    guard isParty(by) else {
      throw SamverkanError.refused(
        "\(by) takes no part in \(name); each principal taking part documents its own closing: \(principals.map(\.value).listed("and"))."
      )
    }
    guard principals.contains(principal) else {
      throw SamverkanError.refused(
        "\(by) is not a principal (huvudman) of \(name) but an actor invited at the individual's wish, so it documents no closing; each principal does: \(principals.map(\.value).listed("and"))."
      )
    }
    if let earlier = closings.first(where: { $0.by.parent == principal }) {
      throw SamverkanError.refused(
        "\(principal) already documented its closing of \(name) on \(earlier.date) (\(earlier.reason.rawValue)); each principal documents it once. Still to document it: \(awaitingClosing.map(\.value).listed("and"))."
      )
    }
    if date < createdOn {
      throw SamverkanError.refused(
        "\(name) started on \(createdOn); a closing on \(date) would come before it.")
    }
    if reason == .goalsMet, !wasEverEstablished {
      throw SamverkanError.refused(
        "\(name) never had an established plan with goals, so its goals cannot be met; close it with 'no-longer-needed' or 'consent-withdrawn'."
      )
    }
    if reason == .consentWithdrawn, !consentWasWithdrawn(by: date, reader: reader) {
      let which =
        consent.map { "\($0), the consent \(name) relies on, is not revoked" }
        ?? "none of the person's consents for SIP is revoked"
      throw SamverkanError.refused(
        "\(name) cannot close with 'consent-withdrawn': \(which) by \(date). Record the withdrawal first with 'samverkan consent revoke'."
      )
    }
    closings.append(SIPClosing(date: date, reason: reason, by: by, note: note))
  }
}
