import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanStore

extension SIPCommand {
  /// `sip decline`: refuse the individual a SIP — exceptional, with the reason documented.
  enum Decline {
    static let reason = CommonOptions.reason.help(
      "Why the SIP is refused (required: it must be documented)."
    ).required

    static let spec = CommandSpec(
      name: "decline",
      abstract: "Refuse the individual a SIP, with the reason (exceptional).",
      discussion:
        "Refusing a SIP should happen only in exceptional cases, and the reason must be documented. Only a SIP whose plan has not been established can be refused; later it is closed.",
      examples: [
        Example(
          "samverkan sip decline SIP-3 --reason 'Behoven rör endast socialtjänsten; ingen hälso- och sjukvård behövs'",
          "Refuses the SIP and documents why.")
      ],
      options: [reason, on],
      arguments: [sipID]
    ) { call in try run(call) }

    static func run(_ call: Invocation) throws -> Int32 {
      let reason = try call.require(Self.reason)
      guard !reason.isBlank else {
        throw SamverkanError.invalidValue(
          reason, option: Self.reason.spec.usage,
          reason: "the reason for refusing a SIP must be documented")
      }
      let date = try call.stepDate(on)
      let code = try change(call, action: "decline", step: "Declining", sharing: .none, on: date) {
        sip, _ in
        try sip.requireOpen("declining it")
        if sip.wasEverEstablished {
          throw SamverkanError.refused(
            "\(sip.name)'s plan has been established; a SIP under way is closed, not refused: 'samverkan sip close \(sip.name) --reason … --by …'."
          )
        }
        sip.refusal = SIPRefusal(date: date, reason: reason, recordedBy: call.actor)
        return Change(event: "SIP nekad", note: reason)
      }
      call.note(
        "Note: refusing a SIP should happen only in exceptional cases; the reason is documented on the SIP and in its history."
      )
      return code
    }
  }
}
