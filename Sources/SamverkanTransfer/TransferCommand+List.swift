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
    options: filter.options
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

  /// `transfer show <id>`: every field, or the package as a Swedish document.
  static let show = CommandSpec(
    name: "show",
    abstract:
      "Show one transfer; --format md renders the package for the receiving unit in Swedish.",
    examples: [
      Example("samverkan transfer show TRF-4", "Every field of TRF-4."),
      Example(
        "samverkan transfer show TRF-4 --format md > TRF-4.md",
        "The transfer package as a document for the receiving unit."),
    ],
    arguments: [transferID],
    documentFormats: [.md]
  ) { call in
    let id = try call.recordID(transferID, kind: .transfer)
    let format = try call.outputFormat()
    try call.store().read { reader in
      let transfer = try reader.require(id, as: Transfer.self)
      let masking = try call.masking(reader)
      try call.noteWithdrawals(of: transfer, reader: reader)
      if format == .md, !call.quiet {
        call.stdout.write(
          TransferDocument(
            transfer: transfer, profile: try call.profile(), masking: masking,
            today: call.clock.today,
            consents: try transfer.references.compactMap { try reader.record($0, as: Consent.self) }
          ).render())
      } else {
        try call.writeRecord(try transfer.json, fields: Transfer.fieldNames, masking: masking)
      }
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
