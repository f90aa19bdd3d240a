/// Decodes any `Decodable` value from a `JSONValue` tree.
///
/// A missing key and `null` are the same for optionals. Integers decode into `Double` fields,
/// and a `.double` with no fraction decodes into integer fields; a Boolean is never a number.
/// Errors are `DecodingError`s with the coding path of the offending field and a short
/// English `debugDescription`; see `DecodingError.fieldPath` and `plainMessage`.
public struct JSONValueDecoder: Sendable {
  /// Context handed to `init(from:)` implementations as `decoder.userInfo`.
  public var userInfo: [CodingUserInfoKey: any Sendable] = [:]

  /// Makes a decoder with no user info.
  public init() {}

  /// Decodes a value of `type` from `value`.
  public func decode<T: Decodable>(_ type: T.Type, from value: JSONValue) throws -> T {
    try _Decoder(value: value, userInfo: userInfo).unbox(type)
  }
}

// MARK: - Messages

extension DecodingError {
  /// Where the problem is, as a field path for messages: `parties[2]`, `meeting.place`;
  /// empty when the whole value is at fault.
  public var fieldPath: String {
    var keys = context?.codingPath ?? []
    // The key that is missing is not part of the container's path, but it is the field.
    if case .keyNotFound(let key, _) = self { keys.append(key) }
    var path = ""
    for key in keys {
      if let index = key.intValue, key.stringValue == "Index \(index)" {
        path += "[\(index)]"
      } else {
        path += path.isEmpty ? key.stringValue : "." + key.stringValue
      }
    }
    return path
  }

  /// What is wrong, as a short sentence without the path: "expected a string, found a number".
  public var plainMessage: String {
    if case .keyNotFound = self { return "this field is required" }
    return context?.debugDescription ?? "the value could not be decoded"
  }

  private var context: Context? {
    switch self {
    case .typeMismatch(_, let context), .valueNotFound(_, let context),
      .keyNotFound(_, let context), .dataCorrupted(let context):
      return context
    @unknown default:
      return nil
    }
  }
}

// MARK: - Decoder

/// `[String].self`, looked up once: naming a generic type's metatype inside a generic function
/// asks the runtime's metadata cache each time, which was a sixth of decoding a record.
private let stringArrayType = ObjectIdentifier([String].self)

/// One level of decoding. The coding path is kept as a parent chain and built only when asked
/// for, since it is needed only for errors and by few `init(from:)` implementations.
final class _Decoder: Decoder {
  let value: JSONValue
  let parent: _Decoder?
  let key: (any CodingKey)?
  let sendableUserInfo: [CodingUserInfoKey: any Sendable]
  /// Which types are stored as text, shared by every level of one decoding.
  let readings: ReadingCache
  /// The members once `container(keyedBy:)` has checked the value is an object. Kept here so
  /// the container is a single reference, which is cheaper to pass around.
  fileprivate(set) var members: [String: JSONValue] = [:]

  init(value: JSONValue, userInfo: [CodingUserInfoKey: any Sendable]) {
    self.value = value
    parent = nil
    key = nil
    sendableUserInfo = userInfo
    readings = ReadingCache()
  }

  init(value: JSONValue, parent: _Decoder, key: any CodingKey) {
    self.value = value
    self.parent = parent
    self.key = key
    sendableUserInfo = parent.sendableUserInfo
    readings = parent.readings
  }

  var codingPath: [any CodingKey] {
    var path: [any CodingKey] = []
    var decoder: _Decoder? = self
    while let current = decoder, let key = current.key {
      path.append(key)
      decoder = current.parent
    }
    return path.reversed()
  }

  var userInfo: [CodingUserInfoKey: Any] { sendableUserInfo }

  func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
    guard case .object(let members) = value else {
      throw mismatch([String: JSONValue].self, expected: "an object", found: value, at: nil)
    }
    self.members = members
    return KeyedDecodingContainer(_KeyedDecodingContainer<Key>(decoder: self))
  }

  func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
    guard case .array(let elements) = value else {
      throw mismatch([JSONValue].self, expected: "an array", found: value, at: nil)
    }
    return _UnkeyedDecodingContainer(decoder: self, elements: elements)
  }

  func singleValueContainer() throws -> any SingleValueDecodingContainer { self }

  // MARK: Nested values

  /// Decodes this decoder's value as `type`.
  func unbox<T: Decodable>(_ type: T.Type) throws -> T {
    if Self.isPrimitive(type) { return try primitive(type, from: value, at: nil) }
    do {
      return try T(from: self)
    } catch DecodingError.dataCorrupted(let context)
      where context.codingPath.count == codingPathCount && T.self is any RawRepresentable.Type
      && context.debugDescription.hasPrefix("Cannot initialize \(T.self) from invalid")
    {
      // The standard library's message for an unknown raw value is for programmers; a type's
      // own message is kept.
      throw DecodingError.dataCorrupted(
        .init(
          codingPath: context.codingPath,
          debugDescription: unknownCaseMessage(T.self, found: value)))
    }
  }

  /// Decodes `value`, found at `key` inside this decoder's value, as `type`.
  func unbox<T: Decodable>(_ type: T.Type, from value: JSONValue, at key: any CodingKey) throws
    -> T
  {
    if Self.isPrimitive(type) { return try primitive(type, from: value, at: key) }
    // A value stored as text (a record's dates, codes and IDs are most of its fields) is
    // read from its string, without a decoder of its own.
    switch readings.reading(of: type) {
    case .text(let stored):
      return try read(stored, as: type, from: value, at: key)
    case .textList(let list):
      // As the list's own `init(from:)` would: an array, each element at its index.
      guard case .array(let elements) = value else {
        throw mismatch([JSONValue].self, expected: "an array", found: value, at: key)
      }
      let listDecoder = _Decoder(value: value, parent: self, key: key)
      return try listDecoder.readList(list, as: type, elements: elements)
    case .list, .decodable:
      return try _Decoder(value: value, parent: self, key: key).unbox(type)
    }
  }

  /// A list of values stored as text, this decoder's value (its elements given).
  private func readList<List: StoredAsTextList, T>(
    _ list: List.Type, as type: T.Type, elements: [JSONValue]
  ) throws -> T {
    sameType(try List.read(elements, with: self), as: type)
  }

  /// A value stored as text, with the errors its `init(from:)` would give: the string's
  /// mismatch, the parser's reason, or for an enum the values it allows.
  func read<Stored: StoredAsText, T>(
    _ stored: Stored.Type, as type: T.Type, from value: JSONValue, at key: any CodingKey
  ) throws -> T {
    let text = try string(value, at: key)
    do {
      return sameType(try Stored(storedText: text), as: type)
    } catch let error as DecodingError {
      guard case .dataCorrupted = error, Stored.self is any RawRepresentable.Type else {
        throw error
      }
      throw DecodingError.dataCorrupted(
        .init(
          codingPath: path(appending: key),
          debugDescription: unknownCaseMessage(Stored.self, found: value)))
    } catch {
      throw DecodingError.dataCorrupted(
        .init(codingPath: path(appending: key), debugDescription: "\(error)"))
    }
  }

  /// Whether `type` is one JSON has directly, decoded by `primitive` without a nested
  /// decoder. Comparing metatypes is cheap and spares a nested decoder for each string in an
  /// array. (Kept apart from `primitive` so that the other types never make an optional of
  /// themselves, which costs a lookup in the runtime's metadata cache.)
  static func isPrimitive(_ type: Any.Type) -> Bool {
    type == String.self || type == Int.self || type == Double.self || type == Bool.self
      || type == JSONValue.self || ObjectIdentifier(type) == stringArrayType
  }

  /// The value of a type `isPrimitive` accepts.
  func primitive<T: Decodable>(_ type: T.Type, from value: JSONValue, at key: (any CodingKey)?)
    throws -> T
  {
    let decoded: Any
    if T.self == String.self {
      decoded = try string(value, at: key)
    } else if T.self == Int.self {
      decoded = try integer(value, as: Int.self, at: key)
    } else if T.self == Double.self {
      decoded = try double(value, at: key)
    } else if T.self == Bool.self {
      decoded = try bool(value, at: key)
    } else if T.self == JSONValue.self {
      decoded = value
    } else {
      // Arrays of strings are common in records, and the standard library's way decodes
      // each element through a nested decoder of its own.
      decoded = try stringArray(value, at: key)
    }
    guard let typed = decoded as? T else {
      preconditionFailure("\(T.self) is not a type primitive decodes")
    }
    return typed
  }

  private var codingPathCount: Int {
    var count = 0
    var decoder: _Decoder? = self
    while let current = decoder, current.key != nil {
      count += 1
      decoder = current.parent
    }
    return count
  }

  private func unknownCaseMessage(_ type: Any.Type, found value: JSONValue) -> String {
    let found = foundDescription(value)
    guard let type = type as? any (CaseIterable & RawRepresentable).Type else {
      return "\(found) is not an allowed value"
    }
    let allowed = rawValues(of: type).map { "'\($0)'" }
    guard !allowed.isEmpty else { return "\(found) is not an allowed value" }
    return "expected one of \(allowed.listed("or")), found \(found)"
  }

  private func rawValues<T: CaseIterable & RawRepresentable>(of type: T.Type) -> [String] {
    T.allCases.map { "\($0.rawValue)" }
  }

  // MARK: Scalars

  func string(_ value: JSONValue, at key: (any CodingKey)?) throws -> String {
    guard case .string(let text) = value else {
      throw mismatch(String.self, expected: "a string", found: value, at: key)
    }
    return text
  }

  func stringArray(_ value: JSONValue, at key: (any CodingKey)?) throws -> [String] {
    guard case .array(let elements) = value else {
      throw mismatch([String].self, expected: "an array", found: value, at: key)
    }
    var strings: [String] = []
    strings.reserveCapacity(elements.count)
    for (index, element) in elements.enumerated() {
      guard case .string(let text) = element else {
        let elementPath = path(appending: key) + [_JSONKey(index: index)]
        throw mismatch(String.self, expected: "a string", found: element, path: elementPath)
      }
      strings.append(text)
    }
    return strings
  }

  func bool(_ value: JSONValue, at key: (any CodingKey)?) throws -> Bool {
    guard case .bool(let flag) = value else {
      throw mismatch(Bool.self, expected: "true or false", found: value, at: key)
    }
    return flag
  }

  func double(_ value: JSONValue, at key: (any CodingKey)?) throws -> Double {
    switch value {
    case .double(let number): return number
    case .integer(let number): return Double(number)
    default: throw mismatch(Double.self, expected: "a number", found: value, at: key)
    }
  }

  func float(_ value: JSONValue, at key: (any CodingKey)?) throws -> Float {
    let number = try double(value, at: key)
    let narrowed = Float(number)
    guard narrowed.isFinite else {
      throw DecodingError.dataCorrupted(
        .init(
          codingPath: path(appending: key), debugDescription: "the number \(number) is too large"))
    }
    return narrowed
  }

  func integer<T: FixedWidthInteger>(_ value: JSONValue, as type: T.Type, at key: (any CodingKey)?)
    throws -> T
  {
    switch value {
    case .integer(let number):
      if let exact = T(exactly: number) { return exact }
    case .double(let number):
      if let exact = T(exactly: number) { return exact }
      guard number.rounded(.towardZero) == number else {
        throw mismatch(T.self, expected: "a whole number", found: value, at: key)
      }
    default:
      throw mismatch(T.self, expected: "a whole number", found: value, at: key)
    }
    throw DecodingError.dataCorrupted(
      .init(
        codingPath: path(appending: key),
        debugDescription: "expected a whole number from \(T.min) to \(T.max), found \(value)"))
  }

  // MARK: Errors

  func path(appending key: (any CodingKey)?) -> [any CodingKey] {
    guard let key else { return codingPath }
    return codingPath + [key]
  }

  /// `typeMismatch`, or `valueNotFound` when the value is `null`, with a message such as
  /// "expected a string, found a number".
  func mismatch(
    _ type: Any.Type, expected: String, found value: JSONValue, at key: (any CodingKey)?
  ) -> DecodingError {
    mismatch(type, expected: expected, found: value, path: path(appending: key))
  }

  func mismatch(
    _ type: Any.Type, expected: String, found value: JSONValue, path: [any CodingKey]
  ) -> DecodingError {
    let context = DecodingError.Context(
      codingPath: path,
      debugDescription: "expected \(expected), found \(foundDescription(value))")
    if value.isNull { return DecodingError.valueNotFound(type, context) }
    return DecodingError.typeMismatch(type, context)
  }

  /// The value as a message names it: strings and numbers by value, others by kind.
  func foundDescription(_ value: JSONValue) -> String {
    switch value {
    case .string(let text): return text.utf8.count <= 40 ? "'\(text)'" : "a string"
    case .integer, .double: return "\(value)"
    case .bool(let flag): return "\(flag)"
    case .null, .array, .object: return value.kindDescription
    }
  }
}

// MARK: - Single value

extension _Decoder: SingleValueDecodingContainer {
  func decodeNil() -> Bool { value.isNull }
  func decode(_ type: Bool.Type) throws -> Bool { try bool(value, at: nil) }
  func decode(_ type: String.Type) throws -> String { try string(value, at: nil) }
  func decode(_ type: Double.Type) throws -> Double { try double(value, at: nil) }
  func decode(_ type: Float.Type) throws -> Float { try float(value, at: nil) }
  func decode(_ type: Int.Type) throws -> Int { try integer(value, as: type, at: nil) }
  func decode(_ type: Int8.Type) throws -> Int8 { try integer(value, as: type, at: nil) }
  func decode(_ type: Int16.Type) throws -> Int16 { try integer(value, as: type, at: nil) }
  func decode(_ type: Int32.Type) throws -> Int32 { try integer(value, as: type, at: nil) }
  func decode(_ type: Int64.Type) throws -> Int64 { try integer(value, as: type, at: nil) }
  func decode(_ type: UInt.Type) throws -> UInt { try integer(value, as: type, at: nil) }
  func decode(_ type: UInt8.Type) throws -> UInt8 { try integer(value, as: type, at: nil) }
  func decode(_ type: UInt16.Type) throws -> UInt16 { try integer(value, as: type, at: nil) }
  func decode(_ type: UInt32.Type) throws -> UInt32 { try integer(value, as: type, at: nil) }
  func decode(_ type: UInt64.Type) throws -> UInt64 { try integer(value, as: type, at: nil) }
  func decode<T: Decodable>(_ type: T.Type) throws -> T { try unbox(type) }
}

// MARK: - Keyed

struct _KeyedDecodingContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
  let decoder: _Decoder

  private var members: [String: JSONValue] { decoder.members }

  var codingPath: [any CodingKey] { decoder.codingPath }
  var allKeys: [Key] { members.keys.compactMap { Key(stringValue: $0) } }

  func contains(_ key: Key) -> Bool { members[key.stringValue] != nil }

  /// A missing member counts as `null`, so optionals treat both the same.
  func decodeNil(forKey key: Key) throws -> Bool { members[key.stringValue]?.isNull ?? true }

  private func value(for key: Key) throws -> JSONValue {
    guard let value = members[key.stringValue] else {
      throw DecodingError.keyNotFound(
        key, .init(codingPath: codingPath, debugDescription: "this field is required"))
    }
    return value
  }

  /// The member, or `nil` when it is missing or `null`.
  private func presentValue(for key: Key) -> JSONValue? {
    guard let value = members[key.stringValue], !value.isNull else { return nil }
    return value
  }

  func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool {
    try decoder.bool(value(for: key), at: key)
  }
  func decode(_ type: String.Type, forKey key: Key) throws -> String {
    // Matching in place spares copying the member out for the common case.
    if case .string(let text)? = members[key.stringValue] { return text }
    return try decoder.string(value(for: key), at: key)
  }
  func decode(_ type: Double.Type, forKey key: Key) throws -> Double {
    try decoder.double(value(for: key), at: key)
  }
  func decode(_ type: Float.Type, forKey key: Key) throws -> Float {
    try decoder.float(value(for: key), at: key)
  }
  func decode(_ type: Int.Type, forKey key: Key) throws -> Int {
    try decoder.integer(value(for: key), as: type, at: key)
  }
  func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 {
    try decoder.integer(value(for: key), as: type, at: key)
  }
  func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 {
    try decoder.integer(value(for: key), as: type, at: key)
  }
  func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 {
    try decoder.integer(value(for: key), as: type, at: key)
  }
  func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 {
    try decoder.integer(value(for: key), as: type, at: key)
  }
  func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt {
    try decoder.integer(value(for: key), as: type, at: key)
  }
  func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 {
    try decoder.integer(value(for: key), as: type, at: key)
  }
  func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 {
    try decoder.integer(value(for: key), as: type, at: key)
  }
  func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 {
    try decoder.integer(value(for: key), as: type, at: key)
  }
  func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 {
    try decoder.integer(value(for: key), as: type, at: key)
  }
  func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
    try decoder.unbox(type, from: value(for: key), at: key)
  }

  // One lookup instead of the default's three (contains, decodeNil, decode) for the
  // optionals records are full of.
  func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? {
    switch members[key.stringValue] {
    case .string(let text)?: return text
    case nil, .null?: return nil
    case let other?: return try decoder.string(other, at: key)
    }
  }
  func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? {
    try presentValue(for: key).map { try decoder.bool($0, at: key) }
  }
  func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? {
    try presentValue(for: key).map { try decoder.integer($0, as: type, at: key) }
  }
  func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? {
    try presentValue(for: key).map { try decoder.double($0, at: key) }
  }
  func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
    // Not `Optional.map`: a generic closure over an optional of `T` asks the runtime's
    // metadata cache on every call.
    guard let value = presentValue(for: key) else { return nil }
    return try decoder.unbox(type, from: value, at: key)
  }

  func nestedContainer<NestedKey: CodingKey>(
    keyedBy type: NestedKey.Type, forKey key: Key
  ) throws -> KeyedDecodingContainer<NestedKey> {
    try _Decoder(value: value(for: key), parent: decoder, key: key).container(keyedBy: type)
  }

  func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
    try _Decoder(value: value(for: key), parent: decoder, key: key).unkeyedContainer()
  }

  func superDecoder() throws -> any Decoder {
    let key = _JSONKey(stringValue: "super")
    return _Decoder(value: members[key.stringValue] ?? .null, parent: decoder, key: key)
  }

  func superDecoder(forKey key: Key) throws -> any Decoder {
    _Decoder(value: members[key.stringValue] ?? .null, parent: decoder, key: key)
  }
}

// MARK: - Unkeyed

struct _UnkeyedDecodingContainer: UnkeyedDecodingContainer {
  let decoder: _Decoder
  let elements: [JSONValue]
  private(set) var currentIndex = 0

  init(decoder: _Decoder, elements: [JSONValue]) {
    self.decoder = decoder
    self.elements = elements
  }

  var codingPath: [any CodingKey] { decoder.codingPath }
  var count: Int? { elements.count }
  var isAtEnd: Bool { currentIndex >= elements.count }

  private var currentKey: _JSONKey { _JSONKey(index: currentIndex) }

  /// The next element, without moving past it.
  private func peek(_ type: Any.Type) throws -> JSONValue {
    guard !isAtEnd else {
      throw DecodingError.valueNotFound(
        type,
        .init(
          codingPath: decoder.path(appending: currentKey),
          debugDescription: "expected another element, found the end of the array"))
    }
    return elements[currentIndex]
  }

  /// Decodes the next element with `body` and moves past it only when that succeeds.
  /// `body` gets the decoder as an argument, since a closure may not capture a struct that
  /// is being mutated.
  private mutating func next<T>(
    _ body: (_Decoder, JSONValue, _JSONKey) throws -> T
  ) throws -> T {
    let result = try body(decoder, peek(T.self), currentKey)
    currentIndex += 1
    return result
  }

  mutating func decodeNil() throws -> Bool {
    guard try peek(Never.self).isNull else { return false }
    currentIndex += 1
    return true
  }

  mutating func decode(_ type: Bool.Type) throws -> Bool { try next { try $0.bool($1, at: $2) } }
  mutating func decode(_ type: String.Type) throws -> String {
    try next { try $0.string($1, at: $2) }
  }
  mutating func decode(_ type: Double.Type) throws -> Double {
    try next { try $0.double($1, at: $2) }
  }
  mutating func decode(_ type: Float.Type) throws -> Float { try next { try $0.float($1, at: $2) } }
  mutating func decode(_ type: Int.Type) throws -> Int { try next(Self.integer) }
  mutating func decode(_ type: Int8.Type) throws -> Int8 { try next(Self.integer) }
  mutating func decode(_ type: Int16.Type) throws -> Int16 { try next(Self.integer) }
  mutating func decode(_ type: Int32.Type) throws -> Int32 { try next(Self.integer) }
  mutating func decode(_ type: Int64.Type) throws -> Int64 { try next(Self.integer) }
  mutating func decode(_ type: UInt.Type) throws -> UInt { try next(Self.integer) }
  mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try next(Self.integer) }
  mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try next(Self.integer) }
  mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try next(Self.integer) }
  mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try next(Self.integer) }
  mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
    try next { try $0.unbox(type, from: $1, at: $2) }
  }

  private static func integer<T: FixedWidthInteger>(
    _ decoder: _Decoder, _ value: JSONValue, _ key: _JSONKey
  ) throws -> T {
    try decoder.integer(value, as: T.self, at: key)
  }

  mutating func nestedContainer<NestedKey: CodingKey>(
    keyedBy type: NestedKey.Type
  ) throws -> KeyedDecodingContainer<NestedKey> {
    try next { try _Decoder(value: $1, parent: $0, key: $2).container(keyedBy: type) }
  }

  mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
    try next { try _Decoder(value: $1, parent: $0, key: $2).unkeyedContainer() }
  }

  mutating func superDecoder() throws -> any Decoder {
    try next { _Decoder(value: $1, parent: $0, key: $2) }
  }
}
