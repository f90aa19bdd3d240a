import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanStore

extension TransferCommand {
  /// `transfer cancel <id> --reason …`: the transfer will not happen.
  enum Cancel {
    static let reason = CommonOptions.reason.help("Why the transfer will not happen.").required
    static let cancelledOn = CommonOptions.stepDate("it was cancelled")

    static let spec = CommandSpec(
      name: "cancel",
      abstract: "Cancel a transfer that will not happen, with the reason.",
      examples: [
        Example(
          "samverkan transfer cancel TRF-4 --reason 'Behöver inte fortsatt stöd efter 19 år.'",
          "Closes TRF-4; its history stays.")
      ],
      options: [reason, cancelledOn],
      arguments: [transferID]
    ) { call in try run(call) }

    static func run(_ call: Invocation) throws -> Int32 {
      let id = try call.recordID(transferID, kind: .transfer)
      let date = try call.stepDate(cancelledOn)
      let reason = try call.require(Self.reason).trimmingCharacters(in: .whitespacesAndNewlines)
      guard !reason.isEmpty else {
        throw SamverkanError.invalidValue(
          "", option: Self.reason.spec.usage,
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
          + (transfer.notifiedOn.map { " Tell \(transfer.to), which was notified on \($0)." } ?? "")
      )
      return ExitCode.success
    }
  }
}
