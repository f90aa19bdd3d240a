import Foundation
import SamverkanDomain
import SamverkanJSON
import SamverkanStore

/// The verbs every command has (SPEC §2) — `show`, `history`, `import`, `export` — built
/// once for any `CommandRecord`.
public enum StandardVerbs {
  /// A filter a command's `list` and `export` share: its options and, from them, a test.
  public struct Filter<R: CommandRecord>: Sendable {
    public var options: [any OptionDeclaration]
    /// Reads the options and returns the test, or nil when no filter was given (so export
    /// can copy records without decoding them).
    public var make: @Sendable (Invocation, StoreReader) throws -> ((R) -> Bool)?

    public init(
      options: [any OptionDeclaration],
      make: @escaping @Sendable (Invocation, StoreReader) throws -> ((R) -> Bool)?
    ) {
      self.options = options
      self.make = make
    }

    /// No filter options.
    public static var none: Filter { Filter(options: []) { _, _ in nil } }
  }

  // MARK: - show

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
    let ids = VariadicArgument<String>(
      "id", help: "The \(R.kind.noun)'s ID, e.g. \(R.kind.prefix)-12; several may be given.",
      completion: .dynamic("ids:\(R.kind.prefix)"))
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

  // MARK: - history

  /// `history <id> ...`: the journal lines of records, oldest first, record by record.
  /// `also` names other kinds the command keeps (contacts' assignments).
  public static func history(kind: RecordKind, also: [RecordKind] = []) -> CommandSpec {
    let kinds = [kind] + also
    let ids = VariadicArgument<String>(
      "id",
      help:
        "The record's ID, e.g. \(kinds.map { "\($0.prefix)-12" }.joined(separator: " or ")); several may be given.",
      completion: .dynamic("ids:" + kinds.map(\.prefix).joined(separator: ",")))
    let columns = [
      Column("time"), Column("actor"), Column("action"), Column("summary"),
    ]
    return CommandSpec(
      name: "history",
      abstract: "Show the journal of \(kind.noun) records: who changed what, when.",
      discussion:
        "Every change appends a line to the store's journal: the time (UTC), who (--as, SAMVERKAN_USER or your login; with a user register also the login behind --as), the command line, and the fields that changed. With several IDs the lines come record by record, each with its ID; if any of them has no journal, nothing is shown (exit 66).",
      examples: [
        Example(
          "samverkan \(kind.collection) history \(kind.prefix)-12",
          "Lists every change to \(kind.prefix)-12, oldest first."),
        Example(
          "samverkan \(kind.collection) history \(kind.prefix)-12 --format ndjson | jq .changes",
          "The changes as data."),
        Example(
          "samverkan \(kind.collection) list -q | xargs samverkan \(kind.collection) history",
          "The journal of every listed record, in one run."),
      ],
      arguments: [ids]
    ) { call in
      let recordIDs = try call.recordIDs(ids, kinds: kinds)
      try call.store().read { reader in
        let journals = try recordIDs.map { id in
          let entries = try reader.history(of: id)
          guard !entries.isEmpty else { throw SamverkanError.recordNotFound(id.description) }
          return (
            id: id, entries: entries, person: try reader.rawRecord(id)?["person"]?.stringValue
          )
        }
        let masking = try call.masking(reader)
        try call.writeList(
          columns: (recordIDs.count > 1 ? [Column("id")] : []) + columns,
          fields: ["time", "actor", "action", "summary", "id", "changes", "event", "note", "argv"],
          masking: .none
        ) { emit in
          for journal in journals {
            let hidden = masking.hides(journal.person)
            for entry in journal.entries {
              var json = entry.json.objectValue ?? [:]
              if hidden {
                json["changes"] = .object(
                  entry.changes.mapValues { _ in .string("(dolt)") })
                json["argv"] = .array([.string("(dolt)")])
              }
              json["summary"] = .string(summary(entry, hidden: hidden))
              try emit(.object(json))
            }
          }
        }
      }
      return ExitCode.success
    }
  }

  static func summary(_ entry: JournalEntry, hidden: Bool) -> String {
    var parts: [String] = []
    if let event = entry.event { parts.append(event) }
    if entry.removed {
      parts.append("removed")
    } else if !entry.changes.isEmpty {
      parts.append(
        hidden
          ? "changed " + entry.changes.keys.sorted().joined(separator: ", ")
          : entry.changes.keys.sorted().map {
            "\($0)=\(Cell.text(entry.changes[$0], list: ","))"
          }.joined(separator: " "))
    }
    if let note = entry.note { parts.append("(\(note))") }
    return parts.joined(separator: "; ")
  }

  // MARK: - export

  /// `export`: every record of the kind (filtered as `list` filters) as NDJSON, or JSON
  /// or CSV with `--format`; what `import` reads back unchanged.
  public static func export<R: CommandRecord>(_ type: R.Type, filter: Filter<R>) -> CommandSpec {
    CommandSpec(
      name: "export",
      abstract:
        "Write every \(R.kind.noun) as NDJSON (or --format json|csv), for import elsewhere.",
      discussion:
        "Filters work as for 'list'. Persons with protected personal data are masked unless --reveal is given; a masked export cannot be imported back, so a complete backup needs --reveal.",
      examples: [
        Example(
          "samverkan \(R.kind.collection) export > \(R.kind.collection).ndjson",
          "Writes every \(R.kind.noun), one JSON object per line."),
        Example(
          "samverkan \(R.kind.collection) export --format csv > \(R.kind.collection).csv",
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
        try reader.forEachRecord(R.self, profile: try call.profile()) { id, raw in
          if let test, !test(try reader.decodeStored(raw, as: R.self, id: id)) { return }
          try writer.write(exported(raw, masking: masking, masked: &masked))
        }
        writer.finish()
      }
      noteMasked(masked, call: call)
      return ExitCode.success
    }
  }

  // MARK: - import

  static let importFile = Argument<String>(
    "file", help: "An NDJSON, JSON array or CSV file; '-' reads standard input.",
    completion: .file)
  /// `import`'s `<file>` argument, for other verbs that import.
  public static var importFileArgument: Argument<String> { importFile }
  /// `--dry-run`, for other verbs that import.
  public static var dryRunFlag: Flag { dryRun }
  /// `--update`, for other verbs that import.
  public static var updateFlag: Flag { update }

  static let dryRun = Flag(
    "dry-run", help: "Report what would be created, updated and left unchanged; write nothing.")
  static let update = Flag(
    "update", help: "Replace records whose ID exists with different content (else a conflict).")

  /// `import <file|->`: rows validated by the same rules as the verbs; all or nothing.
  public static func importVerb<R: CommandRecord>(_ type: R.Type) -> CommandSpec {
    CommandSpec(
      name: "import",
      abstract: "Import \(R.kind.noun) records from NDJSON, a JSON array or CSV, all or nothing.",
      discussion: """
        Every row is checked by the same rules as the verbs. If any row has a problem, nothing is written and every problem is listed as file:line: field: problem (exit 65).
        Rows carry an 'id' or an external reference 'ref'; importing the same rows again changes nothing. A row whose id exists with different content is a conflict unless --update is given.
        CSV: a header row of field names; ',' or ';' separated; UTF-8 with or without BOM; lists as a|b in one cell; an empty cell is absent. Fields: \(R.fieldNames.joined(separator: ", ")).
        """,
      examples: [
        Example(
          "samverkan \(R.kind.collection) import \(R.kind.collection).csv --dry-run",
          "Shows what would change, and writes nothing."),
        Example(
          "samverkan \(R.kind.collection) export | samverkan --store /backup/samverkan \(R.kind.collection) import -",
          "Copies every \(R.kind.noun) into another store."),
      ],
      options: [dryRun, update],
      arguments: [importFile]
    ) { call in
      try Importer<R>.run(call)
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

extension StoreReader {
  /// Decodes stored JSON into a record type (store errors name the damaged record).
  public func decodeStored<R: StoredRecord>(_ raw: JSONValue, as type: R.Type, id: RecordID) throws
    -> R
  {
    do {
      return try JSONValueDecoder().decode(R.self, from: raw)
    } catch let error as DecodingError {
      throw SamverkanError.storeUnavailable(
        path: directory,
        reason:
          "\(id) is damaged (\(error.fieldPath): \(error.plainMessage)); run 'samverkan store check'"
      )
    }
  }
}
