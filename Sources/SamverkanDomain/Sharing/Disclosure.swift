/// Utlämnande: one entry of the disclosure log, appended by the sharing gate for each step
/// that passed it — who received what about the person, when, and on which basis (SPEC
/// §11). Entries are never changed; the log is how the person's right of access and the
/// supervisor's review are answered.
public struct Disclosure: StoredRecord, Equatable {
  public static let kind = RecordKind.disclosure

  public var id: RecordID?
  public var person: PersonNumber?
  /// The record the step was taken on: `SP-3`.
  public var record: RecordID
  /// The step: `sp summon`.
  public var step: String
  /// The day the step happened.
  public var date: CivilDate
  /// When it was recorded (UTC), and by whom.
  public var recordedAt: String
  public var actor: String
  public var from: OrganizationID
  @Defaulted public var to: [OrganizationID]
  public var purpose: ConsentPurpose
  /// The covering consents relied on; empty when a ground was.
  @Defaulted public var consents: [RecordID]
  public var legalGround: LegalGroundUse?
  /// What the person did not want shared, in force at the step (the caseworker's own
  /// record; never printed in a document for the recipients).
  @Defaulted public var restrictions: [String]
  /// Dated before the consent's withdrawal, recorded after it.
  @Defaulted public var recordedLate: Bool

  public init(
    person: PersonNumber, record: RecordID, step: String, date: CivilDate, recordedAt: String,
    actor: String, from: OrganizationID, to: [OrganizationID], purpose: ConsentPurpose,
    passage: SharingPassage
  ) {
    self.person = person
    self.record = record
    self.step = step
    self.date = date
    self.recordedAt = recordedAt
    self.actor = actor
    self.from = from
    self.to = to
    self.purpose = purpose
    self.consents = passage.consents
    if case .legalGround(let use) = passage.basis { legalGround = use }
    self.restrictions = passage.restrictions
    self.recordedLate = passage.recordedLate
  }

  public static let fields: [RecordField] = [
    RecordField("id"), RecordField("person", format: .person), RecordField("record"),
    RecordField("step"),
    RecordField("date"), RecordField("recordedAt"), RecordField("actor"), RecordField("from"),
    RecordField("to", .list), RecordField("purpose"), RecordField("consents", .list),
    RecordField("legalGround", .json), RecordField("restrictions", .textList),
    RecordField("recordedLate", .flag),
  ]

  /// The record the step was taken on, so its disclosures are found from it (and `store
  /// check` sees that it exists).
  public var references: [RecordID] { [record] }
  public var isOpen: Bool { false }
  public var stateName: String { recordedLate ? "recorded-late" : "disclosed" }

  /// "consent CON-3" or "ground emergency".
  public var basisText: String {
    if let legalGround { return "ground \(legalGround.ground)" }
    return "consent " + consents.map(\.description).joined(separator: ",")
  }
}
