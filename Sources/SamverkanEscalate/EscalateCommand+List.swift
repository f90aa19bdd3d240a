import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanJSON
import SamverkanStore

extension EscalateCommand {
  /// `escalate list`: matters, filtered by state, level, party, meeting or person.
  enum List {
    static let spec = CommandSpec(
      name: "list",
      abstract: "List matters, filtered by state, level, party, meeting date or person.",
      discussion:
        "Every matter shows the unit responsible for its ongoing interventions, which keeps them while the matter is open. JSON and NDJSON output is the stored record (what 'export' writes); tables, TSV and CSV add the level's role and the meetings the matter is registered for.",
      examples: [
        Example("samverkan escalate list --state open", "Every open matter."),
        Example(
          "samverkan escalate list --level 2 --party FFS", "Matters FFS takes part in at level 2."),
        Example(
          "samverkan escalate list --meeting 2026-12-10 --format csv",
          "The matters registered for the meeting on 2026-12-10, as CSV."),
      ],
      options: filter.options + ListOptions.all
    ) { call in try run(call) }

    static func run(_ call: Invocation) throws -> Int32 {
      let profile = try call.profile()
      let format = try call.outputFormat()
      let withDisplay = ![.json, .ndjson, .jsonl].contains(format)
      try call.store().read { reader in
        let test = try filter.make(call, reader)
        let matters =
          try call.value(person).map { try reader.records(Escalation.self, person: $0) }
          ?? reader.records(Escalation.self)
        try call.writeList(
          columns: Escalation.listColumns,
          fields: Escalation.fieldNames + ["levelRole", "meetings"],
          masking: try call.masking(reader)
        ) { emit in
          for matter in matters where test?(matter) ?? true {
            try emit(withDisplay ? try matter.displayJSON(profile) : try matter.json)
          }
        }
      }
      return ExitCode.success
    }
  }
}

extension Escalation {
  /// The record for people: with the level's role and the meetings it is registered for.
  func displayJSON(_ profile: Profile) throws -> JSONValue {
    guard case .object(var object) = try json else { return try json }
    let role = profile.escalation.level(level)?.role
    object["levelRole"] = .string(role.map { "\(level) \($0)" } ?? String(level))
    object["meetings"] = .array(
      registrations.map { .string("\($0.meeting)\($0.acute ? " (akut)" : "")") })
    if anonymous { object["personName"] = .string("(anonym)") }
    return .object(object)
  }
}
