import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanStore

extension TransferCommand {
  /// `transfer meeting <id>`: the joint officials' meeting (tjänstemannamöte).
  enum Meeting {
    static let on = CommonOptions.stepDate("the meeting was held")
    static let participants = ListOption<String>(
      "participants", value: "name",
      help: "Who took part; include other care providers, god man or förvaltare when there are any."
    )
    static let note = CommonOptions.note.help(
      "What was agreed: the new planning, how the person is informed.")

    static let spec = CommandSpec(
      name: "meeting",
      abstract: "Record the joint officials' meeting (tjänstemannamöte) the receiving unit held.",
      discussion: """
        The receiving unit's biträdande enhetschef holds a joint officials' meeting after confirming receipt, and the person is then told how the case goes on. Other care providers, god man or förvaltare take part when there are any, to make a new plan. The meeting shares information about the person, so it needs a consent that still covers the transfer (or --legal-ground).
        """,
      examples: [
        Example(
          "samverkan transfer meeting TRF-4 --participants 'Karin Lund,Per Berg,Eva Ek' --note 'Ny planering; Alva informeras 2026-12-12.'",
          "Records today's meeting.")
      ],
      options: [on, participants, note] + sharingOptions,
      arguments: [transferID]
    ) { call in try run(call) }

    static func run(_ call: Invocation) throws -> Int32 {
      let id = try call.recordID(transferID, kind: .transfer)
      let date = try call.stepDate(Self.on)
      let names = try call.values(participants)
      let text = try call.value(Self.note)
      let transfer = try change(call, id, action: "meeting") { transfer, writer in
        try requireNotified(transfer, id, step: "hold the officials' meeting")
        guard let received = transfer.acknowledgedOn else {
          throw SamverkanError.refused(
            "\(id): the receiving unit holds the officials' meeting after confirming receipt of the notice; record that first with 'samverkan transfer acknowledge \(id)'."
          )
        }
        guard date >= received else {
          throw SamverkanError.refused(
            "\(id): a meeting on \(date) would be before the receipt was confirmed (\(received)); give the day it was held with --on."
          )
        }
        try share(
          call, writer, &transfer, step: "meeting", date: date)
        let again = transfer.meetingOn != nil
        transfer.meetingOn = date
        transfer.meetingParticipants = names
        transfer.meetingNote = text
        return again ? "Nytt tjänstemannamöte hållet" : "Tjänstemannamöte hållet"
      }
      call.note(
        "\(id): officials' meeting held on \(date). Responsibility passes on \(transfer.handoverDate); then 'samverkan transfer complete \(id)'."
      )
      return ExitCode.success
    }
  }
}
