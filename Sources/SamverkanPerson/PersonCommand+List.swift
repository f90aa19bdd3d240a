import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanJSON
import SamverkanStore

extension PersonCommand {
  /// `person list [search]`: the persons the store holds records about, by name or number.
  enum List {
    static let search = Argument<String>(
      "search", help: "Part of a name, or the start of a personnummer (YYYYMMDD…).",
      required: false)

    static func spec(_ types: [RecordType]) -> CommandSpec {
      CommandSpec(
        name: "list",
        abstract: "Find persons by name or by the start of their personnummer.",
        discussion:
          "Without a search term, every person the store holds records about. A search term matches part of a name (any case) or the start of a personnummer as stored (YYYYMMDD-NNNN). Protected persons are masked unless --reveal, and are found by number only then.",
        examples: [
          Example("samverkan person list andersson", "Persons named Andersson."),
          Example("samverkan person list 1990", "Persons born in 1990."),
        ],
        options: ListOptions.all,
        arguments: [search]
      ) { call in try run(call, types: types) }
    }

    static func run(_ call: Invocation, types: [RecordType]) throws -> Int32 {
      let term = (try call.value(search) ?? "").lowercased()
      try call.store().read { reader in
        let masking = try call.masking(reader)
        var persons: [String: (name: String?, records: Int)] = [:]
        for type in types where type.kind != .disclosure {
          try reader.forEachRawRecord(of: type.kind) { _, raw in
            guard let number = raw["person"]?.stringValue else { return }
            var entry = persons[number] ?? (nil, 0)
            entry.records += 1
            if let name = raw["personName"]?.stringValue { entry.name = name }
            persons[number] = entry
          }
        }
        try call.writeList(
          columns: [
            Column("person", "PERSON"), Column("personName", "NAME"),
            Column("records", "RECORDS"),
          ],
          fields: ["person", "personName", "records", "protected"], masking: masking
        ) { emit in
          for (number, entry) in persons.sorted(by: { $0.key < $1.key }) {
            let hidden = masking.hides(number)
            let matches =
              term.isEmpty || (!hidden && number.hasPrefix(term))
              || (!hidden && entry.name?.lowercased().contains(term) == true)
            guard matches else { continue }
            var row: [String: JSONValue] = [
              "person": .string(number), "records": .integer(entry.records),
              "protected": .bool(masking.protected.contains(number)),
            ]
            if let name = entry.name { row["personName"] = .string(name) }
            try emit(.object(row))
          }
        }
      }
      return ExitCode.success
    }
  }
}
