import Foundation
import SamverkanJSON
import Testing

// MARK: - Fixtures

private enum ConsentType: String, Codable, CaseIterable {
  case explicit, implied, presumed
}

private struct Place: Codable, Equatable {
  var place: String
  var room: Int?
}

private struct Party: Codable, Equatable {
  var name: String
  var share: Double
}

private struct Record: Codable, Equatable {
  var id: String
  var personName: String?
  var parties: [String]
  var type: ConsentType
  var informed: Bool
  var version: Int
  var score: Double
  var meeting: Place
  var members: [Party]
  var counts: [String: Int]
  var extra: JSONValue?
}

private let record = Record(
  id: "CON-1", personName: nil, parties: ["Socialtjänsten", "Vårdcentral Ö"], type: .implied,
  informed: true, version: 3, score: 0.5, meeting: Place(place: "Rum 4", room: nil),
  members: [Party(name: "a", share: 1), Party(name: "b", share: 2.5)], counts: ["x": 1],
  extra: ["free": [1, "form"]])

private func encode<T: Encodable>(_ value: T) throws -> JSONValue {
  try JSONValueEncoder().encode(value)
}

private func decode<T: Decodable>(_ type: T.Type, _ json: String) throws -> T {
  try JSONValueDecoder().decode(type, from: JSONParser.parse(json))
}

/// The decoding error that decoding `json` as `type` must raise.
private func decodingError<T: Decodable>(_ type: T.Type, _ json: String) -> DecodingError? {
  #expect(throws: DecodingError.self) { try decode(type, json) }
}

// MARK: - Encoding

@Test func encodesNestedValuesAndOmitsNilOptionals() throws {
  let value = try encode(record)
  #expect(
    value == [
      "id": "CON-1", "parties": ["Socialtjänsten", "Vårdcentral Ö"], "type": "implied",
      "informed": true, "version": 3, "score": 0.5, "meeting": ["place": "Rum 4"],
      "members": [["name": "a", "share": 1.0], ["name": "b", "share": 2.5]],
      "counts": ["x": 1], "extra": ["free": [1, "form"]],
    ])
  #expect(value["personName"] == nil)
  #expect(value["meeting"]?["room"] == nil)
}

@Test func roundTripsThroughText() throws {
  for style in [JSONWriter.Style.compact, .pretty] {
    let text = JSONWriter.write(try encode(record), style: style)
    #expect(try decode(Record.self, text) == record)
  }
}

@Test func encodesTopLevelValues() throws {
  #expect(try encode("text") == "text")
  #expect(try encode(42) == 42)
  #expect(try encode([1.5, 2]) == [1.5, 2.0])
  #expect(try encode([Place(place: "A")]) == [["place": "A"]])
  #expect(try encode(Optional<Int>.none) == nil)
  // 2^64 - 1 has no Double: it becomes the nearest, 2^64.
  #expect(try encode(UInt64.max) == .double(18_446_744_073_709_551_616))
  #expect(try encode(Int8(-3)) == -3)
}

private struct ExplicitNull: Encodable {
  func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: Key.self)
    try container.encodeNil(forKey: .gone)
    var list = container.nestedUnkeyedContainer(forKey: .list)
    try list.encodeNil()
    try list.encode(1)
    var inner = container.nestedContainer(keyedBy: Key.self, forKey: .inner)
    try inner.encode("late", forKey: .gone)
    try list.encode(2)  // containers keep working after others are made
  }
  enum Key: CodingKey { case gone, list, inner }
}

@Test func encodesExplicitNullsAndNestedContainers() throws {
  #expect(
    try encode(ExplicitNull()) == ["gone": nil, "list": [nil, 1, 2], "inner": ["gone": "late"]])
}

private class Base: Encodable {
  var name = "base"
}

private final class Derived: Base {
  var level = 2
  enum Key: CodingKey { case level }
  override func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: Key.self)
    try super.encode(to: container.superEncoder())
    try container.encode(level, forKey: .level)
  }
}

@Test func encodesSuperEncoders() throws {
  #expect(try encode(Derived()) == ["level": 2, "super": ["name": "base"]])
}

@Test(arguments: [Double.nan, .infinity, -.infinity])
func refusesNonFiniteDoubles(number: Double) {
  let error = #expect(throws: EncodingError.self) {
    try encode(Party(name: "x", share: number))
  }
  guard case .invalidValue(_, let context)? = error else { return }
  #expect(context.codingPath.map(\.stringValue) == ["share"])
  #expect(context.debugDescription == "\(number) cannot be written as JSON")
}

private struct UsesUserInfo: Codable {
  static let name = "unit"
  var unit: String
  init(unit: String) { self.unit = unit }
  init(from decoder: any Decoder) throws { unit = Self.unit(in: decoder.userInfo) }
  func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(Self.unit(in: encoder.userInfo))
  }
  static func unit<Value>(in userInfo: [CodingUserInfoKey: Value]) -> String {
    userInfo.first { $0.key.rawValue == name }?.value as? String ?? ""
  }
}

@Test func passesUserInfo() throws {
  let key = try #require(CodingUserInfoKey(rawValue: UsesUserInfo.name))
  var encoder = JSONValueEncoder()
  encoder.userInfo[key] = "kg"
  #expect(try encoder.encode(UsesUserInfo(unit: "")) == "kg")
  var decoder = JSONValueDecoder()
  decoder.userInfo[key] = "m"
  #expect(try decoder.decode(UsesUserInfo.self, from: nil).unit == "m")
}

// MARK: - Decoding

@Test func treatsMissingAndNullAlikeForOptionals() throws {
  #expect(try decode(Place.self, #"{"place": "A"}"#) == Place(place: "A", room: nil))
  #expect(try decode(Place.self, #"{"place": "A", "room": null}"#) == Place(place: "A"))
  #expect(try decode(Place.self, #"{"place": "A", "room": 4}"#) == Place(place: "A", room: 4))
}

@Test func convertsNumbersWhereNothingIsLost() throws {
  #expect(try decode(Party.self, #"{"name": "a", "share": 2}"#).share == 2)
  #expect(try decode(Place.self, #"{"place": "a", "room": 4.0}"#).room == 4)
  #expect(try decode(Place.self, #"{"place": "a", "room": 1e2}"#).room == 100)
  #expect(try decode([UInt8].self, "[0, 255]") == [0, 255])
  #expect(try decode(Float.self, "0.5") == 0.5)
}

@Test(arguments: [
  (#"{"place": 4}"#, "place", "expected a string, found 4"),
  (#"{"place": true}"#, "place", "expected a string, found true"),
  (#"{"place": null}"#, "place", "expected a string, found null"),
  (#"{"place": ["a"]}"#, "place", "expected a string, found an array"),
  (#"{"room": 1}"#, "place", "this field is required"),
  (#"{"place": "a", "room": 1.5}"#, "room", "expected a whole number, found 1.5"),
  (#"{"place": "a", "room": true}"#, "room", "expected a whole number, found true"),
  (#"{"place": "a", "room": "4"}"#, "room", "expected a whole number, found '4'"),
  (
    #"{"place": "a", "room": 1e30}"#, "room",
    "expected a whole number from -9223372036854775808 to 9223372036854775807, found 1e+30"
  ),
  (#"["place"]"#, "", "expected an object, found an array"),
])
func reportsPlaceErrors(json: String, path: String, message: String) {
  let error = decodingError(Place.self, json)
  #expect(error?.fieldPath == path)
  #expect(error?.plainMessage == message)
}

@Test func reportsTheFieldPathOfNestedValues() {
  let valid = JSONWriter.write((try? encode(record)) ?? nil)
  #expect(valid.contains("parties"))
  func error(replacing old: String, with new: String) -> DecodingError? {
    decodingError(Record.self, valid.replacing(old, with: new))
  }
  let inArray = error(replacing: #""Vårdcentral Ö""#, with: "2")
  #expect(inArray?.fieldPath == "parties[1]")
  #expect(inArray?.plainMessage == "expected a string, found 2")

  let inStruct = error(replacing: #""place":"Rum 4""#, with: #""plats":"Rum 4""#)
  #expect(inStruct?.fieldPath == "meeting.place")
  #expect(inStruct?.plainMessage == "this field is required")

  let inArrayOfStructs = error(replacing: #""share":2.5"#, with: #""share":"half""#)
  #expect(inArrayOfStructs?.fieldPath == "members[1].share")
  #expect(inArrayOfStructs?.plainMessage == "expected a number, found 'half'")

  let inDictionary = error(replacing: #""x":1"#, with: #""x":false"#)
  #expect(inDictionary?.fieldPath == "counts.x")

  let wrongKind = error(replacing: #""counts":{"x":1}"#, with: #""counts":[]"#)
  #expect(wrongKind?.fieldPath == "counts")
  #expect(wrongKind?.plainMessage == "expected an object, found an array")
}

@Test(arguments: [
  (#""other""#, "expected one of 'explicit', 'implied' or 'presumed', found 'other'"),
  ("3", "expected a string, found 3"),
])
func reportsUnknownEnumValuesPlainly(json: String, message: String) {
  let error = decodingError([ConsentType].self, "[\"implied\", \(json)]")
  #expect(error?.fieldPath == "[1]")
  #expect(error?.plainMessage == message)
}

private struct Code: RawRepresentable, Codable {
  var rawValue: String
  init?(rawValue: String) {
    guard rawValue.count == 3 else { return nil }
    self.rawValue = rawValue
  }
  init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    guard let code = Code(rawValue: try container.decode(String.self)) else {
      throw DecodingError.dataCorruptedError(
        in: container, debugDescription: "a code has three letters")
    }
    self = code
  }
}

@Test func keepsATypesOwnMessage() {
  let error = decodingError([String: Code].self, #"{"code": "abcd"}"#)
  #expect(error?.fieldPath == "code")
  #expect(error?.plainMessage == "a code has three letters")
}

@Test func reportsOutOfRangeIntegers() {
  let error = decodingError([Int8].self, "[1, 300]")
  #expect(error?.fieldPath == "[1]")
  #expect(error?.plainMessage == "expected a whole number from -128 to 127, found 300")
  #expect(decodingError(UInt.self, "-1")?.plainMessage.hasPrefix("expected a whole number") == true)
}

@Test func reportsTooFewArrayElements() {
  struct Pair: Decodable {
    var first: Int
    var second: Int
    init(from decoder: any Decoder) throws {
      var container = try decoder.unkeyedContainer()
      first = try container.decode(Int.self)
      second = try container.decode(Int.self)
    }
  }
  let error = decodingError(Pair.self, "[1]")
  #expect(error?.fieldPath == "[1]")
  #expect(error?.plainMessage == "expected another element, found the end of the array")
}

@Test func boolIsNeverANumber() {
  #expect(decodingError(Bool.self, "1")?.plainMessage == "expected true or false, found 1")
  #expect(decodingError(Double.self, "false")?.plainMessage == "expected a number, found false")
}

@Test func decodesJSONValueFieldsAsTheyAre() throws {
  struct Holder: Codable, Equatable { var any: JSONValue }
  let value: JSONValue = ["any": ["a": [1, 2.5, "x", nil, true]]]
  #expect(try JSONValueDecoder().decode(Holder.self, from: value).any == value["any"])
  #expect(try encode(Holder(any: [1, "x"])) == ["any": [1, "x"]])
}

@Test func jsonValueIsCodableWithOtherCoders() throws {
  // Foundation's coders go through JSONValue's own Codable conformance.
  let value: JSONValue = [1, "two", nil, [3.5], ["k": false], -7]
  let data = try JSONEncoder().encode(value)
  #expect(try JSONDecoder().decode(JSONValue.self, from: data) == value)
  #expect(try JSONParser.parse([UInt8](data)) == value)
}

// MARK: - Messages from other decoders

@Test func fieldPathFormatsKeysAndIndices() {
  struct Key: CodingKey {
    var stringValue: String
    var intValue: Int?
    init(_ name: String) { (stringValue, intValue) = (name, nil) }
    init(index: Int) { (stringValue, intValue) = ("Index \(index)", index) }
    init?(stringValue: String) { self.init(stringValue) }
    init?(intValue: Int) { self.init(index: intValue) }
  }
  let error = DecodingError.keyNotFound(
    Key("place"),
    .init(codingPath: [Key("rows"), Key(index: 3), Key("meeting")], debugDescription: "gone"))
  #expect(error.fieldPath == "rows[3].meeting.place")
  #expect(error.plainMessage == "this field is required")
  let corrupted = DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "bad"))
  #expect(corrupted.fieldPath == "")
  #expect(corrupted.plainMessage == "bad")
}

// MARK: - Conveniences

@Test func accessorsAnswerOnlyForTheirKind() {
  let value: JSONValue = ["s": "x", "i": 2, "d": 2.5, "b": true, "a": [1], "n": nil]
  #expect(value["s"]?.stringValue == "x")
  #expect(value["i"]?.intValue == 2 && value["i"]?.doubleValue == 2)
  #expect(value["d"]?.intValue == nil && value["d"]?.doubleValue == 2.5)
  #expect(JSONValue.double(3).intValue == 3)
  #expect(value["b"]?.boolValue == true && value["b"]?.intValue == nil)
  #expect(value["a"]?.arrayValue == [1] && value["a"]?[0] == 1 && value["a"]?[1] == nil)
  #expect(value["n"]?.isNull == true && value["missing"] == nil)
  #expect(value.objectValue?.count == 6 && value.stringValue == nil)
  #expect(JSONValue.string("x")["key"] == nil)
  #expect(value["a"]?.kindDescription == "an array")
  #expect(JSONValue.integer(1).description == "1")
}
