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
    guard case .object(var members) = Self.full else { return }
    members[field] = value
    let (bytes, object) = try canonical(.object(members))
    #expect(throws: DecodingError.self) {
      try CanonicalDecoder().decode(Stored.self, from: bytes, at: 0..<bytes.count, object: object)
    }
    #expect(throws: DecodingError.self) {
      try JSONValueDecoder().decode(Stored.self, from: JSONParser.parse(bytes))
    }
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
}
