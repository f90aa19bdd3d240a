import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanStore

extension TransferCommand {
  /// `transfer complete <id>`: responsibility has passed to the receiving unit.
  enum Complete {
    static let completedOn = CommonOptions.stepDate("responsibility passed")

    static let spec = CommandSpec(
      name: "complete",
      abstract:
        "Record that responsibility passed to the receiving unit (on or after the handover date).",
      discussion: """
        Refused (exit 77) before the handover date, and until the receiving unit has confirmed receipt, assigned a caseworker and held the officials' meeting; everything missing is listed at once. The case moves with it, so it needs a consent that still covers the transfer (or --legal-ground).
        """,
      examples: [
        Example("samverkan transfer complete TRF-4", "From today the receiving unit decides."),
        Example(
          "samverkan --today 2027-03-01 transfer complete TRF-4",
          "With the clock pinned to the handover date."),
      ],
      options: [completedOn] + sharingOptions,
      arguments: [transferID]
    ) { call in try run(call) }

    static func run(_ call: Invocation) throws -> Int32 {
      let id = try call.recordID(transferID, kind: .transfer)
      let date = try call.stepDate(completedOn)
      let transfer = try change(call, id, action: "complete") { transfer, writer in
        var missing: [String] = []
        if date < transfer.handoverDate {
          missing.append(
            "the handover date: responsibility passes on \(transfer.handoverDate) (\(handoverReason(transfer))), \(days(date.days(until: transfer.handoverDate))) after \(date)"
          )
        }
        if !transfer.state.isNotified {
          missing.append("the notice to the receiving unit: 'samverkan transfer notify \(id)'")
        }
        if transfer.acknowledgedOn == nil {
          missing.append(
            "the receiving unit's confirmation of receipt: 'samverkan transfer acknowledge \(id)'")
        }
        if transfer.receivingCaseworker == nil {
          missing.append(
            "a caseworker at the receiving unit: 'samverkan transfer assign \(id) --caseworker …'")
        }
        if transfer.meetingOn == nil {
          missing.append(
            "the officials' meeting (tjänstemannamöte): 'samverkan transfer meeting \(id)'")
        }
        if missing.count == 1, date < transfer.handoverDate {
          throw SamverkanError.refused(
            "\(id) cannot be completed before the handover date \(transfer.handoverDate) (\(handoverReason(transfer))): until then \(transfer.from) is responsible and \(transfer.to) may investigate but not decide interventions. Complete it on or after \(transfer.handoverDate), \(days(date.days(until: transfer.handoverDate))) after \(date)."
          )
        }
        if missing.isEmpty {
          try share(
            call, writer, &transfer, step: "complete", date: date)
        }
        guard missing.isEmpty else {
          throw SamverkanError.incomplete("\(id) cannot be completed yet", missing: missing)
        }
        transfer.state = .completed
        transfer.completedOn = date
        return "Ärendeansvaret överfört till mottagande enhet"
      }
      call.note(
        "\(id): from \(date) \(transfer.to) is responsible for the case and makes the decisions.")
      return ExitCode.success
    }

    /// Why the handover is on its date, for messages.
    static func handoverReason(_ transfer: Transfer) -> String {
      switch transfer.basis {
      case .birthday:
        "the \(ordinal(transfer.handoverAge ?? 0)) birthday"
          + (transfer.familyHome ? ", placed in family care" : "")
      case .decision:
        "the date decided"
      }
    }
  }
}
