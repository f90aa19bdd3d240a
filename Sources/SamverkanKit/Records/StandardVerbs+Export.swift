import SamverkanCommandLine
import Foundation
import SamverkanDomain
import SamverkanJSON
import SamverkanStore

extension StandardVerbs {
  /// `export`: every record of the kind (filtered as `list` filters) as NDJSON, or JSON
  /// or CSV with `--format`; what `import` reads back unchanged.
  public static func export<R: CommandRecord>(
    _ type: R.Type, filter: Filter<R>, command: String? = nil
  ) -> CommandSpec {
    let command = command ?? R.kind.collection
    return CommandSpec(
      name: "export",
      abstract:
        "Write every \(R.kind.noun) as NDJSON (or --format json|csv), for import elsewhere.",
      discussion:
        "Filters work as for 'list'. Persons with protected personal data are masked unless --reveal is given; a masked export cannot be imported back, so a complete backup needs --reveal.",
      examples: [
        Example(
          "samverkan \(command) export > \(R.kind.collection).ndjson",
          "Writes every \(R.kind.noun), one JSON object per line."),
        Example(
          "samverkan \(command) export --format csv > \(R.kind.collection).csv",
          "A spreadsheet with a header row; lists are written a|b in one cell."),
      ],
      options: filter.options
    ) { call in
      let explicit = call.isSet(GlobalOptions.json) || call.isGiven(GlobalOptions.format)
      let format = explicit ? try call.outputFormat() : .ndjson
      guard [.ndjson, .json, .csv, .tsv].contains(format) else {
        throw SamverkanError.invalidValue(
          format.rawValue, option: GlobalOptions.format.spec.usage,
          reason: "export writes 'ndjson', 'json', 'csv' or 'tsv'")
      }
      var masked = 0
      try call.store().read { reader in
        let masking = try call.masking(reader)
        let test = try filter.make(call, reader)
        // Rows of persons with protected personal data say so, so that an import into
        // another store keeps them protected.
        let fields = Masking.withProtectionMark(R.fieldNames)
        let writer = try ListWriter(
          invocation: call, format: format, columns: fields.map { Column($0) }, fields: fields,
          masking: masking)
        func emit(_ id: RecordID, _ raw: JSONValue) throws {
          if let test, !test(try reader.decodeStored(raw, as: R.self, id: id)) { return }
          try writer.write(exported(raw, masking: masking, masked: &masked))
        }
        guard try reader.hasCollection(R.kind) else {
          // The built-in records of a kind none of which is saved yet.
          try reader.forEachRecord(R.self, profile: try call.profile(), emit)
          writer.finish()
          return
        }
        // Records of unprotected persons are copied as their stored text (the name from the
        // register spliced in), which is what writing their value again gives.
        try reader.forEachRecordLine(of: R.kind) { line in
          guard writer.takesText,
            masking.protected.isEmpty || !masking.protected.contains(line.string("person") ?? "")
          else { return try emit(line.id, try line.value()) }
          if let test, !test(try reader.decodeStored(try line.value(), as: R.self, id: line.id)) {
            return
          }
          try writer.writeText { line.write(adding: [], into: &$0) }
        }
        writer.finish()
      }
      noteMasked(masked, call: call)
      return ExitCode.success
    }
  }
}

/// A record as export writes it: rows of persons with protected personal data say so
/// (`"personProtected": true`), so that an import into another store keeps them protected;
/// `masked` counts the rows whose person is hidden.
func exported(_ raw: JSONValue, masking: Masking, masked: inout Int) -> JSONValue {
  guard let person = raw["person"]?.stringValue, masking.protected.contains(person),
    case .object(var object) = raw
  else { return raw }
  if masking.hides(person) { masked += 1 }
  object["personProtected"] = .bool(true)
  return .object(object)
}

/// Tells on stderr how many exported records were masked, and how to get a complete export.
func noteMasked(_ masked: Int, call: Invocation) {
  guard masked > 0 else { return }
  call.note(
    "Note: \(masked) record\(masked == 1 ? " is" : "s are") of persons with protected personal data and were masked; add --reveal for a complete export that can be imported."
  )
}
