import SamverkanJSON
import Testing

// MARK: - Values

@Test(arguments: [
  ("null", JSONValue.null),
  ("true", .bool(true)),
  ("false", .bool(false)),
  ("0", .integer(0)),
  ("-0", .integer(0)),
  ("42", .integer(42)),
  ("-17", .integer(-17)),
  ("9223372036854775807", .integer(Int.max)),
  ("-9223372036854775808", .integer(Int.min)),
  ("9223372036854775808", .double(9_223_372_036_854_775_808)),
  ("-9223372036854775809", .double(-9_223_372_036_854_775_808)),
  ("123456789012345678901234567890", .double(1.2345678901234568e29)),
  ("1.5", .double(1.5)),
  ("-0.0", .double(-0.0)),
  ("1e3", .double(1000)),
  ("1E+3", .double(1000)),
  ("2.5e-3", .double(0.0025)),
  ("-1.25E2", .double(-125)),
  ("\"\"", .string("")),
  ("\"plain\"", .string("plain")),
  ("[]", .array([])),
  ("{}", .object([:])),
  ("[1, \"two\", null, [true]]", [1, "two", nil, [true]] as JSONValue),
  ("{\"a\": {\"b\": [1, 2.5]}, \"c\": null}", ["a": ["b": [1, 2.5]], "c": nil] as JSONValue),
  (" \n\t\r 7 \n", .integer(7)),
  ("\u{FEFF}{\"bom\": true}", ["bom": true] as JSONValue),
])
func parsesValue(text: String, expected: JSONValue) throws {
  #expect(try JSONParser.parse(text) == expected)
}

@Test func negativeZeroKeepsItsSignAsDouble() throws {
  let value = try JSONParser.parse("-0.0")
  guard case .double(let number) = value else {
    Issue.record("expected a double, got \(value)")
    return
  }
  #expect(number == 0 && number.sign == .minus)
}

/// A duplicate key is an error: letting the last one win would change an import row's `id`
/// without a word (issue 20, F2).
@Test func duplicateKeyIsAnError() throws {
  #expect(
    throws: JSONSyntaxError(line: 1, column: 17, message: "the key 'a' appears twice in one object")
  ) {
    try JSONParser.parse(#"{"a": 1, "a": 2}"#)
  }
  #expect(try JSONParser.parse(#"{"a": {"a": 1}, "b": [{"a": 2}]}"#)["a"] == ["a": 1])
}

// MARK: - Strings

@Test(arguments: [
  (#""\"""#, "\""),
  (#""\\""#, "\\"),
  (#""\/""#, "/"),
  (#""\b\f\n\r\t""#, "\u{8}\u{C}\n\r\t"),
  (#""\u0041\u00e5\u00C4""#, "AåÄ"),
  (#""\u0000""#, "\u{0}"),
  (#""\ud83d\ude00""#, "😀"),
  (#""a\u00f6b\nc""#, "aöb\nc"),
  (#""Göteborgs Stad – socialtjänsten 👩‍👧""#, "Göteborgs Stad – socialtjänsten 👩‍👧"),
  (
    #""long plain ASCII text that spans several eight-byte words""#,
    "long plain ASCII text that spans several eight-byte words"
  ),
])
func decodesStringEscapes(json: String, expected: String) throws {
  #expect(try JSONParser.parse(json) == .string(expected))
}

@Test func parsesEveryInputForm() throws {
  let text = #"{"name": "Åsa"}"#
  let expected: JSONValue = ["name": "Åsa"]
  #expect(try JSONParser.parse(text) == expected)
  #expect(try JSONParser.parse(Array(text.utf8)) == expected)
  #expect(try JSONParser.parse(ArraySlice(text.utf8)) == expected)
  #expect(try JSONParser.parse(text.utf8) == expected)
  let fromBuffer = try Array(text.utf8).withUnsafeBytes { try JSONParser.parse($0) }
  #expect(fromBuffer == expected)
}

// MARK: - Errors

/// Parses `text` and returns the syntax error it must raise.
private func syntaxError(_ text: String, firstLine: Int = 1) -> JSONSyntaxError? {
  do {
    let value = try JSONParser.parse(text, firstLine: firstLine)
    Issue.record("expected a syntax error, parsed \(value)")
    return nil
  } catch {
    return error
  }
}

@Test(arguments: [
  ("", 1, 1, "expected a JSON value, found the end"),
  ("   ", 1, 4, "expected a JSON value, found the end"),
  ("nul", 1, 1, "expected 'null'"),
  ("tru e", 1, 1, "expected 'true'"),
  ("x", 1, 1, "expected a JSON value, found 'x'"),
  ("'a'", 1, 1, "expected a JSON value, found '''"),
  ("[1,]", 1, 4, "expected a JSON value, found ']'"),
  ("[1 2]", 1, 4, "expected ',' or ']' after an array element"),
  ("[1", 1, 3, "expected ',' or ']' after an array element"),
  ("{\"a\" 1}", 1, 6, "expected ':' after an object key"),
  ("{\"a\": 1 \"b\": 2}", 1, 9, "expected ',' or '}' after an object member"),
  ("{\"a\": 1,}", 1, 9, "expected a string in double quotes as object key"),
  ("{a: 1}", 1, 2, "expected a string in double quotes as object key"),
  ("{\"a\": 1", 1, 8, "expected ',' or '}' after an object member"),
  ("\"abc", 1, 1, "unterminated string"),
  ("[\"ok\", \"abc]", 1, 8, "unterminated string"),
  ("\"a\nb\"", 1, 3, "control characters in strings must be escaped (found byte 0x0A)"),
  ("\"\\x\"", 1, 2, "invalid escape sequence in string"),
  ("\"\\u12G4\"", 1, 2, "expected four hex digits after \\u"),
  ("\"\\ud800\"", 1, 2, "unpaired surrogate in \\u escape"),
  ("\"\\ud800\\u0041\"", 1, 2, "unpaired surrogate in \\u escape"),
  ("\"\\udc00\"", 1, 2, "unpaired surrogate in \\u escape"),
  ("01", 1, 1, "invalid number: leading zeros are not allowed"),
  ("-", 1, 2, "invalid number: expected a digit"),
  ("-a", 1, 2, "invalid number: expected a digit"),
  ("1.", 1, 3, "invalid number: expected a digit after '.'"),
  ("1.e5", 1, 3, "invalid number: expected a digit after '.'"),
  ("1e", 1, 3, "invalid number: expected a digit after the exponent"),
  ("1e+", 1, 4, "invalid number: expected a digit after the exponent"),
  ("1e999", 1, 1, "the number is too large"),
  (".5", 1, 1, "expected a JSON value, found '.'"),
  ("NaN", 1, 1, "expected a JSON value, found 'N'"),
  ("{} {}", 1, 4, "unexpected text after the JSON value"),
  ("1 2", 1, 3, "unexpected text after the JSON value"),
  ("[1]x", 1, 4, "unexpected text after the JSON value"),
  ("é", 1, 1, "expected a JSON value, found 'é'"),
])
func reportsSyntaxError(text: String, line: Int, column: Int, message: String) {
  let error = syntaxError(text)
  #expect(error == JSONSyntaxError(line: line, column: column, message: message))
}

@Test func reportsLineAndColumnInAPrettyDocument() {
  let text = """
    {
      "name": "Tolvan",
      "age" 12
    }
    """
  #expect(
    syntaxError(text)
      == JSONSyntaxError(line: 3, column: 9, message: "expected ':' after an object key"))
  #expect(syntaxError(text, firstLine: 40)?.line == 42)
  #expect(syntaxError(text)?.description == "3:9: expected ':' after an object key")
}

@Test(arguments: [
  ([0x22, 0xC3, 0x22] as [UInt8], 3),  // a lead byte whose continuation is missing
  ([0x22, 0x61, 0xFF, 0x22], 3),  // a byte that never occurs in UTF-8
  ([0x22, 0xC0, 0xAF, 0x22], 2),  // an overlong encoding of '/'
  ([0x22, 0xED, 0xA0, 0x80, 0x22], 3),  // an encoded surrogate
  ([0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], 3),  // above U+10FFFF
  ([0x22, 0xE2, 0x82], 4),  // cut off at the end
  ([0x5B, 0x80, 0x5D], 2),  // outside a string
])
func refusesInvalidUTF8(bytes: [UInt8], column: Int) {
  #expect(throws: JSONSyntaxError(line: 1, column: column, message: "invalid UTF-8")) {
    try JSONParser.parse(bytes)
  }
}

@Test func refusesDeepNesting() throws {
  let deepest = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
  #expect(try JSONParser.parse(deepest) != .null)
  let tooDeep = String(repeating: "[", count: 513) + String(repeating: "]", count: 513)
  #expect(
    syntaxError(tooDeep)
      == JSONSyntaxError(
        line: 1, column: 513, message: "arrays and objects nest deeper than 512 levels"))
  // Hostile input far deeper than the stack could take is refused the same way.
  let hostile = String(repeating: "{\"a\":", count: 100_000)
  #expect(syntaxError(hostile)?.message == "arrays and objects nest deeper than 512 levels")
}

// MARK: - Array elements one at a time

@Test func visitsArrayElementsWithTheirLines() throws {
  let text = """
    [
      {"id": 1},
      {"id": 2}, {"id": 3},

      {
        "id": 4
      }, "five"
    ]
    """
  var seen: [(JSONValue, Int)] = []
  try JSONParser.forEachArrayElement(in: Array(text.utf8)) { seen.append(($0, $1)) }
  #expect(seen.map(\.0) == [["id": 1], ["id": 2], ["id": 3], ["id": 4], "five"])
  #expect(seen.map(\.1) == [2, 3, 3, 5, 7])
}

@Test func visitsAnEmptyArray() throws {
  var count = 0
  try JSONParser.forEachArrayElement(in: Array(" [ ] \n".utf8)) { _, _ in count += 1 }
  #expect(count == 0)
}

@Test func visitorReportsSyntaxErrorsAfterEarlierElements() {
  var seen = 0
  #expect(
    throws: JSONSyntaxError(line: 3, column: 6, message: "expected ':' after an object key")
  ) {
    try JSONParser.forEachArrayElement(in: Array("[\n{\"a\": 1},\n{\"b\" 2}]".utf8)) { _, _ in
      seen += 1
    }
  }
  #expect(seen == 1)
}

@Test(arguments: [
  ("{\"a\": 1}", "expected '[' to start an array"),
  ("", "the input is empty"),
  ("[1] 2", "unexpected text after the JSON value"),
])
func visitorRefusesWhatIsNotOneArray(text: String, message: String) {
  let error = #expect(throws: JSONSyntaxError.self) {
    try JSONParser.forEachArrayElement(in: Array(text.utf8)) { _, _ in }
  }
  #expect(error?.message == message)
}

@Test func visitorRethrowsTheBodysError() {
  struct Stop: Error, Equatable {}
  var seen = 0
  #expect(throws: Stop()) {
    try JSONParser.forEachArrayElement(in: Array("[1, 2, 3]".utf8)) { _, _ in
      seen += 1
      if seen == 2 { throw Stop() }
    }
  }
  #expect(seen == 2)
}
