#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A JSON object in exactly the text `JSONWriter` writes compactly for its value, located
/// member by member without building a value tree: what lets `export`, `list` and `store
/// check` copy stored records as bytes, and know that the copy is what writing the parsed
/// value again would give.
///
/// Canonical means: no whitespace; keys plain ASCII without escapes, in strictly increasing
/// byte order at every level (so no key twice); strings valid UTF-8 with only the escapes
/// the writer makes (`\"`, `\\`, `\n`, `\r`, `\t`, `\b`, `\f` and lowercase `\u00xx` for
/// other control bytes); numbers integers without a leading zero, `-0`, fraction or
/// exponent, of at most 18 digits. Anything else is refused (nil), and the caller takes
/// the slow way: parse, and write again.
public struct CanonicalObject: Sendable {
  /// One top-level member: where its key's text (without quotes) and its value are.
  public struct Member: Sendable {
    public var key: Range<Int>
    public var value: Range<Int>
  }

  /// The object's members in key order, as offsets into the bytes scanned.
  public var members: [Member]

  /// Scans `bytes` (the whole object, nothing around it); nil unless it is canonical.
  public static func scan(_ bytes: UnsafeRawBufferPointer) -> CanonicalObject? {
    var scanner = Scanner(bytes: bytes)
    var members: [Member] = []
    members.reserveCapacity(16)
    guard scanner.object(depth: 0, members: &members), scanner.index == bytes.count else {
      return nil
    }
    return CanonicalObject(members: members)
  }

  /// Scans `bytes` as `scan` does, but only finds where the value of the top-level member
  /// `skipped` ends, without checking it: for a caller that checks that value itself (a
  /// journal line's `changes`, compared with a record already scanned, or parsed).
  ///
  /// `likely`, when given, must be a whole object in canonical text (a record scanned
  /// already): when the skipped value starts with it, that is where the value ends, as a
  /// value ends where its text does; found at a byte comparison's cost.
  public static func scan(
    _ bytes: UnsafeRawBufferPointer, skipping skipped: StaticString,
    likely: UnsafeRawBufferPointer? = nil
  ) -> CanonicalObject? {
    var scanner = Scanner(bytes: bytes)
    scanner.skipped = UnsafeRawBufferPointer(
      start: skipped.utf8Start, count: skipped.utf8CodeUnitCount)
    scanner.likely = likely
    var members: [Member] = []
    members.reserveCapacity(16)
    guard scanner.object(depth: 0, members: &members), scanner.index == bytes.count else {
      return nil
    }
    return CanonicalObject(members: members)
  }

  /// Scans an object held in an array slice.
  public static func scan(_ bytes: ArraySlice<UInt8>) -> CanonicalObject? {
    bytes.withUnsafeBytes { scan($0) }
  }

  /// Where each element of the array at `range` of `bytes` is, as offsets into `bytes`, for
  /// text that `scan` found canonical already (as part of an object): it is only delimited,
  /// not checked again.
  static func scannedElements(_ bytes: UnsafeRawBufferPointer, at range: Range<Int>) -> [Range<Int>]
  {
    var elements: [Range<Int>] = []
    Scanner.forEachScanned(bytes, at: range, closing: UInt8(ascii: "]")) { scanner in
      let start = scanner.index
      scanner.skipScanned()
      elements.append(start..<scanner.index)
    }
    return elements
  }

  /// The members of the object at `range` of `bytes`, as offsets into `bytes`, for text that
  /// `scan` found canonical already (as part of an object): only delimited, not checked again.
  static func scannedMembers(_ bytes: UnsafeRawBufferPointer, at range: Range<Int>) -> [Member] {
    var members: [Member] = []
    Scanner.forEachScanned(bytes, at: range, closing: UInt8(ascii: "}")) { scanner in
      // A key is plain ASCII without escapes: it ends at the next quote, and `:` follows.
      let keyStart = scanner.index + 1
      scanner.index = keyStart
      while scanner.index < range.upperBound, bytes[scanner.index] != UInt8(ascii: "\"") {
        scanner.index += 1
      }
      let key = keyStart..<scanner.index
      scanner.index += 2
      let valueStart = scanner.index
      scanner.skipScanned()
      members.append(Member(key: key, value: valueStart..<scanner.index))
    }
    return members
  }

  /// The member with this key, if any.
  public func member(_ key: String, in bytes: UnsafeRawBufferPointer) -> Member? {
    var key = key
    return key.withUTF8 { wanted in
      members.first { member in
        guard member.key.count == wanted.count else { return false }
        guard let base = bytes.baseAddress, let wantedBase = wanted.baseAddress else {
          return wanted.isEmpty
        }
        return memcmp(base + member.key.lowerBound, wantedBase, wanted.count) == 0
      }
    }
  }

  /// Keys looked up together (`values(_:in:)`), in the order the members are: made once
  /// by a verb that reads the same few fields of every record of a collection.
  public struct Keys: Sendable {
    public let names: [String]
    /// Every key's UTF-8, one after the other, and where each is.
    let utf8: [UInt8]
    let ranges: [Range<Int>]

    /// `names` in byte order of their UTF-8, each once.
    public init(_ names: [String]) {
      self.names = names
      var utf8: [UInt8] = []
      ranges = names.map { name in
        let start = utf8.count
        utf8.append(contentsOf: name.utf8)
        return start..<utf8.count
      }
      self.utf8 = utf8
      precondition(
        zip(ranges, ranges.dropFirst()).allSatisfy {
          utf8[$0].lexicographicallyPrecedes(utf8[$1])
        }, "keys must be in the order of the members, each once")
    }
  }

  /// The values of the members with these keys, as parts of `bytes` (nil for a key the
  /// object lacks), found in one pass over the members, which are in the same order. The
  /// parts are valid as long as `bytes` is.
  public func values(_ keys: Keys, in bytes: UnsafeRawBufferPointer) -> [UnsafeRawBufferPointer?] {
    var found = [UnsafeRawBufferPointer?](repeating: nil, count: keys.ranges.count)
    keys.utf8.withUnsafeBytes { wantedKeys in
      keys.ranges.withUnsafeBufferPointer { ranges in
        members.withUnsafeBufferPointer { members in
          var wanted = 0
          for member in members {
            let key = UnsafeRawBufferPointer(rebasing: bytes[member.key])
            // Keys before this member's are not in the object; this member's, if wanted, is.
            while wanted < ranges.count {
              let order = Self.compare(
                UnsafeRawBufferPointer(rebasing: wantedKeys[ranges[wanted]]), key)
              if order > 0 { break }
              if order == 0 {
                found[wanted] = UnsafeRawBufferPointer(rebasing: bytes[member.value])
              }
              wanted += 1
            }
            if wanted == ranges.count { break }
          }
        }
      }
    }
    return found
  }

  /// Writes the object with members added (or replacing members of the same key), at
  /// their place in key order: exactly what `JSONWriter` writes for the parsed object with
  /// those members set. `extra` must be sorted by key, each key once.
  public func write(
    _ bytes: UnsafeRawBufferPointer, adding extra: [(key: String, value: JSONValue)],
    into buffer: inout [UInt8]
  ) {
    guard !extra.isEmpty else {
      buffer.append(contentsOf: bytes)
      return
    }
    buffer.append(UInt8(ascii: "{"))
    var first = true
    var next = 0
    func comma() {
      if !first { buffer.append(UInt8(ascii: ",")) }
      first = false
    }
    // Runs of members kept as they are, commas between them included, are copied whole.
    var run: (start: Int, end: Int)?
    func flush() {
      guard let copied = run else { return }
      comma()
      buffer.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[copied.start..<copied.end]))
      run = nil
    }
    func writeExtra(_ member: (key: String, value: JSONValue)) {
      flush()
      comma()
      JSONWriter.write(.string(member.key), into: &buffer)
      buffer.append(UInt8(ascii: ":"))
      JSONWriter.write(member.value, into: &buffer)
    }
    // The next extra key's first byte, which tells it from most members' keys without
    // comparing the whole key.
    var nextFirst = extra.first?.key.utf8.first
    for member in members {
      let key = UnsafeRawBufferPointer(rebasing: bytes[member.key])
      var replaced = false
      while next < extra.count {
        let order: Int
        if let nextFirst, let first = key.first, nextFirst != first {
          order = Int(nextFirst) - Int(first)
        } else {
          order = Self.compare(extra[next].key, key)
        }
        if order > 0 { break }
        writeExtra(extra[next])
        next += 1
        nextFirst = next < extra.count ? extra[next].key.utf8.first : nil
        if order == 0 { replaced = true }
      }
      guard !replaced else { continue }
      // The key's opening quote is just before its range.
      run = (run?.start ?? member.key.lowerBound - 1, member.value.upperBound)
    }
    flush()
    while next < extra.count {
      writeExtra(extra[next])
      next += 1
    }
    buffer.append(UInt8(ascii: "}"))
  }

  /// The order of a key against key bytes: negative, zero or positive.
  static func compare(_ key: String, _ other: UnsafeRawBufferPointer) -> Int {
    var key = key
    return key.withUTF8 { compare(UnsafeRawBufferPointer($0), other) }
  }

  /// Byte order of two keys' UTF-8: negative, zero or positive.
  static func compare(_ key: UnsafeRawBufferPointer, _ other: UnsafeRawBufferPointer) -> Int {
    // Most keys differ in their first byte.
    if let first = key.first, let otherFirst = other.first, first != otherFirst {
      return Int(first) - Int(otherFirst)
    }
    let common = min(key.count, other.count)
    if common > 0, let keyBase = key.baseAddress, let otherBase = other.baseAddress {
      let order = memcmp(keyBase, otherBase, common)
      if order != 0 { return Int(order) }
    }
    return key.count - other.count
  }
}

/// The canonical-text checker behind `CanonicalObject`.
private struct Scanner {
  /// Deeper text is left to the parser (records nest a few levels).
  static let maximumDepth = 64
  let bytes: UnsafeRawBufferPointer
  var index = 0
  /// The key of a top-level member whose value is only delimited, not checked.
  var skipped: UnsafeRawBufferPointer?
  /// A whole canonical value that the skipped one probably is.
  var likely: UnsafeRawBufferPointer?

  init(bytes: UnsafeRawBufferPointer) {
    self.bytes = bytes
  }

  @inline(__always)
  func peek() -> UInt8? { index < bytes.count ? bytes[index] : nil }

  @inline(__always)
  mutating func take(_ byte: UInt8) -> Bool {
    guard index < bytes.count, bytes[index] == byte else { return false }
    index += 1
    return true
  }

  mutating func value(depth: Int) -> Bool {
    guard let byte = peek() else { return false }
    switch byte {
    case UInt8(ascii: "{"):
      var ignored: [CanonicalObject.Member] = []
      return object(depth: depth + 1, members: &ignored, keep: false)
    case UInt8(ascii: "["):
      var ignored: [Range<Int>] = []
      return array(depth: depth + 1, elements: &ignored, keep: false)
    case UInt8(ascii: "\""): return string()
    case UInt8(ascii: "t"): return literal("true")
    case UInt8(ascii: "f"): return literal("false")
    case UInt8(ascii: "n"): return literal("null")
    default: return number()
    }
  }

  mutating func object(
    depth: Int, members: inout [CanonicalObject.Member], keep: Bool = true
  ) -> Bool {
    guard depth < Scanner.maximumDepth, take(UInt8(ascii: "{")) else { return false }
    if take(UInt8(ascii: "}")) { return true }
    var previous: Range<Int>?
    while true {
      guard take(UInt8(ascii: "\"")) else { return false }
      let keyStart = index
      // A plain ASCII key without escapes: its bytes are its UTF-8, as the writer sorts.
      while index < bytes.count {
        let byte = bytes[index]
        if byte == UInt8(ascii: "\"") { break }
        guard byte >= 0x20, byte < 0x80, byte != UInt8(ascii: "\\") else { return false }
        index += 1
      }
      let key = keyStart..<index
      guard take(UInt8(ascii: "\"")), take(UInt8(ascii: ":")) else { return false }
      if let previous {
        // Strictly after the previous key, byte by byte (a shorter prefix first).
        let order = CanonicalObject.compare(
          UnsafeRawBufferPointer(rebasing: bytes[previous]),
          UnsafeRawBufferPointer(rebasing: bytes[key]))
        guard order < 0 else { return false }
      }
      previous = key
      let valueStart = index
      if depth == 0, let skipped,
        skipped.elementsEqual(UnsafeRawBufferPointer(rebasing: bytes[key]))
      {
        if let likely, startsWith(likely) {
          index += likely.count
        } else {
          guard skipValue() else { return false }
        }
      } else {
        guard value(depth: depth) else { return false }
      }
      if keep { members.append(.init(key: key, value: valueStart..<index)) }
      if take(UInt8(ascii: "}")) { return true }
      guard take(UInt8(ascii: ",")) else { return false }
    }
  }

  mutating func array(depth: Int, elements: inout [Range<Int>], keep: Bool = true) -> Bool {
    guard depth < Scanner.maximumDepth, take(UInt8(ascii: "[")) else { return false }
    if take(UInt8(ascii: "]")) { return true }
    while true {
      let start = index
      guard value(depth: depth) else { return false }
      if keep { elements.append(start..<index) }
      if take(UInt8(ascii: "]")) { return true }
      guard take(UInt8(ascii: ",")) else { return false }
    }
  }

  /// Moves past one value without checking it: strings escape by escape, brackets counted.
  mutating func skipValue() -> Bool {
    var depth = 0
    repeat {
      guard let byte = peek() else { return false }
      switch byte {
      case UInt8(ascii: "\""):
        index += 1
        while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
          // Eight plain ASCII bytes at a time.
          if index + 8 <= bytes.count,
            !ByteWord.hasQuoteBackslashControlOrNonASCII(
              bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self))
          {
            index += 8
            continue
          }
          index += bytes[index] == UInt8(ascii: "\\") ? 2 : 1
        }
        guard take(UInt8(ascii: "\"")) else { return false }
      case UInt8(ascii: "{"), UInt8(ascii: "["):
        depth += 1
        index += 1
      case UInt8(ascii: "}"), UInt8(ascii: "]"):
        guard depth > 0 else { return false }
        depth -= 1
        index += 1
      case UInt8(ascii: ","):
        guard depth > 0 else { return true }
        index += 1
      default:
        index += 1
      }
    } while depth > 0
    return true
  }

  /// Calls `each` at every element or member of the array or object at `range` (closed by
  /// `closing`) of text scanned already; `each` moves past it.
  static func forEachScanned(
    _ bytes: UnsafeRawBufferPointer, at range: Range<Int>, closing: UInt8,
    _ each: (inout Scanner) -> Void
  ) {
    var scanner = Scanner(bytes: UnsafeRawBufferPointer(rebasing: bytes[..<range.upperBound]))
    scanner.index = range.lowerBound + 1
    if scanner.take(closing) { return }
    while scanner.index < range.upperBound {
      each(&scanner)
      if scanner.take(closing) { return }
      _ = scanner.take(UInt8(ascii: ","))
    }
  }

  /// Moves past one value of text scanned already: a string or a nested value by
  /// `skipValue`, a number or literal to the delimiter after it.
  mutating func skipScanned() {
    switch bytes[index] {
    case UInt8(ascii: "\""), UInt8(ascii: "{"), UInt8(ascii: "["):
      _ = skipValue()
    default:
      while index < bytes.count, bytes[index] != UInt8(ascii: ","),
        bytes[index] != UInt8(ascii: "]"), bytes[index] != UInt8(ascii: "}")
      {
        index += 1
      }
    }
  }

  /// Whether the bytes from here on start with `prefix` (not empty).
  func startsWith(_ prefix: UnsafeRawBufferPointer) -> Bool {
    guard !prefix.isEmpty, index + prefix.count <= bytes.count, let base = bytes.baseAddress,
      let prefixBase = prefix.baseAddress
    else { return false }
    return memcmp(base + index, prefixBase, prefix.count) == 0
  }

  mutating func literal(_ text: StaticString) -> Bool {
    let count = text.utf8CodeUnitCount
    guard index + count <= bytes.count, let base = bytes.baseAddress,
      memcmp(base + index, text.utf8Start, count) == 0
    else { return false }
    index += count
    return true
  }

  mutating func number() -> Bool {
    let start = index
    _ = take(UInt8(ascii: "-"))
    let digitsStart = index
    while let byte = peek(), byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") { index += 1 }
    let digits = index - digitsStart
    guard digits > 0, digits <= 18 else { return false }
    // No leading zero, and no "-0", which the writer writes as "0".
    if bytes[digitsStart] == UInt8(ascii: "0") {
      guard digits == 1, digitsStart == start else { return false }
    }
    // A fraction or exponent makes a double, whose text the writer may write otherwise.
    if let byte = peek(),
      byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e")
        || byte == UInt8(ascii: "E")
    {
      return false
    }
    return true
  }

  mutating func string() -> Bool {
    guard take(UInt8(ascii: "\"")) else { return false }
    while index < bytes.count {
      // Eight plain ASCII bytes at a time.
      if index + 8 <= bytes.count,
        !ByteWord.hasQuoteBackslashControlOrNonASCII(
          bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self))
      {
        index += 8
        continue
      }
      let byte = bytes[index]
      switch byte {
      case UInt8(ascii: "\""):
        index += 1
        return true
      case UInt8(ascii: "\\"):
        guard escape() else { return false }
      case ..<0x20:
        return false
      case ..<0x80:
        index += 1
      default:
        guard utf8Sequence() else { return false }
      }
    }
    return false
  }

  /// An escape as the writer makes it, and only then.
  mutating func escape() -> Bool {
    guard index + 1 < bytes.count else { return false }
    switch bytes[index + 1] {
    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "n"), UInt8(ascii: "r"),
      UInt8(ascii: "t"), UInt8(ascii: "b"), UInt8(ascii: "f"):
      index += 2
      return true
    case UInt8(ascii: "u"):
      // `\u00xx` for a control byte other than those with a short escape, lowercase hex.
      guard index + 6 <= bytes.count, bytes[index + 2] == UInt8(ascii: "0"),
        bytes[index + 3] == UInt8(ascii: "0")
      else { return false }
      let high = bytes[index + 4]
      let low = bytes[index + 5]
      guard high == UInt8(ascii: "0") || high == UInt8(ascii: "1") else { return false }
      let lowValue: UInt8
      switch low {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): lowValue = low - UInt8(ascii: "0")
      case UInt8(ascii: "a")...UInt8(ascii: "f"): lowValue = low - UInt8(ascii: "a") + 10
      default: return false
      }
      let value = (high - UInt8(ascii: "0")) << 4 | lowValue
      guard ![0x08, 0x09, 0x0A, 0x0C, 0x0D].contains(value) else { return false }
      index += 6
      return true
    default:
      return false
    }
  }

  /// One well-formed UTF-8 sequence of two to four bytes, which the parser keeps and the
  /// writer writes as it is.
  mutating func utf8Sequence() -> Bool {
    guard case .success(let length) = UTF8Sequence.length(in: bytes, at: index) else {
      return false
    }
    index += length
    return true
  }
}
