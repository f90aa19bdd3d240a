import Foundation
import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanStore

/// Samverkanssvårighet: a collaboration matter about one person (or an anonymous
/// consultation) raised level by level — caseworkers, assistant unit managers, unit
/// managers, department managers — until it is decided (SPEC §8, seed 001).
///
/// While the matter is open the ongoing interventions stay with the unit that decided them
/// (`responsibleUnit`): the individual's support must not stop.
public struct Escalation: CommandRecord, Equatable {
  public static let kind = RecordKind.escalation

  public var id: RecordID?
  public var ref: String?
  @Defaulted public var state: EscalationState
  /// The level the matter is at: 1 (handläggare) up to the profile's last level.
  @CountsFromOne public var level: Int
  public var person: PersonNumber?
  public var personName: String?
  /// An anonymous consultation: no person, no name and no personnummer in any text.
  @Defaulted public var anonymous: Bool
  /// The units or administrations involved; at least two.
  public var parties: [OrganizationID]
  /// The unit that decided the ongoing interventions, which keeps them while the matter is
  /// open.
  public var responsibleUnit: OrganizationID
  /// Aktuell problembild och frågeställning.
  public var question: String
  /// Kort bakgrund: eventuella diagnoser och tidigare utredningar.
  public var background: String?
  /// Aktuell situation: pågående insatser och eventuell planering.
  public var situation: String?
  public var openedOn: CivilDate
  public var openedBy: String
  @Defaulted public var attempts: [EscalationAttempt]
  @Defaulted public var agreements: [EscalationAgreement]
  @Defaulted public var raises: [EscalationRaise]
  @Defaulted public var registrations: [MeetingRegistration]
  public var decision: EscalationDecision?
  public var withdrawal: EscalationWithdrawal?
  /// Meetings at the matter's levels held without a decision (`escalate held`).
  @Defaulted public var meetings: [EscalationMeeting] = []
  /// The SP or SIP where the disagreement arose (`escalate open --from SP-3`).
  public var source: RecordID?
  public var note: String?

  public init(
    id: RecordID? = nil, ref: String? = nil, state: EscalationState = .open, level: Int = 1,
    person: PersonNumber?, personName: String? = nil, anonymous: Bool,
    parties: [OrganizationID], responsibleUnit: OrganizationID, question: String,
    background: String? = nil, situation: String? = nil, openedOn: CivilDate,
    openedBy: String, attempts: [EscalationAttempt] = [],
    agreements: [EscalationAgreement] = [], raises: [EscalationRaise] = [],
    registrations: [MeetingRegistration] = [], decision: EscalationDecision? = nil,
    withdrawal: EscalationWithdrawal? = nil, source: RecordID? = nil, note: String? = nil
  ) {
    self.source = source
    self.id = id
    self.ref = ref
    self.state = state
    self.level = level
    self.person = person
    self.personName = personName
    self.anonymous = anonymous
    self.parties = parties
    self.responsibleUnit = responsibleUnit
    self.question = question
    self.background = background
    self.situation = situation
    self.openedOn = openedOn
    self.openedBy = openedBy
    self.attempts = attempts
    self.agreements = agreements
    self.raises = raises
    self.registrations = registrations
    self.decision = decision
    self.withdrawal = withdrawal
    self.note = note
  }

  public static let fields: [RecordField] = [
    RecordField("id"), RecordField("ref"), RecordField("state"), RecordField("level", .number),
    RecordField("person", format: .person), RecordField("personName"),
    RecordField("anonymous", .flag),
    RecordField("parties", .list, format: .organization, presence: .required),
    RecordField("responsibleUnit", format: .organization, presence: .required),
    RecordField("question", presence: .required),
    RecordField("background"), RecordField("situation"),
    RecordField("openedOn", format: .date, presence: .defaulted(.today)),
    RecordField("openedBy", presence: .defaulted(.actor)), RecordField("attempts", .json),
    RecordField("agreements", .json),
    RecordField("raises", .json), RecordField("registrations", .json),
    RecordField("decision", .json), RecordField("withdrawal", .json),
    RecordField("meetings", .json), RecordField("source"),
    RecordField("note"),
  ]

  /// How an import row with neither id nor ref finds its record (README, Bulk import).
  public static let naturalKey = ["question", "responsibleUnit", "openedOn"]

  public static let listColumns = [
    Column("id", "ID"), Column("state", "STATE"), Column("levelRole", "LEVEL"),
    Column("person", "PERSON"), Column("personName", "NAME"), Column("parties", "PARTIES"),
    Column("responsibleUnit", "RESPONSIBLE FOR INTERVENTIONS"),
    Column("meetings", "MEETINGS"), Column("question", "QUESTION"),
  ]

  public var isOpen: Bool { state == .open }

  public var stateName: String { state.rawValue }

  /// Whether the meeting at `level` was held without a decision by `date`: a meeting
  /// recorded with `escalate held`, or, at the registration level, a meeting the matter was
  /// registered for that has taken place (the matter is still open, so it was not decided).
  public func meetingHeld(at level: Int, by date: CivilDate, registrationLevel: Int) -> Bool {
    meetings.contains { $0.level == level && $0.date <= date }
      || (level == registrationLevel && registrations.contains { $0.meeting <= date })
  }

  /// The consents the matter's sharing steps rely on, and the records its decision led to.
  public var references: [RecordID] {
    var ids: [RecordID] = []
    for id in registrations.compactMap(\.consent) + raises.compactMap(\.consent)
      + (decision?.links ?? []) + (source.map { [$0] } ?? [])
    where !ids.contains(id) {
      ids.append(id)
    }
    return ids
  }

  /// Whether information about the person crosses from one authority to another (each
  /// administration is its own nämnd, so secrecy applies between them, OSL 26 kap.; between
  /// units of one administration only the inner secrecy of seed 002 applies).
  public var crossesAuthorities: Bool {
    Set(parties.map(\.organization)).count > 1
  }

  /// Whether sharing the matter needs consent or a recorded secrecy-breaking ground.
  public var sharingNeedsBasis: Bool {
    !anonymous && crossesAuthorities
  }

  /// The matter's party that `organization` speaks for (itself, its unit or its whole
  /// administration), if any.
  public func party(for organization: OrganizationID) -> OrganizationID? {
    parties.first { $0 == organization }
      ?? parties.first { $0.contains(organization) || organization.contains($0) }
  }

  /// The parties that have not yet agreed to the matter being raised.
  public var partiesWithoutAgreement: [OrganizationID] {
    parties.filter { party in !agreements.contains { $0.party == party } }
  }

  // MARK: - Registration

  /// What a registration for a meeting still lacks (seed 001, "Anmälan ska innehålla"),
  /// each with the option that gives it.
  public var registrationGaps: [String] {
    var gaps: [String] = []
    if !anonymous {
      if person == nil { gaps.append("age: the person's personnummer (--person)") }
      if personName.isBlank { gaps.append("name: the person's name (--name)") }
    }
    if background.isBlank {
      gaps.append("short background: diagnoses, earlier investigations (--background)")
    }
    if situation.isBlank {
      gaps.append("current situation: ongoing interventions, planning (--situation)")
    }
    if question.isBlank {
      gaps.append("the current problem and question (--question)")
    }
    return gaps
  }

  /// Every text a person could be named in, with its field.
  var texts: [(field: String, text: String)] {
    var texts: [(String, String)] = [("question", question)]
    if let background { texts.append(("background", background)) }
    if let situation { texts.append(("situation", situation)) }
    if let note { texts.append(("note", note)) }
    texts += attempts.map { ("attempts", $0.note) }
    texts += agreements.compactMap { agreement in agreement.note.map { ("agreements", $0) } }
    for raise in raises {
      if let report = raise.report { texts.append(("raises", report)) }
      if let note = raise.note { texts.append(("raises", note)) }
    }
    if let decision {
      texts.append(("decision", decision.text))
      texts += decision.actions.map { ("decision", $0) }
    }
    if let withdrawal { texts.append(("withdrawal", withdrawal.reason)) }
    return texts
  }
}
