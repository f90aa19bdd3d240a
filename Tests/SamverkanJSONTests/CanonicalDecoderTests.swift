import SamverkanJSON
import Testing

private enum Form: String, Codable { case oral, written }

private struct Review: Codable, Equatable {
  var date: String
  var by: String?
}

private struct Stored: Codable, Equatable {
  var id: String
  var note: String?
  var forms: [Form]
  var form: Form
  var parties: [String]
  var informed: Bool
  var count: Int
  var small: Int8
  var share: Double
  var reviews: [Review]
  var revocation: Review?
  var counts: [String: Int]
  var extra: JSONValue?
  var matrix: [[Int]]
}

/// Decodes the canonical text of `value` both ways: straight from the text, and from the
/// parsed value.
private func bothWays<T: Decodable>(_ type: T.Type, _ value: JSONValue) throws -> (T, T) {
  let bytes = Array(JSONWriter.write(value).utf8)
  let object = try #require(CanonicalObject.scan(bytes[...]))
  let fromText = try CanonicalDecoder().decode(
    T.self, from: bytes, at: 0..<bytes.count, object: object)
  let fromValue = try JSONValueDecoder().decode(T.self, from: JSONParser.parse(bytes))
  return (fromText, fromValue)
}

private func canonical(_ value: JSONValue) throws -> ([UInt8], CanonicalObject) {
  let bytes = Array(JSONWriter.write(value).utf8)
  return (bytes, try #require(CanonicalObject.scan(bytes[...])))
}

/// Where values stored as text come alone, in lists, in optionals and in nested records.
private struct Coded: Codable, Equatable {
  var code: DashedCode
  var channel: Channel
  var codes: [DashedCode]
  var channels: [Channel]
  var later: DashedCode?
  var nested: [[Channel]]
  var reviews: [Review]
}

/// Expects `base` with `field` set to `value` to be refused with a `DecodingError` both ways:
/// straight from the text, and from the parsed value.
private func expectRefusedBothWays<T: Decodable>(
  _ type: T.Type, _ base: JSONValue, field: String, value: JSONValue
) throws {
  guard case .object(var members) = base else { return }
  members[field] = value
  let (bytes, object) = try canonical(.object(members))
  #expect(throws: DecodingError.self) {
    try CanonicalDecoder().decode(T.self, from: bytes, at: 0..<bytes.count, object: object)
  }
  #expect(throws: DecodingError.self) {
    try JSONValueDecoder().decode(T.self, from: JSONParser.parse(bytes))
  }
}

@Suite struct CanonicalDecoderTests {
  static let full: JSONValue = [
    "id": "CON-7", "note": "rad 1\nrad 2\t\"citat\" \\ \u{01} åäö 😀", "forms": ["oral", "written"],
    "form": "written", "parties": ["SF-NORDOST", "FFS"], "informed": true, "count": -12,
    "small": 100, "share": 3,
    "reviews": [["date": "2026-01-02", "by": "Eva"], ["date": "2026-02-03"]],
    "revocation": .null, "counts": ["a": 1, "b": 2], "extra": ["free": [1, "form", .null]],
    "matrix": [[1, 2], [], [3]],
  ]

  @Test func decodesWhatTheValueDecoderDecodes() throws {
    let (fromText, fromValue) = try bothWays(Stored.self, Self.full)
    #expect(fromText == fromValue)
    #expect(fromText.note == "rad 1\nrad 2\t\"citat\" \\ \u{01} åäö 😀")
    #expect(fromText.share == 3)
    #expect(fromText.revocation == nil)
    #expect(fromText.extra == ["free": [1, "form", .null]])
  }

  @Test func aMissingOrNullOptionalIsNil() throws {
    guard case .object(var members) = Self.full else { return }
    members["note"] = nil
    members["revocation"] = ["date": "2026-03-04", "by": .null]
    let (fromText, fromValue) = try bothWays(Stored.self, .object(members))
    #expect(fromText == fromValue)
    #expect(fromText.note == nil)
    #expect(fromText.revocation == Review(date: "2026-03-04", by: nil))
  }

  static let wrongValues: [(String, JSONValue)] = [
    ("id", .integer(1)), ("form", "spoken"), ("informed", "yes"), ("count", "1"),
    ("small", 300), ("forms", "oral"), ("reviews", [["by": "Eva"]]), ("id", .null),
  ]

  @Test(arguments: wrongValues)
  func refusesWhatTheValueDecoderRefuses(field: String, value: JSONValue) throws {
    try expectRefusedBothWays(Stored.self, Self.full, field: field, value: value)
  }

  @Test func aMissingRequiredFieldIsNamed() throws {
    guard case .object(var members) = Self.full else { return }
    members["id"] = nil
    let (bytes, object) = try canonical(.object(members))
    #expect {
      try CanonicalDecoder().decode(Stored.self, from: bytes, at: 0..<bytes.count, object: object)
    } throws: { error in
      guard case .keyNotFound(let key, _) = error as? DecodingError else { return false }
      return key.stringValue == "id"
    }
  }

  @Test func readsARecordInsideALargerText() throws {
    let head = Array("{\"records\":[\n".utf8)
    let (record, _) = try canonical(Self.full)
    let bytes = head + record + Array("\n]}".utf8)
    let range = head.count..<(head.count + record.count)
    let object = try #require(CanonicalObject.scan(bytes[range]))
    let decoded = try CanonicalDecoder().decode(Stored.self, from: bytes, at: range, object: object)
    #expect(decoded == (try bothWays(Stored.self, Self.full)).1)
  }

  static let coded: JSONValue = [
    "code": "SF-1", "channel": "letter", "codes": ["A-1", "B-2", "C-3"],
    "channels": ["phone", "letter", "phone"], "later": .null, "nested": [["phone"], []],
    "reviews": [],
  ]

  /// Values stored as text are read by `init(storedText:)` without their containers: the same
  /// values as `init(from:)` gives through the value decoder, in every place they occur.
  @Test func readsValuesStoredAsTextAsTheirDecodableDoes() throws {
    let (fromText, fromValue) = try bothWays(Coded.self, Self.coded)
    #expect(fromText == fromValue)
    #expect(fromText.codes.map(\.text) == ["A-1", "B-2", "C-3"])
    #expect(fromText.channels == [.phone, .letter, .phone])
    #expect(fromText.reviews.isEmpty && fromText.later == nil)
    guard case .object(var members) = Self.coded else { return }
    members["later"] = "X-9"
    members["codes"] = []
    members["reviews"] = [["date": "2026-01-02"]]
    let (again, againFromValue) = try bothWays(Coded.self, .object(members))
    #expect(again == againFromValue)
    #expect(again.later?.text == "X-9" && again.codes.isEmpty)
  }

  static let wrongCodes: [(String, JSONValue)] = [
    ("code", "no dash"), ("code", .integer(1)), ("code", .null), ("channel", "fax"),
    ("codes", ["A-1", "none"]), ("codes", ["A-1", .null]), ("codes", "A-1"),
    ("channels", ["phone", 2]), ("later", "none"), ("nested", [["fax"]]), ("reviews", [1]),
  ]

  /// What the type's reading refuses (with an error of its own), or a value of the wrong
  /// kind, is a `DecodingError` straight from the text, as from the parsed value.
  @Test(arguments: wrongCodes)
  func refusesValuesStoredAsTextThatDoNotRead(field: String, value: JSONValue) throws {
    try expectRefusedBothWays(Coded.self, Self.coded, field: field, value: value)
  }
}
