import Synchronization

/// A value stored as one JSON string, which `init(storedText:)` reads: a date, a person
/// number, an ID, a code. `CanonicalDecoder` reads such a value, and a list of them, with it
/// directly, past the `Codable` containers that cost a record's decoding most of its time.
///
/// The type's `init(from:)` must read the same: decode the string and hand it to
/// `init(storedText:)` (the domain's text types do), or, for a string-backed enum, be the
/// standard library's, which reads the case by raw value as the default below does.
public protocol StoredAsText: Decodable {
  /// The value the stored string is; throws when the string is not one.
  init(storedText: String) throws
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
}

/// A list of values stored as text, which `CanonicalDecoder` reads element by element.
protocol StoredAsTextList {
  static func read(_ elements: [Range<Int>], with decoder: _CanonicalDecoder) throws -> Self
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
