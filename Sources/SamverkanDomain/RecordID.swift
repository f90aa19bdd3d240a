import SamverkanJSON
import Foundation

/// A kind of record the store keeps: its ID prefix, its folder in the store, and its name.
///
/// Every kind is listed here, in the shared domain, so one command can name another
/// command's record (`deviation report --from SP-3`) without depending on its module.
public struct RecordKind: Hashable, Sendable, CustomStringConvertible {
  /// The ID prefix, upper case: `CON` in `CON-12`.
  public let prefix: String
  /// The store folder holding this kind: `consent`.
  public let collection: String
  /// What a caseworker calls one: "consent", "SIP".
  public let noun: String

  public init(prefix: String, collection: String, noun: String) {
    self.prefix = prefix
    self.collection = collection
    self.noun = noun
  }

  public var description: String { noun }

  /// Samtycke.
  public static let consent = RecordKind(prefix: "CON", collection: "consent", noun: "consent")
  /// Samordnad individuell plan.
  public static let sip = RecordKind(prefix: "SIP", collection: "sip", noun: "SIP")
  /// Samordnad plan.
  public static let sp = RecordKind(prefix: "SP", collection: "sp", noun: "SP")
  /// Anonymous consultation between administrations (oidentifierad konsultation).
  public static let consultation = RecordKind(
    prefix: "KONS", collection: "consultation", noun: "consultation")
  /// Överföring av pågående ärende.
  public static let transfer = RecordKind(prefix: "TRF", collection: "transfer", noun: "transfer")
  /// Samverkanssvårighet raised level by level.
  public static let escalation = RecordKind(
    prefix: "ESC", collection: "escalate", noun: "escalation")
  /// The assistant unit managers' monthly meeting (avstämningsmöte or samverkansmöte):
  /// attendance, note-taker and minutes.
  public static let meeting = RecordKind(prefix: "MTG", collection: "meetings", noun: "meeting")
  /// Avvikelserapport.
  public static let deviation = RecordKind(
    prefix: "DEV", collection: "deviation", noun: "deviation report")
  /// Kontaktväg: an intake unit in the directory.
  public static let contact = RecordKind(prefix: "CT", collection: "contacts", noun: "contact")
  /// A caseworker assigned to a person at an organization (utsedd handläggare).
  public static let assignment = RecordKind(
    prefix: "ASG", collection: "assignments", noun: "assignment")

  /// Utlämnande: one entry of the disclosure log, written by the sharing gate.
  public static let disclosure = RecordKind(
    prefix: "UTL", collection: "disclosures", noun: "disclosure")

  /// A user in the store's register (SPEC §12): login, name, organization, title, roles.
  public static let user = RecordKind(prefix: "USR", collection: "users", noun: "user")
  /// One entry of the access log: who saw a protected person's data, when, in which records.
  public static let access = RecordKind(
    prefix: "ACC", collection: "access-log", noun: "access log entry")

  /// Every kind, in the order `store check` and `store export` walk them (users first, so
  /// an import of a whole store has its register before the records their steps need).
  public static let all: [RecordKind] = [
    .user, .consent, .sip, .sp, .consultation, .transfer, .escalation, .meeting, .deviation,
    .contact, .assignment, .disclosure, .access,
  ]

  /// Whether records of this kind show their person's name (which lives once per person,
  /// in the person register): not the logs, which name only the number.
  public var showsPersonName: Bool {
    [.consent, .sip, .sp, .transfer, .escalation, .assignment].contains(self)
  }

  /// The kind whose prefix this is (case-insensitive), if any.
  public static func withPrefix(_ prefix: String) -> RecordKind? {
    let upper = prefix.uppercased()
    return all.first { $0.prefix == upper }
  }
}

/// A record's ID: a kind's prefix and a number, `CON-12`. Case-insensitive on input.
public struct RecordID: Hashable, Comparable, Sendable, Codable, StoredAsText,
  CustomStringConvertible
{
  public let kind: RecordKind
  /// The number after the dash, from 1.
  public let number: Int

  /// The highest ID number: far beyond any real store, and far enough from `Int.max` that
  /// counting past it never overflows (an imported `CON-9223372036854775807` crashed the
  /// next `grant`).
  public static let maximumNumber = 999_999_999

  public init(kind: RecordKind, number: Int) {
    self.kind = kind
    self.number = number
  }

  /// The ID when the text is exactly a kind's prefix, a dash and a number from 1 to
  /// `maximumNumber` in plain digits; nil for anything else.
  static func written(_ text: String) -> RecordID? {
    var text = text
    return text.withUTF8 { bytes -> RecordID? in
      guard let dash = bytes.firstIndex(of: UInt8(ascii: "-")), dash > 0,
        bytes.count - dash - 1 >= 1, bytes.count - dash - 1 <= 9
      else { return nil }
      var number = 0
      for byte in bytes[(dash + 1)...] {
        guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
        number = number * 10 + Int(byte - UInt8(ascii: "0"))
      }
      guard number > 0,
        let kind = RecordKind.all.first(where: { kind in
          kind.prefix.utf8.elementsEqual(UnsafeBufferPointer(rebasing: bytes[..<dash]))
        })
      else { return nil }
      return RecordID(kind: kind, number: number)
    }
  }

  /// Reads `CON-12` or `con-12`; with `expected`, also a bare number (`12`) and the kind
  /// must match.
  public init(parsing text: String, expected: RecordKind? = nil) throws(ValueError) {
    // An ID as written (`CON-12`): read without trimming or searching, the common case
    // when a store's IDs are read.
    if let written = Self.written(text), expected == nil || expected == written.kind {
      self = written
      return
    }
    let text = text.trimmingCharacters(in: .whitespaces)
    let example = expected.map { "an ID such as \($0.prefix)-12" } ?? "an ID such as CON-12"
    if let expected, let number = Int(text), number > 0 {
      try Self.checkBound(number)
      self.init(kind: expected, number: number)
      return
    }
    guard let dash = text.lastIndex(of: "-"),
      let number = Int(text[text.index(after: dash)...]), number > 0,
      text[text.index(after: dash)...].allSatisfy(\.isASCII)
    else {
      let digits = text.lastIndex(of: "-").map { text[text.index(after: $0)...] } ?? ""
      if !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) {
        try Self.checkBound(Int.max)
      }
      throw ValueError("this is not a record ID", expected: example)
    }
    try Self.checkBound(number)
    let prefix = String(text[..<dash])
    guard let kind = RecordKind.withPrefix(prefix) else {
      let known = RecordKind.all.map(\.prefix).joined(separator: ", ")
      throw ValueError("no kind of record has the prefix '\(prefix)'", expected: "one of \(known)")
    }
    if let expected, kind != expected {
      throw ValueError(
        "\(kind.prefix) IDs name records of the kind '\(kind.noun)', not '\(expected.noun)'",
        expected: example)
    }
    self.init(kind: kind, number: number)
  }

  private static func checkBound(_ number: Int) throws(ValueError) {
    guard number > maximumNumber else { return }
    throw ValueError(
      "the number is too large", expected: "a record number from 1 to \(maximumNumber)")
  }

  /// Which of `kinds` an ID's prefix names, if any (for verbs taking IDs of several kinds).
  public static func kindOf(_ text: String, among kinds: [RecordKind]) -> RecordKind? {
    guard let dash = text.lastIndex(of: "-") else { return nil }
    let prefix = text[..<dash].trimmingCharacters(in: .whitespaces).uppercased()
    return kinds.first { $0.prefix == prefix }
  }

  /// `CON-12`.
  public var description: String { "\(kind.prefix)-\(number)" }

  public static func < (lhs: RecordID, rhs: RecordID) -> Bool {
    if lhs.kind != rhs.kind { return lhs.kind.prefix < rhs.kind.prefix }
    return lhs.number < rhs.number
  }

  public init(from decoder: any Decoder) throws {
    self = try decoder.decodeText { text throws(ValueError) in try RecordID(parsing: text) }
  }

  /// Reads the stored ID, as `init(from:)` does.
  public init(storedText: String) throws { try self.init(parsing: storedText) }

  /// The stored string: what `encode(to:)` writes.
  public var storedText: String { description }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(storedText)
  }
}
