import SamverkanCommandLine
import Foundation
import SamverkanDomain
import SamverkanJSON
import SamverkanStore

extension StandardVerbs {
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
