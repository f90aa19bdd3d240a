/// A value a record field takes when stored or imported JSON leaves the field out (or gives
/// `null`): an empty list, `false`, a state a record begins in.
///
/// This is the one place absent lists and flags are normalised, for the store's records, a
/// verb's reading and an import row alike: a field declared `@Defaulted` decodes to this
/// value when absent, and its record's `Codable` stays synthesized.
public protocol ValueWhenAbsent: Codable, Equatable {
  /// What the field is when it is left out.
  static var whenAbsent: Self { get }
}

extension Array: ValueWhenAbsent where Element: Codable & Equatable {
  /// An absent list is empty.
  public static var whenAbsent: [Element] { [] }
}

extension Bool: ValueWhenAbsent {
  /// An absent flag is false.
  public static var whenAbsent: Bool { false }
}

/// What the field wrappers share: outside a record (where the overloads below do not
/// apply) each is coded as the value it wraps.
public protocol FieldWrapper: Codable {
  /// The field's own type: `[ConsentReview]`, `Bool`.
  associatedtype Wrapped: Codable
  /// The field's value.
  var wrappedValue: Wrapped { get }
  /// A field holding `wrappedValue`.
  init(wrappedValue: Wrapped)
}

extension FieldWrapper {
  public init(from decoder: any Decoder) throws {
    self.init(wrappedValue: try decoder.singleValueContainer().decode(Wrapped.self))
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(wrappedValue)
  }
}

/// A record field that reads as `Value.whenAbsent` when left out, and is always written.
@propertyWrapper
public struct Defaulted<Value: ValueWhenAbsent>: FieldWrapper, Equatable {
  public var wrappedValue: Value

  public init(wrappedValue: Value) { self.wrappedValue = wrappedValue }
}

/// A list field that reads as empty when left out and is written only when it holds
/// something, so records from before the field read and write as they did.
@propertyWrapper
public struct OmittedWhenEmpty<Element: Codable & Equatable>: FieldWrapper, Equatable {
  public var wrappedValue: [Element]

  public init(wrappedValue: [Element]) { self.wrappedValue = wrappedValue }
}

extension Defaulted: Sendable where Value: Sendable {}

extension OmittedWhenEmpty: Sendable where Element: Sendable {}

/// A whole number that counts from one (a plan's version, an escalation's level) and is
/// one when left out.
@propertyWrapper
public struct CountsFromOne: FieldWrapper, Sendable, Equatable {
  public var wrappedValue: Int

  public init(wrappedValue: Int) { self.wrappedValue = wrappedValue }
}

// Synthesized `Codable` calls these for the wrapped fields: they read the value itself at the
// field's key (so a wrong value's error names the field, as before), default it when absent,
// and write the value itself.

extension KeyedDecodingContainer {
  public func decode<Value>(_ type: Defaulted<Value>.Type, forKey key: Key) throws
    -> Defaulted<Value>
  {
    Defaulted(wrappedValue: try decodeIfPresent(Value.self, forKey: key) ?? .whenAbsent)
  }

  public func decode<Element>(_ type: OmittedWhenEmpty<Element>.Type, forKey key: Key) throws
    -> OmittedWhenEmpty<Element>
  {
    OmittedWhenEmpty(wrappedValue: try decodeIfPresent([Element].self, forKey: key) ?? [])
  }

  public func decode(_ type: CountsFromOne.Type, forKey key: Key) throws -> CountsFromOne {
    CountsFromOne(wrappedValue: try decodeIfPresent(Int.self, forKey: key) ?? 1)
  }
}

extension KeyedEncodingContainer {
  public mutating func encode<Value>(_ value: Defaulted<Value>, forKey key: Key) throws {
    try encode(value.wrappedValue, forKey: key)
  }

  public mutating func encode<Element>(_ value: OmittedWhenEmpty<Element>, forKey key: Key)
    throws
  {
    if !value.wrappedValue.isEmpty { try encode(value.wrappedValue, forKey: key) }
  }

  public mutating func encode(_ value: CountsFromOne, forKey key: Key) throws {
    try encode(value.wrappedValue, forKey: key)
  }
}
