import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanStore

// The receiving unit's steps: confirm receipt, assign a caseworker, hold the officials'
// meeting (seed 001, Ärendeöverlämning efter beslut på samverkansmöte).
extension TransferCommand {
  static let acknowledgedOn = CommonOptions.stepDate("the receiving unit confirmed receipt")
  static let acknowledgedBy = Option<String>(
    "by", value: "name",
    help:
      "Who at the receiving unit confirmed receipt (default the --as user; with a user register always the user running it)."
  )

  /// `transfer acknowledge <id>`: the receiving unit confirms it received the package.
  static let acknowledge = CommandSpec(
    name: "acknowledge",
    abstract: "Record that the receiving unit confirmed receipt of the notice and package.",
    examples: [
      Example(
        "samverkan transfer acknowledge TRF-4 --by 'Eva Ek, biträdande enhetschef'",
        "The receiving unit has confirmed receipt today.")
    ],
    options: [acknowledgedBy, acknowledgedOn] + sharingOptions,
    arguments: [transferID]
  ) { call in
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

  static let receivingCaseworker = Option<String>(
    "caseworker", value: "name", help: "The caseworker at the receiving unit.", required: true)
  static let caseworkerEmail = Option<EmailAddress>(
    "email", value: "address", help: "The caseworker's e-mail address.")
  static let caseworkerPhone = Option<PhoneNumber>(
    "phone", value: "number", help: "The caseworker's phone number.")
  static let assignedOn = CommonOptions.stepDate("the caseworker was assigned")

  /// `transfer assign <id>`: the receiving unit's caseworker, who contacts the person and
  /// the referring caseworker.
  static let assign = CommandSpec(
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
  ) { call in
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

  static let meetingOn = CommonOptions.stepDate("the meeting was held")
  static let participants = ListOption<String>(
    "participants", value: "name",
    help: "Who took part; include other care providers, god man or förvaltare when there are any.")
  static let meetingNote = CommonOptions.note.help(
    "What was agreed: the new planning, how the person is informed.")

  /// `transfer meeting <id>`: the joint officials' meeting (tjänstemannamöte).
  static let meeting = CommandSpec(
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
    options: [meetingOn, participants, meetingNote] + sharingOptions,
    arguments: [transferID]
  ) { call in
    let id = try call.recordID(transferID, kind: .transfer)
    let date = try call.stepDate(meetingOn)
    let names = try call.values(participants)
    let text = try call.value(meetingNote)
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

  /// Refuses a receiving-unit step before the notice.
  static func requireNotified(_ transfer: Transfer, _ id: RecordID, step: String) throws {
    guard transfer.state.isNotified else {
      throw SamverkanError.refused(
        "\(id) has not been notified yet, so the receiving unit cannot \(step): notify \(transfer.to) first with 'samverkan transfer notify \(id)' (notice deadline \(transfer.noticeDeadline))."
      )
    }
  }

  /// Refuses a step dated before the notice.
  static func requireNotBeforeNotice(
    _ transfer: Transfer, _ date: CivilDate, _ id: RecordID, what: String
  ) throws {
    if let notified = transfer.notifiedOn, date < notified {
      throw SamverkanError.refused(
        "\(id): \(what.lowercased()) on \(date) would be before the notice on \(notified); give the right day with --on."
      )
    }
  }
}
