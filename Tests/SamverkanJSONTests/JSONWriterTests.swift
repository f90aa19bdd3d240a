import SamverkanJSON
import Testing

/// A value with every kind of JSON in it, nested.
private let sample: JSONValue = [
  "id": "CON-12",
  "person": "19900101-2385",
  "parties": ["Socialtjänsten", "Vårdcentral Ö"],
  "informed": true,
  "restrict": nil,
  "count": 3,
  "share": 0.25,
  "nested": ["empty": [:], "none": [], "list": [1, [2, [3]]]],
]

// MARK: - Layout

@Test func writesCompactWithSortedKeys() {
  #expect(
    JSONWriter.write(sample)
      == #"{"count":3,"id":"CON-12","informed":true,"nested":{"empty":{},"list":[1,[2,[3]]],"#
      + #""none":[]},"parties":["Socialtjänsten","Vårdcentral Ö"],"person":"19900101-2385","#
      + #""restrict":null,"share":0.25}"#)
}

@Test func writesPrettyText() {
  let expected = """
    {
      "count": 3,
      "id": "CON-12",
      "informed": true,
      "nested": {
        "empty": {},
        "list": [
          1,
          [
            2,
            [
              3
            ]
          ]
        ],
        "none": []
      },
      "parties": [
        "Socialtjänsten",
        "Vårdcentral Ö"
      ],
      "person": "19900101-2385",
      "restrict": null,
      "share": 0.25
    }
    """
  #expect(JSONWriter.write(sample, style: .pretty) == expected)
}

@Test(arguments: [JSONValue.null, true, 7, "text", [], [:]])
func writesScalarsAndEmptyContainersAlikeInBothStyles(value: JSONValue) {
  #expect(JSONWriter.write(value, style: .pretty) == JSONWriter.write(value))
}

@Test func appendsToTheBuffer() {
  var buffer = Array("[".utf8)
  JSONWriter.write(["a": 1], into: &buffer)
  JSONWriter.write(["b": 2], style: .pretty, into: &buffer)
  #expect(String(decoding: buffer, as: UTF8.self) == "[{\"a\":1}{\n  \"b\": 2\n}")
}

@Test func sortsKeysByTheirUTF8Bytes() {
  let keys = [
    "b", "a", "B", "Z", "å", "ä", "ö", "é", "aa", "a b", "", "10", "9",
    "abcdefgh", "abcdefghi", "abcdefgh\u{0}", "abcdefgg~", "validFromX", "validFromA",
  ]
  let sorted = keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
  #expect(sorted.first == "" && sorted.last == "ö")
  let object = JSONValue.object(Dictionary(uniqueKeysWithValues: keys.map { ($0, .null) }))
  let expected =
    "{\n" + sorted.map { "  \(JSONWriter.write(.string($0))): null" }.joined(separator: ",\n")
    + "\n}"
  #expect(JSONWriter.write(object, style: .pretty) == expected)
}

// MARK: - Strings

@Test(arguments: [
  ("plain", #""plain""#),
  ("quote \" and backslash \\", #""quote \" and backslash \\""#),
  ("a/b", #""a/b""#),
  ("line\nfeed\rreturn\ttab", #""line\nfeed\rreturn\ttab""#),
  ("\u{8}\u{C}", #""\b\f""#),
  ("\u{0}\u{1}\u{1F}\u{7F}", #""\u0000\u0001\u001f\#u{7F}""#),
  ("åäö ÅÄÖ é ü", #""åäö ÅÄÖ é ü""#),
  ("emoji 😀👩‍👧 and ✓", #""emoji 😀👩‍👧 and ✓""#),
  (
    "a long string of plain text with one \" quote near the end",
    #""a long string of plain text with one \" quote near the end""#
  ),
])
func escapesStrings(text: String, expected: String) throws {
  let written = JSONWriter.write(.string(text))
  #expect(written == expected)
  #expect(try JSONParser.parse(written) == .string(text))
}

// MARK: - Numbers

@Test(arguments: [
  (JSONValue.integer(0), "0"),
  (.integer(-1), "-1"),
  (.integer(Int.max), "9223372036854775807"),
  (.integer(Int.min), "-9223372036854775808"),
  (.double(1.5), "1.5"),
  (.double(-0.0), "-0.0"),
  (.double(1), "1.0"),
  (.double(0.1), "0.1"),
  (.double(1e-7), "1e-07"),
  (.double(1e20), "1e+20"),
  (.double(.leastNonzeroMagnitude), "5e-324"),
  (.double(Double.greatestFiniteMagnitude), "1.7976931348623157e+308"),
  (.double(.nan), "null"),
  (.double(.infinity), "null"),
  (.double(-.infinity), "null"),
])
func writesNumbers(value: JSONValue, expected: String) {
  #expect(JSONWriter.write(value) == expected)
}

@Test(arguments: [0.1, -0.0, 1e-7, 1e20, 123456.789, Double.leastNonzeroMagnitude, 2.0 / 3, -1e300])
func doublesReadBackExactly(number: Double) throws {
  let parsed = try JSONParser.parse(JSONWriter.write(.double(number)))
  #expect(parsed == .double(number))
  #expect(parsed.doubleValue?.sign == number.sign)
}

// MARK: - Round trips

@Test(arguments: [JSONWriter.Style.compact, .pretty])
func roundTrips(style: JSONWriter.Style) throws {
  let value: JSONValue = [
    "sample": sample,
    "escapes": "\"\\/\n\r\t\u{8}\u{C}\u{1}",
    "unicode": ["å", "ä", "ö", "😀", "\u{10FFFF}"],
    "numbers": [0, -0.0, -12, 1.5e300, .integer(Int.min), .double(9.3e18)],
    "deep": [[[[["a": [[[]]]]]]]],
  ]
  #expect(try JSONParser.parse(JSONWriter.write(value, style: style)) == value)
}
