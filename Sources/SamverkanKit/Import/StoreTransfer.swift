import SamverkanCommandLine
import SamverkanDomain
import SamverkanJSON
import SamverkanStore

/// `store export` and `store import`: every record of every kind, for backups and moving a
/// whole store; what `store export` writes, `store import` reads back unchanged.
public enum StoreTransfer {
  /// Writes every record of every type in `types` as NDJSON (or a JSON array).
  public static func export(_ call: Invocation, types: [RecordType]) throws -> Int32 {
    let explicit = call.isSet(GlobalOptions.json) || call.isGiven(GlobalOptions.format)
    let format = explicit ? try call.outputFormat() : .ndjson
    guard format == .ndjson || format == .json else {
      throw SamverkanError.invalidValue(
        format.rawValue, option: GlobalOptions.format.spec.usage,
        reason: "a whole-store export is 'ndjson' or 'json' (each record keeps its own fields)")
    }
    var masked = 0
    try call.store().read { reader in
      let masking = try call.masking(reader)
      let profile = try call.profile()
      let writer = try ListWriter(
        invocation: call, format: format, columns: [], fields: [], masking: masking)
      for type in ordered(types) {
        try type.forEachRecord(reader, profile) { _, raw in
          try writer.write(exported(raw, masking: masking, masked: &masked))
        }
      }
      writer.finish()
    }
    noteMasked(masked, call: call)
    return ExitCode.success
  }

  /// Reads a whole-store export (NDJSON or a JSON array) into the store, all or nothing:
  /// each row goes to the type its `id` names and is checked by that type's rules.
  public static func `import`(_ call: Invocation, types: [RecordType]) throws -> Int32 {
    try call.authorize(step: "store import", action: "import a whole store")
    let path = try call.require(StandardVerbs.importFile)
    let run = try ImportRun(call: call, path: path)
    guard run.format != .csv else {
      throw SamverkanError.usage(
        "A whole-store import reads NDJSON or a JSON array ('samverkan store export' writes NDJSON); a CSV file holds one kind of record: import it with '<command> import'."
      )
    }
    // Every row must name its record, so that it can go to the right kind.
    let known = types.map(\.kind)
    try ImportReader(source: path, fields: []).forEachRow(run.input, format: run.format) { row in
      try run.stopIfOverwhelmed()
      guard let text = row.value["id"]?.stringValue else {
        run.problem(row.line, "id", "a whole-store import needs the record's id on every row")
        return
      }
      guard RecordID.kindOf(text, among: known) != nil else {
        run.problem(
          row.line, "id",
          "'\(text)' is not the ID of any kind of record (\(known.map { "\($0.prefix)-…" }.joined(separator: ", ")))"
        )
        return
      }
    }
    try run.throwProblems()
    let outcome = try call.store().write(dryRun: run.dryRun) { writer in
      var outcome = ImportOutcome()
      for type in ordered(types) {
        run.onlyKind = type.kind
        outcome.add(try type.importPass(run, writer, []))
      }
      try run.throwProblems()
      run.progress.finish()
      return outcome
    }
    try run.report(outcome)
    return ExitCode.success
  }

  /// Kinds in the order they may refer to each other: consents before what relies on them,
  /// transfers before the escalations and reports that link to them.
  static func ordered(_ types: [RecordType]) -> [RecordType] {
    types.sorted {
      (RecordKind.all.firstIndex(of: $0.kind) ?? .max)
        < (RecordKind.all.firstIndex(of: $1.kind) ?? .max)
    }
  }
}
