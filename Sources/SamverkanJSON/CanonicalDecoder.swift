#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Decodes a `Decodable` value straight from the canonical text of a JSON object (see
/// `CanonicalObject`), without building a `JSONValue` tree first: what lets `store check`
/// decode every record of a city's store in a fraction of the time.
///
/// It gives exactly what `JSONValueDecoder` gives for the parsed text, as canonical text
/// has one reading: strings (with the writer's few escapes), integers, `true`, `false`,
/// `null`, objects with plain keys in order, and arrays. Its errors are plain
/// `DecodingError`s without the field's path or wording: a caller that reports a record's
/// problem decodes the parsed value with `JSONValueDecoder` for the message.
public struct CanonicalDecoder: Sendable {
  public init() {}

  /// Decodes `type` from the object at `range` of `bytes`, whose members `object` located
  /// (`CanonicalObject.scan(bytes[range])`).
  public func decode<T: Decodable>(
    _ type: T.Type, from bytes: [UInt8], at range: Range<Int>, object: CanonicalObject
  ) throws -> T {
    // Offsets into the whole of the bytes, not the record's text.
    let offset = range.lowerBound
    let members = object.members.lazy.map { member in
      CanonicalText.Member(
        key: (member.key.lowerBound + offset)..<(member.key.upperBound + offset),
        value: (member.value.lowerBound + offset)..<(member.value.upperBound + offset))
    }
    return try bytes.withUnsafeBytes { raw in
      let text = CanonicalText(bytes, raw)
      return try _CanonicalDecoder(text: text, value: range, members: members).decodeValue(type)
    }
  }
}

/// The bytes a decoding reads, shared by every level of it.
final class CanonicalText: @unchecked Sendable {
  /// A member, as offsets into the whole of the bytes.
  typealias Member = CanonicalObject.Member

  let bytes: [UInt8]
  /// The same bytes, read without counting references on every access (a record's dozens of
  /// fields each read them several times). Valid while `CanonicalDecoder.decode` runs, which
  /// is while a decoding reads them: no decoder or container outlives it.
  let raw: UnsafeRawBufferPointer

  init(_ bytes: [UInt8], _ raw: UnsafeRawBufferPointer) {
    self.bytes = bytes
    self.raw = raw
  }

  /// The member whose key is `key`, among `members` (in key order) of text at `raw`.
  @inline(__always)
  static func member(
    _ key: String, in members: UnsafeBufferPointer<Member>, of raw: UnsafeRawBufferPointer
  )
    -> Member?
  {
    var key = key
    return key.withUTF8 { wanted in
      guard let wantedStart = wanted.baseAddress, let start = raw.baseAddress else {
        return members.first { $0.key.isEmpty }
      }
      let text = start.assumingMemoryBound(to: UInt8.self)
      // The length and first byte rule out nearly every other member before a comparison.
      for member in members
      where member.key.count == wanted.count && text[member.key.lowerBound] == wantedStart[0]
        && memcmp(text + member.key.lowerBound, wantedStart, wanted.count) == 0
      {
        return member
      }
      return nil
    }
  }

  /// The members of the object at `range`, delimited only, as `elements(of:)`.
  func members(of range: Range<Int>) -> [Member] {
    CanonicalObject.scannedMembers(raw, at: range)
  }

  /// The elements of the array at `range`, delimited only: the decoder reads text that
  /// `CanonicalObject.scan` found canonical, nested values and all.
  func elements(of range: Range<Int>) -> [Range<Int>] {
    CanonicalObject.scannedElements(raw, at: range)
  }

  func first(_ range: Range<Int>) -> UInt8 { raw[range.lowerBound] }

  func isNull(_ range: Range<Int>) -> Bool { first(range) == UInt8(ascii: "n") }

  /// Whether the value is `[]` (canonical text has no space inside it).
  func isEmptyList(_ range: Range<Int>) -> Bool {
    range.count == 2 && first(range) == UInt8(ascii: "[")
  }

  func key(_ range: Range<Int>) -> String {
    String(decoding: UnsafeRawBufferPointer(rebasing: raw[range]), as: UTF8.self)
  }

  /// A string's value; one with escapes (rare in records) is read by the parser.
  func string(_ range: Range<Int>) -> String? {
    guard first(range) == UInt8(ascii: "\"") else { return nil }
    let content = UnsafeRawBufferPointer(
      rebasing: raw[(range.lowerBound + 1)..<(range.upperBound - 1)])
    guard content.contains(UInt8(ascii: "\\")) else {
      return String(decoding: content, as: UTF8.self)
    }
    guard case .string(let text)? = try? JSONParser.parse(bytes[range]) else { return nil }
    return text
  }

  /// An integer's value (canonical text has no other numbers).
  func integer(_ range: Range<Int>) -> Int? {
    var value = 0
    var negative = false
    for byte in raw[range] {
      if byte == UInt8(ascii: "-") {
        negative = true
        continue
      }
      guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
      value = value * 10 + Int(byte - UInt8(ascii: "0"))
    }
    return negative ? -value : value
  }

  func bool(_ range: Range<Int>) -> Bool? {
    switch first(range) {
    case UInt8(ascii: "t"): return true
    case UInt8(ascii: "f"): return false
    default: return nil
    }
  }

  static let notCanonical = DecodingError.dataCorrupted(
    .init(codingPath: [], debugDescription: "the text is not canonical"))
}

/// `[String].self`, looked up once (see `_Decoder.isPrimitive`).
private let stringArrayType = ObjectIdentifier([String].self)

/// The decoding of one value, nested values and all. One decoder serves every level: it
/// moves to a nested value while that is decoded and back after, so that a record's dozens of
/// dates, codes and list items cost no decoder each. (Containers keep what they read, so a
/// container made before a nested value is decoded still reads its own value after.)
final class _CanonicalDecoder: Decoder {
  let text: CanonicalText
  /// The value being decoded.
  private(set) var value: Range<Int>
  /// The members of `value`, when they are known already (the top object's).
  private var knownMembers: UnsafeBufferPointer<CanonicalText.Member>?
  /// The members of every object read so far, in memory this decoding owns until it ends:
  /// containers refer to them without counting references (see `_CanonicalKeyedContainer`).
  private var kept: [UnsafeMutableBufferPointer<CanonicalText.Member>] = []

  /// Decodes `value`, an object whose `members` are known.
  init(text: CanonicalText, value: Range<Int>, members: some Collection<CanonicalText.Member>) {
    self.text = text
    self.value = value
    knownMembers = keep(members)
  }

  /// Errors name no path: see `CanonicalDecoder`.
  var codingPath: [any CodingKey] { [] }

  var userInfo: [CodingUserInfoKey: Any] { [:] }

  func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
    guard text.first(value) == UInt8(ascii: "{") else { throw mismatch([String: Any].self, value) }
    let members = knownMembers ?? keep(text.members(of: value))
    return KeyedDecodingContainer(_CanonicalKeyedContainer<Key>(decoder: self, members: members))
  }

  /// `members`, kept until the decoding ends.
  func keep(_ members: some Collection<CanonicalText.Member>) -> UnsafeBufferPointer<
    CanonicalText.Member
  > {
    let buffer = UnsafeMutableBufferPointer<CanonicalText.Member>.allocate(
      capacity: members.count)
    _ = buffer.initialize(from: members)
    kept.append(buffer)
    return UnsafeBufferPointer(buffer)
  }

  deinit {
    for buffer in kept { buffer.deallocate() }
  }

  func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
    guard text.first(value) == UInt8(ascii: "[") else { throw mismatch([Any].self, value) }
    return _CanonicalUnkeyedContainer(decoder: self, elements: text.elements(of: value))
  }

  func singleValueContainer() throws -> any SingleValueDecodingContainer { self }

  // MARK: Nested values

  /// Decodes the current value as `type`.
  func decodeValue<T: Decodable>(_ type: T.Type) throws -> T { try unbox(type, from: value) }

  /// Decodes `nested`, the current value or one inside it, as `type`.
  func unbox<T: Decodable>(_ type: T.Type, from nested: Range<Int>) throws -> T {
    if Self.isPrimitive(type) { return try primitive(type, from: nested) }
    // Values that need no container (see `Reading`). No `T?` in between: its metadata would be
    // looked up at run time on every call, which costs more than reading a date.
    switch reading(of: type) {
    case .text(let stored):
      return try read(stored, as: type, from: nested)
    case .textList(let list):
      guard text.first(nested) == UInt8(ascii: "[") else { throw mismatch(type, nested) }
      return try read(list, as: type, elements: text.elements(of: nested))
    case .list(let list) where text.isEmptyList(nested):
      return empty(list, as: type)
    case .list, .decodable:
      break
    }
    if nested == value { return try T(from: self) }
    let saved = (value, knownMembers)
    value = nested
    knownMembers = nil
    defer { (value, knownMembers) = saved }
    return try T(from: self)
  }

  // MARK: Values read without their containers

  private let readings = ReadingCache()

  func reading(of type: Any.Type) -> Reading { readings.reading(of: type) }

  /// A value stored as text: its string, read by `init(storedText:)`.
  func read<Stored: StoredAsText>(_ type: Stored.Type, from value: Range<Int>) throws -> Stored {
    let string = try string(value)
    do {
      return try Stored(storedText: string)
    } catch let error as DecodingError {
      throw error
    } catch {
      throw DecodingError.dataCorrupted(
        .init(codingPath: [], debugDescription: "\(error)"))
    }
  }

  private func read<Stored: StoredAsText, T>(
    _ stored: Stored.Type, as type: T.Type, from value: Range<Int>
  ) throws -> T {
    sameType(try read(stored, from: value), as: type)
  }

  private func read<List: StoredAsTextList, T>(
    _ list: List.Type, as type: T.Type, elements: [Range<Int>]
  ) throws -> T {
    sameType(try List.read(elements, with: self), as: type)
  }

  private func empty<List: EmptiableList, T>(_ list: List.Type, as type: T.Type) -> T {
    sameType(List.empty, as: type)
  }

  static func isPrimitive(_ type: Any.Type) -> Bool {
    type == String.self || type == Int.self || type == Double.self || type == Bool.self
      || type == JSONValue.self || ObjectIdentifier(type) == stringArrayType
  }

  /// A value of one of the types `isPrimitive` names (it is `T`, so no cast is needed).
  func primitive<T: Decodable>(_ type: T.Type, from value: Range<Int>) throws -> T {
    if T.self == String.self { return sameType(try string(value), as: type) }
    if T.self == Int.self { return sameType(try integer(value, as: Int.self), as: type) }
    if T.self == Double.self { return sameType(try double(value), as: type) }
    if T.self == Bool.self { return sameType(try bool(value), as: type) }
    if T.self == JSONValue.self {
      return sameType(try JSONParser.parse(text.bytes[value]), as: type)
    }
    guard text.first(value) == UInt8(ascii: "[") else { throw mismatch(type, value) }
    return sameType(try text.elements(of: value).map { try string($0) }, as: type)
  }

  // MARK: Scalars

  func string(_ value: Range<Int>) throws -> String {
    guard let string = text.string(value) else { throw mismatch(String.self, value) }
    return string
  }

  func bool(_ value: Range<Int>) throws -> Bool {
    guard let flag = text.bool(value) else { throw mismatch(Bool.self, value) }
    return flag
  }

  /// Integers decode into `Double` fields, as in `JSONValueDecoder`.
  func double(_ value: Range<Int>) throws -> Double {
    guard let number = text.integer(value) else { throw mismatch(Double.self, value) }
    return Double(number)
  }

  func float(_ value: Range<Int>) throws -> Float { Float(try double(value)) }

  func integer<T: FixedWidthInteger>(_ value: Range<Int>, as type: T.Type) throws -> T {
    guard let number = text.integer(value) else { throw mismatch(T.self, value) }
    guard let exact = T(exactly: number) else {
      throw DecodingError.dataCorrupted(
        .init(codingPath: [], debugDescription: "the number is out of range"))
    }
    return exact
  }

  /// `typeMismatch`, or `valueNotFound` for `null`, as `JSONValueDecoder` tells them apart.
  func mismatch(_ type: Any.Type, _ value: Range<Int>) -> DecodingError {
    let context = DecodingError.Context(
      codingPath: [], debugDescription: "expected another kind of value")
    if text.isNull(value) { return .valueNotFound(type, context) }
    return .typeMismatch(type, context)
  }
}

// MARK: - Single value

extension _CanonicalDecoder: SingleValueDecodingContainer {
  func decodeNil() -> Bool { text.isNull(value) }
  func decode(_ type: Bool.Type) throws -> Bool { try bool(value) }
  func decode(_ type: String.Type) throws -> String { try string(value) }
  func decode(_ type: Double.Type) throws -> Double { try double(value) }
  func decode(_ type: Float.Type) throws -> Float { try float(value) }
  func decode(_ type: Int.Type) throws -> Int { try integer(value, as: type) }
  func decode(_ type: Int8.Type) throws -> Int8 { try integer(value, as: type) }
  func decode(_ type: Int16.Type) throws -> Int16 { try integer(value, as: type) }
  func decode(_ type: Int32.Type) throws -> Int32 { try integer(value, as: type) }
  func decode(_ type: Int64.Type) throws -> Int64 { try integer(value, as: type) }
  func decode(_ type: UInt.Type) throws -> UInt { try integer(value, as: type) }
  func decode(_ type: UInt8.Type) throws -> UInt8 { try integer(value, as: type) }
  func decode(_ type: UInt16.Type) throws -> UInt16 { try integer(value, as: type) }
  func decode(_ type: UInt32.Type) throws -> UInt32 { try integer(value, as: type) }
  func decode(_ type: UInt64.Type) throws -> UInt64 { try integer(value, as: type) }
  func decode<T: Decodable>(_ type: T.Type) throws -> T { try decodeValue(type) }
}

// MARK: - Keyed

struct _CanonicalKeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
  // Nothing here is counted: a container lives inside its decoding (see `CanonicalText.raw`),
  // and `KeyedDecodingContainer` copies it for each of a record's fields, which cost more
  // than reading them while the copy counted references.
  unowned(unsafe) let decoder: _CanonicalDecoder
  /// Kept by the decoder (`keep`).
  let members: UnsafeBufferPointer<CanonicalText.Member>
  /// The decoding's bytes, read without counting references either.
  let raw: UnsafeRawBufferPointer

  init(decoder: _CanonicalDecoder, members: UnsafeBufferPointer<CanonicalText.Member>) {
    self.decoder = decoder
    self.members = members
    raw = decoder.text.raw
  }

  private var text: CanonicalText { decoder.text }

  /// The member whose key is `key`, among members in key order.
  private func member(_ key: Key) -> CanonicalText.Member? {
    CanonicalText.member(key.stringValue, in: members, of: raw)
  }

  var codingPath: [any CodingKey] { [] }
  var allKeys: [Key] { members.compactMap { Key(stringValue: text.key($0.key)) } }

  func contains(_ key: Key) -> Bool { member(key) != nil }

  /// Whether a value is `null` (read from `raw`, as everything the container reads).
  private func isNull(_ value: Range<Int>) -> Bool { raw[value.lowerBound] == UInt8(ascii: "n") }

  /// A missing member counts as `null`, as in `JSONValueDecoder`.
  func decodeNil(forKey key: Key) throws -> Bool { member(key).map { isNull($0.value) } ?? true }

  private func value(for key: Key) throws -> Range<Int> {
    guard let member = member(key) else {
      throw DecodingError.keyNotFound(
        key, .init(codingPath: [], debugDescription: "this field is required"))
    }
    return member.value
  }

  /// The member's value, or `nil` when it is missing or `null`.
  private func presentValue(for key: Key) -> Range<Int>? {
    guard let member = member(key), !isNull(member.value)
    else { return nil }
    return member.value
  }

  func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool {
    try decoder.bool(value(for: key))
  }
  func decode(_ type: String.Type, forKey key: Key) throws -> String {
    try decoder.string(value(for: key))
  }
  func decode(_ type: Double.Type, forKey key: Key) throws -> Double {
    try decoder.double(value(for: key))
  }
  func decode(_ type: Float.Type, forKey key: Key) throws -> Float {
    try decoder.float(value(for: key))
  }
  func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try integer(key) }
  func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try integer(key) }
  func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try integer(key) }
  func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try integer(key) }
  func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try integer(key) }
  func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try integer(key) }
  func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try integer(key) }
  func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try integer(key) }
  func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try integer(key) }
  func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try integer(key) }
  func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
    try decoder.unbox(type, from: value(for: key))
  }

  private func integer<T: FixedWidthInteger>(_ key: Key) throws -> T {
    try decoder.integer(value(for: key), as: T.self)
  }

  // One lookup instead of the default's three, as in `JSONValueDecoder`.
  func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? {
    guard let value = presentValue(for: key) else { return nil }
    return try decoder.string(value)
  }
  func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? {
    guard let value = presentValue(for: key) else { return nil }
    return try decoder.bool(value)
  }
  func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? {
    guard let value = presentValue(for: key) else { return nil }
    return try decoder.integer(value, as: type)
  }
  func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
    guard let value = presentValue(for: key) else { return nil }
    return try decoder.unbox(type, from: value)
  }

  func nestedContainer<NestedKey: CodingKey>(
    keyedBy type: NestedKey.Type, forKey key: Key
  ) throws -> KeyedDecodingContainer<NestedKey> {
    let nested = try value(for: key)
    guard text.first(nested) == UInt8(ascii: "{") else {
      throw decoder.mismatch([String: Any].self, nested)
    }
    return KeyedDecodingContainer(
      _CanonicalKeyedContainer<NestedKey>(
        decoder: decoder, members: decoder.keep(text.members(of: nested))))
  }

  func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
    let nested = try value(for: key)
    guard text.first(nested) == UInt8(ascii: "[") else {
      throw decoder.mismatch([Any].self, nested)
    }
    return _CanonicalUnkeyedContainer(decoder: decoder, elements: text.elements(of: nested))
  }

  // A record's types never ask for a super decoder; one that did is decoded the usual way.
  func superDecoder() throws -> any Decoder { throw CanonicalText.notCanonical }
  func superDecoder(forKey key: Key) throws -> any Decoder { throw CanonicalText.notCanonical }
}

// MARK: - Unkeyed

struct _CanonicalUnkeyedContainer: UnkeyedDecodingContainer {
  let decoder: _CanonicalDecoder
  let elements: [Range<Int>]
  private(set) var currentIndex = 0

  init(decoder: _CanonicalDecoder, elements: [Range<Int>]) {
    self.decoder = decoder
    self.elements = elements
  }

  var codingPath: [any CodingKey] { [] }
  var count: Int? { elements.count }
  var isAtEnd: Bool { currentIndex >= elements.count }

  /// The next element; `body` decodes it, and only then is it passed.
  private mutating func next<T>(_ body: (Range<Int>) throws -> T) throws -> T {
    guard !isAtEnd else {
      throw DecodingError.valueNotFound(
        T.self,
        .init(codingPath: [], debugDescription: "expected another element, found the end"))
    }
    let result = try body(elements[currentIndex])
    currentIndex += 1
    return result
  }

  mutating func decodeNil() throws -> Bool {
    guard !isAtEnd, decoder.text.isNull(elements[currentIndex]) else { return false }
    currentIndex += 1
    return true
  }

  mutating func decode(_ type: Bool.Type) throws -> Bool { try next(decoder.bool) }
  mutating func decode(_ type: String.Type) throws -> String { try next(decoder.string) }
  mutating func decode(_ type: Double.Type) throws -> Double { try next(decoder.double) }
  mutating func decode(_ type: Float.Type) throws -> Float { try next(decoder.float) }
  mutating func decode(_ type: Int.Type) throws -> Int { try integer() }
  mutating func decode(_ type: Int8.Type) throws -> Int8 { try integer() }
  mutating func decode(_ type: Int16.Type) throws -> Int16 { try integer() }
  mutating func decode(_ type: Int32.Type) throws -> Int32 { try integer() }
  mutating func decode(_ type: Int64.Type) throws -> Int64 { try integer() }
  mutating func decode(_ type: UInt.Type) throws -> UInt { try integer() }
  mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try integer() }
  mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try integer() }
  mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try integer() }
  mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try integer() }
  mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
    let decoder = self.decoder
    return try next { try decoder.unbox(type, from: $0) }
  }

  private mutating func integer<T: FixedWidthInteger>() throws -> T {
    let decoder = self.decoder
    return try next { try decoder.integer($0, as: T.self) }
  }

  mutating func nestedContainer<NestedKey: CodingKey>(
    keyedBy type: NestedKey.Type
  ) throws -> KeyedDecodingContainer<NestedKey> {
    let decoder = self.decoder
    return try next { nested in
      guard decoder.text.first(nested) == UInt8(ascii: "{") else {
        throw decoder.mismatch([String: Any].self, nested)
      }
      return KeyedDecodingContainer(
        _CanonicalKeyedContainer<NestedKey>(
          decoder: decoder, members: decoder.keep(decoder.text.members(of: nested))))
    }
  }

  mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
    let decoder = self.decoder
    return try next { nested in
      guard decoder.text.first(nested) == UInt8(ascii: "[") else {
        throw decoder.mismatch([Any].self, nested)
      }
      return _CanonicalUnkeyedContainer(
        decoder: decoder, elements: decoder.text.elements(of: nested))
    }
  }

  mutating func superDecoder() throws -> any Decoder { throw CanonicalText.notCanonical }
}
