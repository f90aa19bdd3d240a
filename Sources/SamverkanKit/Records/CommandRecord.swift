import SamverkanCommandLine
import SamverkanDomain
import SamverkanJSON
import SamverkanStore

/// A record a command lists, shows, imports and exports: declaring one gives the command
/// `show`, `history`, `import` and `export` without more code (see `StandardVerbs`).
public protocol CommandRecord: StoredRecord {
  /// The columns `list` shows by default.
  static var listColumns: [Column] { get }

  /// Every problem with this record under the routine's rules, all at once. The verbs that
  /// create or change a record and every import row call this same function, so an import
  /// can never let in what a verb would refuse.
  func problems(previous: Self?, in context: RuleContext) -> [FieldProblem]

  /// Records a fresh store already shows before anything is saved (the built-in contact
  /// directory); they are saved with the kind's first change. None for most kinds.
  static func builtInRecords(profile: Profile) -> [Self]

  /// The fields that tell a record from others of its kind when an import row has neither
  /// `id` nor `ref` (a consent: person, parties, purposes, validFrom, validUntil): a row
  /// matches the stored record whose fields equal those of these it gives, so importing a
  /// file twice never duplicates. Empty: such rows always create.
  static var naturalKey: [String] { get }
}

extension CommandRecord {
  public static func builtInRecords(profile: Profile) -> [Self] { [] }
  public static var naturalKey: [String] { [] }

  /// Columns our own `list` writes that are not fields (`status`): read-only, ignored by
  /// import so that `list --format csv | import` works.
  public static var readOnlyColumns: Set<String> {
    Set(listColumns.map(\.field) + ["status"]).subtracting(fieldNames)
  }
}

extension StoreReader {
  /// Every record of a type in ID order, with the built-in ones while none is saved yet.
  public func forEachRecord<R: CommandRecord>(
    _ type: R.Type, profile: Profile, _ body: (RecordID, JSONValue) throws -> Void
  ) throws {
    if try !hasCollection(R.kind) {
      for record in R.builtInRecords(profile: profile) {
        try body(try record.savedID, try record.json)
      }
      return
    }
    try forEachRawRecord(of: R.kind, body)
  }

  /// Every record of a type, with the built-in ones while none is saved yet.
  public func allRecords<R: CommandRecord>(_ type: R.Type, profile: Profile) throws -> [R] {
    if try !hasCollection(R.kind) { return R.builtInRecords(profile: profile) }
    return try records(R.self)
  }

  /// One record, or a built-in one while none is saved yet; exit 66 when there is none.
  public func requireRecord<R: CommandRecord>(_ id: RecordID, as type: R.Type, profile: Profile)
    throws -> R
  {
    if try !hasCollection(R.kind),
      let builtIn = R.builtInRecords(profile: profile).first(where: { $0.id == id })
    {
      return builtIn
    }
    return try require(id, as: R.self)
  }
}

extension StoreWriter {
  /// Saves the built-in records of a type before its first change, so they stay.
  public func saveBuiltInRecords<R: CommandRecord>(_ type: R.Type, profile: Profile) throws {
    guard try !hasCollection(R.kind) else { return }
    for record in R.builtInRecords(profile: profile) {
      try insert(
        record, action: "built-in", note: "the built-in directory of \(profile.municipality)")
    }
  }
}

/// What the rules may consult: the profile, the clock, and the store as it is.
public struct RuleContext {
  public let profile: Profile
  public let clock: Clock
  public let reader: StoreReader
  private let names: RecordedNames

  public init(profile: Profile, clock: Clock, reader: StoreReader) {
    self.profile = profile
    self.clock = clock
    self.reader = reader
    names = RecordedNames(reader: reader)
  }

  /// What in a text that must be anonymous identifies someone (SPEC §11): a personnummer,
  /// a person's name recorded in the store, an e-mail address or a phone number.
  public func identifyingFindings(in text: String) -> [String] {
    AnonymousText.findings(in: text, knownNames: names.all)
  }
}

/// The names of the persons recorded in the store, read once per command on first use
/// from the person register (an anonymous text is rare; an import of many checks them
/// against one reading). A store not yet migrated to the register gives its records' names.
private final class RecordedNames {
  let reader: StoreReader
  lazy var all: [String] = {
    let registered = (try? reader.registeredNames()) ?? []
    guard registered.isEmpty else { return registered }
    // A store of schema 1 keeps the names in its records.
    var names: Set<String> = []
    for kind in RecordKind.all where kind.showsPersonName {
      try? reader.forEachRawRecord(of: kind) { _, record in
        if let name = record["personName"]?.stringValue { names.insert(name) }
      }
    }
    return names.sorted()
  }()

  init(reader: StoreReader) { self.reader = reader }
}

extension Invocation {
  /// The rule context for this command's clock and profile over a store view.
  public func ruleContext(_ reader: StoreReader) throws -> RuleContext {
    RuleContext(profile: try profile(), clock: clock, reader: reader)
  }
}

extension CommandRecord {
  /// The record as JSON (the stored and exported form).
  public var json: JSONValue {
    get throws { try JSONValueEncoder().encode(self) }
  }

  /// The names of the record's fields, for `--fields`.
  public static var fieldNames: [String] { fields.map(\.name) }
}

/// A command module's entry: its command tree and the record types it stores.
public protocol SamverkanCommand: Sendable {
  /// The command and its verbs.
  static var spec: CommandSpec { get }
  /// The record types it stores, for `store check`, `store export` and `store import`.
  static var recordTypes: [RecordType] { get }
  /// Every dated obligation its records create by `query.until`, overdue ones included,
  /// computed by the command's own rules: what `samverkan agenda` lists.
  static func agendaItems(_ query: AgendaQuery, reader: StoreReader) throws -> [AgendaItem]
}

extension SamverkanCommand {
  public static func agendaItems(_ query: AgendaQuery, reader: StoreReader) throws
    -> [AgendaItem]
  { [] }
}

/// A record type as the whole-store verbs see it: how to check it, and how to import it.
public struct RecordType: Sendable {
  public let kind: RecordKind
  /// How `store check` decodes it and finds what it indexes.
  public let checked: CheckedKind
  let importPass: @Sendable (ImportRun, StoreWriter, Set<Int>) throws -> ImportOutcome
  /// Every record as stored, with the built-in ones while none is saved yet.
  public let forEachRecord:
    @Sendable (StoreReader, Profile, (RecordID, JSONValue) throws -> Void) throws -> Void
  /// The names of its fields, for completing `--fields`.
  public let fields: [String]
  /// The IDs of the records a fresh store shows before any is saved (the built-in contact
  /// directory), for completing IDs.
  public let builtInIDs: @Sendable (Profile) -> [RecordID]
  /// A stored record's state and whether it is still worked on, for views across kinds
  /// (`person show`).
  public let describe: @Sendable (JSONValue) throws -> (state: String, isOpen: Bool)
  /// How its fields are corrected (rättelse), for `correct` and `person correct`.
  public let correction: Correction
  /// Removes one record (gallring), updating the indexes.
  public let remove: @Sendable (StoreWriter, RecordID) throws -> Void

  /// The type `R`.
  public static func of<R: CommandRecord>(_ type: R.Type) -> RecordType {
    RecordType(
      kind: R.kind, checked: .of(R.self),
      importPass: { run, writer, named in
        try Importer<R>().pass(run, writer: writer, named: named)
      },
      forEachRecord: { reader, profile, body in
        try reader.forEachRecord(R.self, profile: profile, body)
      },
      fields: R.fieldNames,
      builtInIDs: { profile in R.builtInRecords(profile: profile).compactMap(\.id) },
      describe: { raw in
        let record = try JSONValueDecoder().decode(R.self, from: raw)
        return (record.stateName, record.isOpen)
      },
      correction: .of(R.self),
      remove: { writer, id in try writer.remove(R.self, id: id, action: "gallra") })
  }
}
