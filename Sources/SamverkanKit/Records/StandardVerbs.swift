import SamverkanCommandLine
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

  // MARK: - history

  /// `history <id> ...`: the journal lines of records, oldest first, record by record.
  /// `also` names other kinds the command keeps (contacts' assignments).
  public static func history(kind: RecordKind, also: [RecordKind] = [], command: String? = nil)
    -> CommandSpec
  {
    let kinds = [kind] + also
    let command = command ?? kind.collection
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
          "samverkan \(command) history \(kind.prefix)-12",
          "Lists every change to \(kind.prefix)-12, oldest first."),
        Example(
          "samverkan \(command) history \(kind.prefix)-12 --format ndjson | jq .changes",
          "The changes as data."),
        Example(
          "samverkan \(command) list -q | xargs samverkan \(command) history",
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
    "update",
    help:
      "Change stored records the rows match: only the fields a row gives (a column left out keeps its value)."
  )
  static let replace = Flag(
    "replace",
    help:
      "Replace stored records the rows match with the row as a whole record (left-out fields get their defaults or are cleared)."
  )
  static let ignoreUnknown = Flag(
    "ignore-unknown", help: "Ignore columns and keys that are no field (else refused).")
  static let encoding = Option<TextEncoding>(
    "encoding", value: "charset",
    help: "The input's character set: utf-8 (default), windows-1252 or iso-8859-1 (old exports).")
  static let problemsFile = Option<String>(
    "problems", value: "file",
    help:
      "Write every problem to this file ('-' standard output) as CSV, or NDJSON for *.ndjson or --format ndjson: file, line, field, value, problem.",
    completion: .file)
  static let template = Flag(
    "template",
    help:
      "Print the columns as an empty CSV header row (with --format json an example row) and import nothing."
  )
  /// `import`'s file, which `--template` does without.
  static let importFileOrTemplate = Argument<String>(
    "file", help: "An NDJSON, JSON array or CSV file; '-' reads standard input.", required: false,
    completion: .file)

  /// `import <file|->`: rows validated by the same rules as the verbs; all or nothing.
  public static func importVerb<R: CommandRecord>(_ type: R.Type, command: String? = nil)
    -> CommandSpec
  {
    let command = command ?? R.kind.collection
    let key =
      R.naturalKey.isEmpty
      ? "A row with neither creates a new record."
      : "A row with neither is matched on \(R.naturalKey.joined(separator: ", ")) (those the row gives); importing the same file twice never duplicates."
    return CommandSpec(
      name: "import",
      abstract: "Import \(R.kind.noun) records from NDJSON, a JSON array or CSV, all or nothing.",
      discussion: """
        Every row is checked by the same rules as the verbs. If any row has a problem, nothing is written and the problems are listed as file:line: field: problem, the first \(ImportRun.problemLimit) on the terminal and all of them with --problems FILE (exit 65).
        A row may leave out what the verb that creates the record would default, and gives persons in any form the verbs accept. Rows are matched to stored records by 'id' or the external reference 'ref'. \(key) A matched row whose values differ is a conflict unless --update (change the fields it gives) or --replace (the whole record) is given.
        CSV: a header row of field names (or the verb's option names, in any case); ',' or ';' separated; UTF-8 with or without BOM (--encoding for older files); lists as a|b in one cell; an empty cell is absent (with --update it clears the field). Columns our own list writes that are not fields (status) and empty columns at the end are ignored; other unknown columns are refused unless --ignore-unknown.
        Prints the IDs of the records created, one per line, and a summary on stderr.

        \(ImportFields.help(R.fields))
        """,
      examples: [
        Example(
          "samverkan \(command) import --template > \(R.kind.collection).csv",
          "A header row to fill in, in a spreadsheet."),
        Example(
          "samverkan \(command) import \(R.kind.collection).csv --dry-run",
          "Shows what would change, and writes nothing."),
        Example(
          "samverkan \(command) import \(R.kind.collection).csv --problems problem.csv",
          "Every problem in a spreadsheet to work through."),
        Example(
          "samverkan \(command) export | samverkan --store /backup/samverkan \(command) import -",
          "Copies every \(R.kind.noun) into another store."),
      ],
      options: [
        dryRun, update, replace, ignoreUnknown, encoding, problemsFile, template,
      ],
      arguments: [importFileOrTemplate]
    ) { call in
      if call.isSet(template) { return try writeTemplate(R.self, call: call) }
      return try Importer<R>.run(call)
    }
  }

  /// `import --template`: the columns a row may have as an empty CSV header row, or with
  /// `--format json|ndjson` an example row of the columns a new record needs.
  static func writeTemplate<R: CommandRecord>(_ type: R.Type, call: Invocation) throws -> Int32 {
    let explicit = call.isSet(GlobalOptions.json) || call.isGiven(GlobalOptions.format)
    let format = explicit ? try call.outputFormat() : .csv
    let fields = R.fields.filter { $0.kind != .json }
    switch format {
    case .json, .ndjson:
      // The required fields with example values, and what the defaults give them today.
      let today = call.clock.today
      var example: [String: JSONValue] = [:]
      for field in fields where field.isRequired {
        example[field.name] = ImportFields.example(field, today: today)
      }
      let reading = ImportReading(
        values: ValueContext(today: today, profile: try call.profile()), actor: call.actor,
        readOnly: [], ignoreUnknown: false)
      let defaulted = Set(fields.filter { $0.fieldDefault != nil }.map(\.name))
      let row = ImportFields(fields, reading: reading).completed(example).row.filter { entry in
        (example[entry.key] != nil || defaulted.contains(entry.key))
          && entry.value != JSONValue.null
      }
      call.stdout.line(
        JSONWriter.write(.object(row), style: format == .json ? .pretty : .compact))
    default:
      call.stdout.write(bytes: call.csvHeader(fields.map(\.name)))
    }
    return ExitCode.success
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
