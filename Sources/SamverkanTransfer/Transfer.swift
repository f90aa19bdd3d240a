import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanJSON

/// Överföring av pågående ärende: an ongoing case moving from one unit to another — a
/// youth case to the adult unit at 19 (21 when placed in family care), or on a date decided
/// at a collaboration meeting (SPEC §7, seed 001).
public struct Transfer: CommandRecord, Equatable {
  public static let kind = RecordKind.transfer

  public var id: RecordID?
  public var ref: String?
  public var person: PersonNumber?
  public var personName: String?
  /// The unit handing the case over (överlämnande enhet), e.g. `SF-NORDOST/BOU`.
  public var from: OrganizationID
  /// The unit taking the case over (mottagande enhet), e.g. `SF-NORDOST/VUXEN`.
  public var to: OrganizationID
  /// The person is placed in family care (familjehem): the youth unit keeps the case until
  /// the profile's family-home age (21).
  @Defaulted public var familyHome: Bool
  /// Whether the handover is a birthday or a date decided at a collaboration meeting.
  public var basis: TransferBasis
  /// For a birthday handover, the age the person turns on the handover date (19 or 21).
  public var handoverAge: Int?
  /// From this date the receiving unit is responsible and makes the decisions.
  public var handoverDate: CivilDate
  /// The birth date the caseworker gave (`--birth-date`) for a birthday handover when the
  /// samordningsnummer's is incomplete (month 00, day 60, or a day the month lacks).
  public var birthDate: CivilDate?
  /// Where a decided transfer was decided: the escalation (`ESC-4`) or the date of the
  /// collaboration meeting (samverkansmöte).
  public var decidedAt: String?
  /// The escalation (its samverkansmöte registration) where the youth case was raised before
  /// it moves at the age limit (seed 001: "aktualiseras på samverkansmötet").
  public var raisedAt: RecordID?
  /// The last day to notify (avisera) the case: the handover date minus the profile's
  /// notice months.
  public var noticeDeadline: CivilDate
  public var state: TransferState
  /// The notice came after the deadline: shown wherever the transfer is.
  @Defaulted public var late: Bool
  /// The caseworker handing the case over (remitterande handläggare), whom the receiving
  /// caseworker contacts.
  public var referringCaseworker: String?

  // MARK: Transfer package (information till mottagande enhet)

  /// Bakgrund och familjesituation.
  public var background: String?
  /// Vårdnadshavare, god man eller förvaltare ("ingen" when there is none).
  public var guardian: String?
  /// Aktuell situation.
  public var currentSituation: String?
  /// Funktionsnedsättning eller problematik, tidigare utredningar och diagnoser.
  public var disabilityAndInvestigations: String?
  /// Pågående insatser och planering.
  public var interventions: String?

  // MARK: Steps

  public var plannedOn: CivilDate
  /// The day the receiving unit was notified (aviserat).
  public var notifiedOn: CivilDate?
  /// The day the receiving unit confirmed receipt, and who confirmed it.
  public var acknowledgedOn: CivilDate?
  public var acknowledgedBy: String?
  /// The caseworker the receiving unit assigned, and how to reach them.
  public var receivingCaseworker: String?
  public var receivingCaseworkerEmail: EmailAddress?
  public var receivingCaseworkerPhone: PhoneNumber?
  public var assignedOn: CivilDate?
  /// The joint officials' meeting (tjänstemannamöte) the receiving unit holds.
  public var meetingOn: CivilDate?
  @Defaulted public var meetingParticipants: [String]
  public var meetingNote: String?
  /// The day responsibility passed to the receiving unit.
  public var completedOn: CivilDate?
  public var cancelledOn: CivilDate?
  public var cancelReason: String?
  /// Every step that passed information about the person between the units, with the
  /// consent (or secrecy-breaking ground) it relied on.
  @Defaulted public var sharing: [SharedStep]
  public var note: String?

  public init(
    id: RecordID? = nil, ref: String? = nil, person: PersonNumber, personName: String? = nil,
    from: OrganizationID, to: OrganizationID, familyHome: Bool = false,
    schedule: TransferSchedule, birthDate: CivilDate? = nil, decidedAt: String? = nil,
    referringCaseworker: String? = nil, plannedOn: CivilDate, note: String? = nil
  ) {
    self.id = id
    self.ref = ref
    self.person = person
    self.personName = personName
    self.from = from
    self.to = to
    self.familyHome = familyHome
    self.basis = schedule.basis
    self.handoverAge = schedule.handoverAge
    self.handoverDate = schedule.handoverDate
    self.noticeDeadline = schedule.noticeDeadline
    self.birthDate = birthDate
    self.decidedAt = decidedAt
    self.state = .planned
    self.late = false
    self.referringCaseworker = referringCaseworker
    self.plannedOn = plannedOn
    self.meetingParticipants = []
    self.sharing = []
    self.note = note
  }

  // MARK: - Record

  public static let fields: [RecordField] = [
    RecordField("id"), RecordField("ref"), RecordField("person", format: .person),
    RecordField("personName"),
    RecordField("from", format: .organization, presence: .required),
    RecordField("to", format: .organization, presence: .required), RecordField("familyHome", .flag),
    RecordField("basis", presence: .defaulted(basisDefault)),
    RecordField("handoverAge", .number, presence: .defaulted(handoverAgeDefault)),
    RecordField("handoverDate", format: .date, presence: .defaulted(handoverDateDefault)),
    RecordField("birthDate"), RecordField("decidedAt"), RecordField("raisedAt"),
    RecordField("noticeDeadline", format: .date, presence: .defaulted(noticeDeadlineDefault)),
    RecordField("state", presence: .defaulted(.constant(TransferState.planned.rawValue))),
    RecordField("late", .flag),
    RecordField("referringCaseworker"), RecordField("background"), RecordField("guardian"),
    RecordField("currentSituation"), RecordField("disabilityAndInvestigations"),
    RecordField("interventions"),
    RecordField("plannedOn", format: .date, presence: .defaulted(.today)),
    RecordField("notifiedOn"),
    RecordField("acknowledgedOn"), RecordField("acknowledgedBy"),
    RecordField("receivingCaseworker"), RecordField("receivingCaseworkerEmail"),
    RecordField("receivingCaseworkerPhone"), RecordField("assignedOn"),
    RecordField("meetingOn"), RecordField("meetingParticipants", .textList),
    RecordField("meetingNote"), RecordField("completedOn"), RecordField("cancelledOn"),
    RecordField("cancelReason"), RecordField("sharing", .json), RecordField("note"),
  ]

  // What `transfer plan` gives a transfer it plans, for an import row that leaves it out:
  // the birthday handover from the person's number (or a stated birth date), or the date a
  // collaboration meeting decided when the row names the decision.

  /// `decision` when the row names where it was decided (`decidedAt`), else `birthday`.
  static let basisDefault = FieldDefault("decision when decidedAt is given, else birthday") {
    _, row in
    .string(
      (row["decidedAt"]?.stringValue.map { !$0.isEmpty } ?? false)
        ? TransferBasis.decision.rawValue : TransferBasis.birthday.rawValue)
  }

  /// The birthday schedule of a row with basis `birthday`, as `transfer plan` computes it.
  static func birthdaySchedule(
    _ context: FieldDefault.Context, _ row: [String: JSONValue]
  ) -> TransferSchedule? {
    guard row["basis"]?.stringValue == TransferBasis.birthday.rawValue,
      let text = row["person"]?.stringValue, let person = try? PersonNumber(longForm: text)
    else { return nil }
    let birthDate = row["birthDate"]?.stringValue.flatMap { try? CivilDate(iso: $0) }
    guard birthDate != nil || person.incompleteBirthDate == nil else { return nil }
    return TransferSchedule.birthday(
      of: person, birthDate: birthDate, familyHome: row["familyHome"]?.boolValue ?? false,
      rules: context.profile.transfer)
  }

  static let handoverAgeDefault = FieldDefault(
    "for a birthday transfer, the adult age (the family-home age with familyHome)"
  ) { context, row in
    birthdaySchedule(context, row)?.handoverAge.map { .integer($0) }
  }

  static let handoverDateDefault = FieldDefault(
    "for a birthday transfer, the birthday at that age, from the person's number or birthDate"
  ) { context, row in
    birthdaySchedule(context, row).map { .string($0.handoverDate.description) }
  }

  static let noticeDeadlineDefault = FieldDefault(
    "the profile's notice before the handover date"
  ) { context, row in
    guard let basis = row["basis"]?.stringValue.flatMap(TransferBasis.init(rawValue:)),
      let date = row["handoverDate"]?.stringValue.flatMap({ try? CivilDate(iso: $0) })
    else { return nil }
    return .string(
      TransferSchedule.noticeDeadline(for: date, basis: basis, rules: context.profile.transfer)
        .description)
  }

  /// How an import row with neither id nor ref finds its record (README, Bulk import).
  public static let naturalKey = ["person", "from", "to", "handoverDate"]

  public static let listColumns = [
    Column("id", "ID"), Column("person", "PERSON"), Column("personName", "NAME"),
    Column("from", "FROM"), Column("to", "TO"), Column("handoverDate", "HANDOVER"),
    Column("noticeDeadline", "NOTIFY BY"), Column("status", "STATUS"),
  ]

  /// The consents the transfer's sharing steps relied on, so `consent revoke` finds it, and
  /// the escalation where the case was raised.
  public var references: [RecordID] {
    var seen: [RecordID] = []
    for step in sharing {
      if let consent = step.consent, !seen.contains(consent) { seen.append(consent) }
    }
    if let raisedAt { seen.append(raisedAt) }
    return seen
  }

  public var isOpen: Bool { state.isOpen }

  public var stateName: String { status }

  /// The state as people read it, with a late notice flagged: "notified (late)".
  public var status: String {
    late ? "\(state.rawValue) (late)" : state.rawValue
  }

  /// The age the handover follows for a birthday transfer under these rules.
  public static func handoverAge(familyHome: Bool, rules: TransferRules) -> Int {
    familyHome ? rules.familyHomeAge : rules.adultAge
  }

  /// The transfer package, field by field, in the routine's order.
  public var package: [(field: PackageField, text: String?)] {
    PackageField.allCases.map { ($0, self[keyPath: $0.keyPath]) }
  }

  /// The package fields that are still empty.
  public var emptyPackageFields: [PackageField] {
    package.filter { $0.text.isBlank }
      .map(\.field)
  }
}

/// Where a transfer is in the routine.
public enum TransferState: String, Codable, StoredAsText, CaseIterable, Sendable, ArgumentValue {
  /// Planned: the dates are known, the package is being written.
  case planned
  /// The receiving unit has been notified (aviserat) with the package.
  case notified
  /// The receiving unit has confirmed receipt.
  case acknowledged
  /// Responsibility has passed to the receiving unit.
  case completed
  /// The transfer will not happen.
  case cancelled

  /// Whether the transfer is still being worked on.
  public var isOpen: Bool { self != .completed && self != .cancelled }

  /// Whether the receiving unit has been notified.
  public var isNotified: Bool { self == .notified || self == .acknowledged || self == .completed }
}

/// What the handover date follows.
public enum TransferBasis: String, Codable, StoredAsText, CaseIterable, Sendable {
  /// The person's birthday: the adult age (19), or the family-home age (21).
  case birthday
  /// A date decided at a collaboration meeting (ärendeöverlämning efter beslut på
  /// samverkansmöte).
  case decision
}

/// One of the transfer package's parts, with its field, option and Swedish heading.
public enum PackageField: String, CaseIterable, Sendable {
  case background
  case guardian
  case currentSituation
  case disabilityAndInvestigations
  case interventions

  /// The record's property holding it.
  var keyPath: WritableKeyPath<Transfer, String?> {
    switch self {
    case .background: \.background
    case .guardian: \.guardian
    case .currentSituation: \.currentSituation
    case .disabilityAndInvestigations: \.disabilityAndInvestigations
    case .interventions: \.interventions
    }
  }

  /// The `transfer package` option that sets it.
  public var option: String {
    switch self {
    case .background: "--background"
    case .guardian: "--guardian"
    case .currentSituation: "--current-situation"
    case .disabilityAndInvestigations: "--disability"
    case .interventions: "--interventions"
    }
  }

  /// What it holds, in English for messages.
  public var label: String {
    switch self {
    case .background: "background and family situation"
    case .guardian: "guardian, god man or förvaltare (write 'ingen' when there is none)"
    case .currentSituation: "current situation"
    case .disabilityAndInvestigations:
      "disability or problems, earlier investigations and diagnoses"
    case .interventions: "ongoing interventions and planning"
    }
  }

  /// The routine's heading in the document for the receiving unit.
  public var heading: String {
    switch self {
    case .background: "Bakgrund och familjesituation"
    case .guardian: "Vårdnadshavare, god man eller förvaltare"
    case .currentSituation: "Aktuell situation"
    case .disabilityAndInvestigations:
      "Funktionsnedsättning eller problematik, tidigare utredningar och diagnoser"
    case .interventions: "Pågående insatser och planering"
    }
  }
}

/// A step that passed the sharing gate — information about the person passed between the
/// units, or the receiving unit went on to contact the person — and its basis: the
/// consent that covered it (or, in data from before the gate, a secrecy-breaking ground).
public struct SharedStep: Codable, Sendable, Equatable {
  /// The verb: `notify`, `package`, `meeting`, `complete`.
  public var step: String
  public var date: CivilDate
  public var consent: RecordID?
  /// What the person did not want shared, in force when the step was taken (the union over
  /// their consents); for the caseworker, never printed in the package.
  public var restrictions: String?
  public var legalGround: LegalGroundUse?

  public init(step: String, date: CivilDate, basis: SharingBasis) {
    self.step = step
    self.date = date
    switch basis {
    case .consent(let id, let restrictions):
      consent = id
      self.restrictions = restrictions
    case .legalGround(let use):
      legalGround = use
    }
  }
}

extension Transfer {
  /// The record as `list` shows it: its fields and the status with a late notice flagged.
  var listRow: JSONValue {
    get throws {
      guard case .object(var object) = try json else { return try json }
      object["status"] = .string(status)
      return .object(object)
    }
  }
}
