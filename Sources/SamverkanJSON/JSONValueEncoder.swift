/// Encodes any `Encodable` value into a `JSONValue` tree.
///
/// Optionals that are `nil` are left out by synthesized `encode(to:)` (it calls
/// `encodeIfPresent`); an explicit `encodeNil` writes `null`. Doubles that are not finite have
/// no JSON form and are an `EncodingError.invalidValue`.
public struct JSONValueEncoder: Sendable {
  /// Context handed to `encode(to:)` implementations as `encoder.userInfo`.
  public var userInfo: [CodingUserInfoKey: any Sendable] = [:]

  /// Makes an encoder with no user info.
  public init() {}

  /// The value as a JSON tree.
  public func encode<T: Encodable>(_ value: T) throws -> JSONValue {
    try _Encoder(userInfo: userInfo).box(value)
  }

  /// The members of a value that encodes as an object, in the order encoded (a later member
  /// of a key replaces an earlier one), without building the object: for a caller that
  /// writes them at once (`JSONWriter.writeObject`). Nil for a value that is no object.
  public func encodeMembers<T: Encodable>(_ value: T) throws -> [(key: String, value: JSONValue)]? {
    try _Encoder(userInfo: userInfo).boxMembers(value)
  }
}

/// A value whose stored members are followed by members derived from them (a SIP's
/// `state`): written for readers such as jq and spreadsheets, never read back, so its
/// `Codable` can stay synthesized. A derived member replaces a stored one of the same key.
/// Only the value handed to `JSONValueEncoder.encode` (a record) is asked.
public protocol EncodesDerivedMembers: Encodable {
  /// Writes the derived members into `encoder`'s keyed container.
  func encodeDerivedMembers(to encoder: any Encoder) throws
}

// MARK: - Encoder

/// One level of encoding: the value being built, and where it sits. A class, because
/// containers handed out keep writing into it after they are returned. The coding path is kept
/// as a parent chain and built only when asked for, since only errors and few `encode(to:)`
/// implementations need it.
final class _Encoder: Encoder {
  enum Content {
    case empty
    case single(JSONValue)
    /// Members in the order encoded; built into a dictionary once, at the end.
    case object([(key: String, value: JSONValue)])
    case array([JSONValue])
  }

  var content = Content.empty
  /// Encoders for containers made by `nestedContainer` or `superEncoder`, which keep being
  /// written after the call returns, so they are read only when the value is finished.
  var pendingMembers: [(String, _Encoder)] = []
  var pendingElements: [(Int, _Encoder)] = []

  let parent: _Encoder?
  let key: (any CodingKey)?
  let sendableUserInfo: [CodingUserInfoKey: any Sendable]
  /// Which types are stored as text, shared by every level of one encoding.
  let readings: ReadingCache

  init(userInfo: [CodingUserInfoKey: any Sendable]) {
    parent = nil
    key = nil
    sendableUserInfo = userInfo
    readings = ReadingCache()
  }

  init(parent: _Encoder, key: any CodingKey) {
    self.parent = parent
    self.key = key
    sendableUserInfo = parent.sendableUserInfo
    readings = parent.readings
  }

  var codingPath: [any CodingKey] {
    var path: [any CodingKey] = []
    var encoder: _Encoder? = self
    while let current = encoder, let key = current.key {
      path.append(key)
      encoder = current.parent
    }
    return path.reversed()
  }

  var userInfo: [CodingUserInfoKey: Any] { sendableUserInfo }

  func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
    // Asking again (as a subclass and its superclass both do) keeps the members written.
    if case .object = content {
    } else {
      // Room for a typical record at once, rather than growing 1, 2, 4, 8, 16.
      var members: [(key: String, value: JSONValue)] = []
      members.reserveCapacity(16)
      content = .object(members)
    }
    return KeyedEncodingContainer(_KeyedEncodingContainer<Key>(encoder: self))
  }

  func unkeyedContainer() -> any UnkeyedEncodingContainer {
    if case .array = content {} else { content = .array([]) }
    return _UnkeyedEncodingContainer(encoder: self)
  }

  func singleValueContainer() -> any SingleValueEncodingContainer { self }

  /// The finished value, or `nil` when nothing was encoded.
  func finish() -> JSONValue? {
    switch content {
    case .empty:
      return nil
    case .single(let value):
      return value
    case .object(var members):
      for (key, encoder) in pendingMembers {
        members.append((key, encoder.finish() ?? .object([:])))
      }
      var object = [String: JSONValue](minimumCapacity: members.count)
      for (key, value) in members { object[key] = value }
      return .object(object)
    case .array(var elements):
      for (position, encoder) in pendingElements {
        elements[position] = encoder.finish() ?? .object([:])
      }
      return .array(elements)
    }
  }

  // MARK: Nested values

  /// Encodes a value with this encoder and returns the result.
  func box<T: Encodable>(_ value: T) throws -> JSONValue {
    if let primitive = try primitive(value, at: nil) { return primitive }
    try value.encode(to: self)
    if parent == nil, let derived = value as? any EncodesDerivedMembers {
      try derived.encodeDerivedMembers(to: self)
    }
    guard let result = finish() else {
      throw EncodingError.invalidValue(
        value, .init(codingPath: codingPath, debugDescription: "\(T.self) encoded no value"))
    }
    return result
  }

  /// Encodes `value` with this encoder and returns its members, if it is an object.
  func boxMembers<T: Encodable>(_ value: T) throws -> [(key: String, value: JSONValue)]? {
    if try primitive(value, at: nil) != nil { return nil }
    try value.encode(to: self)
    if let derived = value as? any EncodesDerivedMembers {
      try derived.encodeDerivedMembers(to: self)
    }
    guard case .object(var members) = content else { return nil }
    for (key, encoder) in pendingMembers {
      members.append((key, encoder.finish() ?? .object([:])))
    }
    return members
  }

  /// Encodes `value` as a child at `key`: a value stored as text is its string, without an
  /// encoder of its own (a record's dates, codes and IDs are most of its fields).
  func box<T: Encodable>(_ value: T, at key: any CodingKey) throws -> JSONValue {
    if let primitive = try primitive(value, at: key) { return primitive }
    switch readings.reading(of: T.self) {
    case .text(let stored): return .string(storedText(of: value, as: stored))
    case .textList(let list): return .array(storedTexts(of: value, as: list))
    case .list, .decodable: return try _Encoder(parent: self, key: key).box(value)
    }
  }

  /// The JSON value of strings, numbers, Booleans and `JSONValue` itself, or `nil` for others.
  /// Comparing metatypes is cheap; casting is done only once one matches.
  func primitive<T: Encodable>(_ value: T, at key: (any CodingKey)?) throws -> JSONValue? {
    if T.self == String.self, let text = value as? String { return .string(text) }
    if T.self == Int.self, let number = value as? Int { return .integer(number) }
    if T.self == Bool.self, let flag = value as? Bool { return .bool(flag) }
    if T.self == Double.self, let number = value as? Double {
      return try double(number, at: key)
    }
    if T.self == JSONValue.self, let json = value as? JSONValue { return json }
    // Arrays of strings are common in records, and the standard library's way encodes each
    // element through a nested encoder of its own.
    if T.self == [String].self, let strings = value as? [String] {
      return .array(strings.map { .string($0) })
    }
    return nil
  }

  /// A finite double, or the error JSON's lack of `nan` and infinity calls for.
  func double(_ number: Double, at key: (any CodingKey)?) throws -> JSONValue {
    guard number.isFinite else {
      var path = codingPath
      if let key { path.append(key) }
      throw EncodingError.invalidValue(
        number, .init(codingPath: path, debugDescription: "\(number) cannot be written as JSON"))
    }
    return .double(number)
  }

  /// An integer that fits `Int` as `.integer`, any other as `.double` (as the parser reads it).
  func integer<T: BinaryInteger>(_ number: T) -> JSONValue {
    if let exact = Int(exactly: number) { return .integer(exact) }
    return .double(Double(number))
  }
}

// MARK: - Single value

extension _Encoder: SingleValueEncodingContainer {
  private func set(_ value: JSONValue) { content = .single(value) }

  func encodeNil() throws { set(.null) }
  func encode(_ value: Bool) throws { set(.bool(value)) }
  func encode(_ value: String) throws { set(.string(value)) }
  func encode(_ value: Double) throws { set(try double(value, at: nil)) }
  func encode(_ value: Float) throws { set(try double(Double(value), at: nil)) }
  func encode(_ value: Int) throws { set(.integer(value)) }
  func encode(_ value: Int8) throws { set(.integer(Int(value))) }
  func encode(_ value: Int16) throws { set(.integer(Int(value))) }
  func encode(_ value: Int32) throws { set(.integer(Int(value))) }
  func encode(_ value: Int64) throws { set(integer(value)) }
  func encode(_ value: UInt) throws { set(integer(value)) }
  func encode(_ value: UInt8) throws { set(.integer(Int(value))) }
  func encode(_ value: UInt16) throws { set(.integer(Int(value))) }
  func encode(_ value: UInt32) throws { set(integer(value)) }
  func encode(_ value: UInt64) throws { set(integer(value)) }

  func encode<T: Encodable>(_ value: T) throws {
    if let primitive = try primitive(value, at: nil) { return set(primitive) }
    try value.encode(to: self)
  }
}

// MARK: - Keyed

struct _KeyedEncodingContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
  let encoder: _Encoder

  var codingPath: [any CodingKey] { encoder.codingPath }

  private func set(_ value: JSONValue, for key: Key) {
    guard case .object(var members) = encoder.content else { return }
    // Clearing the enum first leaves the array uniquely referenced, so appending is in place.
    encoder.content = .empty
    members.append((key.stringValue, value))
    encoder.content = .object(members)
  }

  mutating func encodeNil(forKey key: Key) throws { set(.null, for: key) }
  mutating func encode(_ value: Bool, forKey key: Key) throws { set(.bool(value), for: key) }
  mutating func encode(_ value: String, forKey key: Key) throws { set(.string(value), for: key) }
  mutating func encode(_ value: Double, forKey key: Key) throws {
    set(try encoder.double(value, at: key), for: key)
  }
  mutating func encode(_ value: Float, forKey key: Key) throws {
    set(try encoder.double(Double(value), at: key), for: key)
  }
  mutating func encode(_ value: Int, forKey key: Key) throws { set(.integer(value), for: key) }
  mutating func encode(_ value: Int8, forKey key: Key) throws {
    set(.integer(Int(value)), for: key)
  }
  mutating func encode(_ value: Int16, forKey key: Key) throws {
    set(.integer(Int(value)), for: key)
  }
  mutating func encode(_ value: Int32, forKey key: Key) throws {
    set(.integer(Int(value)), for: key)
  }
  mutating func encode(_ value: Int64, forKey key: Key) throws {
    set(encoder.integer(value), for: key)
  }
  mutating func encode(_ value: UInt, forKey key: Key) throws {
    set(encoder.integer(value), for: key)
  }
  mutating func encode(_ value: UInt8, forKey key: Key) throws {
    set(.integer(Int(value)), for: key)
  }
  mutating func encode(_ value: UInt16, forKey key: Key) throws {
    set(.integer(Int(value)), for: key)
  }
  mutating func encode(_ value: UInt32, forKey key: Key) throws {
    set(encoder.integer(value), for: key)
  }
  mutating func encode(_ value: UInt64, forKey key: Key) throws {
    set(encoder.integer(value), for: key)
  }
  mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
    set(try encoder.box(value, at: key), for: key)
  }

  mutating func nestedContainer<NestedKey: CodingKey>(
    keyedBy keyType: NestedKey.Type, forKey key: Key
  ) -> KeyedEncodingContainer<NestedKey> {
    pendingEncoder(for: key).container(keyedBy: keyType)
  }

  mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
    pendingEncoder(for: key).unkeyedContainer()
  }

  mutating func superEncoder() -> any Encoder {
    pendingEncoder(for: _JSONKey(stringValue: "super"))
  }

  mutating func superEncoder(forKey key: Key) -> any Encoder { pendingEncoder(for: key) }

  /// An encoder whose value becomes the member `key` when the whole value is finished.
  private func pendingEncoder(for key: any CodingKey) -> _Encoder {
    let child = _Encoder(parent: encoder, key: key)
    encoder.pendingMembers.append((key.stringValue, child))
    return child
  }
}

// MARK: - Unkeyed

struct _UnkeyedEncodingContainer: UnkeyedEncodingContainer {
  let encoder: _Encoder

  var codingPath: [any CodingKey] { encoder.codingPath }

  var count: Int {
    guard case .array(let elements) = encoder.content else { return 0 }
    return elements.count
  }

  private func append(_ value: JSONValue) {
    guard case .array(var elements) = encoder.content else { return }
    // Clearing the enum first leaves the array uniquely referenced, so appending is in place.
    encoder.content = .empty
    elements.append(value)
    encoder.content = .array(elements)
  }

  private var nextKey: _JSONKey { _JSONKey(index: count) }

  mutating func encodeNil() throws { append(.null) }
  mutating func encode(_ value: Bool) throws { append(.bool(value)) }
  mutating func encode(_ value: String) throws { append(.string(value)) }
  mutating func encode(_ value: Double) throws { append(try encoder.double(value, at: nextKey)) }
  mutating func encode(_ value: Float) throws {
    append(try encoder.double(Double(value), at: nextKey))
  }
  mutating func encode(_ value: Int) throws { append(.integer(value)) }
  mutating func encode(_ value: Int8) throws { append(.integer(Int(value))) }
  mutating func encode(_ value: Int16) throws { append(.integer(Int(value))) }
  mutating func encode(_ value: Int32) throws { append(.integer(Int(value))) }
  mutating func encode(_ value: Int64) throws { append(encoder.integer(value)) }
  mutating func encode(_ value: UInt) throws { append(encoder.integer(value)) }
  mutating func encode(_ value: UInt8) throws { append(.integer(Int(value))) }
  mutating func encode(_ value: UInt16) throws { append(.integer(Int(value))) }
  mutating func encode(_ value: UInt32) throws { append(encoder.integer(value)) }
  mutating func encode(_ value: UInt64) throws { append(encoder.integer(value)) }
  mutating func encode<T: Encodable>(_ value: T) throws {
    append(try encoder.box(value, at: nextKey))
  }

  mutating func nestedContainer<NestedKey: CodingKey>(
    keyedBy keyType: NestedKey.Type
  ) -> KeyedEncodingContainer<NestedKey> {
    pendingEncoder().container(keyedBy: keyType)
  }

  mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
    pendingEncoder().unkeyedContainer()
  }

  mutating func superEncoder() -> any Encoder { pendingEncoder() }

  /// An encoder whose value fills the next element when the whole value is finished.
  private func pendingEncoder() -> _Encoder {
    let position = count
    let child = _Encoder(parent: encoder, key: _JSONKey(index: position))
    append(.null)
    encoder.pendingElements.append((position, child))
    return child
  }
}

// MARK: - Keys

/// A key made at run time: array positions (`Index 2`) and `super`.
struct _JSONKey: CodingKey {
  private let name: String?
  let intValue: Int?

  init(stringValue: String) {
    name = stringValue
    intValue = nil
  }

  init(intValue: Int) { self.init(index: intValue) }

  init(index: Int) {
    name = nil
    intValue = index
  }

  /// Made only when asked for, since most keys are never printed.
  var stringValue: String { name ?? "Index \(intValue ?? 0)" }
}
