import Foundation
import SamverkanCommandLine
import SamverkanKit
import Testing

// MARK: - Helpers

private func read(_ text: String) throws(CSVError) -> CSVTable {
  try CSVReader.read(Array(text.utf8))
}

/// The error `CSVReader` throws for `bytes`, or `nil` when it reads them.
private func readError(_ bytes: [UInt8]) -> CSVError? {
  do {
    _ = try CSVReader.read(bytes)
    return nil
  } catch {
    return error
  }
}

/// `text` as the reader keeps a quoted cell: CRLF becomes LF, everything else stays.
private func normalizingCRLF(_ text: String) -> String {
  var bytes: [UInt8] = []
  for byte in text.utf8 {
    if byte == UInt8(ascii: "\n"), bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
    bytes.append(byte)
  }
  return String(decoding: bytes, as: UTF8.self)
}

/// How many lines `text` spans beyond its first: each CRLF, lone CR or LF ends one.
private func lineBreaks(_ text: String) -> Int {
  normalizingCRLF(text).utf8.filter { $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }
    .count
}

private func fixture(_ name: String) throws -> Data {
  let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  return try Data(contentsOf: folder.appendingPathComponent("Fixtures/\(name)"))
}

/// Values that need quoting or care, for round trips through the writer and the reader.
private let nastyValues = [
  ",", ";", "a,b;c", "\"", "\"\"", "say \"hi\"", "\"quoted\"", "\r", "\n", "\r\n",
  "line 1\r\nline 2", "a\rb\nc\r\nd", "\n\nleading line breaks", "åäö ÅÄÖ",
  "👩‍👩‍👧 emoji 🇸🇪", "  leading and trailing spaces  ", " ", "\t", "back\\slash",
  "trailing,", "é (e + U+0301)", "", "plain",
]

// MARK: - Round trips

@Test(arguments: nastyValues, [UInt8(ascii: ","), UInt8(ascii: ";")])
func writtenValueReadsBack(value: String, separator: UInt8) throws {
  var bytes: [UInt8] = []
  CSVWriter.record(["id", "text", "after"], separator: separator, into: &bytes)
  CSVWriter.record(["1", value, "end"], separator: separator, into: &bytes)
  let table = try CSVReader.read(bytes)
  #expect(table.separator == separator)
  #expect(table.rows.count == 1)
  #expect(table.rows.first?.cells == ["1", value.isEmpty ? nil : normalizingCRLF(value), "end"])
}

@Test func allNastyValuesInOneFileKeepTheirLines() throws {
  var bytes = CSVWriter.byteOrderMark
  CSVWriter.record(["text", "number"], into: &bytes)
  var expected: [CSVRow] = []
  var line = 2
  for (index, value) in nastyValues.enumerated() {
    CSVWriter.record([value, "\(index)"], into: &bytes)
    let cells = [value.isEmpty ? nil : normalizingCRLF(value), "\(index)"]
    expected.append(CSVRow(line: line, cells: cells, header: ["text", "number"]))
    line += lineBreaks(value) + 1
  }
  let table = try CSVReader.read(bytes)
  #expect(table.header == ["text", "number"])
  #expect(table.rows == expected)
}

// MARK: - Writer

@Test(
  arguments: [
    (["a", "b"], ",", "a,b\r\n"),
    (["a,b", "c"], ",", "\"a,b\",c\r\n"),
    (["say \"hi\""], ",", "\"say \"\"hi\"\"\"\r\n"),
    (["x\ny", "x\ry"], ",", "\"x\ny\",\"x\ry\"\r\n"),
    (["", ""], ",", ",\r\n"),
    ([], ",", "\r\n"),
    ([" a "], ",", " a \r\n"),
    (["a;b", "c,d"], ";", "\"a;b\";c,d\r\n"),
  ] as [([String], Unicode.Scalar, String)])
func writerRecord(fields: [String], separator: Unicode.Scalar, expected: String) {
  #expect(CSVWriter.record(fields, separator: UInt8(ascii: separator)) == expected)
}

@Test func writerDefaultsToCommas() {
  #expect(CSVWriter.record(["a;b", "c"]) == "a;b,c\r\n")
}

// MARK: - Spreadsheet files

/// What Swedish Excel or LibreOffice writes: BOM, `;`, CRLF, a line break in a cell,
/// trailing empty cells left out, an empty row written as separators only.
@Test func readsSpreadsheetStyleFile() throws {
  let text =
    "Personnummer;Namn ;Adress;Telefon;Anteckning\r\n"
    + "19900101-2385;Tolvan Tolvansson;\"Storgatan 1\r\n123 45 Lund\";;\"Säger \"\"hej\"\"\"\r\n"
    + "\r\n"
    + "19900102-2384;Åsa Öberg;Box 12, 234 56 Malmö;070-123 45 67\r\n"
    + ";;;;\r\n"
    + "\"19900103-2391\";Örjan Ärlig;;;ÅÄÖ åäö 😀\r\n"
  let table = try CSVReader.read([0xEF, 0xBB, 0xBF] + Array(text.utf8))
  let header = ["Personnummer", "Namn", "Adress", "Telefon", "Anteckning"]
  #expect(table.separator == UInt8(ascii: ";"))
  #expect(table.header == header)
  #expect(
    table.rows == [
      CSVRow(
        line: 2,
        cells: [
          "19900101-2385", "Tolvan Tolvansson", "Storgatan 1\n123 45 Lund", nil,
          "Säger \"hej\"",
        ], header: header),
      CSVRow(
        line: 5,
        cells: ["19900102-2384", "Åsa Öberg", "Box 12, 234 56 Malmö", "070-123 45 67", nil],
        header: header),
      CSVRow(
        line: 7, cells: ["19900103-2391", "Örjan Ärlig", nil, nil, "ÅÄÖ åäö 😀"],
        header: header),
    ])
  #expect(table.rows[1]["Namn"] == "Åsa Öberg")
}

/// Exported by LibreOffice Calc 7.4 from `Fixtures/libreoffice-kontakter.fods`, once with
/// every text cell quoted (its default) and once quoting only where needed.
@Test(arguments: ["libreoffice-kontakter-quoted.csv", "libreoffice-kontakter-minimal.csv"])
func readsLibreOfficeExport(file: String) throws {
  let table = try CSVReader.read(Array(try fixture(file)))
  let header = ["id", "namn", "adress", "telefon", "anteckning", "verksamheter"]
  #expect(table.separator == UInt8(ascii: ";"))
  #expect(table.header == header)
  #expect(
    table.rows == [
      CSVRow(
        line: 2,
        cells: [
          "1", "Åsa Öberg", "Storgatan 1\n123 45 Lund", "070-123 45 67",
          "säger \"hej\"; ring efter 15", "skola|vård",
        ], header: header),
      CSVRow(
        line: 4, cells: ["2", "Per Ängström", nil, nil, "  två blanksteg först", nil],
        header: header),
      CSVRow(
        line: 6,
        cells: [
          "3", "Zoë \"Zo\" Ødegård 👩‍⚕️", "Box 12, 234 56 Malmö", "+46 40 12 34 56", "\"",
          "socialtjänst, skola",
        ], header: header),
    ])
}

/// What Python's `csv` module reads from a file its writer made (`Fixtures/python-csv.py`),
/// put the way `CSVReader` promises: empty is absent, CRLF in a cell is LF, short rows padded.
@Test func agreesWithPythonCSVModule() throws {
  struct Record: Decodable {
    var line: Int
    var fields: [String]
  }
  let records = try JSONDecoder().decode([Record].self, from: try fixture("python-csv.json"))
  let table = try CSVReader.read(Array(try fixture("python-csv.csv")))
  let header = try #require(records.first).fields
  let expected = records.dropFirst().map { record in
    let cells = record.fields.map { $0.isEmpty ? nil : normalizingCRLF($0) }
    let padding = [String?](repeating: nil, count: header.count - cells.count)
    return CSVRow(line: record.line, cells: cells + padding, header: header)
  }
  #expect(table.header == header)
  #expect(table.rows.count == 301)
  #expect(table.rows == expected)
}

// MARK: - Encoding

@Test func refusesLatin1WithTheFirstBadLine() throws {
  // "Åsa;Malmö" in Windows-1252: Å is 0xC5 and ö is 0xF6; both are on line 3.
  let bytes =
    Array("namn;ort\nPer;Lund\n".utf8) + [0xC5] + Array("sa;Malm".utf8) + [0xF6, 0x0A]
    + [0xE5, 0x0A]
  let error = try #require(readError(bytes))
  #expect(error.line == 3)
  #expect(error.message.hasPrefix("the file is not UTF-8: this line has a byte (0xC5)"))
  #expect(error.message.contains("'CSV UTF-8' in Excel"))
  #expect(error.message.contains("'Unicode (UTF-8)' in LibreOffice"))
  #expect(error.description.hasPrefix("line 3: the file is not UTF-8"))
}

@Test(
  arguments: [
    // A bad byte in the header.
    ([0x6E, 0xE5, 0x6D, 0x6E, 0x0A, 0x61, 0x0A], 1),
    // A bad byte on the third line of a quoted cell that starts on line 2.
    (Array("h\n\"x\ny\nz".utf8) + [0xE9] + Array("\"\n".utf8), 4),
    // Lone CRs as line ends.
    (Array("a\r1\r".utf8) + [0xE9, 0x0D], 3),
    // A broken row before the bad byte: the character set is the first thing to fix.
    (Array("a,b\n1,2,3\n".utf8) + [0xE5, 0x0A], 3),
    // A UTF-8 lead byte without its continuation.
    (Array("a\nok\nx".utf8) + [0xC3, 0x41], 3),
  ] as [([UInt8], Int)])
func refusesNonUTF8(bytes: [UInt8], line: Int) {
  let error = readError(bytes)
  #expect(error?.line == line)
  #expect(error?.message.hasPrefix("the file is not UTF-8") == true)
}

@Test func refusesUTF16() throws {
  // "a,b" as Excel's "Unicode Text" writes it: UTF-16 little-endian with a byte order mark.
  let error = try #require(readError([0xFF, 0xFE, 0x61, 0x00, 0x2C, 0x00, 0x62, 0x00]))
  #expect(error.line == 1)
  #expect(error.message.hasPrefix("the file is UTF-16, not UTF-8; save it again as 'CSV UTF-8'"))
}

// MARK: - Errors

@Test(arguments: [
  ("", 1, "the file is empty; expected a header line first"),
  ("\r\n\n", 3, "the file is empty; expected a header line first"),
  (
    "a,b\n1,\"x\n\nmore\n", 2,
    "a quoted cell starts on this line but its closing quote is missing"
  ),
  (
    "a,b\n1,2\n3,a\"b\n", 3,
    "a cell has a quote (\") but does not start with one; put the whole cell in quotes and "
      + "double the quote inside (\"\")"
  ),
  (
    "a,b\n \"x\",2\n", 2,
    "a cell has a quote (\") but does not start with one; put the whole cell in quotes and "
      + "double the quote inside (\"\")"
  ),
  (
    "a,b\n\"x\"y,2\n", 2,
    "a quoted cell is followed by other text before the next separator; put the whole cell "
      + "in quotes and double the quotes inside (\"\")"
  ),
  (
    "a,b\n\"x\ny\" ,2\n", 3,
    "a quoted cell is followed by other text before the next separator; put the whole cell "
      + "in quotes and double the quotes inside (\"\")"
  ),
  (
    "a,b,c,d\n1,2,3,4\n\n\n\n1,2,3,4,5\n", 6,
    "the row has 5 cells but the header has 4 fields; a cell with the separator in it must be "
      + "in quotes"
  ),
  (
    "a;b\r1;2\r\r5;6;7\r", 4,
    "the row has 3 cells but the header has 2 fields; a cell with the separator in it must be "
      + "in quotes"
  ),
  (
    "a,b\n1,2,x\n", 2,
    "the row has 3 cells but the header has 2 fields; a cell with the separator in it must be "
      + "in quotes"
  ),
  ("a,b, a \n", 1, "the header has the field 'a' twice (fields 1 and 3)"),
  (
    "\n\na,,b\n", 3,
    "field 2 of the header has no name; every column needs one (delete empty columns in the "
      + "spreadsheet)"
  ),
  (
    "a; ;b\n", 1,
    "field 2 of the header has no name; every column needs one (delete empty columns in the "
      + "spreadsheet)"
  ),
])
func reportsErrorWithLine(text: String, line: Int, message: String) {
  #expect(readError(Array(text.utf8)) == CSVError(line: line, message: message))
}

@Test func errorDescriptionNamesTheLine() {
  #expect(CSVError(line: 7, message: "oops").description == "line 7: oops")
}

// MARK: - Reading

@Test(
  arguments: [
    ("a,b,c", ","), ("a;b;c", ";"), ("namn", ","), ("\"a;x\",b", ","), ("\"a,b\";c", ";"),
    ("a;b,c", ";"), ("a,b,c;d", ","),
  ] as [(String, Unicode.Scalar)])
func detectsSeparatorFromHeader(header: String, separator: Unicode.Scalar) throws {
  let table = try read(header + "\n1\n")
  #expect(table.separator == UInt8(ascii: separator))
}

@Test func trimsHeaderNamesButNotCells() throws {
  let table = try read(" namn ;\tadress\u{00A0};\" e-post \"\n  x ; y;\" z \"\n")
  #expect(table.header == ["namn", "adress", "e-post"])
  #expect(table.rows.first?.cells == ["  x ", " y", " z "])
}

@Test func emptyCellsAreAbsent() throws {
  let table = try read("a,b,c\n\"\",x,\n,\"\",\"y\"")
  #expect(table.rows.map(\.cells) == [[nil, "x", nil], [nil, nil, "y"]])
}

@Test func padsShortRows() throws {
  let table = try read("a,b,c\n1\n2,3\n")
  #expect(table.rows.map(\.cells) == [["1", nil, nil], ["2", "3", nil]])
}

@Test func skipsBlankAndAllEmptyRowsButCountsTheirLines() throws {
  let table = try read("a,b\r\n\r\n1\r\r2\n\n,\n\"\",\n3")
  #expect(table.rows.map(\.line) == [3, 5, 9])
  #expect(table.rows.map(\.cells) == [["1", nil], ["2", nil], ["3", nil]])
}

@Test func countsLinesInsideQuotedCells() throws {
  let table = try read("h\n\"a\nb\r\nc\rd\"\ne\r\n\"\r\n\"\nf")
  #expect(table.rows.map(\.line) == [2, 6, 7, 9])
  #expect(table.rows.map(\.cells) == [["a\nb\nc\rd"], ["e"], ["\n"], ["f"]])
}

@Test func headerOnlyGivesNoRows() throws {
  let table = try read("\u{FEFF}a;b\r\n")
  #expect(table == CSVTable(header: ["a", "b"], rows: [], separator: UInt8(ascii: ";")))
}

@Test func rowSubscriptFindsCellsByFieldName() throws {
  let row = try #require(try read("namn,ort\nÅsa,\n").rows.first)
  #expect(row["namn"] == "Åsa")
  #expect(row["ort"] == nil)
  #expect(row["saknas"] == nil)
}

// MARK: - Lists

@Test(arguments: [
  ("skola", ["skola"]),
  ("a|b", ["a", "b"]),
  (" a | b |", ["a", "b"]),
  ("socialtjänst, skola ,vård", ["socialtjänst", "skola", "vård"]),
  ("a, b|c", ["a, b", "c"]),
  ("  ,  ,  ", []),
  ("", []),
])
func splitsListCells(cell: String, items: [String]) {
  #expect(CSVReader.splitList(cell) == items)
}

// MARK: - TSV

@Test(arguments: [
  ("plain", "plain"),
  ("a\tb", "a\\tb"),
  ("x\ny", "x\\ny"),
  ("\r\n", "\\r\\n"),
  ("back\\slash", "back\\\\slash"),
  ("\\t is not a tab", "\\\\t is not a tab"),
  ("åäö 😀", "åäö 😀"),
  ("", ""),
])
func tsvEscapesBothWays(value: String, escaped: String) {
  #expect(TSV.escape(value) == escaped)
  #expect(TSV.unescape(escaped) == value)
}

@Test(arguments: [("\\x", "\\x"), ("end\\", "end\\"), ("\\\\n", "\\n")])
func tsvUnescapeKeepsUnknownEscapes(escaped: String, value: String) {
  #expect(TSV.unescape(escaped) == value)
}

@Test func tsvLineIsOneLine() {
  #expect(TSV.line(["a", "b\tc", "", "d\ne"]) == "a\tb\\tc\t\td\\ne\n")
  var buffer: [UInt8] = []
  TSV.line(["x"], into: &buffer)
  TSV.line([], into: &buffer)
  #expect(buffer == Array("x\n\n".utf8))
}
