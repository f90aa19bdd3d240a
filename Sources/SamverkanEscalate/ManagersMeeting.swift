import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain

/// The assistant unit managers' monthly meeting at level 2 (seed 001, "Regelbundna
/// samverkansmöten biträdande enhetschefer"): once a month, alternating a mandatory
/// avstämningsmöte and a samverkansmöte (attended when called).
///
/// The meeting keeps who takes part, who attended, who writes the minutes — the duty
/// rotates between the participants ("Ansvaret för att dokumentera samverkansmötena
/// alterneras mellan deltagarna") — the joint questions, and the minutes. Once a term the
/// avstämningsmöte holds an inventory of the coming transfers ("En gång per termin ska
/// detta forum innehålla en inventering av antal kommande kända individöverföringar").
public struct ManagersMeeting: CommandRecord, Equatable {
  public static let kind = RecordKind.meeting

  public var id: RecordID?
  public var ref: String?
  public var date: CivilDate
  public var type: MeetingType
  public var place: String?
  /// The assistant unit managers who take part, each with their unit.
  @Defaulted public var participants: [MeetingParticipant]
  /// Who writes the minutes; one of the participants, never the one who wrote them at the
  /// meeting before.
  public var noteTaker: String
  /// Gemensamma frågor för diskussion.
  @Defaulted public var questions: [String]
  /// This avstämningsmöte holds the term's inventory of coming transfers.
  @Defaulted public var inventory: Bool
  /// Each participant's attendance, once the meeting is held.
  @Defaulted public var attendance: [MeetingPresence]
  public var minutes: MeetingMinutes?
  /// The transfers the inventory listed, as they stood when the minutes were recorded.
  @Defaulted public var inventoried: [RecordID]
  public var plannedOn: CivilDate
  public var plannedBy: String
  public var note: String?

  public init(
    id: RecordID? = nil, ref: String? = nil, date: CivilDate, type: MeetingType,
    place: String? = nil, participants: [MeetingParticipant], noteTaker: String,
    questions: [String] = [], inventory: Bool = false, plannedOn: CivilDate, plannedBy: String,
    note: String? = nil
  ) {
    self.id = id
    self.ref = ref
    self.date = date
    self.type = type
    self.place = place
    self.participants = participants
    self.noteTaker = noteTaker
    self.questions = questions
    self.inventory = inventory
    attendance = []
    inventoried = []
    self.plannedOn = plannedOn
    self.plannedBy = plannedBy
    self.note = note
  }

  public static let fields: [RecordField] = [
    RecordField("id"), RecordField("ref"), RecordField("date"), RecordField("type"),
    RecordField("place"), RecordField("participants", .json), RecordField("noteTaker"),
    RecordField("questions", .textList), RecordField("inventory", .flag),
    RecordField("attendance", .json), RecordField("minutes", .json),
    RecordField("inventoried", .list), RecordField("plannedOn"), RecordField("plannedBy"),
    RecordField("note"),
  ]

  public static let listColumns = [
    Column("id", "ID"), Column("date", "DATE"), Column("type", "TYPE"),
    Column("noteTaker", "NOTE-TAKER"), Column("inventory", "TRANSFER INVENTORY"),
  ]

  /// Open until the minutes are recorded.
  public var isOpen: Bool { minutes == nil }

  /// planned, held (attendance recorded) or minuted.
  public var stateName: String {
    minutes != nil ? "minuted" : attendance.isEmpty ? "planned" : "held"
  }

  /// The participant named `name` (case-insensitive), if any.
  public func participant(named name: String) -> MeetingParticipant? {
    participants.first { $0.name.lowercased() == name.lowercased() }
  }

  /// Whether `name` attended.
  public func attended(_ name: String) -> Bool {
    attendance.contains { $0.name.lowercased() == name.lowercased() && $0.present }
  }

  /// The participants whose attendance is not recorded yet.
  public var withoutAttendance: [MeetingParticipant] {
    participants.filter { participant in
      !attendance.contains { $0.name.lowercased() == participant.name.lowercased() }
    }
  }
}

/// One assistant unit manager taking part.
public struct MeetingParticipant: Codable, Sendable, Equatable {
  public var name: String
  /// The unit they are biträdande enhetschef of.
  public var unit: OrganizationID

  public init(name: String, unit: OrganizationID) {
    self.name = name
    self.unit = unit
  }
}

/// One participant's attendance.
public struct MeetingPresence: Codable, Sendable, Equatable {
  public var name: String
  public var present: Bool
  /// Why they were absent.
  public var reason: String?

  public init(name: String, present: Bool, reason: String? = nil) {
    self.name = name
    self.present = present
    self.reason = reason
  }
}

/// The minutes (minnesanteckningar), kept in the joint group folder in the routine.
public struct MeetingMinutes: Codable, Sendable, Equatable {
  public var text: String
  /// The note-taker who wrote them.
  public var by: String
  public var recordedOn: CivilDate

  public init(text: String, by: String, recordedOn: CivilDate) {
    self.text = text
    self.by = by
    self.recordedOn = recordedOn
  }
}
