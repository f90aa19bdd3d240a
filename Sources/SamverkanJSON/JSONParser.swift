/// Why some bytes are not valid JSON, and where: `3:14: expected ':' after an object key`.
public struct JSONSyntaxError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The 1-based line of the problem, counted from `firstLine` at the start of the bytes.
  public var line: Int
  /// The 1-based column of the problem, counted in bytes.
  public var column: Int
  /// What is wrong, in plain English: "unterminated string".
  public var message: String

  /// Makes an error at a known position.
  public init(line: Int, column: Int, message: String) {
    self.line = line
    self.column = column
    self.message = message
  }

  /// `line:column: message`.
  public var description: String { "\(line):\(column): \(message)" }
}

/// Reads JSON text (RFC 8259, UTF-8) into `JSONValue` trees.
public enum JSONParser {
  /// How deeply arrays and objects may nest; deeper input is refused rather than risking the
  /// stack on hostile data.
  public static let maximumDepth = 512

  /// Parses exactly one JSON document; whitespace may surround it, anything else after it is
  /// an error. A leading UTF-8 byte order mark is skipped.
  public static func parse<Bytes: Collection<UInt8>>(
    _ bytes: Bytes, firstLine: Int = 1
  ) throws(JSONSyntaxError) -> JSONValue {
    let result = bytes.withContiguousStorageIfAvailable { buffer in
      parseResult(UnsafeRawBufferPointer(buffer), firstLine: firstLine)
    }
    return try (result ?? parseResult(Array(bytes), firstLine: firstLine)).get()
  }

  /// Parses exactly one JSON document from an array of UTF-8 bytes.
  public static func parse(
    _ bytes: [UInt8], firstLine: Int = 1
  ) throws(JSONSyntaxError) -> JSONValue {
    try parseResult(bytes, firstLine: firstLine).get()
  }

  /// Parses exactly one JSON document from raw UTF-8 bytes; the fastest entry point.
  public static func parse(
    _ bytes: UnsafeRawBufferPointer, firstLine: Int = 1
  ) throws(JSONSyntaxError) -> JSONValue {
    var parser = Parser(bytes, firstLine: firstLine)
    return try parser.parseDocument()
  }

  /// Parses exactly one JSON document from a string.
  public static func parse(
    _ text: String, firstLine: Int = 1
  ) throws(JSONSyntaxError) -> JSONValue {
    var text = text
    return try text.withUTF8 { buffer in
      parseResult(UnsafeRawBufferPointer(buffer), firstLine: firstLine)
    }.get()
  }

  /// Parses a top-level JSON array, calling `body` with each element and the 1-based line
  /// where the element starts, without building the whole array.
  ///
  /// Errors thrown by `body` stop the walk and are rethrown as they are; syntax errors are
  /// thrown as `JSONSyntaxError`.
  public static func forEachArrayElement(
    in bytes: [UInt8], _ body: (JSONValue, Int) throws -> Void
  ) throws {
    try bytes.withUnsafeBytes { buffer in
      var parser = Parser(buffer, firstLine: 1)
      try parser.forEachTopLevelElement(body)
    }
  }

  /// Parses inside a closure that cannot throw a typed error, by handing back a `Result`.
  private static func parseResult(
    _ bytes: UnsafeRawBufferPointer, firstLine: Int
  ) -> Result<JSONValue, JSONSyntaxError> {
    var parser = Parser(bytes, firstLine: firstLine)
    do throws(JSONSyntaxError) {
      return .success(try parser.parseDocument())
    } catch {
      return .failure(error)
    }
  }

  private static func parseResult(
    _ bytes: [UInt8], firstLine: Int
  ) -> Result<JSONValue, JSONSyntaxError> {
    bytes.withUnsafeBytes { parseResult($0, firstLine: firstLine) }
  }
}

// MARK: - Parser

/// A recursive-descent parser over a byte buffer that must outlive it.
private struct Parser: ~Copyable {
  let bytes: UnsafeRawBufferPointer
  let firstLine: Int
  var index = 0
  var depth = 0
  /// Members and elements of the containers being parsed; each container takes its own
  /// elements off the top when it closes, so one buffer serves every level.
  var memberStack = MoveStack<(String, JSONValue)>()
  var elementStack = MoveStack<JSONValue>()
  /// Reused to decode strings that have escapes.
  var scratch: [UInt8] = []

  init(_ bytes: UnsafeRawBufferPointer, firstLine: Int) {
    self.bytes = bytes
    self.firstLine = firstLine
    // A byte order mark is not JSON, but editors on Windows write one.
    if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { index = 3 }
  }

  deinit {
    memberStack.deallocate()
    elementStack.deallocate()
  }

  // MARK: Documents

  mutating func parseDocument() throws(JSONSyntaxError) -> JSONValue {
    skipWhitespace()
    let value = try parseValue()
    skipWhitespace()
    if index < bytes.count { throw error("unexpected text after the JSON value") }
    return value
  }

  mutating func forEachTopLevelElement(_ body: (JSONValue, Int) throws -> Void) throws {
    skipWhitespace()
    guard index < bytes.count, bytes[index] == UInt8(ascii: "[") else {
      throw error(index < bytes.count ? "expected '[' to start an array" : "the input is empty")
    }
    index += 1
    depth = 1
    // Lines are counted incrementally, so the whole walk reads each byte once more at most.
    var line = firstLine
    var counted = 0
    skipWhitespace()
    if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
      index += 1
    } else {
      while true {
        while counted < index {
          if bytes[counted] == UInt8(ascii: "\n") { line += 1 }
          counted += 1
        }
        let value = try parseValue()
        try body(value, line)
        skipWhitespace()
        guard index < bytes.count else {
          throw error("expected ',' or ']' after an array element")
        }
        let byte = bytes[index]
        index += 1
        if byte == UInt8(ascii: "]") { break }
        if byte != UInt8(ascii: ",") {
          index -= 1
          throw error("expected ',' or ']' after an array element")
        }
        skipWhitespace()
      }
    }
    skipWhitespace()
    if index < bytes.count { throw error("unexpected text after the JSON value") }
  }

  // MARK: Values

  mutating func parseValue() throws(JSONSyntaxError) -> JSONValue {
    guard index < bytes.count else { throw error("expected a JSON value, found the end") }
    switch bytes[index] {
    case UInt8(ascii: "\""): return .string(try parseString())
    case UInt8(ascii: "{"): return try parseObject()
    case UInt8(ascii: "["): return try parseArray()
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
    case UInt8(ascii: "t"):
      try expectWord("true")
      return .bool(true)
    case UInt8(ascii: "f"):
      try expectWord("false")
      return .bool(false)
    case UInt8(ascii: "n"):
      try expectWord("null")
      return .null
    default:
      throw unexpectedCharacter(expecting: "a JSON value")
    }
  }

  mutating func expectWord(_ word: StaticString) throws(JSONSyntaxError) {
    let count = word.utf8CodeUnitCount
    let text = word.utf8Start
    for offset in 0..<count
    where index + offset >= bytes.count || bytes[index + offset] != text[offset] {
      throw error("expected '\(word)'")
    }
    index += count
  }

  mutating func parseObject() throws(JSONSyntaxError) -> JSONValue {
    try enterContainer()
    index += 1
    skipWhitespace()
    let start = memberStack.count
    if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
      index += 1
    } else {
      while true {
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
          throw index < bytes.count
            ? error("expected a string in double quotes as object key")
            : error("expected a string in double quotes as object key, found the end")
        }
        let key = try parseString()
        skipWhitespace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
          throw error("expected ':' after an object key")
        }
        index += 1
        skipWhitespace()
        memberStack.push((key, try parseValue()))
        skipWhitespace()
        guard index < bytes.count else {
          throw error("expected ',' or '}' after an object member")
        }
        let byte = bytes[index]
        if byte == UInt8(ascii: "}") {
          index += 1
          break
        }
        guard byte == UInt8(ascii: ",") else {
          throw error("expected ',' or '}' after an object member")
        }
        index += 1
        skipWhitespace()
      }
    }
    depth -= 1
    var duplicate: String?
    let members = memberStack.popAll(from: start) { parsed in
      // Sizing the dictionary once avoids rehashing as it grows.
      var members = [String: JSONValue](minimumCapacity: parsed.count)
      for position in parsed.indices {
        let (key, value) = parsed.moveElement(from: position)
        if members.updateValue(value, forKey: key) != nil, duplicate == nil { duplicate = key }
      }
      return members
    }
    // The last value would silently win (an `id` among them): the writer meant something
    // this cannot tell.
    if let duplicate {
      let shown = duplicate.count > 80 ? String(duplicate.prefix(80)) + "…" : duplicate
      throw error("the key '\(shown)' appears twice in one object")
    }
    return .object(members)
  }

  mutating func parseArray() throws(JSONSyntaxError) -> JSONValue {
    try enterContainer()
    index += 1
    skipWhitespace()
    let start = elementStack.count
    if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
      index += 1
    } else {
      while true {
        elementStack.push(try parseValue())
        skipWhitespace()
        guard index < bytes.count else {
          throw error("expected ',' or ']' after an array element")
        }
        let byte = bytes[index]
        if byte == UInt8(ascii: "]") {
          index += 1
          break
        }
        guard byte == UInt8(ascii: ",") else {
          throw error("expected ',' or ']' after an array element")
        }
        index += 1
        skipWhitespace()
      }
    }
    depth -= 1
    return .array(
      elementStack.popAll(from: start) { parsed in
        [JSONValue](unsafeUninitializedCapacity: parsed.count) { elements, initialized in
          initialized = elements.moveInitialize(fromContentsOf: parsed)
        }
      })
  }

  mutating func enterContainer() throws(JSONSyntaxError) {
    depth += 1
    if depth > JSONParser.maximumDepth {
      throw error("arrays and objects nest deeper than \(JSONParser.maximumDepth) levels")
    }
  }

  // MARK: Numbers

  mutating func parseNumber() throws(JSONSyntaxError) -> JSONValue {
    let start = index
    var negative = false
    if bytes[index] == UInt8(ascii: "-") {
      negative = true
      index += 1
    }
    // Accumulate negatively so that Int.min fits; overflow falls back to Double.
    var magnitude = 0
    var overflow = false
    let digitsStart = index
    while index < bytes.count, case let digit = bytes[index] &- UInt8(ascii: "0"), digit < 10 {
      if !overflow {
        let (times10, o1) = magnitude.multipliedReportingOverflow(by: 10)
        let (next, o2) = times10.subtractingReportingOverflow(Int(digit))
        overflow = o1 || o2
        magnitude = next
      }
      index += 1
    }
    if index == digitsStart {
      throw error("invalid number: expected a digit", at: index)
    }
    if bytes[digitsStart] == UInt8(ascii: "0"), index - digitsStart > 1 {
      throw error("invalid number: leading zeros are not allowed", at: digitsStart)
    }
    var isInteger = true
    if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
      isInteger = false
      index += 1
      try skipDigits(after: "'.'")
    }
    if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
      isInteger = false
      index += 1
      if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-")
      {
        index += 1
      }
      try skipDigits(after: "the exponent")
    }
    if isInteger, !overflow {
      if negative { return .integer(magnitude) }
      if magnitude != Int.min { return .integer(-magnitude) }
    }
    let text = String(decoding: slice(start, index), as: UTF8.self)
    // The grammar was checked above, so only a huge exponent can fail here.
    guard let value = Double(text), value.isFinite else {
      throw error("the number is too large", at: start)
    }
    return .double(value)
  }

  mutating func skipDigits(after what: String) throws(JSONSyntaxError) {
    let start = index
    while index < bytes.count, bytes[index] &- UInt8(ascii: "0") < 10 { index += 1 }
    if index == start { throw error("invalid number: expected a digit after \(what)") }
  }

  // MARK: Strings

  /// Parses the string whose opening quote is at `index`.
  mutating func parseString() throws(JSONSyntaxError) -> String {
    let quote = index
    index += 1
    let start = index
    // Fast path: plain ASCII up to the closing quote needs no copying or checking. Eight
    // bytes at a time while none of them is special.
    while index + 8 <= bytes.count,
      !ByteWord.hasQuoteBackslashControlOrNonASCII(
        bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self))
    {
      index += 8
    }
    while index < bytes.count {
      let byte = bytes[index]
      if byte == UInt8(ascii: "\"") {
        index += 1
        return String(decoding: slice(start, index - 1), as: UTF8.self)
      }
      if byte == UInt8(ascii: "\\") || byte < 0x20 || byte >= 0x80 { break }
      index += 1
    }
    return try parseStringSlowly(quote: quote, start: start)
  }

  /// Finishes a string that has escapes, non-ASCII text or an error in it.
  mutating func parseStringSlowly(quote: Int, start: Int) throws(JSONSyntaxError) -> String {
    // Until the first escape the string is a slice of the input; after it, `scratch` holds
    // the decoded text.
    var hasEscapes = false
    while index < bytes.count {
      let byte = bytes[index]
      switch byte {
      case UInt8(ascii: "\""):
        index += 1
        if hasEscapes { return String(decoding: scratch, as: UTF8.self) }
        return String(decoding: slice(start, index - 1), as: UTF8.self)
      case UInt8(ascii: "\\"):
        if !hasEscapes {
          hasEscapes = true
          scratch.removeAll(keepingCapacity: true)
          scratch.append(contentsOf: slice(start, index))
        }
        try parseEscape()
      case 0..<0x20:
        throw error("control characters in strings must be escaped (found byte 0x\(hex(byte)))")
      case 0x80...:
        let length = try validateUTF8Sequence()
        if hasEscapes { scratch.append(contentsOf: slice(index, index + length)) }
        index += length
      default:
        if hasEscapes { scratch.append(byte) }
        index += 1
      }
    }
    throw error("unterminated string", at: quote)
  }

  /// Decodes the escape at `index` into `scratch`.
  mutating func parseEscape() throws(JSONSyntaxError) {
    let escapeStart = index
    index += 1
    guard index < bytes.count else { throw error("unterminated string", at: escapeStart) }
    let letter = bytes[index]
    index += 1
    switch letter {
    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scratch.append(letter)
    case UInt8(ascii: "b"): scratch.append(0x08)
    case UInt8(ascii: "f"): scratch.append(0x0C)
    case UInt8(ascii: "n"): scratch.append(0x0A)
    case UInt8(ascii: "r"): scratch.append(0x0D)
    case UInt8(ascii: "t"): scratch.append(0x09)
    case UInt8(ascii: "u"):
      var scalar = try parseHex4(escapeStart: escapeStart)
      if 0xD800...0xDBFF ~= scalar {
        // A high surrogate must be followed at once by an escaped low surrogate.
        let lowStart = index
        guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"),
          bytes[index + 1] == UInt8(ascii: "u")
        else { throw error("unpaired surrogate in \\u escape", at: escapeStart) }
        index += 2
        let low = try parseHex4(escapeStart: lowStart)
        guard 0xDC00...0xDFFF ~= low else {
          throw error("unpaired surrogate in \\u escape", at: escapeStart)
        }
        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
      } else if 0xDC00...0xDFFF ~= scalar {
        throw error("unpaired surrogate in \\u escape", at: escapeStart)
      }
      // Every remaining value is a valid scalar.
      for unit in UTF8.encode(Unicode.Scalar(scalar) ?? "\u{FFFD}") ?? .init() {
        scratch.append(unit)
      }
    default:
      throw error("invalid escape sequence in string", at: escapeStart)
    }
  }

  mutating func parseHex4(escapeStart: Int) throws(JSONSyntaxError) -> UInt32 {
    guard index + 4 <= bytes.count else {
      throw error("expected four hex digits after \\u", at: escapeStart)
    }
    var value: UInt32 = 0
    for _ in 0..<4 {
      let byte = bytes[index]
      let digit: UInt8
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
      default: throw error("expected four hex digits after \\u", at: escapeStart)
      }
      value = value << 4 | UInt32(digit)
      index += 1
    }
    return value
  }

  /// Checks the multi-byte UTF-8 sequence at `index` (RFC 3629: no overlong forms, no
  /// surrogates, nothing above U+10FFFF) and returns its length.
  func validateUTF8Sequence() throws(JSONSyntaxError) -> Int {
    switch UTF8Sequence.length(in: bytes, at: index) {
    case .success(let length): return length
    case .failure(let bad): throw error("invalid UTF-8", at: bad.position)
    }
  }

  // MARK: Whitespace and errors

  mutating func skipWhitespace() {
    while index < bytes.count {
      switch bytes[index] {
      case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
        index += 1
      default:
        return
      }
    }
  }

  /// An error for the byte at `index`, naming it when it is printable.
  func unexpectedCharacter(expecting what: String) -> JSONSyntaxError {
    guard index < bytes.count else { return error("expected \(what), found the end") }
    let byte = bytes[index]
    if byte >= 0x80 {
      guard let length = try? validateUTF8Sequence() else { return error("invalid UTF-8") }
      let text = String(decoding: slice(index, index + length), as: UTF8.self)
      return error("expected \(what), found '\(text)'")
    }
    if byte < 0x20 || byte == 0x7F { return error("expected \(what), found byte 0x\(hex(byte))") }
    return error("expected \(what), found '\(Character(Unicode.Scalar(byte)))'")
  }

  /// An error at `position` (by default the current byte), with its line and column worked
  /// out only now, since errors are rare.
  func error(_ message: String, at position: Int? = nil) -> JSONSyntaxError {
    let position = min(position ?? index, bytes.count)
    var line = firstLine
    var lineStart = 0
    for offset in 0..<position where bytes[offset] == UInt8(ascii: "\n") {
      line += 1
      lineStart = offset + 1
    }
    return JSONSyntaxError(line: line, column: position - lineStart + 1, message: message)
  }

  /// The bytes from `start` up to `end`, without copying.
  func slice(_ start: Int, _ end: Int) -> UnsafeRawBufferPointer {
    UnsafeRawBufferPointer(rebasing: bytes[start..<end])
  }

  func hex(_ byte: UInt8) -> String {
    let digits = String(byte, radix: 16, uppercase: true)
    return digits.count == 1 ? "0" + digits : digits
  }
}

// MARK: - Move stack

/// A stack whose top elements can be moved out in one go, without the copy and destroy that
/// taking a slice of an `Array` costs. Its owner calls `deallocate()` when done.
private struct MoveStack<Element> {
  private var base: UnsafeMutablePointer<Element>?
  private var capacity = 0
  private(set) var count = 0

  mutating func push(_ element: consuming Element) {
    if count == capacity { grow() }
    base?.advanced(by: count).initialize(to: element)
    count += 1
  }

  private mutating func grow() {
    // Room for a typical record at once, rather than growing 1, 2, 4, 8, 16.
    let newCapacity = max(16, capacity * 2)
    let newBase = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
    if let base {
      newBase.moveInitialize(from: base, count: count)
      base.deallocate()
    }
    base = newBase
    capacity = newCapacity
  }

  /// Hands `body` the elements from `start` to the top, which it must move out, and drops them.
  mutating func popAll<Result>(
    from start: Int, _ body: (UnsafeMutableBufferPointer<Element>) -> Result
  ) -> Result {
    let top = UnsafeMutableBufferPointer(start: base?.advanced(by: start), count: count - start)
    count = start
    return body(top)
  }

  /// Destroys what is left (after an error) and frees the memory; the stack is unusable after.
  func deallocate() {
    base?.deinitialize(count: count)
    base?.deallocate()
  }
}

// MARK: - UTF-8

/// Where a UTF-8 sequence goes wrong.
struct InvalidUTF8: Error {
  var position: Int
}

/// Multi-byte UTF-8 sequences as RFC 3629 allows them: no overlong forms, no surrogates,
/// nothing above U+10FFFF.
enum UTF8Sequence {
  /// The length of the sequence at `index` (its lead byte is not ASCII), or where it is
  /// invalid.
  static func length(
    in bytes: UnsafeRawBufferPointer, at index: Int
  ) -> Result<Int, InvalidUTF8> {
    let length: Int
    var lower: UInt8 = 0x80
    var upper: UInt8 = 0xBF
    switch bytes[index] {
    case 0xC2...0xDF: length = 2
    case 0xE0:
      length = 3
      lower = 0xA0
    case 0xE1...0xEC, 0xEE...0xEF: length = 3
    case 0xED:
      length = 3
      upper = 0x9F
    case 0xF0:
      length = 4
      lower = 0x90
    case 0xF1...0xF3: length = 4
    case 0xF4:
      length = 4
      upper = 0x8F
    default: return .failure(InvalidUTF8(position: index))
    }
    for offset in 1..<length {
      guard index + offset < bytes.count else {
        return .failure(InvalidUTF8(position: index + offset))
      }
      let byte = bytes[index + offset]
      let (low, high): (UInt8, UInt8) = offset == 1 ? (lower, upper) : (0x80, 0xBF)
      guard low...high ~= byte else { return .failure(InvalidUTF8(position: index + offset)) }
    }
    return .success(length)
  }
}

// MARK: - Eight bytes at a time

/// Tests on eight bytes loaded as one word ("SIMD within a register"), so that long runs of
/// plain text are scanned a word at a time. The answers are exact for the word as a whole.
enum ByteWord {
  private static let ones: UInt64 = 0x0101_0101_0101_0101
  private static let highs: UInt64 = 0x8080_8080_8080_8080

  /// Whether any byte is below `limit` (at most 0x80).
  @inline(__always)
  static func hasByte(below limit: UInt8, in word: UInt64) -> Bool {
    (word &- ones &* UInt64(limit)) & ~word & highs != 0
  }

  /// Whether any byte equals `byte`.
  @inline(__always)
  static func hasByte(_ byte: UInt8, in word: UInt64) -> Bool {
    hasByte(below: 1, in: word ^ (ones &* UInt64(byte)))
  }

  /// Whether a string's bytes need a closer look: `"`, `\`, a control byte or non-ASCII.
  @inline(__always)
  static func hasQuoteBackslashControlOrNonASCII(_ word: UInt64) -> Bool {
    word & highs != 0 || needsEscaping(word)
  }

  /// Whether any byte must be escaped in JSON text: `"`, `\` or a control byte.
  @inline(__always)
  static func needsEscaping(_ word: UInt64) -> Bool {
    hasByte(below: 0x20, in: word) || hasByte(UInt8(ascii: "\""), in: word)
      || hasByte(UInt8(ascii: "\\"), in: word)
  }
}
