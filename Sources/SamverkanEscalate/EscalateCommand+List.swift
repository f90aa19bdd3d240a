import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanJSON
import SamverkanStore

extension EscalateCommand {
  /// `escalate list`: matters, filtered by state, level, party, meeting or person.
  static let list = CommandSpec(
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
  ) { call in
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

  static let ids = VariadicArgument<String>(
    "id", help: "The matter's ID, e.g. ESC-12; several may be given.",
    completion: .dynamic("ids:ESC"))

  /// `escalate show <id> ...`: matters with every field; an open matter's responsible unit
  /// is repeated on stderr.
  static let show = CommandSpec(
    name: "show", abstract: "Show matters with all their fields.",
    discussion:
      "For an open matter the unit that keeps the ongoing interventions is also named on stderr, so it is never missed. Several IDs are shown one after the other (with --json as an array); if any does not exist, nothing is shown (exit 66).",
    examples: [
      Example("samverkan escalate show ESC-12", "Shows ESC-12; add --json for JSON."),
      Example("samverkan escalate list -q | xargs samverkan escalate show", "Every listed matter."),
    ],
    arguments: [ids]
  ) { call in
    let matterIDs = try call.recordIDs(ids, kinds: [.escalation])
    let profile = try call.profile()
    var matters: [Escalation] = []
    try call.store().read { reader in
      matters = try matterIDs.map { try reader.require($0, as: Escalation.self) }
      try call.writeRecords(
        try matters.map { (try $0.json, Escalation.fieldNames) },
        masking: try call.masking(reader))
      for matter in matters { try call.noteWithdrawals(of: matter, reader: reader) }
    }
    for matter in matters where matter.isOpen && !call.quiet {
      call.note(
        "\(matter.id!) is open at \(levelName(matter.level, profile)). "
          + responsibilityNote(matter, profile))
    }
    return ExitCode.success
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
