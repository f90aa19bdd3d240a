import Foundation
import SamverkanCommandLine
import SamverkanConsent
import SamverkanContacts
import SamverkanDeviation
import SamverkanDomain
import SamverkanEscalate
import SamverkanJSON
import SamverkanKit
import SamverkanSIP
import SamverkanSP
import SamverkanTestSupport
import SamverkanTransfer
import SamverkanUsers
import Testing

@testable import SamverkanCLI

/// Every record type states its fields once: its synthesized `Codable` writes what it reads,
/// byte for byte, and reads exactly the fields import and export declare, in their order.
@Suite struct RecordFieldsTests {
  /// What the tests need of one record type.
  struct Kind: Sendable {
    let kind: RecordKind
    let fields: [RecordField]
    /// Decodes a stored record and encodes it again.
    let roundTrip: @Sendable (JSONValue) throws -> JSONValue
    /// The keys the type reads, in the order it reads them, from a record of it.
    let keysRead: @Sendable (JSONValue) throws -> [String]
    /// Decodes a stored record straight from its canonical text (as `store check` does),
    /// and encodes it again; nil when the text is not canonical.
    let textRoundTrip: @Sendable ([UInt8]) throws -> JSONValue?

    static func of<R: StoredRecord>(_ type: R.Type) -> Kind {
      Kind(
        kind: R.kind, fields: R.fields,
        roundTrip: { raw in
          try JSONValueEncoder().encode(try JSONValueDecoder().decode(R.self, from: raw))
        },
        keysRead: { raw in
          let recorder = KeyRecorder()
          var decoder = JSONValueDecoder()
          decoder.userInfo[try #require(CodingUserInfoKey(rawValue: KeyRecorder.name))] = recorder
          _ = try decoder.decode(Recorded<R>.self, from: raw)
          return recorder.keys
        },
        textRoundTrip: { bytes in
          guard let object = CanonicalObject.scan(bytes[...]) else { return nil }
          return try JSONValueEncoder().encode(
            try CanonicalDecoder().decode(R.self, from: bytes, at: 0..<bytes.count, object: object))
        })
    }
  }

  static let kinds: [Kind] = [
    .of(Consent.self), .of(Disclosure.self), .of(SIP.self), .of(CoordinatedPlan.self),
    .of(Consultation.self), .of(Transfer.self), .of(Escalation.self),
    .of(ManagersMeeting.self), .of(DeviationReport.self), .of(Contact.self),
    .of(Assignment.self), .of(User.self), .of(AccessEntry.self),
  ]

  @Test func theTablesCoverEveryRecordType() {
    #expect(
      Set(Self.kinds.map(\.kind.prefix)) == Set(SamverkanCLI.recordTypes.map(\.kind.prefix)))
    #expect(Self.kinds.count == SamverkanCLI.recordTypes.count)
  }

  // MARK: - Stores

  /// The schema-1 fixture, and a store built by running every example of every verb's
  /// help twice (the second pass finds the records the first made).
  static let stores: [(name: String, store: TestStore)] = {
    let fixture = TestStore()
    try? FileManager.default.copyItem(
      atPath: repositoryRoot.appendingPathComponent("Tests/Fixtures/store-schema-1").path,
      toPath: fixture.path)
    let built = TestStore()
    for _ in 0..<2 {
      for example in FuzzTests.examples where !["store", "completions"].contains(example[0]) {
        built.run(example, stdin: "")
      }
    }
    // What no example leaves behind: an anonymous consultation, and a user (last: a store
    // with users asks who may take each step).
    built.run([
      "sp", "consult", "--by", "SF-NORDOST", "--with", "FFS", "--question", "Boendestöd?",
      "--advice", "Ansök om boendestöd.",
    ])
    _ = runSamverkan(
      [
        "users", "add", "--login", "tester", "--name", "Test Testsson", "--org",
        "SF-NORDOST/BOU", "--title", "socialsekreterare",
      ], store: built.path, login: "tester")
    return [("fixture", fixture), ("built by the verbs", built)]
  }()

  /// Every record line of every records file of a store: its kind and its bytes.
  static func storedRecords(_ store: TestStore) throws -> [(kind: RecordKind, line: String)] {
    var records: [(RecordKind, String)] = []
    for kind in RecordKind.all {
      let folder = store.path + "/" + kind.collection + "/records"
      let files = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
      for file in files.sorted() where file.hasSuffix(".json") {
        let text = try String(contentsOfFile: folder + "/" + file, encoding: .utf8)
        // The first line opens the file's object, the last closes it.
        for line in text.split(separator: "\n").dropFirst() where line.hasPrefix("{") {
          records.append((kind, String(line.hasSuffix(",") ? line.dropLast() : line)))
        }
      }
    }
    return records
  }

  @Test func theStoresHoldEveryKind() throws {
    let held = Set(try Self.stores.flatMap { try Self.storedRecords($0.store) }.map(\.kind.prefix))
    #expect(held == Set(Self.kinds.map(\.kind.prefix)))
  }

  /// The fields added since the schema-1 fixture was written, which its records gain (as
  /// they always have) when they are written again.
  static let addedSinceTheFixture: [String: [String: JSONValue]] = [
    "CON": ["soleGuardian": .bool(false)], "SP": ["openCases": .array([])],
  ]

  @Test func everyStoredRecordReadsBackToItsOwnBytes() throws {
    var count = 0
    for (name, store) in Self.stores {
      for (kind, line) in try Self.storedRecords(store) {
        let type = try #require(Self.kinds.first { $0.kind == kind })
        let again = JSONWriter.write(try type.roundTrip(try JSONParser.parse(line)))
        var expected = line
        if name == "fixture", let added = Self.addedSinceTheFixture[kind.prefix],
          case .object(var members) = try JSONParser.parse(line)
        {
          members.merge(added) { old, _ in old }
          expected = JSONWriter.write(.object(members))
        }
        #expect(again == expected, "\(name), \(kind.prefix)")
        count += 1
      }
    }
    #expect(count > 50)
  }

  @Test func everyStoredRecordDecodesFromItsTextAsFromItsValue() throws {
    var count = 0
    for (name, store) in Self.stores {
      for (kind, line) in try Self.storedRecords(store) {
        let type = try #require(Self.kinds.first { $0.kind == kind })
        guard let fromText = try type.textRoundTrip(Array(line.utf8)) else { continue }
        #expect(
          fromText == (try type.roundTrip(try JSONParser.parse(line))), "\(name), \(kind.prefix)")
        count += 1
      }
    }
    #expect(count > 50)
  }

  // MARK: - Declared fields

  @Test func eachTypeReadsItsDeclaredFieldsInTheirOrder() throws {
    let records = try Self.stores.flatMap { try Self.storedRecords($0.store) }
    for type in Self.kinds {
      let sample = try #require(records.first { $0.kind == type.kind }, "\(type.kind.prefix)")
      let read = try type.keysRead(try JSONParser.parse(sample.line))
      #expect(read == type.fields.map(\.name), "\(type.kind.prefix)")
    }
  }

  /// Import leaves an optional list or flag a row does not give to the record's own
  /// decoding, as the store's reading does: absent is empty or false.
  @Test func anAbsentOptionalListOrFlagIsEmptyOrFalse() throws {
    let records = try Self.stores.flatMap { try Self.storedRecords($0.store) }
    for type in Self.kinds {
      let sample = try #require(records.first { $0.kind == type.kind })
      let object = try #require(try JSONParser.parse(sample.line).objectValue)
      for field in type.fields where !field.isRequired {
        let absent: JSONValue
        switch field.kind {
        case .list, .textList: absent = .array([])
        case .flag: absent = .bool(false)
        default: continue
        }
        var without = object
        without[field.name] = nil
        do {
          let read = try type.roundTrip(.object(without)).objectValue?[field.name]
          #expect(read == nil || read == absent, "\(type.kind.prefix).\(field.name)")
        } catch {
          Issue.record("\(type.kind.prefix).\(field.name): \(error)")
        }
      }
    }
  }

  @Test func storedValuesHaveTheirDeclaredForm() throws {
    for (name, store) in Self.stores {
      for (kind, line) in try Self.storedRecords(store) {
        let type = try #require(Self.kinds.first { $0.kind == kind })
        let object = try #require(try JSONParser.parse(line).objectValue)
        let declared = Dictionary(uniqueKeysWithValues: type.fields.map { ($0.name, $0) })
        for (key, value) in object {
          let field = try #require(declared[key], "\(name): \(kind.prefix) writes '\(key)'")
          #expect(
            Self.hasForm(value, field), "\(name): \(kind.prefix).\(key) is \(value)")
        }
      }
    }
  }

  static func hasForm(_ value: JSONValue, _ field: RecordField) -> Bool {
    func text(_ value: JSONValue) -> Bool {
      guard case .string(let text) = value else { return false }
      switch field.format {
      case .date: return (try? CivilDate(iso: text)) != nil
      case .person: return (try? PersonNumber(longForm: text)) != nil
      case .values(let allowed): return allowed.contains(text)
      case .text, .organization: return true
      }
    }
    switch (field.kind, value) {
    case (.json, _): return true
    case (.flag, .bool): return true
    case (.number, .integer): return true
    case (.text, _): return text(value)
    case (.list, .array(let items)), (.textList, .array(let items)): return items.allSatisfy(text)
    default: return false
    }
  }
}

// MARK: - Recording the keys a type reads

/// The keys a synthesized `init(from:)` asks for. Every coding key is asked for, present or
/// not (`decodeIfPresent` asks too), so a record of the type names them all.
final class KeyRecorder: @unchecked Sendable {
  static let name = "keyRecorder"
  var keys: [String] = []
}

/// Decodes `R` through a decoder that notes the top-level keys it reads.
struct Recorded<R: Decodable>: Decodable {
  init(from decoder: any Decoder) throws {
    let recorder = try #require(
      decoder.userInfo.first { $0.key.rawValue == KeyRecorder.name }?.value as? KeyRecorder)
    _ = try R(from: RecordingDecoder(inner: decoder, recorder: recorder))
  }
}

struct RecordingDecoder: Decoder {
  let inner: any Decoder
  let recorder: KeyRecorder
  var codingPath: [any CodingKey] { inner.codingPath }
  var userInfo: [CodingUserInfoKey: Any] { inner.userInfo }

  func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
    KeyedDecodingContainer(
      RecordingContainer(inner: try inner.container(keyedBy: type), recorder: recorder))
  }
  func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
    try inner.unkeyedContainer()
  }
  func singleValueContainer() throws -> any SingleValueDecodingContainer {
    try inner.singleValueContainer()
  }
}

struct RecordingContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
  let inner: KeyedDecodingContainer<Key>
  let recorder: KeyRecorder
  var codingPath: [any CodingKey] { inner.codingPath }
  var allKeys: [Key] { inner.allKeys }

  private func note(_ key: Key) {
    if recorder.keys.last != key.stringValue { recorder.keys.append(key.stringValue) }
  }
  func contains(_ key: Key) -> Bool {
    note(key)
    return inner.contains(key)
  }
  func decodeNil(forKey key: Key) throws -> Bool {
    note(key)
    return try inner.decodeNil(forKey: key)
  }
  func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
    note(key)
    return try inner.decode(type, forKey: key)
  }
  func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
    note(key)
    return try inner.decodeIfPresent(type, forKey: key)
  }
  func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key)
    throws -> KeyedDecodingContainer<NestedKey>
  {
    note(key)
    return try inner.nestedContainer(keyedBy: type, forKey: key)
  }
  func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
    note(key)
    return try inner.nestedUnkeyedContainer(forKey: key)
  }
  func superDecoder() throws -> any Decoder { try inner.superDecoder() }
  func superDecoder(forKey key: Key) throws -> any Decoder {
    note(key)
    return try inner.superDecoder(forKey: key)
  }
}
