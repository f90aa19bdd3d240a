import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanJSON
import SamverkanStore

extension TransferCommand {
  /// `transfer list`: transfers, filtered; a late notice shows in the status.
  static let list = CommandSpec(
    name: "list",
    abstract: "List transfers, filtered by person, unit, state, open or late.",
    examples: [
      Example("samverkan transfer list --open", "Every transfer not yet completed or cancelled."),
      Example("samverkan transfer list --to FFS --late", "Transfers to FFS notified late."),
      Example("samverkan transfer list --person 20080229-2383 --json", "One person's transfers."),
    ],
    options: filter.options + ListOptions.all
  ) { call in
    try call.store().read { reader in
      let test = try filter.make(call, reader)
      // One person's transfers come from the person index, not the whole collection.
      let transfers =
        try call.value(person).map { try reader.records(Transfer.self, person: $0) }
        ?? reader.records(Transfer.self)
      try call.writeList(
        columns: Transfer.listColumns, fields: Transfer.fieldNames + ["status"],
        masking: try call.masking(reader)
      ) { emit in
        for transfer in transfers where test?(transfer) ?? true {
          try emit(try transfer.listRow)
        }
      }
    }
    return ExitCode.success
  }

  static let transferIDs = VariadicArgument<String>(
    "id", help: "The transfer's ID, e.g. TRF-12; several may be given.",
    completion: .dynamic("ids:TRF"))

  /// `transfer show <id> ...`: every field, or the package as a Swedish document.
  static let show = CommandSpec(
    name: "show",
    abstract:
      "Show one transfer; --format md renders the package for the receiving unit in Swedish.",
    discussion:
      "JSON has the stored fields and, as 'list' writes it, the status. Several IDs are shown one after the other (with --json as an array; documents separated by a rule); if any does not exist, nothing is shown (exit 66).",
    examples: [
      Example("samverkan transfer show TRF-4", "Every field of TRF-4."),
      Example(
        "samverkan transfer show TRF-4 --format md > TRF-4.md",
        "The transfer package as a document for the receiving unit."),
    ],
    arguments: [transferIDs],
    documentFormats: [.md]
  ) { call in
    let ids = try call.recordIDs(transferIDs, kinds: [.transfer])
    let format = try call.outputFormat()
    try call.store().read { reader in
      let transfers = try ids.map { try reader.require($0, as: Transfer.self) }
      let masking = try call.masking(reader)
      for transfer in transfers { try call.noteWithdrawals(of: transfer, reader: reader) }
      guard format == .md, !call.quiet else {
        try call.writeRecords(
          try transfers.map { (try $0.listRow, Transfer.fieldNames + ["status"]) },
          masking: masking)
        return
      }
      let documents = try transfers.map { transfer in
        TransferDocument(
          transfer: transfer, profile: try call.profile(), masking: masking,
          today: call.clock.today,
          consents: try transfer.references.compactMap { try reader.record($0, as: Consent.self) }
        ).render()
      }
      call.stdout.write(documents.joined(separator: "\n---\n\n"))
    }
    return ExitCode.success
  }
}

extension Transfer {
  /// The record as `list` shows it: its fields and the status with a late notice flagged.
  var listRow: JSONValue {
    get throws {
      guard case .object(var object) = try json else { return try json }
      object["status"] = .string(status)
      return .object(object)
    }
  }
}
