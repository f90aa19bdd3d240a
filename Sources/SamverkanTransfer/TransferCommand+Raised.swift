import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanStore

extension TransferCommand {
  /// `transfer raised <id> --at ESC-n`: the youth case was raised at the samverkansmöte.
  enum Raised {
    static let escalation = Option<RecordID>(
      "at", value: "ESC-n", help: "The escalation where the case was raised.", required: true,
      completion: .dynamic("ids:ESC"))

    static let spec = CommandSpec(
      name: "raised",
      abstract: "Record the escalation where the youth case was raised at the samverkansmöte.",
      discussion:
        "A youth case that needs support after the age limit is raised (aktualiseras) at the samverkansmöte before the receiving unit is notified (seed 001). 'transfer upcoming' lists the transfers still to be raised.",
      examples: [
        Example(
          "samverkan transfer raised TRF-4 --at ESC-7",
          "TRF-4 was raised in ESC-7, registered for the samverkansmöte.")
      ],
      options: [escalation],
      arguments: [transferID]
    ) { call in try run(call) }

    static func run(_ call: Invocation) throws -> Int32 {
      let id = try call.recordID(transferID, kind: .transfer)
      let escalation = try call.require(Self.escalation)
      _ = try change(call, id, action: "raised") { transfer, _ in
        transfer.raisedAt = escalation
        return "Ärendet aktualiserat på samverkansmöte (\(escalation))"
      }
      call.note("\(id): raised at the samverkansmöte in \(escalation).")
      return ExitCode.success
    }
  }
}
