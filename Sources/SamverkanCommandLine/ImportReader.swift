import Foundation

import SamverkanDomain
import SamverkanJSON
import SamverkanStore

/// The formats `import` reads.
public enum ImportFormat: String, Sendable {
  case ndjson, json, csv

  /// The format of an input: by the file's extension, else by its first character
  /// (`[` a JSON array, `{` NDJSON), else CSV.
  public static func detect(path: String, bytes: [UInt8]) -> ImportFormat {
    let lower = path.lowercased()
    if lower.hasSuffix(".csv") || lower.hasSuffix(".txt") { return .csv }
    if lower.hasSuffix(".ndjson") || lower.hasSuffix(".jsonl") { return .ndjson }
    if lower.hasSuffix(".json") { return firstCharacter(bytes) == "{" ? .ndjson : .json }
    switch firstCharacter(bytes) {
    case "[": return .json
    case "{": return .ndjson
    default: return .csv
    }
  }

  private static func firstCharacter(_ bytes: [UInt8]) -> Character? {
    var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    while index < bytes.count, [9, 10, 13, 32].contains(bytes[index]) { index += 1 }
    return index < bytes.count ? Character(UnicodeScalar(bytes[index])) : nil
  }
}

/// Where import rows come from: bytes already read (standard input), or a file.
public enum ImportInput: Sendable {
  case bytes([UInt8])
  case file(String)

  /// The whole input.
  func bytes() throws -> [UInt8] {
    switch self {
    case .bytes(let bytes): return bytes
    case .file(let path):
      guard let bytes = try readInputFile(path) else { throw SamverkanError.fileNotFound(path) }
      return bytes
    }
  }

  /// About how many rows: the number of lines (a quick pass, for progress).
  func lineCount() throws -> Int {
    switch self {
    case .bytes(let bytes): return bytes.reduce(0) { $0 + ($1 == 10 ? 1 : 0) }
    case .file(let path):
      guard let handle = FileHandle(forReadingAtPath: path) else {
        throw SamverkanError.fileNotFound(path)
      }
      defer { try? handle.close() }
      var count = 0
      while true {
        let block = handle.readData(ofLength: 1 << 20)
        if block.isEmpty { return count }
        count += block.reduce(0) { $0 + ($1 == 10 ? 1 : 0) }
      }
    }
  }

  /// The first few kilobytes, to tell the format.
  func head() throws -> [UInt8] {
    switch self {
    case .bytes(let bytes): return Array(bytes.prefix(4096))
    case .file(let path):
      guard let handle = FileHandle(forReadingAtPath: path) else {
        throw SamverkanError.fileNotFound(path)
      }
      defer { try? handle.close() }
      return Array(handle.readData(ofLength: 4096))
    }
  }
}

/// One input row: the line it starts on and its fields as JSON.
public struct ImportRow {
  public var line: Int
  public var value: JSONValue
  /// Cells that could not be read into their field's type (CSV only).
  public var problems: [InputProblem] = []
}

/// Reads NDJSON, a JSON array or CSV into rows of JSON objects, reporting problems as
/// `file:line: field: message`.
public struct ImportReader: Sendable {
  /// The input's name as the user gave it; `-` for standard input.
  public var source: String
  public var fields: [RecordField]

  public init(source: String, fields: [RecordField]) {
    self.source = source
    self.fields = fields
  }

  /// Calls `body` with each row; a syntax error ends reading with `invalidInput`.
  public func forEachRow(
    _ bytes: [UInt8], format: ImportFormat, _ body: (ImportRow) throws -> Void
  ) throws {
    switch format {
    case .ndjson:
      var line = 1
      _ = try forEachLine(bytes, startingAt: &line, final: true, body)
    case .json:
      var bytes = bytes
      if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
      do {
        try JSONParser.forEachArrayElement(in: bytes) { value, line in
          try body(ImportRow(line: line, value: value))
        }
      } catch let error as JSONSyntaxError {
        throw syntax(line: error.line, error.message)
      }
    case .csv:
      let table: CSVTable
      do {
        table = try CSVReader.read(bytes)
      } catch {
        throw SamverkanError.invalidInput(
          [InputProblem(source: source, line: error.line, field: nil, message: error.message)],
          omitted: 0)
      }
      var known = Dictionary(uniqueKeysWithValues: fields.map { ($0.name, $0) })
      // Exports mark rows of persons with protected personal data.
      if known["person"] != nil { known["personProtected"] = RecordField("personProtected", .flag) }
      let unknown = table.header.filter { known[$0] == nil }
      if !unknown.isEmpty {
        throw SamverkanError.invalidInput(
          unknown.map {
            InputProblem(
              source: source, line: 1, field: $0,
              message:
                "there is no such field\(EditDistance.closest(to: $0, among: fields.map(\.name)).map { "; did you mean '\($0)'?" } ?? ""). Fields: \(fields.map(\.name).joined(separator: ", "))"
            )
          }, omitted: 0)
      }
      for row in table.rows {
        var object: [String: JSONValue] = [:]
        var problems: [InputProblem] = []
        for (index, name) in table.header.enumerated() {
          guard let cell = row.cells[index], let field = known[name] else { continue }
          do {
            object[name] = try Self.value(of: cell, as: field.kind)
          } catch {
            problems.append(
              InputProblem(source: source, line: row.line, field: name, message: error.description))
          }
        }
        try body(ImportRow(line: row.line, value: .object(object), problems: problems))
      }
    }
  }

  /// Reads an input as NDJSON a block at a time from a file, so a large import never holds
  /// the whole file; other formats and standard input are read whole.
  public func forEachRow(
    _ input: ImportInput, format: ImportFormat, _ body: (ImportRow) throws -> Void
  ) throws {
    guard case .file(let path) = input, format == .ndjson else {
      return try forEachRow(try input.bytes(), format: format, body)
    }
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw SamverkanError.fileNotFound(path)
    }
    defer { try? handle.close() }
    var pending: [UInt8] = []
    var line = 1
    while true {
      let block = handle.readData(ofLength: 1 << 20)
      pending.append(contentsOf: block)
      let used = try forEachLine(pending, startingAt: &line, final: block.isEmpty, body)
      pending.removeFirst(used)
      if block.isEmpty { break }
    }
  }

  /// Calls `body` with each complete NDJSON line; returns how many bytes were used (a last
  /// line without its line end waits for more unless `final`).
  private func forEachLine(
    _ bytes: [UInt8], startingAt line: inout Int, final: Bool, _ body: (ImportRow) throws -> Void
  ) throws -> Int {
    var start = line == 1 && bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    while start < bytes.count {
      guard let end = bytes[start...].firstIndex(of: 10) ?? (final ? bytes.count : nil) else {
        break
      }
      var slice = bytes[start..<end]
      if slice.last == 13 { slice = slice.dropLast() }
      if slice.contains(where: { ![9, 32].contains($0) }) {
        do {
          try body(ImportRow(line: line, value: try JSONParser.parse(slice, firstLine: line)))
        } catch let error as JSONSyntaxError {
          throw syntax(line: error.line, error.message)
        }
      }
      start = end + 1
      line += 1
    }
    return min(start, bytes.count)
  }

  /// A CSV cell as the JSON value its field holds.
  static func value(of cell: String, as kind: RecordField.Kind) throws(ValueError) -> JSONValue {
    switch kind {
    case .text:
      return .string(cell)
    case .number:
      guard let number = Int(cell.trimmingCharacters(in: .whitespaces)) else {
        throw ValueError("'\(cell)' is not a whole number")
      }
      return .integer(number)
    case .flag:
      switch cell.trimmingCharacters(in: .whitespaces).lowercased() {
      case "true", "yes", "ja", "1", "x": return .bool(true)
      case "false", "no", "nej", "0": return .bool(false)
      default:
        throw ValueError(
          "'\(cell)' is not true or false", expected: "true/false, ja/nej, yes/no or 1/0")
      }
    case .list:
      return .array(CSVReader.splitList(cell).map { .string($0) })
    case .textList:
      let items = cell.split(whereSeparator: { $0 == "|" || $0 == "\n" })
        .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
      return .array(items.map { .string($0) })
    case .json:
      do {
        return try JSONParser.parse(Array(cell.utf8))
      } catch {
        throw ValueError("the cell is not valid JSON (\(error.message))")
      }
    }
  }

  private func syntax(line: Int, _ message: String) -> SamverkanError {
    var text = message
    if message.lowercased().contains("utf-8") {
      text +=
        "; the file is not UTF-8: save it again as UTF-8 (in Excel 'CSV UTF-8', in LibreOffice the character set 'Unicode (UTF-8)')"
    }
    return .invalidInput(
      [InputProblem(source: source, line: line, field: nil, message: text)], omitted: 0)
  }
}
