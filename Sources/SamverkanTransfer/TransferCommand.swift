import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanStore

/// `samverkan transfer` — överföring av pågående ärende: moving an ongoing case to another
/// unit on time, with the handover and notice dates computed (SPEC §7, seed 001).
public enum TransferCommand: SamverkanCommand {
  public static let spec = CommandSpec(
    name: "transfer",
    abstract: "Hand an ongoing case over to another unit on time (överföring av pågående ärende).",
    discussion: """
      A youth case (barn och unga) that needs continued support after 19 moves to the adult unit on the 19th birthday; when the person is placed in family care (familjehem) the youth unit keeps it until the 21st. The case is notified (aviseras) at least six months before, with the transfer package, so both units can work together during a transition period; from the handover date the receiving unit decides. A collaboration meeting (samverkansmöte) can also decide a transfer on a chosen date. The ages and months are the profile's ('samverkan store profile').
      Steps: plan → package → notify (needs consent for purpose 'transfer' covering both units) → acknowledge, assign, meeting (by the receiving unit) → complete (on or after the handover date). 'upcoming' lists deadlines; 'route' says which unit takes a new or returning case.
      """,
    examples: [
      Example(
        "samverkan transfer plan --person 20080229-2383 --from SF-NORDOST/BOU --to SF-NORDOST/VUXEN",
        "Plans the handover on the 19th birthday and prints the transfer's ID."),
      Example(
        "samverkan transfer upcoming --within 9m",
        "Deadlines in the next nine months, overdue first."),
      Example(
        "samverkan transfer route --age 23 --needs substance-abuse", "Which unit takes a new case."),
    ],
    subcommands: [
      Plan.spec, Raised.spec, Package.spec, Notify.spec, Acknowledge.spec, Assign.spec,
      Meeting.spec, Complete.spec, Cancel.spec, Upcoming.spec, Route.spec, List.spec,
      Show.spec, StandardVerbs.history(kind: .transfer),
      StandardVerbs.correct([.of(Transfer.self)]),
      StandardVerbs.export(Transfer.self, filter: filter),
      StandardVerbs.importVerb(Transfer.self),
    ])

  public static let recordTypes: [RecordType] = [.of(Transfer.self)]

  // MARK: - Shared options

  static let transferID = RecordArguments.id(of: .transfer)
  static let person = CommonOptions.person
  static let personName = Option<String>("name", value: "name", help: "The person's name.")
  static let referringCaseworker = Option<String>(
    "caseworker", value: "name",
    help: "The referring caseworker (remitterande handläggare) at the unit handing over.")
  static let note = CommonOptions.note.help("A note kept on the transfer.")

  // MARK: - Filter for list and export

  static let fromFilter = Option<OrganizationID>(
    "from", value: "unit", help: "Only transfers from this organization or unit.")
  static let toFilter = Option<OrganizationID>(
    "to", value: "unit", help: "Only transfers to this organization or unit.")
  static let stateFilter = Option<TransferState>(
    "state", value: "state", help: "Only transfers in this state.")
  static let openFilter = Flag("open", help: "Only transfers not yet completed or cancelled.")
  static let lateFilter = Flag("late", help: "Only transfers notified after the deadline.")

  /// The filter `list` and `export` share.
  static let filter = StandardVerbs.Filter<Transfer>(
    options: [person, fromFilter, toFilter, stateFilter, openFilter, lateFilter]
  ) { call, _ in
    let person = try call.value(Self.person)
    let from = try call.value(fromFilter)
    let to = try call.value(toFilter)
    let state = try call.value(stateFilter)
    let open = call.isSet(openFilter)
    let late = call.isSet(lateFilter)
    guard person != nil || from != nil || to != nil || state != nil || open || late else {
      return nil
    }
    return { transfer in
      (person.map { $0 == transfer.person } ?? true)
        && (from.map { $0.contains(transfer.from) } ?? true)
        && (to.map { $0.contains(transfer.to) } ?? true)
        && (state.map { $0 == transfer.state } ?? true)
        && (!open || transfer.isOpen) && (!late || transfer.late)
    }
  }

  // MARK: - Changing a transfer

  /// Changes an open transfer through the change pipeline: `body` takes the step (a
  /// sharing step passes the gate with `share`) and names the event to journal, in Swedish
  /// as the routine registers it. Closed transfers cannot change (exit 77).
  @discardableResult
  static func change(
    _ call: Invocation, _ id: RecordID, action: String,
    authority: ((Transfer) throws -> AuthorityQuestion?)? = nil,
    _ body: (inout Transfer, StoreWriter) throws -> String?
  ) throws -> Transfer {
    try call.change(Transfer.self, id, action: action, authority: authority) {
      transfer, writer, _ in
      try requireOpen(transfer)
      return ChangeNote(event: try body(&transfer, writer))
    }
  }

  /// The receiving unit's own step: a user of the unit the case moves to (SPEC §12).
  static func byReceivingUnit(_ step: String, _ action: String) -> (Transfer) -> AuthorityQuestion {
    { transfer in
      AuthorityQuestion(
        step: "transfer \(step)",
        action: "\(action) for \(transfer.id?.description ?? "the transfer")",
        organizations: [transfer.to], organizationRole: "the receiving unit")
    }
  }

  /// Refuses a change to a completed or cancelled transfer.
  static func requireOpen(_ transfer: Transfer) throws {
    let id = try transfer.savedID.description
    switch transfer.state {
    case .completed:
      throw SamverkanError.locked(
        id: id,
        reason:
          "it was completed on \(transfer.completedOn?.description ?? "?"): the case is with \(transfer.to) now. Plan a new transfer if it is to move again."
      )
    case .cancelled:
      throw SamverkanError.locked(
        id: id,
        reason:
          "it was cancelled on \(transfer.cancelledOn?.description ?? "?") (\(transfer.cancelReason ?? "")). Plan a new transfer with 'samverkan transfer plan' if the case is to move after all."
      )
    default:
      return
    }
  }

  /// The sharing steps of a transfer: each needs the person's consent, purpose `transfer`
  /// (seed 001: the individual is asked and consent obtained before any contact, so no
  /// ground stands in). The receiving unit's own steps contact the person.
  static func sharingStep(_ verb: String) -> SharingStep {
    SharingStep(
      "transfer \(verb)", purpose: .transfer, consentAlwaysRequired: true,
      effect: ["acknowledge", "assign"].contains(verb) ? .personContact : .disclosure)
  }

  /// Takes a step of the transfer through the sharing gate, between the two units, and
  /// keeps its basis on the transfer. Asked at every step, so a withdrawn or expired
  /// consent stops the next one.
  static func share(
    _ call: Invocation, _ writer: StoreWriter, _ transfer: inout Transfer, step: String,
    date: CivilDate
  ) throws {
    guard let person = transfer.person, let id = transfer.id else { return }
    let passage = try call.passGate(
      sharingStep(step), record: id, person: person, from: transfer.from, to: [transfer.to],
      on: date, writer: writer)
    transfer.sharing.append(SharedStep(step: step, date: date, basis: passage.basis))
  }

  /// The legal-ground options every sharing step takes.
  static let sharingOptions: [any OptionDeclaration] = legalGroundOptions
}

extension TransferCommand {
  // MARK: - The receiving unit's steps (acknowledge, assign, meeting)

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
