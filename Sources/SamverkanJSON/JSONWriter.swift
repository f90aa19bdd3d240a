/// Writes `JSONValue` trees as JSON text.
///
/// Keys are always written sorted by the bytes of their UTF-8 (as Foundation's `.sortedKeys`),
/// so output is stable for diffs and golden files. Non-ASCII text is written as raw UTF-8 and
/// `/` is not escaped; doubles use the shortest text that reads back as the same value.
public struct JSONWriter {
  /// How the text is laid out.
  public enum Style: Sendable {
    /// No whitespace at all: one document per line, as NDJSON needs.
    case compact
    /// Two-space indentation and one member or element per line, with `"key": value`.
    case pretty
  }

  /// The value as JSON text, without a trailing newline.
  public static func write(_ value: JSONValue, style: Style = .compact) -> String {
    var buffer: [UInt8] = []
    write(value, style: style, into: &buffer)
    return String(decoding: buffer, as: UTF8.self)
  }

  /// Appends the value as JSON text (UTF-8, no trailing newline) to `buffer`; the fast path.
  ///
  /// Doubles that are not finite have no JSON form and are written as `null`.
  public static func write(
    _ value: JSONValue, style: Style = .compact, into buffer: inout [UInt8]
  ) {
    switch style {
    case .compact: writeCompact(value, into: &buffer)
    case .pretty: writePretty(value, indent: 0, into: &buffer)
    }
  }

  /// Writes an object compactly, split where the member `key` goes (any such member is
  /// left out, and so is a member `omitting`): `{` and the members sorting before it are
  /// appended to `head`, the members sorting after it and `}` to `tail`. Returns how many
  /// members went to each side, so a caller can splice the member in later without writing
  /// the object again.
  public static func writeObject(
    _ members: [String: JSONValue], splitAt key: String, omitting omitted: String? = nil,
    head: inout [UInt8], tail: inout [UInt8]
  ) -> (before: Int, after: Int) {
    writeSplit(members, splitAt: key, omitting: omitted, head: &head, tail: &tail)
  }

  /// `writeObject` of members as an encoder gives them, in a list in which a later member of
  /// a key replaces an earlier one: without the cost of a dictionary.
  public static func writeObject(
    _ members: [(key: String, value: JSONValue)], splitAt key: String,
    omitting omitted: String? = nil, head: inout [UInt8], tail: inout [UInt8]
  ) -> (before: Int, after: Int) {
    writeSplit(members, splitAt: key, omitting: omitted, head: &head, tail: &tail)
  }

  private static func writeSplit<Members: Collection>(
    _ members: Members, splitAt key: String, omitting omitted: String?,
    head: inout [UInt8], tail: inout [UInt8]
  ) -> (before: Int, after: Int) where Members.Element == (key: String, value: JSONValue) {
    var before = 0
    var after = 0
    head.append(UInt8(ascii: "{"))
    forEachSorted(members) { _, name, member in
      guard name != key, name != omitted else { return }
      if utf8Precedes(name, key) {
        if before > 0 { head.append(UInt8(ascii: ",")) }
        writeString(name, into: &head)
        head.append(UInt8(ascii: ":"))
        writeCompact(member, into: &head)
        before += 1
      } else {
        if after > 0 { tail.append(UInt8(ascii: ",")) }
        writeString(name, into: &tail)
        tail.append(UInt8(ascii: ":"))
        writeCompact(member, into: &tail)
        after += 1
      }
    }
    tail.append(UInt8(ascii: "}"))
    return (before, after)
  }

  // MARK: - Layout

  private static func writeCompact(_ value: JSONValue, into buffer: inout [UInt8]) {
    switch value {
    case .array(let elements):
      buffer.append(UInt8(ascii: "["))
      for (position, element) in elements.enumerated() {
        if position > 0 { buffer.append(UInt8(ascii: ",")) }
        writeCompact(element, into: &buffer)
      }
      buffer.append(UInt8(ascii: "]"))
    case .object(let members):
      buffer.append(UInt8(ascii: "{"))
      forEachSorted(members) { position, key, member in
        if position > 0 { buffer.append(UInt8(ascii: ",")) }
        writeString(key, into: &buffer)
        buffer.append(UInt8(ascii: ":"))
        writeCompact(member, into: &buffer)
      }
      buffer.append(UInt8(ascii: "}"))
    default:
      writeScalar(value, into: &buffer)
    }
  }

  private static func writePretty(_ value: JSONValue, indent: Int, into buffer: inout [UInt8]) {
    switch value {
    case .array(let elements):
      guard !elements.isEmpty else { return append("[]", to: &buffer) }
      buffer.append(UInt8(ascii: "["))
      for (position, element) in elements.enumerated() {
        if position > 0 { buffer.append(UInt8(ascii: ",")) }
        newline(indent: indent + 1, into: &buffer)
        writePretty(element, indent: indent + 1, into: &buffer)
      }
      newline(indent: indent, into: &buffer)
      buffer.append(UInt8(ascii: "]"))
    case .object(let members):
      guard !members.isEmpty else { return append("{}", to: &buffer) }
      buffer.append(UInt8(ascii: "{"))
      forEachSorted(members) { position, key, member in
        if position > 0 { buffer.append(UInt8(ascii: ",")) }
        newline(indent: indent + 1, into: &buffer)
        writeString(key, into: &buffer)
        append(": ", to: &buffer)
        writePretty(member, indent: indent + 1, into: &buffer)
      }
      newline(indent: indent, into: &buffer)
      buffer.append(UInt8(ascii: "}"))
    default:
      writeScalar(value, into: &buffer)
    }
  }

  private static func newline(indent: Int, into buffer: inout [UInt8]) {
    buffer.append(UInt8(ascii: "\n"))
    buffer.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent * 2))
  }

  /// Calls `body` with each member's position, key and value, in the byte order of the keys'
  /// UTF-8; of members with the same key, only the last.
  private static func forEachSorted<Members: Collection>(
    _ members: Members, _ body: (Int, String, JSONValue) -> Void
  ) where Members.Element == (key: String, value: JSONValue) {
    typealias Entry = (prefix: UInt64, index: Members.Index)
    // Small entries on the stack are sorted, not the members, which are bigger to move.
    withUnsafeTemporaryAllocation(of: Entry.self, capacity: members.count) { storage in
      var entries = storage
      var count = 0
      var index = members.startIndex
      while index != members.endIndex {
        entries.initializeElement(at: count, to: (utf8Prefix(members[index].key), index))
        count += 1
        members.formIndex(after: &index)
      }
      // Most keys differ in their first eight bytes, so most comparisons are of two integers;
      // members of one key stay in their order.
      entries.sort {
        if $0.prefix != $1.prefix { return $0.prefix < $1.prefix }
        let (left, right) = (members[$0.index].key, members[$1.index].key)
        return left != right ? utf8Precedes(left, right) : $0.index < $1.index
      }
      var position = 0
      for offset in 0..<count {
        let (key, value) = members[entries[offset].index]
        // A member replaced by a later one of the same key is not written.
        if offset + 1 < count, entries[offset + 1].prefix == entries[offset].prefix,
          members[entries[offset + 1].index].key == key
        {
          continue
        }
        body(position, key, value)
        position += 1
      }
      _ = entries.deinitialize()
    }
  }

  /// The first eight bytes of the UTF-8, big-endian, padded with zeros: integers that order
  /// as the bytes do, except that ties need a full comparison.
  private static func utf8Prefix(_ text: String) -> UInt64 {
    let fast = text.utf8.withContiguousStorageIfAvailable { bytes in
      var prefix: UInt64 = 0
      for offset in 0..<min(8, bytes.count) {
        prefix |= UInt64(bytes[offset]) << (56 - 8 * UInt64(offset))
      }
      return prefix
    }
    if let fast { return fast }
    var prefix: UInt64 = 0
    for (offset, byte) in text.utf8.prefix(8).enumerated() {
      prefix |= UInt64(byte) << (56 - 8 * UInt64(offset))
    }
    return prefix
  }

  /// Compares the UTF-8 bytes, not `String`'s `<`, which orders by normalized Unicode text.
  private static func utf8Precedes(_ left: String, _ right: String) -> Bool {
    let fast = left.utf8.withContiguousStorageIfAvailable { leftBytes in
      right.utf8.withContiguousStorageIfAvailable { rightBytes in
        leftBytes.lexicographicallyPrecedes(rightBytes)
      }
    }
    return (fast ?? nil) ?? left.utf8.lexicographicallyPrecedes(right.utf8)
  }

  // MARK: - Scalars

  private static func writeScalar(_ value: JSONValue, into buffer: inout [UInt8]) {
    switch value {
    case .null: append("null", to: &buffer)
    case .bool(let flag): append(flag ? "true" : "false", to: &buffer)
    case .integer(let number): writeInteger(number, into: &buffer)
    case .double(let number):
      if number.isFinite {
        buffer.append(contentsOf: number.description.utf8)
      } else {
        append("null", to: &buffer)
      }
    case .string(let text): writeString(text, into: &buffer)
    case .array, .object: writeCompact(value, into: &buffer)
    }
  }

  private static func writeInteger(_ number: Int, into buffer: inout [UInt8]) {
    if number < 0 { buffer.append(UInt8(ascii: "-")) }
    // The magnitude as unsigned, so Int.min needs no special case.
    var rest = number.magnitude
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
      var start = 20
      repeat {
        start -= 1
        digits[start] = UInt8(ascii: "0") + UInt8(rest % 10)
        rest /= 10
      } while rest > 0
      buffer.append(contentsOf: UnsafeBufferPointer(rebasing: digits[start..<20]))
    }
  }

  private static func writeString(_ text: String, into buffer: inout [UInt8]) {
    buffer.append(UInt8(ascii: "\""))
    let done: Void? = text.utf8.withContiguousStorageIfAvailable { bytes in
      writeEscaped(bytes, into: &buffer)
    }
    if done == nil { writeEscaped(Array(text.utf8), into: &buffer) }
    buffer.append(UInt8(ascii: "\""))
  }

  private static func writeEscaped(_ bytes: [UInt8], into buffer: inout [UInt8]) {
    bytes.withUnsafeBufferPointer { writeEscaped($0, into: &buffer) }
  }

  /// Copies runs that need no escaping in one go, escaping only `"`, `\` and control bytes.
  private static func writeEscaped(_ bytes: UnsafeBufferPointer<UInt8>, into buffer: inout [UInt8])
  {
    let raw = UnsafeRawBufferPointer(bytes)
    var runStart = 0
    var position = 0
    while position < bytes.count {
      // Skip eight plain bytes at a time.
      if position + 8 <= bytes.count,
        !ByteWord.needsEscaping(raw.loadUnaligned(fromByteOffset: position, as: UInt64.self))
      {
        position += 8
        continue
      }
      let byte = bytes[position]
      position += 1
      guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else {
        continue
      }
      buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<position - 1]))
      runStart = position
      buffer.append(UInt8(ascii: "\\"))
      switch byte {
      case UInt8(ascii: "\""), UInt8(ascii: "\\"): buffer.append(byte)
      case 0x0A: buffer.append(UInt8(ascii: "n"))
      case 0x0D: buffer.append(UInt8(ascii: "r"))
      case 0x09: buffer.append(UInt8(ascii: "t"))
      case 0x08: buffer.append(UInt8(ascii: "b"))
      case 0x0C: buffer.append(UInt8(ascii: "f"))
      default:
        let hexDigits: StaticString = "0123456789abcdef"
        append("u00", to: &buffer)
        buffer.append(hexDigits.utf8Start[Int(byte >> 4)])
        buffer.append(hexDigits.utf8Start[Int(byte & 0xF)])
      }
    }
    buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
  }

  private static func append(_ text: StaticString, to buffer: inout [UInt8]) {
    buffer.append(
      contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
  }
}
