import SamverkanCommandLine
import Foundation
import SamverkanDomain
import SamverkanJSON
import SamverkanStore

extension StandardVerbs {
  /// `show <id> ...`: records with all their fields (masked for protected persons unless
  /// --reveal); several IDs are shown one after the other, or in JSON as an array.
  ///
  /// `display`, when given, is what a person reads in the table and tab-separated formats:
  /// the fields in order with readable values (Swedish names, derived status). It must keep
  /// the keys `person` and `personName` so masking applies. JSON and CSV stay the record.
  ///
  /// `listed`, when given, is the record as `list` writes it (the stored fields and the
  /// derived ones named in `derived`, such as `status`), so that `list` and `show` agree.
  public static func show<R: CommandRecord>(
    _ type: R.Type, abstract: String? = nil, example: String,
    display: (@Sendable (R, RuleContext) throws -> [(field: String, value: JSONValue)])? = nil,
    derived: [String] = [], listed: (@Sendable (R, RuleContext) throws -> JSONValue)? = nil
  ) -> CommandSpec {
    let ids = RecordArguments.ids(of: R.kind)
    return CommandSpec(
      name: "show", abstract: abstract ?? "Show \(R.kind.noun) records with all their fields.",
      discussion:
        "Several IDs are shown one after the other (with --json as an array, with --format ndjson one per line), so IDs from a pipe need no 'xargs -n1'. If any of them does not exist, nothing is shown (exit 66).",
      examples: [
        Example(example, "Shows \(R.kind.prefix)-12; add --json for JSON."),
        Example(
          "samverkan \(R.kind.collection) show \(R.kind.prefix)-12 \(R.kind.prefix)-13 --json",
          "Two records as a JSON array."),
      ],
      arguments: [ids]
    ) { call in
      let recordIDs = try call.recordIDs(ids, kinds: [R.kind])
      try call.store().read { reader in
        let profile = try call.profile()
        let records = try recordIDs.map {
          try reader.requireRecord($0, as: R.self, profile: profile)
        }
        let masking = try call.masking(reader)
        let readable = try display != nil && [.table, .tsv].contains(call.outputFormat())
        var shown: [(record: JSONValue, fields: [String])] = []
        for record in records {
          try call.noteWithdrawals(of: record, reader: reader)
          if readable, let display {
            let view = try display(record, try call.ruleContext(reader))
            shown.append(
              (
                .object(Dictionary(view.map { ($0.field, $0.value) }) { _, last in last }),
                view.map(\.field)
              ))
          } else if let listed {
            shown.append((try listed(record, try call.ruleContext(reader)), R.fieldNames + derived))
          } else {
            shown.append((try record.json, R.fieldNames))
          }
        }
        try call.writeRecords(shown, masking: masking)
      }
      return ExitCode.success
    }
  }
}
