import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanStore

extension TransferCommand {
  /// `transfer acknowledge <id>`: the receiving unit confirms it received the package.
  enum Acknowledge {
    static let acknowledgedOn = CommonOptions.stepDate("the receiving unit confirmed receipt")
    static let acknowledgedBy = Option<String>(
      "by", value: "name",
      help:
        "Who at the receiving unit confirmed receipt (default the --as user; with a user register always the user running it)."
    )

    static let spec = CommandSpec(
      name: "acknowledge",
      abstract: "Record that the receiving unit confirmed receipt of the notice and package.",
      examples: [
        Example(
          "samverkan transfer acknowledge TRF-4 --by 'Eva Ek, biträdande enhetschef'",
          "The receiving unit has confirmed receipt today.")
      ],
      options: [acknowledgedBy, acknowledgedOn] + sharingOptions,
      arguments: [transferID]
    ) { call in try run(call) }

    static func run(_ call: Invocation) throws -> Int32 {
      let id = try call.recordID(transferID, kind: .transfer)
      let date = try call.stepDate(acknowledgedOn)
      let by = try call.decider(acknowledgedBy)
      let transfer = try change(
        call, id, action: "acknowledge",
        authority: byReceivingUnit("acknowledge", "confirm receipt")
      ) { transfer, writer in
        try requireNotified(transfer, id, step: "confirm receipt")
        if let earlier = transfer.acknowledgedOn {
          throw SamverkanError.refused(
            "\(id): the receiving unit confirmed receipt on \(earlier) already (\(transfer.acknowledgedBy ?? ""))."
          )
        }
        try requireNotBeforeNotice(transfer, date, id, what: "Receipt")
        // The receiving unit goes on to contact the person: only on a consent that holds.
        try share(call, writer, &transfer, step: "acknowledge", date: date)
        transfer.state = .acknowledged
        transfer.acknowledgedOn = date
        transfer.acknowledgedBy = by
        return "Mottagandet bekräftat"
      }
      call.note(
        "\(id): receipt confirmed on \(date) by \(by)."
          + (transfer.receivingCaseworker == nil
            ? " Next: assign a caseworker with 'samverkan transfer assign \(id) --caseworker …'."
            : ""))
      return ExitCode.success
    }
  }
}
