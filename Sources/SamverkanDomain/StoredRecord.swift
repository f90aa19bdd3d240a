import SamverkanJSON

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

/// One field of a record as import and export see it: how a cell becomes JSON, what a
/// value must look like, whether a row must give it, and what it is when left out. Import's
/// reading, its `--help` and `--template` all come from these declarations.
public struct RecordField: Sendable {
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

  /// What a text value (or each item of a list) must look like; import reads it as the
  /// verbs read the same value and stores it in its one stored form.
  public enum Format: Sendable, Equatable {
    /// Free text.
    case text
    /// A personnummer or samordningsnummer in any form the verbs accept (`YYMMDD-NNNN`,
    /// `YYYYMMDDNNNN`, …), stored in the long form `YYYYMMDD-NNNN`.
    case person
    /// A date `YYYY-MM-DD`.
    case date
    /// An organization or unit ID from the profile, e.g. `SF-NORDOST` or `SF-NORDOST/BOU`.
    case organization
    /// One of these values (any case), stored as written here.
    case values([String])
  }

  /// Whether a row must give the field.
  public enum Presence: Sendable {
    /// A row may leave it out: it is then absent (an empty list, false).
    case optional
    /// Every new record needs it.
    case required
    /// A row may leave it out and gets what the verb that creates the record would give.
    case defaulted(FieldDefault)
  }

  /// The JSON key: `validUntil`.
  public var name: String
  public var kind: Kind
  public var format: Format
  public var presence: Presence
  /// Other column names a row may use for the field: the verb's option names (`until`).
  public var aliases: [String]

  public init(
    _ name: String, _ kind: Kind = .text, format: Format = .text, presence: Presence = .optional,
    aliases: [String] = []
  ) {
    self.name = name
    self.kind = kind
    self.format = format
    self.presence = presence
    self.aliases = aliases
  }

  /// Whether every new record must have the field from its row.
  public var isRequired: Bool {
    if case .required = presence { return true }
    return false
  }

  /// What the field is when a new record's row leaves it out, if the verb gives it something.
  public var fieldDefault: FieldDefault? {
    if case .defaulted(let value) = presence { return value }
    return nil
  }
}

/// What a field is when a row leaves it out: the value the creating verb would give.
public struct FieldDefault: Sendable {
  /// What the verbs default to, as `import --help` says it: "today", "explicit".
  public var description: String
  /// The value for a row (with the other fields it gives, defaults of earlier fields
  /// applied); nil leaves the field absent.
  public var value: @Sendable (Context, [String: JSONValue]) -> JSONValue?

  public init(
    _ description: String, value: @escaping @Sendable (Context, [String: JSONValue]) -> JSONValue?
  ) {
    self.description = description
    self.value = value
  }

  /// What a default may depend on: the day (`--today`), who imports, and the profile.
  public struct Context: Sendable {
    public var today: CivilDate
    public var actor: String
    public var profile: Profile

    public init(today: CivilDate, actor: String, profile: Profile) {
      self.today = today
      self.actor = actor
      self.profile = profile
    }
  }

  /// Always this text.
  public static func constant(_ text: String) -> FieldDefault {
    FieldDefault(text) { _, _ in .string(text) }
  }

  /// The day of the import.
  public static let today = FieldDefault("today") { context, _ in
    .string(context.today.description)
  }

  /// Who imports: `--as`, SAMVERKAN_USER or the login.
  public static let actor = FieldDefault("who imports (--as, SAMVERKAN_USER or your login)") {
    context, _ in .string(context.actor)
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

extension StoredRecord {
  /// The ID of a record the store has saved or read: every such record has one, so a
  /// record without it here is a bug (exit 70), not bad input.
  public var savedID: RecordID {
    get throws {
      guard let id else {
        throw SamverkanError.internalError(
          "a \(Self.kind.noun) record was used as saved before the store gave it an ID")
      }
      return id
    }
  }
}
