import Synchronization

/// A value stored as one JSON string, which `init(storedText:)` reads and `storedText` is:
/// a date, a person number, an ID, a code. The decoders read such a value, and
/// `CanonicalDecoder` a list of them, with it directly, and `JSONValueEncoder` writes it
/// directly: past the `Codable` containers that cost a record most of its decoding and
/// encoding time.
///
/// The type's `init(from:)` and `encode(to:)` must do the same: decode the string and hand it
/// to `init(storedText:)`, encode `storedText` (the domain's text types do), or, for a
/// string-backed enum, be the standard library's, which read and write the raw value as the
/// defaults below do.
public protocol StoredAsText: Codable {
  /// The value the stored string is; throws when the string is not one.
  init(storedText: String) throws
  /// The string the value is stored as.
  var storedText: String { get }
}

extension StoredAsText where Self: RawRepresentable, RawValue == String {
  /// A string-backed enum's case, by raw value, as its `init(from:)` reads it. (Inlinable, so
  /// that each enum's conformance has its own copy: the generic one looks up `Self?` at run
  /// time on every call.)
  @inlinable
  public init(storedText: String) throws {
    guard let value = Self(rawValue: storedText) else {
      throw DecodingError.dataCorrupted(
        .init(
          codingPath: [],
          debugDescription: "Cannot initialize \(Self.self) from invalid String value \(storedText)"
        ))
    }
    self = value
  }

  /// A string-backed enum's raw value, as its `encode(to:)` writes it.
  @inlinable
  public var storedText: String { rawValue }
}

/// A list of values stored as text, which the coders read and write element by element,
/// without the list's containers.
protocol StoredAsTextList {
  static func read(_ elements: [Range<Int>], with decoder: _CanonicalDecoder) throws -> Self
  /// The list from the elements of a JSON array; `decoder` is the list's own.
  static func read(_ elements: [JSONValue], with decoder: _Decoder) throws -> Self
  /// The list's elements as JSON strings.
  static func strings(of list: Self) -> [JSONValue]
}

extension Array: StoredAsTextList where Element: StoredAsText {
  static func read(_ elements: [Range<Int>], with decoder: _CanonicalDecoder) throws -> [Element] {
    var list: [Element] = []
    list.reserveCapacity(elements.count)
    for element in elements {
      list.append(try decoder.read(Element.self, from: element))
    }
    return list
  }

  static func read(_ elements: [JSONValue], with decoder: _Decoder) throws -> [Element] {
    var list: [Element] = []
    list.reserveCapacity(elements.count)
    for (index, element) in elements.enumerated() {
      list.append(
        try decoder.read(Element.self, as: Element.self, from: element, at: _JSONKey(index: index)))
    }
    return list
  }

  static func strings(of list: [Element]) -> [JSONValue] {
    list.map { .string($0.storedText) }
  }
}

/// A list, whatever it holds: an empty one in the text is read without a container.
protocol EmptiableList {
  static var empty: Self { get }
}

extension Array: EmptiableList {
  static var empty: [Element] { [] }
}

/// How `CanonicalDecoder` reads a type that is not one of JSON's own.
enum Reading: @unchecked Sendable {
  /// By `init(storedText:)`.
  case text(any StoredAsText.Type)
  /// A list read element by element with `init(storedText:)`.
  case textList(any StoredAsTextList.Type)
  /// A list of other values: read by its `init(from:)` unless the text is `[]`.
  case list(any EmptiableList.Type)
  /// By its `init(from:)`.
  case decodable

  /// The reading of `type`: what it conforms to, asked of the runtime once per type.
  init(of type: Any.Type) {
    if let stored = type as? any StoredAsText.Type {
      self = .text(stored)
    } else if let list = type as? any StoredAsTextList.Type {
      self = .textList(list)
    } else if let list = type as? any EmptiableList.Type {
      self = .list(list)
    } else {
      self = .decodable
    }
  }
}

/// The readings one encoding or decoding knows, starting with every one the process has
/// found: looked up without a lock, and what it finds is shared with the ones that start
/// after it.
final class ReadingCache {
  private var known = Readings.snapshot

  /// How values of `type` are read and written: looked up, or asked of the runtime once.
  func reading(of type: Any.Type) -> Reading {
    let id = ObjectIdentifier(type)
    for entry in known where entry.type == id { return entry.reading }
    let reading = Reading(of: type)
    known.append((id, reading))
    Readings.add(id, reading)
    return reading
  }
}

/// `value` as `type`, which is its own type: a reading is looked up by the type it reads,
/// so the type it gives is the one asked for (without the cost of a dynamic cast).
@inline(__always)
func sameType<Value, T>(_ value: Value, as type: T.Type) -> T {
  assert(Value.self == T.self)
  return unsafeBitCast(value, to: T.self)
}

/// The string a value stored as text is stored as; `value` is of type `stored`.
func storedText<Stored: StoredAsText, T>(of value: T, as stored: Stored.Type) -> String {
  sameType(value, as: Stored.self).storedText
}

/// The strings of a list of values stored as text; `value` is of type `list`.
func storedTexts<List: StoredAsTextList, T>(of value: T, as list: List.Type) -> [JSONValue] {
  List.strings(of: sameType(value, as: List.self))
}

/// The readings found so far, shared by every decoding in the process: asking the runtime
/// whether a type conforms costs more than reading a date, so each type is asked once. A
/// decoding takes a copy when it starts and looks it up without a lock.
enum Readings {
  typealias Known = [(type: ObjectIdentifier, reading: Reading)]

  private static let known = Mutex<Known>([])

  static var snapshot: Known { known.withLock { $0 } }

  /// Records a reading found by a decoding, for the decodings that start after it.
  static func add(_ type: ObjectIdentifier, _ reading: Reading) {
    known.withLock { known in
      if !known.contains(where: { $0.type == type }) { known.append((type, reading)) }
    }
  }
}
