import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanStore

extension TransferCommand {
  static let completedOn = CommonOptions.stepDate("responsibility passed")

  /// `transfer complete <id>`: responsibility has passed to the receiving unit.
  static let complete = CommandSpec(
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
  ) { call in
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

  static let cancelReason = CommonOptions.reason.help("Why the transfer will not happen.").required
  static let cancelledOn = CommonOptions.stepDate("it was cancelled")

  /// `transfer cancel <id> --reason …`: the transfer will not happen.
  static let cancel = CommandSpec(
    name: "cancel",
    abstract: "Cancel a transfer that will not happen, with the reason.",
    examples: [
      Example(
        "samverkan transfer cancel TRF-4 --reason 'Behöver inte fortsatt stöd efter 19 år.'",
        "Closes TRF-4; its history stays.")
    ],
    options: [cancelReason, cancelledOn],
    arguments: [transferID]
  ) { call in
    let id = try call.recordID(transferID, kind: .transfer)
    let date = try call.stepDate(cancelledOn)
    let reason = try call.require(cancelReason).trimmingCharacters(in: .whitespacesAndNewlines)
    guard !reason.isEmpty else {
      throw SamverkanError.invalidValue(
        "", option: cancelReason.spec.usage,
        reason: "the reason is empty; say why the transfer will not happen")
    }
    let transfer = try change(call, id, action: "cancel") { transfer, _ in
      transfer.state = .cancelled
      transfer.cancelledOn = date
      transfer.cancelReason = reason
      return "Överföring avbruten"
    }
    call.note(
      "\(id): cancelled on \(date); the case stays with \(transfer.from)."
        + (transfer.notifiedOn.map { " Tell \(transfer.to), which was notified on \($0)." } ?? ""))
    return ExitCode.success
  }

  static let raisedEscalation = Option<RecordID>(
    "at", value: "ESC-n", help: "The escalation where the case was raised.", required: true,
    completion: .dynamic("ids:ESC"))

  /// `transfer raised <id> --at ESC-n`: the youth case was raised at the samverkansmöte.
  static let raised = CommandSpec(
    name: "raised",
    abstract: "Record the escalation where the youth case was raised at the samverkansmöte.",
    discussion:
      "A youth case that needs support after the age limit is raised (aktualiseras) at the samverkansmöte before the receiving unit is notified (seed 001). 'transfer upcoming' lists the transfers still to be raised.",
    examples: [
      Example(
        "samverkan transfer raised TRF-4 --at ESC-7",
        "TRF-4 was raised in ESC-7, registered for the samverkansmöte.")
    ],
    options: [raisedEscalation],
    arguments: [transferID]
  ) { call in
    let id = try call.recordID(transferID, kind: .transfer)
    let escalation = try call.require(raisedEscalation)
    _ = try change(call, id, action: "raised") { transfer, _ in
      transfer.raisedAt = escalation
      return "Ärendet aktualiserat på samverkansmöte (\(escalation))"
    }
    call.note("\(id): raised at the samverkansmöte in \(escalation).")
    return ExitCode.success
  }
}
