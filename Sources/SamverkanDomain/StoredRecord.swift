/// A record the store keeps: plain JSON with an ID, indexed by person and by the records
/// it relies on.
///
/// Each command declares its record types by conforming to this protocol; the store,
/// import, export, `list`, `show` and `history` then work on them without more code.
public protocol StoredRecord: Codable, Sendable {
  /// The kind: ID prefix and store folder.
  static var kind: RecordKind { get }
  /// The record's ID, assigned by the store when the record is first saved.
  var id: RecordID? { get set }
  /// An external reference from the system the record was imported from; unique per kind,
  /// so re-running the same import changes nothing.
  var ref: String? { get }
  /// The person the record is about, for the person index; nil when it is about no one.
  var person: PersonNumber? { get }
  /// The person's name as the record gives it (set or confirmed in the person register,
  /// where it lives once per person); nil when it gives none.
  var personName: String? { get }
  /// The records this one relies on (the consents it uses), so that `consent revoke` can
  /// list what depends on a withdrawn consent without knowing other commands.
  var references: [RecordID] { get }
  /// Whether the record is still being worked on (an open SIP, a transfer not completed).
  var isOpen: Bool { get }
  /// The state shown in reference lookups: "invited", "established".
  var stateName: String { get }
  /// The record's fields in export order, with how a CSV cell is read into each.
  static var fields: [RecordField] { get }
}

/// One field of a record as import and export see it.
public struct RecordField: Sendable, Equatable {
  /// How a CSV cell becomes JSON.
  public enum Kind: Sendable, Equatable {
    /// Text as it is (dates, IDs and personnummer are text too).
    case text
    /// A whole number.
    case number
    /// true/false (also yes/no, ja/nej, 1/0).
    case flag
    /// A list of codes or IDs: `a|b` or `a,b` in one cell.
    case list
    /// A list of free text whose items may hold commas (names, notes): `a|b` or one item
    /// per line in one cell.
    case textList
    /// Nested data, written as JSON text in a CSV cell.
    case json
  }

  /// The JSON key: `validUntil`.
  public var name: String
  public var kind: Kind

  public init(_ name: String, _ kind: Kind = .text) {
    self.name = name
    self.kind = kind
  }
}

extension StoredRecord {
  public var ref: String? { nil }
  public var person: PersonNumber? { nil }
  public var personName: String? { nil }
  public var references: [RecordID] { [] }
  public var isOpen: Bool { true }
  public var stateName: String { isOpen ? "open" : "closed" }
}
