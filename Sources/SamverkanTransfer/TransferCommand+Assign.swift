import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanStore

extension TransferCommand {
  /// `transfer assign <id>`: the receiving unit's caseworker, who contacts the person and
  /// the referring caseworker.
  enum Assign {
    static let receivingCaseworker = Option<String>(
      "caseworker", value: "name", help: "The caseworker at the receiving unit.", required: true)
    static let caseworkerEmail = Option<EmailAddress>(
      "email", value: "address", help: "The caseworker's e-mail address.")
    static let caseworkerPhone = Option<PhoneNumber>(
      "phone", value: "number", help: "The caseworker's phone number.")
    static let assignedOn = CommonOptions.stepDate("the caseworker was assigned")

    static let spec = CommandSpec(
      name: "assign",
      abstract: "Record the caseworker the receiving unit assigned (replaces an earlier one).",
      discussion:
        "The assigned caseworker contacts both the person and the referring caseworker. Possible once the receiving unit has been notified.",
      examples: [
        Example(
          "samverkan transfer assign TRF-4 --caseworker 'Per Berg' --email per.berg@socialnordost.goteborg.se",
          "Per Berg takes the case at the receiving unit.")
      ],
      options: [receivingCaseworker, caseworkerEmail, caseworkerPhone, assignedOn] + sharingOptions,
      arguments: [transferID]
    ) { call in try run(call) }

    static func run(_ call: Invocation) throws -> Int32 {
      let id = try call.recordID(transferID, kind: .transfer)
      let date = try call.stepDate(assignedOn)
      let name = try call.require(receivingCaseworker)
      guard !name.isBlank else {
        throw SamverkanError.invalidValue(
          name, option: receivingCaseworker.spec.usage, reason: "the caseworker's name is empty")
      }
      let email = try call.value(caseworkerEmail)
      let phone = try call.value(caseworkerPhone)
      let transfer = try change(
        call, id, action: "assign", authority: byReceivingUnit("assign", "assign a caseworker")
      ) { transfer, writer in
        try requireNotified(transfer, id, step: "assign a caseworker")
        try requireNotBeforeNotice(transfer, date, id, what: "The assignment")
        // The assigned caseworker contacts the person: only on a consent that holds.
        try share(call, writer, &transfer, step: "assign", date: date)
        let replacing = transfer.receivingCaseworker.map { " (replaces \($0))" } ?? ""
        transfer.receivingCaseworker = name
        transfer.receivingCaseworkerEmail = email
        transfer.receivingCaseworkerPhone = phone
        transfer.assignedOn = date
        return "Handläggare utsedd på mottagande enhet\(replacing)"
      }
      call.note(
        "\(id): \(name) at \(transfer.to) contacts the person and the referring caseworker\(transfer.referringCaseworker.map { " (\($0))" } ?? "")."
      )
      return ExitCode.success
    }
  }
}
