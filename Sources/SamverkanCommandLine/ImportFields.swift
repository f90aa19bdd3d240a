import SamverkanDomain
import SamverkanJSON

/// What reading an import row needs beyond the fields: the day and profile values are read
/// against, who imports (for defaults), and the unknown-column policy.
public struct ImportReading: Sendable {
  public var values: ValueContext
  public var actor: String
  /// Columns our own `list` and `export` write that are not fields (`status`): ignored.
  public var readOnly: Set<String>
  /// `--ignore-unknown`: columns and keys that are no field are ignored, not refused.
  public var ignoreUnknown: Bool

  public init(values: ValueContext, actor: String, readOnly: Set<String>, ignoreUnknown: Bool) {
    self.values = values
    self.actor = actor
    self.readOnly = readOnly
    self.ignoreUnknown = ignoreUnknown
  }

  var defaults: FieldDefault.Context {
    FieldDefault.Context(today: values.today, actor: actor, profile: values.profile)
  }
}

/// How a column name or JSON key of the input is read.
enum ColumnMeaning: Equatable {
  /// The record's field of this name.
  case field(String)
  /// Ignored: a read-only column of our own output, or a nameless trailing column.
  case ignored
  /// No field: refused with a suggestion, unless `--ignore-unknown`.
  case unknown
}

/// The declared fields of a record as import reads them: names and aliases, formats,
/// required fields and defaults. `import --help` and `--template` describe the same.
package struct ImportFields {
  let fields: [RecordField]
  let reading: ImportReading?
  private let byName: [String: RecordField]
  private let folded: [String: String]

  package init(_ fields: [RecordField], reading: ImportReading?) {
    self.fields = fields
    self.reading = reading
    var byName = Dictionary(uniqueKeysWithValues: fields.map { ($0.name, $0) })
    if byName["person"] != nil {
      byName["personProtected"] = RecordField("personProtected", .flag)
    }
    self.byName = byName
    var folded: [String: String] = [:]
    for field in byName.values {
      for name in [field.name] + field.aliases { folded[name.lowercased()] = field.name }
    }
    self.folded = folded
  }

  func field(_ name: String) -> RecordField? { byName[name] }

  /// The field a column or key other than a field's own name means (an alias, another
  /// case), if any.
  func fieldMeant(by name: String) -> RecordField? {
    guard case .field(let fieldName) = meaning(of: name) else { return nil }
    return byName[fieldName]
  }

  /// What a column or key means: a field by its name, an alias (the verb's option name) or
  /// either in another case; a read-only column of our own output; or nothing known.
  func meaning(of name: String) -> ColumnMeaning {
    if byName[name] != nil { return .field(name) }
    let trimmed = name.trimmingSpaces
    if trimmed.isEmpty { return .ignored }
    if let found = folded[trimmed.lowercased()] { return .field(found) }
    if let reading, reading.readOnly.contains(trimmed) || reading.ignoreUnknown { return .ignored }
    return .unknown
  }

  /// Why a name is no field: a suggestion and the fields there are.
  func unknownMessage(_ name: String) -> String {
    // Edit distance costs the product of the lengths: a huge name gets no suggestion.
    let candidates = (byName.keys + fields.flatMap(\.aliases)).sorted()
    let suggestion =
      name.count <= ImportReader.echoLimit
      ? EditDistance.closest(to: name, among: candidates).map { folded[$0.lowercased()] ?? $0 }
      : nil
    return
      "there is no such field.\(suggestion.map { " Did you mean '\($0)'?" } ?? "") Fields: \(fields.map(\.name).joined(separator: ", ")); --ignore-unknown ignores columns that are no field"
  }

  // MARK: Values

  /// A value as the field stores it: a personnummer in its long form, a date, an
  /// organization as the profile spells it, a code in its own case. Throws what is wrong
  /// and what would be accepted.
  func normalised(_ value: JSONValue, field: RecordField) throws(ValueError) -> JSONValue {
    guard let reading, field.format != .text else { return value }
    switch value {
    case .string(let text):
      return .string(try normalisedText(text, format: field.format, reading: reading))
    case .array(let items):
      var result: [JSONValue] = []
      for item in items {
        guard case .string(let text) = item else { return value }
        do {
          result.append(.string(try normalisedText(text, format: field.format, reading: reading)))
        } catch {
          // The item, not the whole list, is what is wrong.
          throw ValueError(
            "'\(ImportReader.echo(text))' in the list: " + error.reason, expected: error.expected)
        }
      }
      return .array(result)
    default:
      return value
    }
  }

  private func normalisedText(_ text: String, format: RecordField.Format, reading: ImportReading)
    throws(ValueError) -> String
  {
    if format == .text { return text }
    let trimmed = text.trimmingSpaces
    let spaced =
      trimmed != text ? " (the cell has a space before or after the value)" : ""
    switch format {
    case .text:
      return text
    case .person:
      if trimmed.utf8.contains(UInt8(ascii: "*")) {
        throw ValueError(
          "the personnummer is masked: the row comes from an export of a person with protected personal data without --reveal",
          expected: "the real personnummer; export again with --reveal")
      }
      do {
        return try PersonNumber(parsing: trimmed, today: reading.values.today).longForm
      } catch {
        throw ValueError(error.reason + spaced, expected: Self.describe(format))
      }
    case .date:
      // A date already written YYYY-MM-DD (nearly every cell) is stored as it is written.
      if (try? CivilDate(iso: trimmed)) != nil { return trimmed }
      do {
        return try CivilDate.parse(trimmed, today: reading.values.today).description
      } catch {
        throw ValueError(error.reason + spaced, expected: Self.describe(format))
      }
    case .organization:
      do {
        return try OrganizationID(parsing: trimmed, profile: reading.values.profile).description
      } catch {
        throw ValueError(error.reason + spaced, expected: error.expected)
      }
    case .values(let allowed):
      if allowed.contains(trimmed) { return trimmed }
      let folded = trimmed.lowercased()
      if let found = allowed.first(where: { $0.lowercased() == folded }) {
        return found
      }
      let suggestion = EditDistance.closest(to: trimmed, among: allowed)
      throw ValueError(
        "it is not one of the accepted values" + spaced,
        expected: quotedList(allowed) + (suggestion.map { "; did you mean '\($0)'?" } ?? ""))
    }
  }

  /// What a value of a field must look like, for messages and `import --help`.
  package static func describe(_ format: RecordField.Format) -> String {
    switch format {
    case .text: return "text"
    case .person:
      return
        "a personnummer or samordningsnummer: YYYYMMDD-NNNN, YYMMDD-NNNN, YYYYMMDDNNNN or YYMMDDNNNN"
    case .date: return "a date YYYY-MM-DD"
    case .organization: return "an organization or unit from the profile, e.g. SF-NORDOST/BOU"
    case .values(let allowed): return "one of " + allowed.joined(separator: ", ")
    }
  }

  package static func describe(_ field: RecordField) -> String {
    switch field.kind {
    case .text: return describe(field.format)
    case .number: return "a whole number"
    case .flag: return "true/false, ja/nej, yes/no or 1/0"
    case .list:
      return field.format == .text
        ? "a list: a|b or a,b" : "a list (a|b or a,b) of " + describe(field.format)
    case .textList: return "a list of texts: a|b, or one per line"
    case .json: return "JSON (as export writes it)"
    }
  }

  // MARK: Completing a new record's row

  /// The row of a new record: the fields it gives, and for those it leaves out the value
  /// the creating verb would give (declaration order, so a default may use an earlier
  /// field's). An optional list or flag left out is the record's to default (`@Defaulted`),
  /// as when the store reads it. Every required field that is still missing is a problem.
  package func completed(_ given: [String: JSONValue]) -> (
    row: [String: JSONValue], missing: [(field: String, message: String)]
  ) {
    var row = given
    // Room for every field at once: the row's copy, not a copy and then growing it.
    row.reserveCapacity(fields.count)
    var missing: [(field: String, message: String)] = []
    for index in fields.indices {
      // One lookup per field, and the field read in place: a million rows ask for every one.
      switch row[fields[index].name] {
      case nil, .null?: break
      default: continue
      }
      let field = fields[index]
      if let fieldDefault = field.fieldDefault, let reading,
        let value = fieldDefault.value(reading.defaults, row)
      {
        row[field.name] = value
        continue
      }
      switch field.kind {
      case .list where field.isRequired:
        // A required list left out is empty, so the record's own rules say what it needs
        // ("at least two parties"), not merely that it is missing.
        row[field.name] = .array([])
      default:
        if field.isRequired {
          let aliases =
            field.aliases.isEmpty ? "" : " (or '\(field.aliases.joined(separator: "', '"))')"
          missing.append(
            (
              field.name,
              "a new record needs it: give a column '\(field.name)'\(aliases) with \(Self.describe(field))"
            ))
        }
      }
    }
    return (row, missing)
  }

  // MARK: Help and template

  /// The columns as `import --help` lists them: required ones first, each with its format
  /// and default, from the same declarations that read the rows.
  package static func help(_ fields: [RecordField]) -> String {
    func line(_ field: RecordField) -> String {
      var text = "  \(field.name)"
      if !field.aliases.isEmpty { text += " (or \(field.aliases.joined(separator: ", ")))" }
      text += ": \(describe(field))"
      if let fieldDefault = field.fieldDefault { text += "; default \(fieldDefault.description)" }
      return text
    }
    let required = fields.filter(\.isRequired)
    let optional = fields.filter { !$0.isRequired }
    var lines: [String] = []
    if !required.isEmpty {
      lines.append("Required columns of a new record:")
      lines += required.map(line)
    }
    lines.append("Optional columns (left out: the default, else absent):")
    lines += optional.map(line)
    return lines.joined(separator: "\n")
  }

  /// The example a template row gives for a field.
  package static func example(_ field: RecordField, today: CivilDate) -> JSONValue {
    let texts: [String]
    switch field.format {
    case .person: texts = ["19900101-2385"]  // a Skatteverket test personnummer
    case .date: texts = [today.adding(months: 6).description]
    case .organization: texts = field.kind == .list ? ["SF-NORDOST", "FFS"] : ["SF-NORDOST"]
    case .values(let allowed): texts = [allowed.first ?? ""]
    case .text: texts = ["…"]
    }
    switch field.kind {
    case .number: return .integer(1)
    case .flag: return .bool(true)
    case .list, .textList: return .array(texts.map { .string($0) })
    case .json: return .null
    case .text: return .string(texts[0])
    }
  }
}
