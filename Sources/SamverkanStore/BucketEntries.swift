import SamverkanJSON

/// An entry of an index bucket as `store check` digests it: its key, and its value when that
/// is a string (`text`) or the strings of a list (`texts`), as ranges of `bytes`, which
/// hold only while the entry is handed to its reader.
struct BucketEntry {
  var bytes: UnsafeRawBufferPointer
  var key: Range<Int>
  var text: Range<Int>?
  var texts: ArraySlice<Range<Int>>

  /// The bytes of one of the ranges.
  subscript(range: Range<Int>) -> UnsafeRawBufferPointer {
    UnsafeRawBufferPointer(rebasing: bytes[range])
  }
}

extension StoreReader {
  /// Every entry of an index bucket (none when it is missing or damaged, as in
  /// `bucketEntries`), read by any thread. A bucket as the store writes it is read straight
  /// from its text, without a value tree: a city's check reads a million entries. Any other
  /// file is parsed, and its entries are the same.
  static func forEachBucketEntry(
    _ path: String, store: Store, _ body: (BucketEntry) -> Void
  ) {
    guard let bytes = try? FileSystem.read(store.path(path)) else { return }
    let read = bytes.withUnsafeBytes { raw in
      guard let scanned = BucketText.scan(raw) else { return false }
      for entry in scanned.entries {
        body(
          BucketEntry(
            bytes: raw, key: entry.key, text: entry.text,
            texts: scanned.texts[entry.texts]))
      }
      return true
    }
    guard !read else { return }
    for (key, value) in bucketEntries(path, store: store) {
      // The key and the value's strings, one after the other.
      var buffer = Array(key.utf8)
      let keyRange = 0..<buffer.count
      func append(_ string: String) -> Range<Int> {
        let start = buffer.count
        buffer += string.utf8
        return start..<buffer.count
      }
      let text = value.stringValue.map(append)
      let texts = (value.arrayValue ?? []).compactMap(\.stringValue).map(append)
      buffer.withUnsafeBytes { raw in
        body(BucketEntry(bytes: raw, key: keyRange, text: text, texts: texts[...]))
      }
    }
  }
}

/// An index bucket in the text the store writes: `{"entries": {…}, "schemaVersion": N}`
/// (pretty-printed or not), the entries' keys in strictly increasing order and each value a
/// string or a list of strings, every string printable ASCII without escapes. Such text
/// parses to exactly these entries; `scan` is nil for anything else.
struct BucketText {
  struct Entry {
    var key: Range<Int>
    var text: Range<Int>?
    /// The range of `texts` holding this entry's list.
    var texts: Range<Int>
  }

  var entries: [Entry] = []
  /// The strings of every list, in order (without their quotes).
  var texts: [Range<Int>] = []

  static func scan(_ bytes: UnsafeRawBufferPointer) -> BucketText? {
    var scanner = BucketScanner(bytes: bytes)
    var result = BucketText()
    guard scanner.take("{"), let first = scanner.string(), scanner.take(":"),
      scanner.matches(first, "entries"), scanner.take("{")
    else { return nil }
    var previous: Range<Int>?
    if !scanner.take("}") {
      repeat {
        guard let key = scanner.string(), scanner.take(":") else { return nil }
        if let previous, !scanner.precedes(previous, key) { return nil }
        previous = key
        let start = result.texts.count
        if let text = scanner.string() {
          result.entries.append(Entry(key: key, text: text, texts: start..<start))
          continue
        }
        guard scanner.take("[") else { return nil }
        if !scanner.take("]") {
          repeat {
            guard let text = scanner.string() else { return nil }
            result.texts.append(text)
          } while scanner.take(",")
          guard scanner.take("]") else { return nil }
        }
        result.entries.append(Entry(key: key, text: nil, texts: start..<result.texts.count))
      } while scanner.take(",")
      guard scanner.take("}") else { return nil }
    }
    // A file without a schemaVersion is read as version 1 (`Store.checkVersion`).
    if scanner.take(",") {
      guard let key = scanner.string(), scanner.matches(key, "schemaVersion"), scanner.take(":"),
        let version = scanner.integer(), (1...Store.schemaVersion).contains(version)
      else { return nil }
    }
    guard scanner.take("}"), scanner.atEnd else { return nil }
    return result
  }
}

/// The reading behind `BucketText`: JSON's whitespace skipped before each token.
private struct BucketScanner {
  let bytes: UnsafeRawBufferPointer
  var index = 0

  mutating func skipSpace() {
    while index < bytes.count {
      switch bytes[index] {
      case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
        index += 1
      default: return
      }
    }
  }

  var atEnd: Bool {
    mutating get {
      skipSpace()
      return index == bytes.count
    }
  }

  mutating func take(_ token: Unicode.Scalar) -> Bool {
    skipSpace()
    guard index < bytes.count, bytes[index] == UInt8(ascii: token) else { return false }
    index += 1
    return true
  }

  /// A string of printable ASCII without escapes; its content's range.
  mutating func string() -> Range<Int>? {
    guard take("\"") else { return nil }
    let start = index
    while index < bytes.count {
      let byte = bytes[index]
      if byte == UInt8(ascii: "\"") {
        index += 1
        return start..<(index - 1)
      }
      guard byte >= 0x20, byte < 0x7F, byte != UInt8(ascii: "\\") else { return nil }
      index += 1
    }
    return nil
  }

  /// A whole number without a sign or leading zero, as the writer writes a version.
  mutating func integer() -> Int? {
    skipSpace()
    let start = index
    var value = 0
    while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9"),
      index - start < 9
    {
      value = value * 10 + Int(bytes[index] - UInt8(ascii: "0"))
      index += 1
    }
    guard index > start, bytes[start] != UInt8(ascii: "0") || index - start == 1 else {
      return nil
    }
    // The number ends here: no more digits, fraction or exponent.
    if index < bytes.count {
      switch bytes[index] {
      case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "e"),
        UInt8(ascii: "E"):
        return nil
      default: break
      }
    }
    return value
  }

  func matches(_ range: Range<Int>, _ text: StaticString) -> Bool {
    range.count == text.utf8CodeUnitCount
      && UnsafeRawBufferPointer(rebasing: bytes[range]).elementsEqual(
        UnsafeRawBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
  }

  /// Whether one key's bytes come strictly before another's.
  func precedes(_ earlier: Range<Int>, _ later: Range<Int>) -> Bool {
    UnsafeRawBufferPointer(rebasing: bytes[earlier]).lexicographicallyPrecedes(
      UnsafeRawBufferPointer(rebasing: bytes[later]))
  }
}
