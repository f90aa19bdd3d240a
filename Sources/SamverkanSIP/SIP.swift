import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanJSON

/// Samordnad individuell plan: the plan in which the municipality's social services and the
/// region's health care coordinate their interventions for one individual (SPEC §5).
///
/// The record follows the routine's six steps — identify the need, prepare, summon and
/// invite, the SIP meeting where the plan is established, follow-up, closing — and keeps
/// the plan's earlier versions when a follow-up revises it.
public struct SIP: CommandRecord {
  public static let kind = RecordKind.sip

  public var id: RecordID?
  public var ref: String?
  public var person: PersonNumber?
  public var personName: String?
  /// Why the SIP was started.
  public var trigger: SIPTrigger
  /// I-SIP: coordinates units of one principal only.
  @Defaulted public var isInternal: Bool
  /// The principal (or its unit) that took the initiative and prepares the meeting.
  public var initiator: OrganizationID
  /// The initiator's caseworker.
  public var caseworker: String?
  /// The day the need was identified and the SIP started.
  public var createdOn: CivilDate
  /// For a discharge SIP: the day the ready-for-discharge notice (utskrivningsklar) came.
  public var readyForDischarge: CivilDate?
  /// The consent the SIP's sharing steps rely on (the latest that covered every party).
  public var consent: RecordID?
  /// The day that consent was last checked to cover every party, for purpose `sip`.
  public var consentCheckedOn: CivilDate?
  /// Every consent a sharing step of the SIP has relied on, oldest first: the bases
  /// accumulate, none is overwritten (the disclosure log has each step).
  @OmittedWhenEmpty public var consents: [RecordID] = []
  /// The secrecy-breaking ground the latest sharing step used instead of consent.
  public var legalGround: LegalGroundUse?
  /// The parties summoned or invited, with their answers.
  @Defaulted public var participants: [SIPParticipant]
  /// Relatives (närstående) invited at the individual's own wish.
  @Defaulted public var relatives: [SIPRelative]
  /// The SIP meeting: time, place and form.
  public var meeting: SIPMeeting?
  /// The individual's needs (behov), in their words where possible.
  @Defaulted public var needs: [SIPNeed]
  /// The individual's wishes (önskemål).
  @Defaulted public var wishes: [SIPNeed]
  /// Short- and long-term goals.
  @Defaulted public var goals: [SIPGoal]
  /// Who does what, and by when.
  @Defaulted public var interventions: [SIPIntervention]
  /// The principal with overall responsibility for the plan (calls the follow-ups).
  public var overallResponsible: OrganizationID?
  /// The next follow-up's date and place.
  public var followUpDate: CivilDate?
  public var followUpPlace: String?
  /// The plan's version: 1 for the first plan, one more for each revision or new plan.
  @CountsFromOne public var version: Int
  /// When the current version was established; nil while it is being drawn up.
  public var establishedOn: CivilDate?
  /// Earlier established versions, oldest first, as they stood when replaced.
  @Defaulted public var earlierVersions: [SIPPlanVersion]
  /// Follow-ups held, oldest first.
  @Defaulted public var followUps: [SIPFollowUp]
  /// A closing recorded before each principal documented its own (older stores): the
  /// principal with overall responsibility closed the SIP alone, and it reads as closed.
  /// No verb writes it any more.
  public var closing: SIPClosing?
  /// Each principal's own documentation of the closing (avslut), in the order recorded
  /// (seed 004: "Varje huvudman ansvarar för att dokumentera avslutet"). The SIP is closed
  /// once every principal taking part has one; until then it is `closing`.
  @OmittedWhenEmpty public var closings: [SIPClosing] = []
  /// Significant changes in the person's life (seed 004: "Om den enskildes livssituation
  /// förändras väsentligt ska ansvariga mötas"), each calling the parties to a meeting.
  @OmittedWhenEmpty public var significantChanges: [SIPSignificantChange] = []
  /// The meeting as prepared with the person (förbered): its purpose and questions. The
  /// invitations come after it.
  public var preparation: SIPPreparation?
  /// Periods when social services place the person in another region, each with what that
  /// region's health care is responsible for meanwhile (seed 004).
  @OmittedWhenEmpty public var regionPlacements: [SIPRegionPlacement] = []
  /// A refusal to hold a SIP (exceptional; the reason is required).
  public var refusal: SIPRefusal?
  public var note: String?
  /// The `state` an imported row states, checked against the state its content gives.
  var declaredState: SIPState?

  public init(
    id: RecordID? = nil, ref: String? = nil, person: PersonNumber, personName: String? = nil,
    trigger: SIPTrigger, isInternal: Bool = false, initiator: OrganizationID,
    caseworker: String? = nil, createdOn: CivilDate, readyForDischarge: CivilDate? = nil
  ) {
    self.id = id
    self.ref = ref
    self.person = person
    self.personName = personName
    self.trigger = trigger
    self.isInternal = isInternal
    self.initiator = initiator
    self.caseworker = caseworker
    self.createdOn = createdOn
    self.readyForDischarge = readyForDischarge
    participants = []
    relatives = []
    needs = []
    wishes = []
    goals = []
    interventions = []
    version = 1
    earlierVersions = []
    followUps = []
  }

  public static let fields: [RecordField] = [
    RecordField("id"), RecordField("ref"), RecordField("person", format: .person),
    RecordField("personName"),
    RecordField("trigger", presence: .required), RecordField("internal", .flag),
    RecordField("initiator", format: .organization, presence: .required),
    RecordField("caseworker"),
    RecordField("createdOn", format: .date, presence: .defaulted(.today)),
    RecordField("readyForDischarge"),
    RecordField("state"), RecordField("consent"), RecordField("consentCheckedOn"),
    RecordField("consents", .list),
    RecordField("legalGround", .json), RecordField("participants", .json),
    RecordField("relatives", .json), RecordField("meeting", .json),
    RecordField("needs", .json), RecordField("wishes", .json), RecordField("goals", .json),
    RecordField("interventions", .json), RecordField("overallResponsible"),
    RecordField("followUpDate"), RecordField("followUpPlace"), RecordField("version", .number),
    RecordField("establishedOn"), RecordField("earlierVersions", .json),
    RecordField("followUps", .json), RecordField("closing", .json),
    RecordField("closings", .json), RecordField("significantChanges", .json),
    RecordField("preparation", .json),
    RecordField("regionPlacements", .json), RecordField("refusal", .json), RecordField("note"),
  ]

  /// How an import row with neither id nor ref finds its record (README, Bulk import).
  public static let naturalKey = ["person", "trigger", "createdOn"]

  public static let listColumns = [
    Column("id", "ID"), Column("person", "PERSON"), Column("personName", "NAME"),
    Column("trigger", "TRIGGER"), Column("state", "STATE"), Column("initiator", "INITIATOR"),
    Column("overallResponsible", "RESPONSIBLE"), Column("followUpDate", "FOLLOW-UP"),
  ]

  // MARK: - State

  /// Where the SIP is in the routine, derived from what has been recorded.
  public var state: SIPState {
    if isClosed { return .closed }
    if refusal != nil { return .declined }
    if !closings.isEmpty { return .closing }
    if establishedOn != nil { return .established }
    if version > 1 { return .revising }
    if meeting != nil { return .meeting }
    if !participants.isEmpty || !relatives.isEmpty { return .invited }
    if hasPlanContent || preparation != nil { return .preparing }
    return .identified
  }

  /// Whether the SIP is still under way: not closed (a SIP whose closing only some
  /// principals have documented is still open) and not refused.
  public var isOpen: Bool { !isClosed && refusal == nil }

  /// Whether the SIP is closed: every principal taking part documented its closing, or it
  /// was closed the older way, by one closing.
  public var isClosed: Bool { closing != nil || (!closings.isEmpty && awaitingClosing.isEmpty) }

  /// The day the SIP closed: the last principal's closing (or the older single closing).
  public var closedOn: CivilDate? {
    if let closing { return closing.date }
    return isClosed ? closings.map(\.date).max() : nil
  }

  /// Why it closed, in the order the principals documented it, each reason once.
  public var closingReasons: [SIPClosingReason] {
    var reasons: [SIPClosingReason] = []
    for reason in (closing.map { [$0] } ?? closings).map(\.reason) where !reasons.contains(reason) {
      reasons.append(reason)
    }
    return reasons
  }

  public var stateName: String { state.rawValue }

  public var references: [RecordID] {
    consents + (consent.map { consents.contains($0) ? [] : [$0] } ?? [])
  }

  /// Whether anything of the plan has been written down.
  var hasPlanContent: Bool {
    !needs.isEmpty || !wishes.isEmpty || !goals.isEmpty || !interventions.isEmpty
      || overallResponsible != nil || followUpDate != nil
  }

  /// Whether a plan was ever established (the current version or an earlier one).
  public var wasEverEstablished: Bool { establishedOn != nil || !earlierVersions.isEmpty }

  // MARK: - Parties

  /// Every party: the initiator, then the summoned and invited parties in order.
  public var parties: [OrganizationID] { [initiator] + participants.map(\.organization) }

  /// The principals (huvudmän) taking part, each an administration or the region once: the
  /// initiator's and each summoned party's (principals are summoned, other actors invited).
  /// Each documents its own closing of the SIP.
  public var principals: [OrganizationID] {
    let summoned = participants.filter { $0.invitation == .summons }.map(\.organization)
    var unique: [OrganizationID] = []
    for party in ([initiator] + summoned).map(\.parent) where !unique.contains(party) {
      unique.append(party)
    }
    return unique
  }

  /// The principals that have not yet documented their closing, in the order they take part.
  public var awaitingClosing: [OrganizationID] {
    principals.filter { principal in !closings.contains { $0.by.parent == principal } }
  }

  /// Whether an organization takes part: it is a party, a unit of one, or holds one.
  public func isParty(_ organization: OrganizationID) -> Bool {
    parties.contains { $0.contains(organization) || organization.contains($0) }
  }

  /// The participant entry of an organization, if it was summoned or invited.
  public func participantIndex(_ organization: OrganizationID) -> Int? {
    participants.firstIndex { $0.organization == organization }
  }

  /// Whether information about the individual now passes between parties: once anyone
  /// is summoned or invited, every change to the meeting or the plan reaches them.
  public var sharesInformation: Bool { !participants.isEmpty }

  /// The question every sharing step asks: may information pass between every party, for
  /// the purpose `sip`, on this date?
  public func sharingQuestion(on date: CivilDate) -> SharingQuestion? {
    guard let person else { return nil }
    var unique: [OrganizationID] = []
    for party in parties where !unique.contains(party) { unique.append(party) }
    return SharingQuestion(person: person, parties: unique, purpose: .sip, date: date)
  }

  /// Everyone the initiator's information reaches: the other parties, once each.
  public var recipients: [OrganizationID] {
    var unique: [OrganizationID] = []
    for party in participants.map(\.organization)
    where party != initiator && !unique.contains(party) {
      unique.append(party)
    }
    return unique
  }

  /// Records the consent a sharing step relied on. A SIP never rests on a ground (the gate
  /// refuses one), so a ground recorded by an earlier version stays as it was: the bases
  /// accumulate in the disclosure log, none is overwritten.
  public mutating func rely(on basis: SharingBasis, checkedOn date: CivilDate) {
    guard case .consent(let id, _) = basis else { return }
    consent = id
    consentCheckedOn = date
    if !consents.contains(id) { consents.append(id) }
  }

  // MARK: - Plan

  /// The day of the meeting at which the current version is drawn up: the SIP meeting, or
  /// the follow-up that revised the plan or decided on a new one.
  public var planMeetingDate: CivilDate? {
    if version > 1,
      let revising = followUps.last(where: { $0.outcome == .revise || $0.outcome == .newPlan })
    {
      return revising.date
    }
    return meeting?.at.date
  }

  /// The current version as it stands, to keep when a follow-up replaces it.
  func snapshot(endedOn date: CivilDate, by outcome: SIPFollowUpOutcome) -> SIPPlanVersion {
    SIPPlanVersion(
      version: version, establishedOn: establishedOn ?? date, needs: needs, wishes: wishes,
      goals: goals, interventions: interventions, overallResponsible: overallResponsible,
      followUpDate: followUpDate, followUpPlace: followUpPlace, endedOn: date,
      endedBy: outcome)
  }
}

// MARK: - Parts of a SIP

/// Why a SIP was started (SPEC §5).
public enum SIPTrigger: String, Codable, StoredAsText, CaseIterable, Sendable, ArgumentValue {
  /// Staff in social services or health care judge that coordinated interventions are needed.
  case need
  /// The individual or a relative asked for a SIP.
  case request
  /// Discharge from inpatient care (lag 2017:612 om samverkan vid utskrivning).
  case discharge
  /// Göteborg holds a SIP before every decision on treatment interventions for adults.
  case treatmentDecision = "treatment-decision"

  /// The Swedish wording for the plan document.
  public var label: String {
    switch self {
    case .need: "Behov av samordnade insatser"
    case .request: "Begäran från den enskilde eller en närstående"
    case .discharge: "Utskrivning från slutenvård"
    case .treatmentDecision: "Inför beslut om behandlingsinsatser"
    }
  }
}

/// The steps of the routine a SIP can be at.
public enum SIPState: String, Codable, StoredAsText, CaseIterable, Sendable, ArgumentValue {
  /// The need is identified (upptäck behov); nothing prepared yet.
  case identified
  /// Preparing with the individual (förbered): needs, wishes, goals drafted.
  case preparing
  /// Parties summoned or invited (kalla/bjud in); no meeting booked yet.
  case invited
  /// The SIP meeting is booked; the plan is not yet established.
  case meeting
  /// The plan is established (upprättad) and is followed up.
  case established
  /// A follow-up decided to revise the plan or make a new one; not yet re-established.
  case revising
  /// Closing (avslut pågår): some principals have documented their closing, not yet all.
  case closing
  /// Closed (avslutad): goals met, no longer needed, or consent withdrawn.
  case closed
  /// The SIP was refused, with a documented reason.
  case declined
}

/// Kallelse or inbjudan: principals are summoned, other actors invited.
public enum SIPInvitationKind: String, Codable, StoredAsText, CaseIterable, Sendable {
  /// Kallelse: a principal (huvudman), obliged to take part.
  case summons
  /// Inbjudan: another actor (FK, AF, KV, school), not obliged to take part.
  case invitation
}

/// A party summoned or invited to the SIP meeting, and its answer.
public struct SIPParticipant: Codable, Sendable, Equatable {
  public var organization: OrganizationID
  public var invitation: SIPInvitationKind
  public var invitedOn: CivilDate
  public var response: SIPResponse?

  public init(
    organization: OrganizationID, invitation: SIPInvitationKind, invitedOn: CivilDate,
    response: SIPResponse? = nil
  ) {
    self.organization = organization
    self.invitation = invitation
    self.invitedOn = invitedOn
    self.response = response
  }
}

/// What an invited party answered.
public enum SIPAnswer: String, Codable, StoredAsText, CaseIterable, Sendable {
  /// The named person attends.
  case attending
  /// The invited one cannot come; a named substitute (ersättare) attends instead.
  case substitute
  /// The party will not take part (only actors who are not principals may).
  case declined
}

/// An invited party's answer: who attends, or that it declined.
public struct SIPResponse: Codable, Sendable, Equatable {
  public var answer: SIPAnswer
  /// The person who attends (for `attending` and `substitute`).
  public var name: String?
  public var date: CivilDate
  /// Why the party declined, or why a substitute comes.
  public var note: String?

  public init(answer: SIPAnswer, name: String?, date: CivilDate, note: String? = nil) {
    self.answer = answer
    self.name = name
    self.date = date
    self.note = note
  }
}

/// A relative (närstående) who takes part at the individual's wish.
public struct SIPRelative: Codable, Sendable, Equatable {
  public var name: String
  public var invitedOn: CivilDate

  public init(name: String, invitedOn: CivilDate) {
    self.name = name
    self.invitedOn = invitedOn
  }
}

/// How the SIP meeting is held.
public enum SIPMeetingForm: String, Codable, StoredAsText, CaseIterable, Sendable, ArgumentValue {
  case inPerson = "in-person"
  case video
  case phone

  /// The Swedish wording for the plan document.
  public var label: String {
    switch self {
    case .inPerson: "fysiskt möte"
    case .video: "videomöte"
    case .phone: "telefonmöte"
    }
  }
}

/// The SIP meeting as the initiator prepared it with the person (seed 004, "Förberedelse
/// för SIP"): the purpose and the questions to go through.
public struct SIPPreparation: Codable, Sendable, Equatable {
  public var date: CivilDate
  public var purpose: String
  public var questions: [String]
  public var by: String

  public init(date: CivilDate, purpose: String, questions: [String], by: String) {
    self.date = date
    self.purpose = purpose
    self.questions = questions
    self.by = by
  }
}

/// A placement by social services in another region, and that region's responsibility
/// for health care during it ("vilket ansvar regionen ska ha för hälso- och
/// sjukvårdsinsatser även under den perioden", seed 004).
public struct SIPRegionPlacement: Codable, Sendable, Equatable {
  /// The other region, e.g. "Region Stockholm".
  public var region: String
  public var from: CivilDate
  public var until: CivilDate?
  /// What the region's health care is responsible for during the placement.
  public var healthCare: String
  public var recordedOn: CivilDate
  public var by: String

  public init(
    region: String, from: CivilDate, until: CivilDate?, healthCare: String,
    recordedOn: CivilDate, by: String
  ) {
    self.region = region
    self.from = from
    self.until = until
    self.healthCare = healthCare
    self.recordedOn = recordedOn
    self.by = by
  }
}

/// The SIP meeting (SIP-möte).
public struct SIPMeeting: Codable, Sendable, Equatable {
  public var at: LocalDateTime
  public var place: String
  public var form: SIPMeetingForm
  /// Who attended, recorded after the meeting (`sip attendance`): the plan's participants
  /// are those who were there, not those who answered the invitation.
  public var attendees: [SIPAttendee]?

  public init(
    at: LocalDateTime, place: String, form: SIPMeetingForm, attendees: [SIPAttendee]? = nil
  ) {
    self.at = at
    self.place = place
    self.form = form
    self.attendees = attendees
  }
}

/// A significant change in the person's life, and the meeting it calls the parties to.
public struct SIPSignificantChange: Codable, Sendable, Equatable {
  public var date: CivilDate
  public var note: String
  /// The day the parties meet by to follow up: the SIP's next follow-up moves to it.
  public var meetBy: CivilDate
  public var by: String

  public init(date: CivilDate, note: String, meetBy: CivilDate, by: String) {
    self.date = date
    self.note = note
    self.meetBy = meetBy
    self.by = by
  }
}

/// One person who attended the SIP meeting, for a party.
public struct SIPAttendee: Codable, Sendable, Equatable {
  public var organization: OrganizationID
  public var name: String

  public init(organization: OrganizationID, name: String) {
    self.organization = organization
    self.name = name
  }
}

/// The plan content a SIP shares with the SP (SamverkanDomain/PlanContent.swift): needs and
/// wishes, goals (a SIP's are always short- or long-term) and interventions (a SIP's always
/// have the day they are done by).
public typealias SIPNeed = PlanNeed
public typealias SIPGoalTerm = GoalTerm
public typealias SIPGoal = PlanGoal
public typealias SIPIntervention = PlanIntervention

/// What a follow-up decided.
public enum SIPFollowUpOutcome: String, Codable, StoredAsText, CaseIterable, Sendable, ArgumentValue
{
  /// The plan goes on as it is, to the next follow-up.
  case `continue`
  /// The plan is revised: changes are made and it is established again as a new version.
  case revise
  /// A new plan is made from scratch; the earlier one is kept as an earlier version.
  case newPlan = "new-plan"
  /// The SIP ends.
  case close

  /// The Swedish wording for the plan document.
  public var label: String {
    switch self {
    case .continue: "planen fortsätter"
    case .revise: "planen revideras"
    case .newPlan: "en ny plan upprättas"
    case .close: "SIP avslutas"
    }
  }
}

/// A follow-up held (uppföljning).
public struct SIPFollowUp: Codable, Sendable, Equatable {
  public var date: CivilDate
  public var outcome: SIPFollowUpOutcome
  /// The version that was followed up.
  public var version: Int
  /// The next follow-up date decided at it, if any.
  public var next: CivilDate?
  public var note: String?

  public init(
    date: CivilDate, outcome: SIPFollowUpOutcome, version: Int, next: CivilDate? = nil,
    note: String? = nil
  ) {
    self.date = date
    self.outcome = outcome
    self.version = version
    self.next = next
    self.note = note
  }
}

/// An established version of the plan that a follow-up replaced, as it stood then.
public struct SIPPlanVersion: Codable, Sendable, Equatable {
  public var version: Int
  public var establishedOn: CivilDate
  public var needs: [SIPNeed]
  public var wishes: [SIPNeed]
  public var goals: [SIPGoal]
  public var interventions: [SIPIntervention]
  public var overallResponsible: OrganizationID?
  public var followUpDate: CivilDate?
  public var followUpPlace: String?
  /// The follow-up that replaced it.
  public var endedOn: CivilDate
  public var endedBy: SIPFollowUpOutcome
}

/// Why a SIP closes (SPEC §5).
public enum SIPClosingReason: String, Codable, StoredAsText, CaseIterable, Sendable, ArgumentValue {
  /// The individual's goals are met.
  case goalsMet = "goals-met"
  /// Coordinated interventions are no longer needed.
  case noLongerNeeded = "no-longer-needed"
  /// The individual withdrew their consent.
  case consentWithdrawn = "consent-withdrawn"

  /// The Swedish wording for the plan document.
  public var label: String {
    switch self {
    case .goalsMet: "målen är uppfyllda"
    case .noLongerNeeded: "samordnade insatser behövs inte längre"
    case .consentWithdrawn: "samtycket har tagits tillbaka"
    }
  }
}

/// One principal's documentation of the SIP's closing (avslut).
public struct SIPClosing: Codable, Sendable, Equatable {
  public var date: CivilDate
  public var reason: SIPClosingReason
  /// The principal (or its unit) whose closing it is.
  public var by: OrganizationID
  public var note: String?

  public init(date: CivilDate, reason: SIPClosingReason, by: OrganizationID, note: String? = nil) {
    self.date = date
    self.reason = reason
    self.by = by
    self.note = note
  }
}

/// A refusal to hold a SIP: exceptional, and the reason must be documented.
public struct SIPRefusal: Codable, Sendable, Equatable {
  public var date: CivilDate
  public var reason: String
  public var recordedBy: String

  public init(date: CivilDate, reason: String, recordedBy: String) {
    self.date = date
    self.reason = reason
    self.recordedBy = recordedBy
  }
}

// MARK: - JSON

extension SIP: EncodesDerivedMembers {
  enum CodingKeys: String, CodingKey {
    case id, ref, person, personName, trigger
    case isInternal = "internal"
    case initiator, caseworker, createdOn, readyForDischarge
    /// `state` is derived; an imported row may carry it (export writes it), and the rules
    /// check that it agrees with the content, but it never sets anything.
    case declaredState = "state"
    case consent, consentCheckedOn, consents, legalGround, participants, relatives, meeting, needs,
      wishes, goals,
      interventions, overallResponsible, followUpDate, followUpPlace, version, establishedOn,
      earlierVersions, followUps, closing, closings, significantChanges, preparation,
      regionPlacements,
      refusal, note
  }

  /// Writes `state` for readers (jq, spreadsheets, `list --state`); derived again on reading.
  public func encodeDerivedMembers(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(state, forKey: .declaredState)
  }
}
