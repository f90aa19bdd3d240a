import SamverkanJSON
import Testing

/// A code stored as text, as the domain's string-backed enums are.
enum Channel: String, Codable, StoredAsText { case phone, letter }

/// A value stored as text with its own reading, as the domain's dates and IDs are: it refuses
/// text without a dash with an error of its own, not a `DecodingError`.
struct DashedCode: Codable, Equatable, StoredAsText {
  struct Refused: Error, CustomStringConvertible {
    var description: String { "no dash" }
  }
  var text: String

  init(storedText: String) throws {
    guard storedText.contains("-") else { throw Refused() }
    text = storedText
  }

  var storedText: String { text }

  /// As the domain's text types read: the reading's own error becomes a `DecodingError` with
  /// its description.
  init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    do {
      try self.init(storedText: container.decode(String.self))
    } catch let error as Refused {
      throw DecodingError.dataCorruptedError(in: container, debugDescription: "\(error)")
    }
  }

  func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(storedText)
  }
}

/// A value coded by its own `init(from:)` and `encode(to:)`, as the coders code any other
/// type: what they must give for a value stored as text, which they code without them.
struct Plain<Value: Codable & Equatable>: Codable, Equatable {
  var value: Value

  init(_ value: Value) { self.value = value }

  init(from decoder: any Decoder) throws {
    value = try decoder.singleValueContainer().decode(Value.self)
  }

  func encode(to encoder: any Encoder) throws {
    try value.encode(to: encoder)
  }
}

/// Values stored as text, alone, in lists and optional.
private struct Direct: Codable, Equatable {
  var code: DashedCode
  var channel: Channel
  var codes: [DashedCode]
  var channels: [Channel]
  var later: DashedCode?
}

/// The same fields, each coded through its own `init(from:)` and `encode(to:)`.
private struct Wrapped: Codable, Equatable {
  var code: Plain<DashedCode>
  var channel: Plain<Channel>
  var codes: [Plain<DashedCode>]
  var channels: [Plain<Channel>]
  var later: Plain<DashedCode>?

  var direct: Direct {
    Direct(
      code: code.value, channel: channel.value, codes: codes.map(\.value),
      channels: channels.map(\.value), later: later?.value)
  }
}

/// `JSONValueDecoder` and `JSONValueEncoder` read and write a value stored as text from its
/// string, without the value's `Codable`: with the same values and the same errors.
@Suite struct StoredAsTextTests {
  static let value: JSONValue = [
    "code": "SF-1", "channel": "letter", "codes": ["A-1", "B-2"], "channels": ["phone"],
    "later": "X-9",
  ]

  @Test func decodesAndEncodesAsTheValuesOwnCodableDoes() throws {
    let direct = try JSONValueDecoder().decode(Direct.self, from: Self.value)
    let wrapped = try JSONValueDecoder().decode(Wrapped.self, from: Self.value)
    #expect(direct == wrapped.direct)
    #expect(direct.codes.map(\.text) == ["A-1", "B-2"] && direct.channel == .letter)
    #expect(try JSONValueEncoder().encode(direct) == Self.value)
    #expect(try JSONValueEncoder().encode(wrapped) == Self.value)
  }

  static let wrong: [(String, JSONValue)] = [
    ("code", "no dash"), ("code", .integer(1)), ("code", .null), ("channel", "fax"),
    ("channel", "Phone"), ("codes", ["A-1", "none"]), ("codes", ["A-1", .null]),
    ("channels", ["phone", 2]), ("channels", ["mail"]), ("later", "none"), ("later", true),
    ("codes", "A-1"), ("codes", .null), ("channels", ["phone": "letter"]),
  ]

  /// Each wrong value is refused with the error the value's `init(from:)` gives: the same
  /// field path and message ("expected one of 'phone' or 'letter', found 'fax'").
  @Test(arguments: wrong)
  func refusesWithTheValuesOwnErrors(field: String, value: JSONValue) throws {
    guard case .object(var members) = Self.value else { return }
    members[field] = value
    let direct = #expect(throws: DecodingError.self) {
      try JSONValueDecoder().decode(Direct.self, from: .object(members))
    }
    let wrapped = #expect(throws: DecodingError.self) {
      try JSONValueDecoder().decode(Wrapped.self, from: .object(members))
    }
    #expect(direct?.fieldPath == wrapped?.fieldPath)
    #expect(direct?.plainMessage == wrapped?.plainMessage)
    #expect(direct?.fieldPath.hasPrefix(field) == true)
  }
}
