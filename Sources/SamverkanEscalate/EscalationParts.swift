import Foundation
import SamverkanDomain
import SamverkanJSON

/// Where a matter stands.
public enum EscalationState: String, Codable, StoredAsText, CaseIterable, Sendable {
  /// Being worked on at its current level.
  case open
  /// Decided (beslut) at some level.
  case resolved
  /// Withdrawn by the unit that raised it.
  case withdrawn
}

extension EscalationState: ValueWhenAbsent {
  /// A matter a row gives no state is open.
  public static var whenAbsent: EscalationState { .open }
}

/// The two kinds of regular meeting of the assistant unit managers (seed 001).
public enum MeetingType: String, Codable, StoredAsText, CaseIterable, Sendable {
  /// Avstämningsmöte: mandatory for every assistant unit manager.
  case reconciliation
  /// Samverkansmöte: consultation on individual matters, attended when called.
  case collaboration

  /// The Swedish name: "avstämningsmöte".
  public var swedish: String {
    switch self {
    case .reconciliation: "avstämningsmöte"
    case .collaboration: "samverkansmöte"
    }
  }
}

extension MeetingType: ValueWhenAbsent {
  /// A registration stored before meetings had types was for a samverkansmöte.
  public static var whenAbsent: MeetingType { .collaboration }
}

/// The caseworkers' own attempt to solve the matter before it is raised (level 1).
public struct EscalationAttempt: Codable, Sendable, Equatable {
  /// When they talked.
  public var date: CivilDate
  /// Who recorded it (the caseworkers).
  public var by: String
  /// What they tried and why it did not solve the matter.
  public var note: String

  public init(date: CivilDate, by: String, note: String) {
    self.date = date
    self.by = by
    self.note = note
  }
}

/// A party's agreement that the matter is raised (to level 3: "alla ska vara överens om det").
public struct EscalationAgreement: Codable, Sendable, Equatable {
  /// The party that agrees: one of the matter's parties.
  public var party: OrganizationID
  /// Who agreed for the party.
  public var by: String
  public var date: CivilDate
  public var note: String?

  public init(party: OrganizationID, by: String, date: CivilDate, note: String? = nil) {
    self.party = party
    self.by = by
    self.date = date
    self.note = note
  }
}

/// One step up: the level reached, when, by whom, and the written report when the level
/// needs one.
public struct EscalationRaise: Codable, Sendable, Equatable {
  /// The level the matter was raised to.
  public var level: Int
  public var date: CivilDate
  public var by: String
  /// The written report (skriftlig rapportering), as text.
  public var report: String?
  public var note: String?
  /// The consent the written report was shared under, for a named matter between
  /// administrations.
  public var consent: RecordID?
  /// Or the secrecy-breaking ground it was shared under.
  public var legalGround: LegalGroundUse?

  public init(
    level: Int, date: CivilDate, by: String, report: String? = nil, note: String? = nil,
    consent: RecordID? = nil, legalGround: LegalGroundUse? = nil
  ) {
    self.level = level
    self.date = date
    self.by = by
    self.report = report
    self.note = note
    self.consent = consent
    self.legalGround = legalGround
  }
}

/// Anmälan: the matter registered for a regular meeting of the assistant unit managers.
public struct MeetingRegistration: Codable, Sendable, Equatable {
  /// The meeting's date.
  public var meeting: CivilDate
  @Defaulted public var type: MeetingType
  /// When it was registered (UTC), against the deadline and for the agenda's order.
  public var registeredAt: UTCInstant
  public var registeredBy: String
  /// An acute matter that cannot wait: the assistant unit managers contact each other
  /// directly (a late registration is accepted only when acute).
  @Defaulted public var acute: Bool
  /// The consent the registration shares information under (named matters between
  /// administrations).
  public var consent: RecordID?
  /// What the person does not want shared, from the consent.
  public var restrictions: String?
  /// Or the secrecy-breaking ground it was shared under.
  public var legalGround: LegalGroundUse?

  public init(
    meeting: CivilDate, type: MeetingType, registeredAt: UTCInstant, registeredBy: String,
    acute: Bool, consent: RecordID? = nil, restrictions: String? = nil,
    legalGround: LegalGroundUse? = nil
  ) {
    self.meeting = meeting
    self.type = type
    self.registeredAt = registeredAt
    self.registeredBy = registeredBy
    self.acute = acute
    self.consent = consent
    self.restrictions = restrictions
    self.legalGround = legalGround
  }
}

/// Beslut: what was decided, at which level, and what follows from it.
public struct EscalationDecision: Codable, Sendable, Equatable {
  /// The decision in words.
  public var text: String
  /// The level that decided.
  public var level: Int
  public var date: CivilDate
  public var by: String
  /// What follows: "Överföring till vuxenenheten från 2027-01-01".
  @Defaulted public var actions: [String]
  /// Records that follow from the decision, e.g. the transfer TRF-5; each must exist.
  @Defaulted public var links: [RecordID]

  public init(
    text: String, level: Int, date: CivilDate, by: String, actions: [String] = [],
    links: [RecordID] = []
  ) {
    self.text = text
    self.level = level
    self.date = date
    self.by = by
    self.actions = actions
    self.links = links
  }
}

/// The matter taken back before a decision.
public struct EscalationWithdrawal: Codable, Sendable, Equatable {
  public var date: CivilDate
  public var by: String
  public var reason: String

  public init(date: CivilDate, by: String, reason: String) {
    self.date = date
    self.by = by
    self.reason = reason
  }
}

/// A meeting at the matter's level that was held without deciding it (seed 001: levels 3
/// and 4 meet when called; the matter moves up only when its level could not decide it).
public struct EscalationMeeting: Codable, Sendable, Equatable {
  /// The level whose meeting it was.
  public var level: Int
  public var date: CivilDate
  public var by: String
  public var note: String?

  public init(level: Int, date: CivilDate, by: String, note: String? = nil) {
    self.level = level
    self.date = date
    self.by = by
    self.note = note
  }
}
