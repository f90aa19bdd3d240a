import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanJSON
import SamverkanStore

extension TransferCommand {
  /// `transfer show <id> ...`: every field, or the package as a Swedish document.
  enum Show {
    static let ids = RecordArguments.ids(of: .transfer)

    static let spec = CommandSpec(
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
      arguments: [ids],
      documentFormats: [.md]
    ) { call in try run(call) }

    static func run(_ call: Invocation) throws -> Int32 {
      let ids = try call.recordIDs(Self.ids, kinds: [.transfer])
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
}
