import Foundation

/// One entry of the access log (SPEC §12): a command showed the name and number of persons
/// with protected personal data (`--reveal`) — who, when, with which command, in which
/// records. Entries are never changed; `store access-log` lists them for the controller.
public struct AccessEntry: StoredRecord, Equatable {
  public static let kind = RecordKind.access

  public var id: RecordID?
  /// When (UTC) and on which day (the command's clock).
  public var recordedAt: String
  public var date: CivilDate
  /// Who the command acted as, and the login that ran it when that differs.
  public var actor: String
  public var login: String?
  /// The verb: `samverkan consent show`.
  public var command: String
  /// The records whose protected persons were shown (empty for a document without IDs).
  @Defaulted public var records: [RecordID]
  /// The protected persons shown.
  @Defaulted public var persons: [PersonNumber]

  public init(
    recordedAt: String, date: CivilDate, actor: String, login: String?, command: String,
    records: [RecordID], persons: [PersonNumber]
  ) {
    self.recordedAt = recordedAt
    self.date = date
    self.actor = actor
    self.login = login
    self.command = command
    self.records = records
    self.persons = persons
  }

  public static let fields: [RecordField] = [
    RecordField("id"), RecordField("recordedAt"), RecordField("date"), RecordField("actor"),
    RecordField("login"), RecordField("command"), RecordField("records", .list),
    RecordField("persons", .list),
  ]

  public var isOpen: Bool { false }
  public var stateName: String { "logged" }
}
