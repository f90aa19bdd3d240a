import SamverkanJSON
import Testing

/// `CanonicalObject`: it accepts exactly the text `JSONWriter` writes, and splices members in
/// as writing the object with them would.

private let samples: [JSONValue] = [
  .object([:]),
  .object(["id": .string("CON-1")]),
  .object([
    "id": .string("CON-12"), "person": .string("19900101-2385"),
    "parties": .array([.string("FFS"), .string("SF-NORDOST")]), "informed": .bool(true),
    "count": .integer(-42), "zero": .integer(0), "none": .null, "empty": .array([]),
    "nested": .object(["b": .object([:]), "a": .array([.object(["y": .integer(1), "x": .null])])]),
  ]),
  .object([
    "text": .string("Åsa Öberg säger \"nej\" \\ och \t tab\nrad\r\u{08}\u{0C}\u{01}\u{1F}\u{7F}"),
    "emoji": .string("🙂 ok ∑ 𝄞"), "slash": .string("a/b"),
  ]),
  .object(["big": .integer(999_999_999_999_999_999), "small": .integer(-999_999_999_999_999_999)]),
]

/// A sample as the writer writes it, and that text scanned.
private func written(_ sample: Int) throws -> (JSONValue, [UInt8], CanonicalObject) {
  let value = samples[sample]
  var bytes: [UInt8] = []
  JSONWriter.write(value, into: &bytes)
  return (value, bytes, try #require(CanonicalObject.scan(bytes[...])))
}

@Test(arguments: samples.indices)
func writtenTextIsCanonical(sample: Int) throws {
  let (value, _, object) = try written(sample)
  #expect(object.members.count == value.objectValue?.count)
}

@Test(arguments: samples.indices)
func valuesOfSeveralKeysAreEachKeysMember(sample: Int) throws {
  let (value, bytes, object) = try written(sample)
  let present = (value.objectValue ?? [:]).keys
  // Present and absent keys, before, between and after the members'.
  let candidates = Set(present).union(["", "A", "idx", "i", "nested", "~", "zz", "ö"])
  let sorted = candidates.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
  for keys in [
    sorted, sorted.enumerated().filter { $0.offset % 2 == 0 }.map(\.element), [], ["id"],
  ] {
    let found = bytes.withUnsafeBytes { raw in
      object.values(CanonicalObject.Keys(keys), in: raw).map { $0.map { Array($0) } }
    }
    let expected = bytes.withUnsafeBytes { raw in
      keys.map { key in object.member(key, in: raw).map { Array(raw[$0.value]) } }
    }
    #expect(found == expected, "\(keys)")
    for (key, text) in zip(keys, found) {
      #expect(
        text.map { String(decoding: $0, as: UTF8.self) } == value[key].map { JSONWriter.write($0) })
    }
  }
}

@Test(arguments: samples.indices)
func splicedMembersWriteAsTheValueWithThem(sample: Int) throws {
  let (value, bytes, object) = try written(sample)
  let extras: [[(key: String, value: JSONValue)]] = [
    [],
    [(key: "personName", value: .string("Anna \"Ann\" Åberg"))],
    [(key: "A", value: .integer(1)), (key: "id", value: .string("X")), (key: "~", value: .null)],
    [(key: "personProtected", value: .bool(true)), (key: "status", value: .string("active"))],
  ]
  for extra in extras {
    var members = value.objectValue ?? [:]
    for (key, member) in extra { members[key] = member }
    var spliced: [UInt8] = []
    bytes.withUnsafeBytes { object.write($0, adding: extra, into: &spliced) }
    #expect(String(decoding: spliced, as: UTF8.self) == JSONWriter.write(.object(members)))
  }
}

@Test(arguments: [
  "{ }", "{\"a\":1 }", "{\"b\":1,\"a\":2}", "{\"a\":1,\"a\":2}", "{\"a\":\"\\/\"}",
  "{\"a\":\"\\u00e9\"}", "{\"a\":\"\\u001F\"}", "{\"a\":\"\\u000a\"}", "{\"a\":01}", "{\"a\":-0}",
  "{\"a\":1.5}", "{\"a\":1e3}", "{\"a\":1234567890123456789}", "{\"é\":1}", "{\"a\\\"\":1}",
  "{\"a\":\"\u{01}\"}", "{\"a\":tru}", "{\"a\":[1,]}", "{\"a\":1}x", "[1]", "{\"a\":\"x",
])
func otherTextIsNot(text: String) {
  #expect(CanonicalObject.scan(Array(text.utf8)[...]) == nil)
}

@Test func invalidUTF8IsNotCanonical() {
  for bytes: [UInt8] in [
    [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xE2, 0x82],
  ] {
    let text = Array("{\"a\":\"".utf8) + bytes + Array("\"}".utf8)
    #expect(CanonicalObject.scan(text[...]) == nil)
  }
}

/// A line with a sample as its `changes`, as a journal line holds a record.
private func lineHolding(_ sample: Int) -> [UInt8] {
  var bytes: [UInt8] = []
  JSONWriter.write(
    .object(["action": .string("change"), "changes": samples[sample], "time": .integer(1)]),
    into: &bytes)
  return bytes
}

@Test(arguments: samples.indices, samples.indices)
func aLikelyValueFindsWhereTheSkippedValueEndsOnlyWhenItIsThatValue(held: Int, likely: Int)
  throws
{
  let line = lineHolding(held)
  let likelyText = try written(likely).1
  func members(_ likely: [UInt8]?) -> [Range<Int>]? {
    line.withUnsafeBytes { raw in
      let scanned =
        if let likely {
          likely.withUnsafeBytes {
            CanonicalObject.scan(raw, skipping: "changes", likely: $0)
          }
        } else {
          CanonicalObject.scan(raw, skipping: "changes")
        }
      return scanned?.members.flatMap { [$0.key, $0.value] }
    }
  }
  let plain = try #require(members(nil))
  #expect(members(likelyText) == plain)
  // The skipped value is the held sample's text, whichever value was likely.
  let changes = plain[3]
  #expect(Array(line[changes]) == (try written(held).1))
}

@Test func aLikelyValueDoesNotHideADamagedLine() {
  // The likely value is all there, but the line goes on wrongly after it.
  let likely = Array(#"{"a":1}"#.utf8)
  let damaged = Array(#"{"changes":{"a":1}x,"time":1}"#.utf8)
  let scanned = damaged.withUnsafeBytes { raw in
    likely.withUnsafeBytes { CanonicalObject.scan(raw, skipping: "changes", likely: $0) }
  }
  #expect(scanned == nil)
}
