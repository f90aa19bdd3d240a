import SamverkanDomain
import SamverkanJSON

/// The output formats of SPEC §2, plus documents some verbs render.
public enum OutputFormat: String, CaseIterable, Sendable, ArgumentValue {
  /// Aligned columns for a person at a terminal.
  case table
  /// Pretty-printed JSON: an array for lists, an object for one record.
  case json
  /// One compact JSON object per line (also accepted as `jsonl`).
  case ndjson
  case jsonl
  /// RFC 4180 with a header row.
  case csv
  /// Tab-separated lines without a header; tabs and newlines in values escaped.
  case tsv
  /// A Markdown document in Swedish (plans, summons, forms, agendas).
  case md
  /// An iCalendar file (RFC 5545) a calendar can subscribe to (`agenda`).
  case ics

  /// The data formats every listing verb writes.
  public static let dataFormats: [OutputFormat] = [.table, .json, .ndjson, .csv, .tsv]
}

/// A column of a listing: the JSON field and its title in table headers.
public struct Column: Sendable {
  public var field: String
  public var title: String

  public init(_ field: String, _ title: String? = nil) {
    self.field = field
    self.title = title ?? field
  }
}

/// Masks persons with protected personal data (skyddade personuppgifter) in output.
///
/// Records name their person in the field `person` and the person's name in `personName`;
/// both are replaced unless `--reveal` was given.
public struct Masking: Sendable {
  public var protected: Set<String>
  public var reveal: Bool
  /// Where a revealed protected person is noted, for the access log.
  var revealed: RevealedPersons?

  public static let none = Masking(protected: [], reveal: true)
  /// What a protected person's name shows.
  public static let maskedName = "(skyddade personuppgifter)"

  public init(protected: Set<String>, reveal: Bool) {
    self.protected = protected
    self.reveal = reveal
  }

  package init(protected: Set<String>, reveal: Bool, revealed: RevealedPersons) {
    self.init(protected: protected, reveal: reveal)
    self.revealed = revealed
  }

  /// Notes a protected person shown because of `--reveal`.
  private func noteRevealed(_ person: String?, record: String? = nil) {
    guard reveal, let revealed, let person, protected.contains(person) else { return }
    revealed.note(record: record, person: person)
  }

  /// Whether this person's number and name must be hidden. Every output asks this (or
  /// `apply`, `show`, `showName`) before showing a person, so a `false` for a protected
  /// person is noted for the access log.
  public func hides(_ person: String?) -> Bool {
    guard let person else { return false }
    if reveal {
      noteRevealed(person)
      return false
    }
    return protected.contains(person)
  }

  /// A person number as it may be shown.
  public func show(_ person: PersonNumber?) -> String {
    guard let person else { return "" }
    noteRevealed(person.longForm)
    return hides(person.longForm) ? PersonNumber.maskedForm : person.longForm
  }

  /// A person's name as it may be shown.
  public func showName(_ name: String?, of person: PersonNumber?) -> String? {
    if name != nil { noteRevealed(person?.longForm) }
    return hides(person?.longForm) && name != nil ? Masking.maskedName : name
  }

  /// The record with `person` and `personName` masked when the person is protected, and
  /// marked `"personProtected": true` whether masked or revealed — as `export` writes it, so
  /// `list`, `show` and `export` of a record have the same fields.
  public func apply(_ row: JSONValue) -> JSONValue {
    noteRevealed(row["person"]?.stringValue, record: row["id"]?.stringValue)
    guard case .object(var object) = row, let person = object["person"]?.stringValue,
      protected.contains(person)
    else { return row }
    object["personProtected"] = .bool(true)
    guard hides(person) else { return .object(object) }
    object["person"] = .string(PersonNumber.maskedForm)
    if object["personName"] != nil { object["personName"] = .string(Masking.maskedName) }
    return .object(object)
  }

  /// A record's fields with `personProtected` after them when it names a person, as every
  /// output of it may carry that mark.
  package static func withProtectionMark(_ fields: [String]) -> [String] {
    fields.contains("person") && !fields.contains("personProtected")
      ? fields + ["personProtected"] : fields
  }
}

extension Invocation {
  /// The format to write: `--format` (or `--json`) when given and allowed for this verb,
  /// else a table on a terminal and tab-separated lines otherwise.
  public func outputFormat() throws -> OutputFormat {
    let verb = path[path.count - 1]
    let allowed = OutputFormat.dataFormats + verb.documentFormats
    var format: OutputFormat?
    if isSet(GlobalOptions.json) { format = .json }
    if let chosen = try value(GlobalOptions.format) { format = chosen == .jsonl ? .ndjson : chosen }
    guard let format else { return stdout.isTerminal ? .table : .tsv }
    guard allowed.contains(format) else {
      throw SamverkanError.invalidValue(
        format.rawValue, option: GlobalOptions.format.spec.usage,
        reason: "'\(commandName)' writes \(quotedList(allowed.map(\.rawValue)))")
    }
    return format
  }

  /// The fields chosen with `--fields`, checked against the record's fields.
  func chosenFields(available: [String]) throws -> [String]? {
    let available = Masking.withProtectionMark(available)
    let chosen = try values(GlobalOptions.fields)
    guard !chosen.isEmpty else { return nil }
    for field in chosen {
      try checkField(field, available: available, option: GlobalOptions.fields.spec.usage)
    }
    return chosen
  }

  /// Refuses a field the records do not have, with the nearest one and every one there is.
  func checkField(_ field: String, available: [String], option: String) throws {
    guard !available.contains(field) else { return }
    let hint =
      EditDistance.closest(to: field, among: available).map { " Did you mean '\($0)'?" } ?? ""
    throw SamverkanError.invalidValue(
      field, option: option,
      reason: "there is no such field.\(hint) Fields: \(available.joined(separator: ", ")).")
  }

  // MARK: - Writing

  /// Writes a listing: rows streamed in the chosen format, with `--fields`, `--quiet` and
  /// masking applied. `fields` are all the record's fields, for `--fields` to choose from.
  public func writeList(
    columns: [Column], fields: [String], masking: Masking,
    _ produce: ((JSONValue) throws -> Void) throws -> Void
  ) throws {
    try writeList(columns: columns, fields: fields, masking: masking) { writer in
      try produce { try writer.write($0) }
    }
  }

  /// Writes a listing as `writeList` does, handing `produce` the writer itself, for rows
  /// given as text (`ListWriter.writeText`) where it takes them.
  package func writeList(
    columns: [Column], fields: [String], masking: Masking,
    writer produce: (ListWriter) throws -> Void
  ) throws {
    let writer = try ListWriter(
      invocation: self, format: try outputFormat(), columns: columns, fields: fields,
      masking: masking, limit: try listLimit(), sort: try listSortField(available: fields))
    do {
      try produce(writer)
    } catch is ListWriter.LimitReached {
      // Enough rows: the rest are not even read.
    }
    writer.finish()
  }

  /// Writes one record: a sheet of fields and values on a terminal, `field<TAB>value` lines
  /// otherwise, or the record in the format asked for.
  public func writeRecord(_ record: JSONValue, fields: [String], masking: Masking) throws {
    let record = masking.apply(record)
    let fields = Masking.withProtectionMark(fields)
    let format = try outputFormat()
    let object = record.objectValue ?? [:]
    let chosen = try chosenFields(available: fields) ?? fields.filter { object[$0] != nil }
    if quiet {
      stdout.line(object["id"]?.stringValue ?? "")
      return
    }
    switch format {
    case .json, .ndjson:
      let projected = JSONValue.object(object.filter { chosen.contains($0.key) })
      stdout.line(JSONWriter.write(projected, style: format == .json ? .pretty : .compact))
    case .csv:
      stdout.write(bytes: csvHeader(chosen))
      stdout.write(
        CSVWriter.record(chosen.map { Cell.csv(object[$0]) }, separator: csvOutputSeparator))
    case .table:
      let width = chosen.map(\.count).max() ?? 0
      for field in chosen {
        let value = VisibleText.escape(Cell.readable(object[field]), keeping: ["\n"])
        let label = field.padding(toLength: width, withPad: " ", startingAt: 0)
        let lines = value.split(separator: "\n", omittingEmptySubsequences: false)
        stdout.line(bold(label) + "  " + (lines.first.map(String.init) ?? ""))
        for line in lines.dropFirst() {
          stdout.line(String(repeating: " ", count: width + 2) + line)
        }
      }
    case .tsv, .jsonl, .md, .ics:
      for field in chosen {
        stdout.write(TSV.line([field, Cell.text(object[field], list: "|")]))
      }
    }
  }

  /// Writes several records, as `show` does for several IDs: in JSON an array, in NDJSON
  /// one per line, in CSV one row each under one header, and on a terminal or in
  /// tab-separated lines one record after the other with an empty line between. One record
  /// is written as `writeRecord` writes it.
  public func writeRecords(
    _ records: [(record: JSONValue, fields: [String])], masking: Masking
  ) throws {
    if records.count == 1 {
      try writeRecord(records[0].record, fields: records[0].fields, masking: masking)
      return
    }
    let format = try outputFormat()
    switch format {
    case .json, .ndjson, .csv:
      // One listing: the fields that any of the records has, in the order declared.
      let records = records.map {
        (record: masking.apply($0.record), fields: Masking.withProtectionMark($0.fields))
      }
      var fields: [String] = []
      for (record, declared) in records {
        for field in declared where record[field] != nil && !fields.contains(field) {
          fields.append(field)
        }
      }
      let chosen = try chosenFields(available: records.flatMap(\.fields)) ?? fields
      try writeList(
        columns: chosen.map { Column($0) }, fields: records.flatMap(\.fields), masking: .none
      ) { emit in
        for (record, _) in records {
          guard case .object(let object) = record else { continue }
          try emit(.object(object.filter { chosen.contains($0.key) }))
        }
      }
    default:
      for (index, entry) in records.enumerated() {
        if index > 0, !quiet { stdout.line() }
        try writeRecord(entry.record, fields: entry.fields, masking: masking)
      }
    }
  }

  /// Reports a created record: its ID (so `id=$(samverkan … create …)` works), or with
  /// `--json` / `--format json|ndjson` the whole record.
  public func writeCreated(_ record: JSONValue, masking: Masking) throws {
    let record = masking.apply(record)
    let id = record["id"]?.stringValue ?? ""
    if quiet {
      stdout.line(id)
      return
    }
    let explicit = isSet(GlobalOptions.json) || isGiven(GlobalOptions.format)
    switch explicit ? try outputFormat() : .tsv {
    case .json: stdout.line(JSONWriter.write(record, style: .pretty))
    case .ndjson, .jsonl: stdout.line(JSONWriter.write(record))
    default: stdout.line(id)
    }
  }

  /// Reports the records a verb changed, as `writeCreated` does one: their IDs one per
  /// line, or with `--json` a JSON array (`--format ndjson`: one record per line).
  public func writeChanged(_ records: [JSONValue], masking: Masking) throws {
    let explicit = isSet(GlobalOptions.json) || isGiven(GlobalOptions.format)
    guard records.count > 1, !quiet, explicit, try outputFormat() == .json else {
      for record in records { try writeCreated(record, masking: masking) }
      return
    }
    stdout.line(JSONWriter.write(.array(records.map(masking.apply)), style: .pretty))
  }

  /// Text in bold when colour is on.
  public func bold(_ text: String) -> String {
    useColor ? "\u{1B}[1m\(text)\u{1B}[0m" : text
  }
}

/// Turns JSON values into cell text.
package enum Cell {
  /// Text for a person reading a record: lists of records one per line as `key: value`
  /// pairs instead of JSON.
  static func readable(_ value: JSONValue?) -> String {
    switch value {
    case .array(let items)? where items.contains(where: { $0.objectValue != nil }):
      return items.map { readable($0) }.joined(separator: "\n")
    case .object(let object)?:
      return object.keys.sorted().compactMap { key in
        let text = readable(object[key])
        return text.isEmpty ? nil : "\(key): \(text.replacingOccurrences(of: "\n", with: "; "))"
      }.joined(separator: ", ")
    default:
      return text(value, list: ", ")
    }
  }

  /// A CSV cell: the text, with control characters other than tab and line breaks
  /// written visibly.
  package static func csv(_ value: JSONValue?) -> String {
    VisibleText.escape(text(value, list: "|"), keeping: VisibleText.lineBreaksAndTabs)
  }

  package static func text(_ value: JSONValue?, list separator: String) -> String {
    switch value {
    case nil, .null?: return ""
    case .string(let text)?: return text
    case .integer(let number)?: return String(number)
    case .double(let number)?: return String(number)
    case .bool(let flag)?: return flag ? "true" : "false"
    case .array(let items)?:
      if items.allSatisfy({ $0.objectValue == nil && $0.arrayValue == nil }) {
        return items.map { text($0, list: separator) }.joined(separator: separator)
      }
      return JSONWriter.write(.array(items))
    case .object(let members)?: return JSONWriter.write(.object(members))
    }
  }
}

/// Streams rows in one format; the table format collects them to align the columns.
package final class ListWriter {
  let invocation: Invocation
  let format: OutputFormat
  package let columns: [Column]
  let masking: Masking
  let quiet: Bool
  private let separator: UInt8
  /// `--limit`: the rows to write at most.
  let limit: Int?
  /// `--sort`: the field rows are ordered by; they are then kept until `finish`.
  let sort: String?
  private var sortedRows: [JSONValue] = []
  private var tableRows: [[String]] = []
  private var count = 0
  private var buffer: [UInt8] = []

  /// Thrown by `write` once `--limit` rows are written, to end the listing early.
  struct LimitReached: Error {}

  package init(
    invocation: Invocation, format: OutputFormat, columns: [Column], fields: [String],
    masking: Masking, limit: Int? = nil, sort: String? = nil
  ) throws {
    self.invocation = invocation
    self.format = format
    self.masking = masking
    self.quiet = invocation.quiet
    self.limit = limit
    self.sort = sort
    if let chosen = try invocation.chosenFields(available: fields) {
      self.columns = chosen.map { field in columns.first { $0.field == field } ?? Column(field) }
    } else {
      // CSV is for spreadsheets and for import: every field, as JSON has them, so that
      // `list --format csv | import` brings back whole records.
      switch format {
      case .json, .ndjson: self.columns = []
      case .csv: self.columns = fields.map { Column($0) }
      default: self.columns = columns
      }
    }
    separator = invocation.csvOutputSeparator
    if format == .csv, !quiet {
      invocation.stdout.write(bytes: invocation.csvHeader(self.columns.map(\.field)))
    }
  }

  package func write(_ row: JSONValue) throws {
    let row = masking.apply(row)
    if sort != nil {
      sortedRows.append(row)
      return
    }
    try writeMasked(row)
  }

  /// Whether rows can be handed over as their compact JSON text (`writeText`): NDJSON of
  /// every field, unsorted, not `--quiet`.
  package var takesText: Bool {
    format == .ndjson && columns.isEmpty && sort == nil && !quiet
  }

  /// Writes a row as the compact JSON text `text` appends, exactly what `write` would write
  /// for its value; only when `takesText`, and only for a row that masking leaves as it is
  /// (no person with protected personal data).
  package func writeText(_ text: (inout [UInt8]) -> Void) throws {
    if let limit, count >= limit { throw LimitReached() }
    count += 1
    buffer.removeAll(keepingCapacity: true)
    text(&buffer)
    buffer.append(UInt8(ascii: "\n"))
    invocation.stdout.write(bytes: buffer)
  }

  /// Writes a row already masked, unless `--limit` rows are out already.
  private func writeMasked(_ row: JSONValue) throws {
    if let limit, count >= limit { throw LimitReached() }
    count += 1
    let stdout = invocation.stdout
    if quiet {
      stdout.line(row["id"]?.stringValue ?? "")
      return
    }
    switch format {
    case .json, .ndjson:
      var value = row
      if !columns.isEmpty, let object = row.objectValue {
        value = .object(object.filter { key, _ in columns.contains { $0.field == key } })
      }
      buffer.removeAll(keepingCapacity: true)
      if format == .json {
        buffer.append(contentsOf: Array((count == 1 ? "[\n  " : ",\n  ").utf8))
        var pretty: [UInt8] = []
        JSONWriter.write(value, style: .pretty, into: &pretty)
        for byte in pretty {
          buffer.append(byte)
          if byte == UInt8(ascii: "\n") { buffer.append(contentsOf: [32, 32]) }
        }
      } else {
        JSONWriter.write(value, into: &buffer)
        buffer.append(UInt8(ascii: "\n"))
      }
      stdout.write(bytes: buffer)
    case .csv:
      stdout.write(CSVWriter.record(columns.map { Cell.csv(row[$0.field]) }, separator: separator))
    case .tsv, .jsonl, .md, .ics:
      stdout.write(TSV.line(columns.map { Cell.text(row[$0.field], list: "|") }))
    case .table:
      tableRows.append(
        columns.map { VisibleText.escape(Cell.text(row[$0.field], list: ", "), keeping: ["\n"]) })
    }
  }

  package func finish() {
    if let sort {
      // Sorted as shown: a masked person sorts as masked, never by the hidden number.
      for row in RowOrder.sorted(sortedRows, by: sort) {
        guard (try? writeMasked(row)) != nil else { break }
      }
      sortedRows = []
    }
    let stdout = invocation.stdout
    if quiet { return }
    switch format {
    case .json:
      stdout.line(count == 0 ? "[]" : "\n]")
    case .table:
      guard !tableRows.isEmpty else {
        if stdout.isTerminal { invocation.stderr.line("(none)") }
        return
      }
      let titles = columns.map(\.title)
      let rows = tableRows.map { $0.map { $0.replacingOccurrences(of: "\n", with: " ") } }
      var widths = titles.map(\.count)
      for row in rows {
        for (index, cell) in row.enumerated() {
          widths[index] = max(widths[index], cell.count)
        }
      }
      // On a terminal the table fits its width (--wide shows every value in full); in a
      // file or pipe nothing is ever cut.
      if stdout.isTerminal, !invocation.isSet(GlobalOptions.wide) {
        widths = TableFit.widths(widths, within: invocation.columns)
      }
      func render(_ cells: [String]) -> String {
        cells.enumerated().map { index, cell in
          let cut = TableFit.cut(cell, to: widths[index])
          return index == cells.count - 1
            ? cut : cut.padding(toLength: widths[index], withPad: " ", startingAt: 0)
        }.joined(separator: "  ")
      }
      stdout.line(invocation.bold(render(titles)))
      for row in rows { stdout.line(render(row)) }
    default:
      break
    }
  }
}
