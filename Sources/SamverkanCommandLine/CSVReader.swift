// MARK: - Table

/// A CSV file as read: its header and its rows, each with the line it starts on.
public struct CSVTable: Sendable, Equatable {
  /// The field names from the header line, trimmed of surrounding white space.
  public var header: [String]
  /// The rows after the header, in file order, without blank ones.
  public var rows: [CSVRow]
  /// The separator found on the header line: `,` or `;`.
  public var separator: UInt8

  /// A table with these parts; rows are usually made by `CSVReader.read(_:)`.
  public init(header: [String], rows: [CSVRow], separator: UInt8) {
    self.header = header
    self.rows = rows
    self.separator = separator
  }
}

/// One row of a CSV file: the line it starts on and one cell per header field.
public struct CSVRow: Sendable, Equatable {
  /// The 1-based physical line the row starts on; a cell with line breaks makes the row
  /// span several lines.
  public var line: Int
  /// One cell per header field, in header order; an empty cell is `nil` (absent).
  public var cells: [String?]
  /// The table's header, shared with every row, so a row can be handled on its own.
  public var header: [String]

  /// A row with these cells; `cells` and `header` should have the same count.
  public init(line: Int, cells: [String?], header: [String]) {
    self.line = line
    self.cells = cells
    self.header = header
  }

  /// The cell under the header field `field`, or `nil` when the cell is empty or the header
  /// has no such field (check the header for required fields first).
  public subscript(field: String) -> String? {
    guard let column = header.firstIndex(of: field), column < cells.count else { return nil }
    return cells[column]
  }
}

/// Why a CSV file could not be read, and the 1-based line where the problem is.
public struct CSVError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The 1-based physical line of the problem.
  public var line: Int
  /// What is wrong and, where it helps, how to fix it; without the line number.
  public var message: String

  /// An error on `line` saying `message`.
  public init(line: Int, message: String) {
    self.line = line
    self.message = message
  }

  /// `line N: message`.
  public var description: String { "line \(line): \(message)" }
}

// MARK: - Reader

/// Reads CSV as Excel, LibreOffice and RFC 4180 write it.
///
/// - The file must be UTF-8; a byte order mark is skipped.
/// - The separator is `,` or `;` (what Swedish Excel writes), whichever the header line has
///   more of outside quotes; on a tie `;` wins, as a `,` inside a field name is likelier.
/// - Lines end in CRLF, LF or a lone CR; the last line end is optional.
/// - Blank lines, and rows whose every cell is empty (spreadsheets write those for
///   formatted but empty rows), are skipped; they still count for line numbers.
/// - A quoted cell may hold separators, doubled quotes (`""`) and line breaks. Its text is
///   kept exactly, except that a CRLF inside it becomes LF.
/// - Cells are not trimmed, as spaces may matter; header names are.
/// - An empty cell, quoted (`""`) or not, is `nil`.
/// - A row with fewer cells than the header is padded with `nil`, as spreadsheets drop
///   trailing empty cells; a row with more cells is an error.
public enum CSVReader {
  /// Reads a whole CSV file, header first.
  public static func read(_ bytes: [UInt8]) throws(CSVError) -> CSVTable {
    var stream = CSVStream()
    var rows: [CSVRow] = []
    do {
      try stream.feed(bytes, final: true) { rows.append(contentsOf: $1) }
    } catch let error as CSVError {
      throw error
    } catch {
      // Only the row handler could throw something else, and this one does not.
      throw CSVError(line: 1, message: "\(error)")
    }
    return CSVTable(header: stream.header ?? [], rows: rows, separator: stream.separator)
  }

  /// Splits a cell holding a list, `a|b` or `a, b`: on `|` when the cell has one, else on
  /// `,`. Items are trimmed of surrounding white space; empty items are dropped.
  public static func splitList(_ cell: String) -> [String] {
    let separator: Character = cell.contains("|") ? "|" : ","
    return cell.split(separator: separator, omittingEmptySubsequences: false)
      .map(trimmed)
      .filter { !$0.isEmpty }
  }

  // MARK: - Encoding

  /// The error for the first line holding a byte that is not valid UTF-8, if any.
  static func firstNonUTF8Line(_ bytes: [UInt8], checkingUTF16: Bool = true) -> CSVError? {
    // Excel's "Unicode Text" is UTF-16 with a byte order mark.
    if checkingUTF16, bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
      return CSVError(line: 1, message: "the file is UTF-16, not UTF-8; " + saveAsUTF8)
    }
    var line = 1
    var start = 0
    var index = 0
    // CR and LF never occur inside a multi-byte UTF-8 sequence, so checking line by line
    // finds the same bad bytes as checking the whole file.
    while start <= bytes.count {
      while index < bytes.count, bytes[index] != .lf, bytes[index] != .cr { index += 1 }
      let lineBytes = bytes[start..<index]
      if String(validating: lineBytes, as: UTF8.self) == nil {
        let bad = firstInvalidByte(lineBytes).map { " (0x" + hex($0) + ")" } ?? ""
        return CSVError(
          line: line,
          message: "the file is not UTF-8: this line has a byte\(bad) that is not valid "
            + "UTF-8, as Windows-1252 or Latin-1 files have; " + saveAsUTF8)
      }
      guard index < bytes.count else { break }
      if bytes[index] == .cr, index + 1 < bytes.count, bytes[index + 1] == .lf { index += 1 }
      index += 1
      start = index
      line += 1
    }
    return nil
  }

  private static let saveAsUTF8 =
    "save it again as 'CSV UTF-8' in Excel, or choose the character set 'Unicode (UTF-8)' "
    + "in LibreOffice; or import it with --encoding windows-1252 (or iso-8859-1)"

  /// The first byte of `bytes` at which decoding as UTF-8 fails, to name it in the message.
  private static func firstInvalidByte(_ bytes: ArraySlice<UInt8>) -> UInt8? {
    var decoder = UTF8()
    var iterator = bytes.makeIterator()
    var offset = bytes.startIndex
    while true {
      switch decoder.decode(&iterator) {
      case .scalarValue(let scalar): offset += UTF8.width(scalar)
      case .emptyInput: return nil
      case .error: return bytes[offset]
      }
    }
  }

  private static func hex(_ byte: UInt8) -> String {
    let digits = String(byte, radix: 16, uppercase: true)
    return digits.count == 1 ? "0" + digits : digits
  }

  /// `text` without surrounding white space (spaces, tabs, no-break spaces).
  static func trimmed(_ text: some StringProtocol) -> String {
    guard let first = text.firstIndex(where: { !$0.isWhitespace }),
      let last = text.lastIndex(where: { !$0.isWhitespace })
    else { return "" }
    return String(text[first...last])
  }
}

// MARK: - Stream

/// Reads CSV a block at a time, so a large file (or a pipe that never ends) is never held
/// whole: each block is cut after its last line end outside quotes, and the complete rows
/// before it are parsed. A row longer than `ImportInput.maximumLineBytes` ends the read,
/// as it cannot be a spreadsheet row.
struct CSVStream {
  /// The header, once its line has been read.
  private(set) var header: [String]?
  private(set) var separator = UInt8.comma
  private var pending: [UInt8] = []
  /// How far `pending` has been scanned for line ends, and whether that point is in quotes.
  private var scanned = 0
  private var quoted = false
  /// The end of the last whole record in `pending`.
  private var boundary = 0
  /// The line `pending` starts on.
  private var line = 1
  private var atStart = true
  let maximumRecordBytes: Int

  /// The separator given (`--csv-separator`); nil tells it from the header line.
  private let givenSeparator: UInt8?

  init(maximumRecordBytes: Int = ImportInput.maximumLineBytes, separator: UInt8? = nil) {
    self.maximumRecordBytes = maximumRecordBytes
    self.givenSeparator = separator
  }

  /// Adds a block and hands `body` the header (once read) and the rows the block completes;
  /// `final` for the last block.
  mutating func feed(
    _ block: [UInt8], final: Bool, _ body: ([String]?, [CSVRow]) throws -> Void
  ) throws {
    pending.append(contentsOf: block)
    while scanned < pending.count {
      let byte = pending[scanned]
      if byte == .quote {
        quoted.toggle()
      } else if !quoted, byte == .lf || byte == .cr {
        // A CR at the end of a block may be the first half of a CRLF: wait for the next.
        if byte == .cr, scanned + 1 == pending.count, !final { break }
        if byte == .cr, scanned + 1 < pending.count, pending[scanned + 1] == .lf { scanned += 1 }
        boundary = scanned + 1
      }
      scanned += 1
    }
    let end = final ? pending.count : boundary
    if end > 0 || final {
      let rows = try parse(end: end, final: final)
      pending.removeFirst(end)
      scanned -= end
      boundary -= end
      try body(header, rows)
    }
    if pending.count > maximumRecordBytes {
      // A stray quote holds every line end after it: report that, when it is the cause.
      _ = try parse(end: pending.count, final: true)
      throw CSVError(
        line: line,
        message:
          "a row starting on this line is longer than \(maximumRecordBytes >> 20) MiB without a line end; is this a CSV file?"
      )
    }
  }

  private mutating func parse(end: Int, final: Bool) throws(CSVError) -> [CSVRow] {
    let startLine = line
    let start = atStart
    let chunk = Array(pending[0..<end])
    do {
      return try chunk.withUnsafeBufferPointer { buffer throws(CSVError) in
        var parser = Parser(buffer, line: line, separator: separator, start: atStart)
        atStart = false
        let fields: [String]
        if let header {
          fields = header
        } else {
          parser.skipBlankLines()
          guard parser.position < buffer.count else {
            if final {
              throw CSVError(
                line: parser.line, message: "the file is empty; expected a header line first")
            }
            line = parser.line
            return []
          }
          parser.separator = givenSeparator ?? parser.detectSeparator()
          separator = parser.separator
          fields = try parser.readHeader()
          header = fields
        }
        let rows = try parser.rows(header: fields)
        line = parser.line
        return rows
      }
    } catch {
      // A file in another character set needs saving again before anything else can be
      // fixed, so that comes first, even when a problem on an earlier line stopped the read.
      if start, let encodingError = CSVReader.firstNonUTF8Line(chunk) { throw encodingError }
      if let encodingError = CSVReader.firstNonUTF8Line(chunk, checkingUTF16: false) {
        throw CSVError(line: encodingError.line + startLine - 1, message: encodingError.message)
      }
      throw error
    }
  }
}

// MARK: - Parser

extension UInt8 {
  fileprivate static let lf = UInt8(ascii: "\n")
  fileprivate static let cr = UInt8(ascii: "\r")
  fileprivate static let quote = UInt8(ascii: "\"")
  fileprivate static let comma = UInt8(ascii: ",")
  fileprivate static let semicolon = UInt8(ascii: ";")
}

/// Walks the bytes once, building each cell's String straight from the buffer.
private struct Parser {
  let bytes: UnsafeBufferPointer<UInt8>
  var position = 0
  /// The physical line `position` is on.
  var line = 1
  var separator = UInt8.comma
  /// Holds a quoted cell's text while doubled quotes or CRLFs are taken out of it.
  var scratch: [UInt8] = []

  /// A parser of whole records starting on `line`; `start` skips a byte order mark.
  init(_ bytes: UnsafeBufferPointer<UInt8>, line: Int, separator: UInt8, start: Bool) {
    self.bytes = bytes
    self.line = line
    self.separator = separator
    if start, bytes.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
  }

  /// The rows in the buffer, after the header.
  mutating func rows(header: [String]) throws(CSVError) -> [CSVRow] {
    var rows: [CSVRow] = []
    var cells: [String?] = []
    while true {
      skipBlankLines()
      guard position < bytes.count else { break }
      let rowLine = line
      cells.removeAll(keepingCapacity: true)
      try readRecord(into: &cells)
      if cells.allSatisfy({ $0 == nil }) { continue }
      // Cells past the header's end that are empty are what a spreadsheet adds.
      while cells.count > header.count, let last = cells.last, last == nil { cells.removeLast() }
      if cells.count > header.count {
        throw CSVError(
          line: rowLine,
          message: "the row has \(cells.count) cells but the header has \(header.count) fields; "
            + "a cell with the separator in it must be in quotes")
      }
      var row = CSVRow(line: rowLine, cells: cells, header: header)
      // Spreadsheets leave out trailing empty cells.
      if cells.count < header.count {
        row.cells.append(contentsOf: repeatElement(nil, count: header.count - cells.count))
      }
      rows.append(row)
    }
    return rows
  }

  // MARK: Header

  /// `;` when the header line has more of them than `,` outside quotes (or as many), else `,`.
  func detectSeparator() -> UInt8 {
    var commas = 0
    var semicolons = 0
    var quoted = false
    var index = position
    while index < bytes.count {
      let byte = bytes[index]
      if byte == .quote {
        quoted.toggle()
      } else if !quoted {
        if byte == .lf || byte == .cr { break }
        if byte == .comma { commas += 1 }
        if byte == .semicolon { semicolons += 1 }
      }
      index += 1
    }
    return semicolons > 0 && semicolons >= commas ? .semicolon : .comma
  }

  mutating func readHeader() throws(CSVError) -> [String] {
    let headerLine = line
    var cells: [String?] = []
    try readRecord(into: &cells)
    var header: [String] = []
    var columns: [String: Int] = [:]
    // Spreadsheets write empty columns after the last one with a name: they are kept
    // nameless ("") and their cells must be empty.
    let named = (cells.lastIndex { !CSVReader.trimmed($0 ?? "").isEmpty } ?? -1) + 1
    for (index, cell) in cells.enumerated() {
      let name = CSVReader.trimmed(cell ?? "")
      if index >= named, index > 0 {
        header.append("")
        continue
      }
      guard !name.isEmpty else {
        throw CSVError(
          line: headerLine,
          message: "field \(index + 1) of the header has no name; every column needs one "
            + "(delete empty columns in the spreadsheet)")
      }
      if let earlier = columns[name] {
        throw CSVError(
          line: headerLine,
          message: "the header has the field '\(name)' twice (fields \(earlier + 1) and "
            + "\(index + 1))")
      }
      columns[name] = index
      header.append(name)
    }
    return header
  }

  // MARK: Records

  /// Steps over empty lines, counting them.
  mutating func skipBlankLines() {
    while position < bytes.count, bytes[position] == .lf || bytes[position] == .cr {
      skipLineEnd()
    }
  }

  /// Steps over the LF, CR or CRLF at `position`.
  mutating func skipLineEnd() {
    if bytes[position] == .cr, position + 1 < bytes.count, bytes[position + 1] == .lf {
      position += 1
    }
    position += 1
    line += 1
  }

  /// Reads the record at `position` and the line end after it.
  mutating func readRecord(into cells: inout [String?]) throws(CSVError) {
    while true {
      let cell =
        position < bytes.count && bytes[position] == .quote
        ? try quotedCell() : try unquotedCell()
      cells.append(cell)
      guard position < bytes.count else { return }
      if bytes[position] == separator {
        position += 1
      } else {
        skipLineEnd()
        return
      }
    }
  }

  mutating func unquotedCell() throws(CSVError) -> String? {
    let start = position
    while position < bytes.count {
      let byte = bytes[position]
      if byte == separator || byte == .lf || byte == .cr { break }
      if byte == .quote {
        throw CSVError(
          line: line,
          message: "a cell has a quote (\") but does not start with one; put the whole cell "
            + "in quotes and double the quote inside (\"\")")
      }
      position += 1
    }
    return try string(start..<position)
  }

  mutating func quotedCell() throws(CSVError) -> String? {
    let openingLine = line
    position += 1
    // Text is taken from the buffer in segments; `scratch` is used only when a doubled quote
    // or a CRLF has to be left out, so most quoted cells are built without copying.
    var segmentStart = position
    var usesScratch = false
    scratch.removeAll(keepingCapacity: true)
    while position < bytes.count {
      switch bytes[position] {
      case .quote:
        if position + 1 < bytes.count, bytes[position + 1] == .quote {
          scratch.append(contentsOf: bytes[segmentStart...position])
          usesScratch = true
          position += 2
          segmentStart = position
          continue
        }
        let end = position
        position += 1
        if position < bytes.count {
          let next = bytes[position]
          guard next == separator || next == .lf || next == .cr else {
            throw CSVError(
              line: line,
              message: "a quoted cell is followed by other text before the next separator; "
                + "put the whole cell in quotes and double the quotes inside (\"\")")
          }
        }
        guard usesScratch else { return try string(segmentStart..<end) }
        scratch.append(contentsOf: bytes[segmentStart..<end])
        return try scratchString()
      case .cr:
        line += 1
        if position + 1 < bytes.count, bytes[position + 1] == .lf {
          // CRLF inside a cell becomes LF: copy up to the CR, and start again at the LF.
          scratch.append(contentsOf: bytes[segmentStart..<position])
          usesScratch = true
          segmentStart = position + 1
          position += 1
        }
        position += 1
      case .lf:
        line += 1
        position += 1
      default:
        position += 1
      }
    }
    throw CSVError(
      line: openingLine,
      message: "a quoted cell starts on this line but its closing quote is missing")
  }

  // MARK: Strings

  /// The text of `range`, or `nil` when it is empty.
  func string(_ range: Range<Int>) throws(CSVError) -> String? {
    guard !range.isEmpty else { return nil }
    let text = String(validating: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    // `CSVReader.read` replaces this error with one naming the first bad line.
    guard let text else { throw CSVError(line: line, message: "the file is not UTF-8") }
    return text
  }

  func scratchString() throws(CSVError) -> String? {
    guard !scratch.isEmpty else { return nil }
    guard let text = String(validating: scratch, as: UTF8.self) else {
      throw CSVError(line: line, message: "the file is not UTF-8")
    }
    return text
  }
}
