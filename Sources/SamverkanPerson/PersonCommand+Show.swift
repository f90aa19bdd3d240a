import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanStore

extension PersonCommand {
  /// `person show <pnr>`: every record about a person, and the disclosures about them.
  enum Show {
    static let columns = [
      Column("id", "ID"), Column("kind", "KIND"), Column("state", "STATE"),
      Column("open", "OPEN"), Column("detail", "DETAIL"),
    ]

    static func spec(_ types: [RecordType]) -> CommandSpec {
      CommandSpec(
        name: "show",
        abstract: "List every record about a person, and the disclosures about them.",
        discussion:
          "One row per record (its kind, state and whether it is still worked on) and one per disclosure (the step, from and to whom, on what basis), oldest disclosure first. A protected person is masked unless --reveal.",
        examples: [
          Example("samverkan person show 19900101-2385", "Every record and disclosure."),
          Example(
            "samverkan person show 19900101-2385 --json | jq '.[] | select(.open)'",
            "Only what is still open."),
        ],
        arguments: [person]
      ) { call in try run(call, types: types) }
    }

    static func run(_ call: Invocation, types: [RecordType]) throws -> Int32 {
      let number = try call.require(person)
      try call.store().read { reader in
        let holdings = try Holdings(number, reader: reader, types: types)
        let masking = try call.masking(reader)
        if holdings.isEmpty {
          call.note("The store holds nothing about this person.")
        }
        try call.writeList(
          columns: columns,
          fields: ["id", "kind", "state", "open", "detail", "person", "personName"],
          masking: masking
        ) { emit in
          for row in try holdings.rows { try emit(row) }
        }
      }
      return ExitCode.success
    }
  }
}
