import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanJSON
import SamverkanStore

extension TransferCommand {
  /// `transfer list`: transfers, filtered; a late notice shows in the status.
  enum List {
    static let spec = CommandSpec(
      name: "list",
      abstract: "List transfers, filtered by person, unit, state, open or late.",
      examples: [
        Example("samverkan transfer list --open", "Every transfer not yet completed or cancelled."),
        Example("samverkan transfer list --to FFS --late", "Transfers to FFS notified late."),
        Example("samverkan transfer list --person 20080229-2383 --json", "One person's transfers."),
      ],
      options: filter.options + ListOptions.all
    ) { call in try run(call) }

    static func run(_ call: Invocation) throws -> Int32 {
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
  }
}
