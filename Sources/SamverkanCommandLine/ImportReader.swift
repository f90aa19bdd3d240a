import Foundation

import SamverkanDomain
import SamverkanJSON

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

/// An import's input, opened exactly once: a file, a pipe, a FIFO, a terminal or bytes
/// already read (standard input in process).
///
/// A regular file is read again from its start for each pass (an import whose IDs collide
/// reads twice). Anything else — `/dev/stdin`, `<(…)`, a named pipe — can be read only once,
/// so the bytes read from it are kept and played back to a later pass. Opening it twice, as
/// earlier versions did to tell the format, lost the first block to the format check.
public final class ImportInput: @unchecked Sendable {
  /// An input read whole (a JSON array) or kept from a pipe may not grow past this: more is
  /// not an import a person meant, and memory is not unlimited.
  public static let maximumBytes = 1 << 30
  /// A line (NDJSON) or CSV row longer than this is not a row: `/dev/zero`, a binary file.
  public static let maximumLineBytes = 4 << 20

  private let name: String
  private let descriptor: Int32
  private let ownsDescriptor: Bool
  private let seekable: Bool
  /// Where a seekable input starts: standard input redirected from a file may have been
  /// read in part already (`{ read header; samverkan … import -; } < file`).
  private var startOffset: off_t = 0
  /// Everything read so far from an input that cannot be read again.
  private var kept: [UInt8] = []
  private var ended = false
  /// One pass at a time: a pass stopped early may still be finishing on its thread.
  private let passLock = NSLock()
  private static let blockSize = 1 << 20

  /// Bytes already in memory.
  public init(bytes: [UInt8]) {
    name = "-"
    descriptor = -1
    ownsDescriptor = false
    seekable = false
    kept = bytes
    ended = true
  }

  /// An open descriptor (standard input), read but not closed.
  public init(descriptor: Int32, name: String) throws {
    self.name = name
    self.descriptor = descriptor
    ownsDescriptor = false
    seekable = try Self.isRegularFile(descriptor, name: name)
    if seekable { startOffset = max(0, lseek(descriptor, 0, SEEK_CUR)) }
  }

  /// Opens a file once, refusing what cannot be read as rows (a directory).
  public init(path: String) throws {
    name = path
    guard !path.isEmpty else { throw SamverkanError.fileNotFound(path) }
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    if fd < 0 {
      if errno == ENOENT || errno == ENOTDIR { throw SamverkanError.fileNotFound(path) }
      let reason = String(cString: strerror(errno))
      throw SamverkanError.usage("The file '\(path)' cannot be read: \(reason).")
    }
    descriptor = fd
    ownsDescriptor = true
    do {
      seekable = try Self.isRegularFile(fd, name: path)
    } catch {
      close(fd)
      throw error
    }
  }

  deinit {
    if ownsDescriptor { close(descriptor) }
  }

  private static func isRegularFile(_ fd: Int32, name: String) throws -> Bool {
    var info = stat()
    guard fstat(fd, &info) == 0 else {
      throw SamverkanError.usage("The file '\(name)' cannot be examined.")
    }
    if (info.st_mode & S_IFMT) == S_IFDIR {
      throw SamverkanError.usage(
        "'\(name)' is a directory; give the file to import (NDJSON, a JSON array or CSV), or - for standard input."
      )
    }
    return (info.st_mode & S_IFMT) == S_IFREG
  }

  /// Calls `body` with the input from its start, a block at a time; `body` returns false to
  /// stop early. Each call is a new pass over the same bytes.
  func forEachBlock(_ body: ([UInt8]) throws -> Bool) throws {
    passLock.lock()
    defer { passLock.unlock() }
    if seekable {
      var offset = startOffset
      var block = [UInt8](repeating: 0, count: Self.blockSize)
      while true {
        let count = block.withUnsafeMutableBytes {
          pread(descriptor, $0.baseAddress, $0.count, offset)
        }
        if count < 0 {
          if errno == EINTR { continue }
          throw readFailure()
        }
        if count == 0 { return }
        offset += off_t(count)
        guard try body(Array(block[0..<count])) else { return }
      }
    }
    var offset = 0
    while true {
      if offset < kept.count {
        let end = min(kept.count, offset + Self.blockSize)
        let block = Array(kept[offset..<end])
        offset = end
        guard try body(block) else { return }
        continue
      }
      guard !ended, let block = try readBlock() else {
        ended = true
        return
      }
      kept.append(contentsOf: block)
      offset = kept.count
      guard try body(block) else { return }
    }
  }

  /// The next block of a stream, nil at its end; refuses a stream larger than we keep.
  private func readBlock() throws -> [UInt8]? {
    var block = [UInt8](repeating: 0, count: Self.blockSize)
    while true {
      let count = block.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
      if count < 0 {
        if errno == EINTR { continue }
        throw readFailure()
      }
      if count == 0 { return nil }
      if kept.count + count > Self.maximumBytes {
        throw SamverkanError.invalidInput(
          [
            InputProblem(
              source: name, line: nil, field: nil,
              message:
                "the input is larger than \(Self.maximumBytes >> 20) MiB; save it to a file and import that"
            )
          ], omitted: 0)
      }
      return Array(block[0..<count])
    }
  }

  private func readFailure() -> SamverkanError {
    .usage("The file '\(name)' cannot be read: \(String(cString: strerror(errno))).")
  }

  /// The whole input, for formats read whole (a JSON array); refused above `maximumBytes`.
  func bytes() throws -> [UInt8] {
    var bytes: [UInt8] = []
    try forEachBlock { block in
      bytes.append(contentsOf: block)
      if bytes.count > Self.maximumBytes {
        throw SamverkanError.invalidInput(
          [
            InputProblem(
              source: name, line: nil, field: nil,
              message:
                "the input is larger than \(Self.maximumBytes >> 20) MiB, more than a JSON array is read whole; write it as NDJSON (one record a line)"
            )
          ], omitted: 0)
      }
      return true
    }
    return bytes
  }

  /// About how many rows: the number of lines (a quick pass, for progress); nil for a
  /// stream, which would have to be read to the end first.
  package func lineCount() throws -> Int? {
    guard seekable || ended else { return nil }
    var count = 0
    try forEachBlock { block in
      count += block.reduce(0) { $0 + ($1 == 10 ? 1 : 0) }
      return true
    }
    return count
  }

  /// The first few kilobytes, to tell the format (kept for the passes that follow).
  package func head() throws -> [UInt8] {
    var head: [UInt8] = []
    try forEachBlock { block in
      head.append(contentsOf: block.prefix(4096 - head.count))
      // A pipe may deliver a few bytes at a time: enough to see the first character.
      return head.count < 4096
        && !head.contains(where: { ![9, 10, 13, 32, 0xEF, 0xBB, 0xBF].contains($0) })
    }
    return head
  }
}

/// One input row: the line it starts on and its fields as JSON.
public struct ImportRow: Sendable {
  public var line: Int
  public var value: JSONValue
  /// Cells that could not be read into their field's type, keys or columns that are no
  /// field, values not in their field's format.
  public var problems: [InputProblem] = []
  /// Not a row but the header's problems (unknown columns), listed before the rows'.
  public var isHeader = false
}

/// Reads NDJSON, a JSON array or CSV into rows of JSON objects, reporting problems as
/// `file:line: field: message`.
public struct ImportReader: Sendable {
  /// The input's name as the user gave it; `-` for standard input.
  public let source: String
  public let fields: [RecordField]
  /// The day, profile and policy values are read with; nil for a whole-store import's first
  /// look at the rows, which checks nothing.
  public let reading: ImportReading?
  /// The character set of the input; other than UTF-8 it is converted as it is read.
  public let encoding: TextEncoding
  /// The fields by name and alias, built once rather than for each row.
  package let columns: ImportFields

  public init(
    source: String, fields: [RecordField], reading: ImportReading? = nil,
    encoding: TextEncoding = .utf8
  ) {
    self.source = source
    self.fields = fields
    self.reading = reading
    self.encoding = encoding
    columns = ImportFields(fields, reading: reading)
  }

  /// Calls `body` with each row, reading the input a block at a time (a JSON array is read
  /// whole); a syntax error, a line too long to be a row, or `body` throwing ends reading.
  public func forEachRow(
    _ input: ImportInput, format: ImportFormat, _ body: (ImportRow) throws -> Void
  ) throws {
    switch format {
    case .ndjson:
      var pending: [UInt8] = []
      var line = 1
      var failure: (any Error)?
      try forEachBlock(input) { block in
        pending.append(contentsOf: block)
        do {
          let used = try forEachLine(pending, startingAt: &line, final: false, body)
          pending.removeFirst(used)
        } catch {
          failure = error
          return false
        }
        if pending.count > ImportInput.maximumLineBytes {
          failure = syntax(
            line: line,
            "the line is longer than \(ImportInput.maximumLineBytes >> 20) MiB without a line end; is this an NDJSON file?"
          )
          return false
        }
        return true
      }
      if let failure { throw failure }
      _ = try forEachLine(pending, startingAt: &line, final: true, body)
    case .json:
      var bytes = encoding.utf8(try input.bytes())
      if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
      do {
        try JSONParser.forEachArrayElement(in: bytes) { value, line in
          try body(jsonRow(value, line: line))
        }
      } catch let error as JSONSyntaxError {
        throw syntax(line: error.line, error.message)
      }
    case .csv:
      var stream = CSVStream(separator: csvSeparator)
      let columns = self.columns
      var meanings: [ColumnMeaning] = []
      var checkedHeader = false
      var failure: (any Error)?
      func handle(_ header: [String]?, _ rows: [CSVRow]) throws {
        if !checkedHeader, let header {
          checkedHeader = true
          let checked = checkHeader(header, columns: columns)
          meanings = checked.meanings
          if !checked.problems.isEmpty {
            try body(
              ImportRow(line: 1, value: .object([:]), problems: checked.problems, isHeader: true))
          }
        }
        for row in rows { try body(csvRow(row, meanings: meanings, columns: columns)) }
      }
      try forEachBlock(input) { block in
        do {
          try stream.feed(block, final: false, handle)
        } catch {
          failure = error
          return false
        }
        return true
      }
      do {
        if let failure { throw failure }
        try stream.feed([], final: true, handle)
      } catch let error as CSVError {
        throw SamverkanError.invalidInput(
          [InputProblem(source: source, line: error.line, field: nil, message: error.message)],
          omitted: 0)
      }
    }
  }

  /// The separator `--csv-separator` gives; nil tells it from the header line.
  public var csvSeparator: UInt8? = nil

  /// Calls `body` with the input's blocks, converted to UTF-8.
  private func forEachBlock(_ input: ImportInput, _ body: ([UInt8]) throws -> Bool) throws {
    try input.forEachBlock { block in try body(encoding.utf8(block)) }
  }

  /// What each CSV column is, and the problems of the header: a column that is no field
  /// (with a suggestion), two columns for one field.
  private func checkHeader(_ header: [String], columns: ImportFields) -> (
    meanings: [ColumnMeaning], problems: [InputProblem]
  ) {
    var meanings: [ColumnMeaning] = []
    var problems: [InputProblem] = []
    var seen: [String: String] = [:]
    for name in header {
      var meaning = columns.meaning(of: name)
      switch meaning {
      case .unknown:
        problems.append(
          InputProblem(
            source: source, line: 1, field: Self.echo(name),
            message: columns.unknownMessage(name), value: Self.echo(name)))
      case .field(let field):
        if let other = seen[field] {
          problems.append(
            InputProblem(
              source: source, line: 1, field: Self.echo(name),
              message:
                "the columns '\(Self.echo(other))' and '\(Self.echo(name))' both give the field '\(field)'; keep one",
              value: Self.echo(name)))
          meaning = .ignored
        }
        seen[field] = name
      case .ignored:
        break
      }
      meanings.append(meaning)
    }
    return (meanings, problems)
  }

  /// A JSON row: its keys read as fields (aliases and other cases too), each value checked
  /// for its field's type and format. Keys that are no field are problems, as CSV columns are.
  func jsonRow(_ value: consuming JSONValue, line: Int) -> ImportRow {
    // Taken, not copied: the parser's object is changed in place below.
    var object: [String: JSONValue]
    switch consume value {
    case .object(let members) where !fields.isEmpty: object = members
    case let other: return ImportRow(line: line, value: other)
    }
    let columns = self.columns
    // Nearly every row names fields by their own names, with values of their kinds that
    // read: their stored forms replace them in the object the parser made, without making
    // a second one.
    if let read = Self.readWithoutProblems(object, columns: columns) {
      var position = object.startIndex
      for stored in read {
        object.values[position] = stored
        object.formIndex(after: &position)
      }
      return ImportRow(line: line, value: .object(object), problems: [])
    }
    // Room for every key at once, rather than growing 1, 2, 4, 8, 16 on every row.
    var given = [String: JSONValue](minimumCapacity: object.count)
    // The problems by key, listed in the keys' order.
    var problemsByKey: [(key: String, problem: InputProblem)] = []
    for (name, value) in object {
      // A field's own name (nearly every key) is found in one lookup; an alias, another
      // case or an ignored column by what it means.
      guard let field = columns.field(name) ?? columns.fieldMeant(by: name) else {
        guard columns.meaning(of: name) != .ignored else { continue }
        problemsByKey.append(
          (
            name,
            InputProblem(
              source: source, line: line, field: Self.echo(name),
              message: columns.unknownMessage(name), value: Self.echo(name))
          ))
        continue
      }
      let fieldName = field.name
      if fieldName != name, let other = otherKey(giving: fieldName, than: name, in: object) {
        // Said once, by the key that sorts last of those that are not the field's own name.
        if other < name || other == fieldName {
          let pair = [other, name].sorted()
          problemsByKey.append(
            (
              name,
              InputProblem(
                source: source, line: line, field: Self.echo(name),
                message:
                  "the keys '\(Self.echo(pair[0]))' and '\(Self.echo(pair[1]))' both give the field '\(fieldName)'; keep one",
                value: Self.echo(name))
            ))
        }
        continue
      }
      if let expected = Self.typeProblem(value, kind: field.kind) {
        problemsByKey.append(
          (
            name,
            InputProblem(
              source: source, line: line, field: fieldName,
              message: "\(Self.echo(Self.describe(value))) is not \(expected)",
              value: Self.echo(Self.describe(value)))
          ))
        continue
      }
      do {
        given[fieldName] = try columns.normalised(value, field: field)
      } catch {
        let shown = value.stringValue ?? Self.describe(value)
        problemsByKey.append(
          (
            name,
            InputProblem(
              source: source, line: line, field: fieldName,
              message: Self.found(shown, error, list: value.arrayValue != nil),
              value: Self.echo(shown))
          ))
      }
    }
    let problems = problemsByKey.sorted { $0.key < $1.key }.map(\.problem)
    return ImportRow(line: line, value: .object(given), problems: problems)
  }

  /// Each member's value in its stored form, in the object's order, when every key is a
  /// field's own name and every value reads; nil when any is not (the row is then read key
  /// by key, which says what is wrong).
  private static func readWithoutProblems(_ object: [String: JSONValue], columns: ImportFields)
    -> [JSONValue]?
  {
    var read: [JSONValue] = []
    read.reserveCapacity(object.count)
    for (name, value) in object {
      guard let field = columns.field(name), typeProblem(value, kind: field.kind) == nil,
        let stored = try? columns.normalised(value, field: field)
      else { return nil }
      read.append(stored)
    }
    return read
  }

  /// Another key of `object` than `name` that gives the field `fieldName`: the field's own
  /// name if it is there, else the last such key in sorted order.
  private func otherKey(giving fieldName: String, than name: String, in object: [String: JSONValue])
    -> String?
  {
    if object[fieldName] != nil { return fieldName }
    return object.keys.filter { key in
      key != name && columns.fieldMeant(by: key)?.name == fieldName
    }.max()
  }

  /// A problem with a value, naming it: `'FFZ' is not accepted: …` (a list's message
  /// names the item already).
  static func found(_ value: String, _ error: ValueError, list: Bool) -> String {
    list ? error.description : "'\(echo(value))' is not accepted: \(error.description)"
  }

  /// A name or value from the input as a message repeats it: cut to `echoLimit` characters.
  package static func echo(_ text: String) -> String {
    text.count <= echoLimit ? text : String(text.prefix(echoLimit)) + "…"
  }

  /// What a field of this kind needs, when `value` is not that; nil when it fits. `null`
  /// fits every kind: it means "absent".
  static func typeProblem(_ value: JSONValue, kind: RecordField.Kind) -> String? {
    if value == .null { return nil }
    switch kind {
    case .text:
      if case .string = value { return nil }
      return "text (a string in double quotes)"
    case .number:
      if case .integer = value { return nil }
      return "a whole number"
    case .flag:
      if case .bool = value { return nil }
      return "true or false (without quotes)"
    case .list, .textList:
      if case .array(let items) = value, items.allSatisfy({ $0.stringValue != nil }) {
        return nil
      }
      return "a list of strings, e.g. [\"a\", \"b\"]"
    case .json:
      return nil
    }
  }

  /// A JSON value as the user wrote it, for a message.
  package static func describe(_ value: JSONValue) -> String {
    var bytes: [UInt8] = []
    JSONWriter.write(value, into: &bytes)
    return String(decoding: bytes, as: UTF8.self)
  }

  /// At most this many characters of a name from the input are repeated in a message.
  static let echoLimit = 80

  /// A CSV row: each cell read into its field's type and format. An empty cell is `null`
  /// (absent for a new record, cleared by `--update`); a cell in a nameless column must be
  /// empty.
  private func csvRow(_ row: CSVRow, meanings: [ColumnMeaning], columns: ImportFields)
    -> ImportRow
  {
    var object: [String: JSONValue] = [:]
    var problems: [InputProblem] = []
    for (index, name) in row.header.enumerated() {
      let cell = row.cells[index]
      guard case .field(let fieldName) = meanings[index], let field = columns.field(fieldName)
      else {
        if name.isEmpty, let cell, !cell.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
          problems.append(
            InputProblem(
              source: source, line: row.line, field: "column \(index + 1)",
              message:
                "'\(Self.echo(cell))' is in a column without a name in the header; name the column or empty it",
              value: Self.echo(cell)))
        }
        continue
      }
      guard let cell else {
        object[fieldName] = .null
        continue
      }
      do {
        object[fieldName] = try columns.normalised(
          try Self.value(of: cell, as: field.kind), field: field)
      } catch {
        problems.append(
          InputProblem(
            source: source, line: row.line, field: fieldName,
            message: Self.found(cell, error, list: field.kind == .list), value: Self.echo(cell)))
      }
    }
    return ImportRow(line: row.line, value: .object(object), problems: problems)
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
          let value = try JSONParser.parse(slice, firstLine: line)
          try body(jsonRow(value, line: line))
        } catch let error as JSONSyntaxError {
          // NDJSON lines end in LF; a file whose lines end in CR alone is one long line.
          let hint =
            slice.contains(13)
            ? "; the lines seem to end in CR alone (an old Mac format): save the file with LF or CRLF line ends"
            : ""
          throw syntax(line: error.line, error.message + hint)
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
        throw ValueError("it is not a whole number")
      }
      return .integer(number)
    case .flag:
      switch cell.trimmingCharacters(in: .whitespaces).lowercased() {
      case "true", "yes", "ja", "1", "x": return .bool(true)
      case "false", "no", "nej", "0": return .bool(false)
      default:
        throw ValueError(
          "it is not true or false", expected: "true/false, ja/nej, yes/no or 1/0")
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
        "; the file is not UTF-8: save it again as UTF-8 (in Excel 'CSV UTF-8', in LibreOffice the character set 'Unicode (UTF-8)'), or import it with --encoding windows-1252 (or iso-8859-1)"
    }
    return .invalidInput(
      [InputProblem(source: source, line: line, field: nil, message: text)], omitted: 0)
  }
}
