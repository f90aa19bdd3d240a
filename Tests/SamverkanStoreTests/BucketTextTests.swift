import Foundation
import SamverkanJSON
@testable import SamverkanStore
import SamverkanTestSupport
import Testing

/// `store check` reads index buckets as the store writes them by their text; it must find
/// exactly the entries that parsing the file finds, and fall back to parsing anything else.
@Suite struct BucketTextTests {
  /// An entry as plain strings: its key, its string value, and its list's strings.
  struct Entry: Hashable {
    var key: String
    var text: String?
    var texts: [String]
  }

  let store = Store(
    directory: TemporaryDirectory().path + "/store", actor: "tester", commandLine: ["test"],
    lockTimeout: 2)

  func write(_ text: String) throws -> String {
    try FileManager.default.createDirectory(
      atPath: store.directory, withIntermediateDirectories: true)
    try Data(text.utf8).write(to: URL(fileURLWithPath: store.path("bucket.json")))
    return "bucket.json"
  }

  func entriesRead(_ path: String) -> [Entry] {
    var entries: [Entry] = []
    StoreReader.forEachBucketEntry(path, store: store) { entry in
      func string(_ range: Range<Int>) -> String { String(decoding: entry[range], as: UTF8.self) }
      entries.append(
        Entry(
          key: string(entry.key), text: entry.text.map(string), texts: entry.texts.map(string)))
    }
    return entries
  }

  func entriesParsed(_ path: String) -> Set<Entry> {
    Set(
      StoreReader.bucketEntries(path, store: store).map { key, value in
        Entry(
          key: key, text: value.stringValue,
          texts: (value.arrayValue ?? []).compactMap(\.stringValue))
      })
  }

  func scans(_ text: String) -> Bool {
    Array(text.utf8).withUnsafeBytes { BucketText.scan($0) != nil }
  }

  static let written = [
    // Pretty-printed, as the store writes it.
    """
    {
      "entries" : {
        "19900101-2385" : [
          "consent/1",
          "sip/2"
        ],
        "19900102-2384" : [

        ],
        "R-1" : "consent/3"
      },
      "schemaVersion" : 2
    }
    """,
    // Compact, and without a version (read as version 1).
    #"{"entries":{"a":"x","b":["y","z"]}}"#,
    #"{"entries":{},"schemaVersion":1}"#,
  ]

  @Test(arguments: written)
  func readsTheStoresOwnTextWithoutParsingItToTheSameEntries(text: String) throws {
    let path = try write(text)
    #expect(scans(text))
    let read = entriesRead(path)
    #expect(Set(read) == entriesParsed(path))
    #expect(read.count == entriesParsed(path).count)
  }

  static let other = [
    // Escapes, non-ASCII and values that are not strings are parsed.
    #"{"entries":{"a\"b":"x"},"schemaVersion":1}"#,
    #"{"entries":{"Åsa":"x"},"schemaVersion":1}"#,
    #"{"entries":{"a":"\u0078"},"schemaVersion":1}"#,
    #"{"entries":{"a":1,"b":["y",true]},"schemaVersion":1}"#,
    // Keys out of order or twice: the parser's reading stands.
    #"{"entries":{"b":"x","a":"y"},"schemaVersion":1}"#,
    #"{"entries":{"a":"x","a":"y"},"schemaVersion":1}"#,
    // Members in another order or more of them.
    #"{"schemaVersion":1,"entries":{"a":"x"}}"#,
    #"{"entries":{"a":"x"},"schemaVersion":1,"more":2}"#,
    // A version the store does not write.
    #"{"entries":{"a":"x"},"schemaVersion":999}"#,
    #"{"entries":{"a":"x"},"schemaVersion":1.5}"#,
    #"{"entries":{"a":"x"},"schemaVersion":01}"#,
    #"{"entries":{"a":"x"},"schemaVersion":"1"}"#,
  ]

  @Test(arguments: other)
  func parsesAnyOtherTextToTheEntriesTheParserFinds(text: String) throws {
    let path = try write(text)
    #expect(!scans(text))
    #expect(Set(entriesRead(path)) == entriesParsed(path))
  }

  static let damaged = [
    #"{"entries":{"a":"x"},"schemaVersion":1} trailing"#,
    #"{"entries":{"a":"x"},"schemaVersion":999}"#,
    #"{"entries":{"a":"x"#,
    #"{"entries":["a"],"schemaVersion":1}"#,
    "",
  ]

  @Test(arguments: damaged)
  func readsNoEntriesFromADamagedOrNewerBucket(text: String) throws {
    let path = try write(text)
    #expect(!scans(text))
    #expect(entriesRead(path).isEmpty)
    #expect(entriesParsed(path).isEmpty)
  }

  @Test func readsNoEntriesFromAMissingBucket() {
    #expect(entriesRead("missing.json").isEmpty)
  }
}

@Suite struct ByteSearchTests {
  @Test func findsTheFirstLineFeedInTheRangeOnly() {
    let bytes = Array("ab\ncd\nef".utf8)
    #expect(bytes.firstNewline(in: 0..<bytes.count) == 2)
    #expect(bytes.firstNewline(in: 3..<bytes.count) == 5)
    #expect(bytes.firstNewline(in: 6..<bytes.count) == nil)
    #expect(bytes.firstNewline(in: 0..<2) == nil)
    #expect(bytes.firstNewline(in: 4..<4) == nil)
  }

  @Test func comparesRunsOfBytes() {
    let bytes = Array("abcabd".utf8)
    #expect(bytes[0..<2].sameBytes(as: bytes[3..<5]))
    #expect(!bytes[0..<3].sameBytes(as: bytes[3..<6]))
    #expect(!bytes[0..<3].sameBytes(as: bytes[3..<5]))
    #expect(bytes[0..<0].sameBytes(as: bytes[6..<6]))
  }
}
