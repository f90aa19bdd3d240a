import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanStore

extension StoreCommand {
  /// `store access-log`: who saw protected persons' data (--reveal), and when.
  enum AccessLog {
    static let from = Option<CivilDate>(
      "from", value: "date", help: "Only entries on or after this day.")
    static let to = Option<CivilDate>(
      "to", value: "date", help: "Only entries on or before this day.")

    static let spec = CommandSpec(
      name: "access-log",
      abstract: "List who saw protected persons' data (--reveal), when, and in which records.",
      discussion:
        "Every command that shows the name or number of a person with protected personal data because --reveal was given appends an entry: who (and the login, when an admin acted as someone), when, the command, the records and the persons. The persons are masked here too unless --reveal is given (which is logged in turn). With a user register only a controller or an admin may list it.",
      examples: [
        Example(
          "samverkan store access-log --from 2026-11-01 --to 2026-11-30",
          "November's entries, for the controller's review.")
      ],
      options: [from, to]
    ) { call in try run(call) }

    static func run(_ call: Invocation) throws -> Int32 {
      try call.authorize(step: "store access-log", action: "read the access log")
      let (first, last) = try call.period(from, to)
      try call.store().read { reader in
        let masking = try call.masking(reader)
        try call.writeList(
          columns: AccessEntry.listColumns, fields: AccessEntry.fieldNames, masking: .none
        ) { emit in
          for entry in try reader.records(AccessEntry.self)
          where (first.map { entry.date >= $0 } ?? true) && (last.map { entry.date <= $0 } ?? true)
          {
            guard case .object(var row) = try entry.json else { continue }
            row["persons"] = .array(entry.persons.map { .string(masking.show($0)) })
            try emit(.object(row))
          }
        }
      }
      return ExitCode.success
    }
  }
}
