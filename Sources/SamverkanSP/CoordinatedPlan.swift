import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanJSON

/// Samordnad plan (SP): a plan between the city's own administrations (the four
/// socialförvaltningar, FFS and ÄVO) for one person, driven by the administration that
/// discovered the need (SPEC §6, seed 000).
///
/// The steps: consent → summons (kallelse) → SP meeting → plan documented → sent to the
/// other administrations for approval → established when every one of them has approved,
/// and then write-protected (skrivskyddad) → followed up → closed. Follow-ups, stödkontakt
/// decisions and the closing are recorded beside an established plan; nothing else changes.
public struct CoordinatedPlan: CommandRecord, Equatable {
  public static let kind = RecordKind.sp

  public var id: RecordID?
  /// The SP's reference in the case system (e.g. Treserva); unique per SP, and the note
  /// of the journal event "SP genomförd".
  public var ref: String?
  public var person: PersonNumber?
  public var personName: String?
  /// The administration that discovered the need and drives the SP.
  public var initiator: OrganizationID
  /// Every administration taking part, the initiator first.
  public var administrations: [OrganizationID]
  /// The administrations that already have an open case for the person (by default the
  /// initiator, which found the need in its case). Only the others decide on stödkontakt.
  @Defaulted public var openCases: [OrganizationID]
  /// The initiator's caseworker (socialsekreterare) who drives the SP.
  public var caseworker: String?
  public var state: State
  public var createdOn: CivilDate
  /// Acute concern was reported at creation; the caseworker was told that a report of
  /// concern (orosanmälan) must be made at once, outside the SP.
  @Defaulted public var acuteConcern: Bool
  /// The consents the SP has relied on, oldest first (so `consent revoke` finds the SP).
  @Defaulted public var consents: [RecordID]
  /// Secrecy-breaking grounds used instead of consent, per step.
  @Defaulted public var legalGrounds: [SharingGround]
  /// What the person does not want shared, from the consent last relied on.
  public var restrictions: String?
  public var summons: Summons?
  public var meeting: Meeting?
  public var plan: Plan?
  /// Each time the plan was sent for approval; approval rounds are numbered from 1.
  @Defaulted public var submissions: [Submission]
  /// The other administrations' approvals and rejections, every round.
  @Defaulted public var decisions: [Decision]
  /// The day the last approval came in and the plan was established and write-protected.
  public var establishedOn: CivilDate?
  @Defaulted public var supportContacts: [SupportContact]
  @Defaulted public var followUps: [FollowUp]
  public var closing: Closing?
  public var note: String?

  public init(
    id: RecordID? = nil, ref: String? = nil, person: PersonNumber, personName: String? = nil,
    initiator: OrganizationID, administrations: [OrganizationID], caseworker: String? = nil,
    createdOn: CivilDate, acuteConcern: Bool = false, note: String? = nil
  ) {
    self.id = id
    self.ref = ref
    self.person = person
    self.personName = personName
    self.initiator = initiator
    self.administrations = administrations
    self.openCases = [initiator]
    self.caseworker = caseworker
    self.state = .created
    self.createdOn = createdOn
    self.acuteConcern = acuteConcern
    self.consents = []
    self.legalGrounds = []
    self.submissions = []
    self.decisions = []
    self.supportContacts = []
    self.followUps = []
    self.note = note
  }

  /// As `sp create`: the initiator's case is the open one.
  static let openCasesDefault = FieldDefault("the initiator") { _, row in
    row["initiator"].map { .array([$0]) }
  }

  public static let fields: [RecordField] = [
    RecordField("id"), RecordField("ref"),
    RecordField("person", format: .person, presence: .required), RecordField("personName"),
    RecordField("initiator", format: .organization, presence: .required),
    RecordField("administrations", .list, presence: .required),
    RecordField("openCases", .list, presence: .defaulted(openCasesDefault)),
    RecordField("caseworker"),
    RecordField("state", presence: .defaulted(.constant(State.created.rawValue))),
    RecordField("createdOn", format: .date, presence: .defaulted(.today)),
    RecordField("acuteConcern", .flag), RecordField("consents", .list),
    RecordField("legalGrounds", .json), RecordField("restrictions"),
    RecordField("summons", .json), RecordField("meeting", .json), RecordField("plan", .json),
    RecordField("submissions", .json), RecordField("decisions", .json),
    RecordField("establishedOn"), RecordField("supportContacts", .json),
    RecordField("followUps", .json), RecordField("closing", .json), RecordField("note"),
  ]

  /// How an import row with neither id nor ref finds its record (README, Bulk import).
  public static let naturalKey = ["person", "initiator", "createdOn"]

  public static let listColumns = [
    Column("id", "ID"), Column("person", "PERSON"), Column("personName", "NAME"),
    Column("initiator", "INITIATOR"), Column("administrations", "ADMINISTRATIONS"),
    Column("state", "STATE"), Column("createdOn", "CREATED"),
  ]

  public var isOpen: Bool { state != .closed }

  public var stateName: String { state.rawValue }

  /// Every consent the SP relies on: for its sharing steps and its stödkontakt decisions.
  public var references: [RecordID] {
    var ids = consents
    for contact in supportContacts where !ids.contains(contact.consent) {
      ids.append(contact.consent)
    }
    return ids
  }

  // MARK: - Parts

  /// Where an SP is in the routine, in order.
  public enum State: String, Codable, StoredAsText, CaseIterable, Sendable, Comparable {
    /// The need is identified; consent and summons come next.
    case created
    /// The SP meeting is summoned (kallelse sent).
    case summoned
    /// The meeting is held and attendance recorded.
    case met
    /// The plan is documented, not yet sent for approval.
    case documented
    /// Sent to the other administrations for approval.
    case submitted
    /// Approved by every administration: established and write-protected.
    case established
    case closed

    /// The earlier of two states in the routine's order is the lesser.
    public static func < (lhs: State, rhs: State) -> Bool {
      lhs != rhs && allCases.first { $0 == lhs || $0 == rhs } == lhs
    }

    /// The Swedish name for documents.
    public var swedish: String {
      switch self {
      case .created: "påbörjad"
      case .summoned: "kallad"
      case .met: "möte hållet"
      case .documented: "plan dokumenterad, ej skickad för godkännande"
      case .submitted: "skickad för godkännande"
      case .established: "fastställd och skrivskyddad"
      case .closed: "avslutad"
      }
    }
  }

  /// The steps of an SP, as journals and legal-ground records name them.
  public enum Step: String, Codable, StoredAsText, CaseIterable, Sendable {
    case summon, answer, meeting, plan, submit, approve, reject
    case supportContact = "support-contact"
    case followUp = "follow-up"
    case close
  }

  /// A secrecy-breaking ground (sekretessbrytande bestämmelse) used for one step instead of
  /// consent.
  public struct SharingGround: Codable, Sendable, Equatable {
    public var step: Step
    public var ground: String
    public var recordedBy: String
    public var date: CivilDate
    public var note: String?
    /// The ground's condition on the person the caseworker named, if it has any.
    public var condition: String?

    public init(step: Step, use: LegalGroundUse) {
      self.step = step
      self.ground = use.ground
      self.recordedBy = use.recordedBy
      self.date = use.date
      self.note = use.note
      self.condition = use.condition
    }

    /// The ground as the gate reads it.
    public var use: LegalGroundUse {
      LegalGroundUse(
        ground: ground, recordedBy: recordedBy, date: date, note: note, condition: condition)
    }
  }

  /// Kallelse: the summons to the SP meeting, sent to a socialsekreterare (or 1:e
  /// socialsekreterare) of every other administration.
  public struct Summons: Codable, Sendable, Equatable {
    public var sentOn: CivilDate
    /// Who summons: the initiator's caseworker.
    public var sentBy: String
    public var recipients: [Recipient]
    /// The individual's current needs, as far as the consent allows.
    public var needs: String
    /// The purpose of the meeting.
    public var purpose: String
    /// Why coordination is needed, from the individual's needs.
    public var whyCoordination: String
    /// The questions to work on together.
    public var questions: String
    /// What the administrations hope to achieve through the collaboration.
    public var hopedOutcome: String
    /// Proposed meeting times, Stockholm time.
    public var proposedTimes: [LocalDateTime]
    public var meetingForm: MeetingForm
    public var place: String?
    /// The administrations have jointly judged that the individual (or a relative or
    /// representative) attending helps them; an exception.
    public var individualInvited: Bool
    /// The sender's title (socialsekreterare, 1:e socialsekreterare), phone and e-mail, so
    /// the recipients can answer; absent in summonses recorded before they were asked for.
    public var senderTitle: String?
    public var senderPhone: PhoneNumber?
    public var senderEmail: EmailAddress?
    /// The day the recipients answer by (svar senast).
    public var replyBy: CivilDate?
    /// The other administrations' answers to the summons (`sp answer`); absent in
    /// summonses recorded before answers were.
    public var answers: [SummonsAnswer]?

    /// The answers recorded so far.
    public var answered: [SummonsAnswer] { answers ?? [] }

    /// The summoned administrations among `others` that have not answered.
    public func unanswered(among others: [OrganizationID]) -> [OrganizationID] {
      others.filter { other in
        !answered.contains { $0.administration.organization == other.organization }
      }
    }

    public init(
      sentOn: CivilDate, sentBy: String, recipients: [Recipient], needs: String,
      purpose: String, whyCoordination: String, questions: String, hopedOutcome: String,
      proposedTimes: [LocalDateTime], meetingForm: MeetingForm, place: String? = nil,
      individualInvited: Bool = false, senderTitle: String? = nil,
      senderPhone: PhoneNumber? = nil, senderEmail: EmailAddress? = nil, replyBy: CivilDate? = nil
    ) {
      self.senderTitle = senderTitle
      self.senderPhone = senderPhone
      self.senderEmail = senderEmail
      self.replyBy = replyBy
      self.sentOn = sentOn
      self.sentBy = sentBy
      self.recipients = recipients
      self.needs = needs
      self.purpose = purpose
      self.whyCoordination = whyCoordination
      self.questions = questions
      self.hopedOutcome = hopedOutcome
      self.proposedTimes = proposedTimes
      self.meetingForm = meetingForm
      self.place = place
      self.individualInvited = individualInvited
    }
  }

  /// An administration's answer to the summons: who comes and which time suits.
  public struct SummonsAnswer: Codable, Sendable, Equatable {
    public var administration: OrganizationID
    public var date: CivilDate
    /// Who answered, and who comes.
    public var by: String
    /// The time that suits, one of the proposed ones or another.
    public var time: LocalDateTime?
    public var note: String?

    public init(
      administration: OrganizationID, date: CivilDate, by: String, time: LocalDateTime? = nil,
      note: String? = nil
    ) {
      self.administration = administration
      self.date = date
      self.by = by
      self.time = time
      self.note = note
    }
  }

  /// Who is summoned at one administration.
  public struct Recipient: Codable, Sendable, Equatable {
    public var administration: OrganizationID
    public var name: String

    public init(administration: OrganizationID, name: String) {
      self.administration = administration
      self.name = name
    }
  }

  /// Mötesform.
  public enum MeetingForm: String, Codable, StoredAsText, CaseIterable, Sendable {
    case inPerson = "in-person"
    case video
    case phone

    /// The Swedish name: "fysiskt möte".
    public var swedish: String {
      switch self {
      case .inPerson: "fysiskt möte"
      case .video: "digitalt möte"
      case .phone: "telefonmöte"
      }
    }
  }

  /// The SP meeting as held: the date and each administration's attendance.
  public struct Meeting: Codable, Sendable, Equatable {
    public var held: CivilDate
    public var attendance: [Attendance]
    /// The individual (or a relative or representative) took part.
    public var individualAttended: Bool
    public var note: String?

    public init(
      held: CivilDate, attendance: [Attendance], individualAttended: Bool = false,
      note: String? = nil
    ) {
      self.held = held
      self.attendance = attendance
      self.individualAttended = individualAttended
      self.note = note
    }

    /// The administrations that stayed away without a valid reason.
    public var absentWithoutValidReason: [OrganizationID] {
      attendance.filter { $0.status == .absentInvalid }.map(\.administration)
    }
  }

  /// One administration's attendance at the meeting.
  public struct Attendance: Codable, Sendable, Equatable {
    public var administration: OrganizationID
    public var status: AttendanceStatus

    public init(administration: OrganizationID, status: AttendanceStatus) {
      self.administration = administration
      self.status = status
    }
  }

  /// Närvaro: the meeting is to be prioritized by every administration.
  public enum AttendanceStatus: String, Codable, StoredAsText, CaseIterable, Sendable {
    case present
    /// Frånvarande med giltig orsak.
    case absentValid = "absent-valid"
    /// Frånvarande utan giltig orsak: can lead to a deviation report.
    case absentInvalid = "absent-invalid"

    /// The Swedish wording.
    public var swedish: String {
      switch self {
      case .present: "närvarande"
      case .absentValid: "frånvarande med giltig orsak"
      case .absentInvalid: "frånvarande utan giltig orsak"
      }
    }
  }

  /// The plan as documented in the SP template: the individual's needs and own view, the
  /// goals, the responsibility split, the agreed interventions (what, which administration,
  /// when), each administration's named contact, and the follow-up (seed 000; seed 003:
  /// mål, insats, ansvar, tid).
  public struct Plan: Codable, Sendable, Equatable {
    public var documentedOn: CivilDate
    /// Den enskildes behov, as far as the consent allows.
    @Defaulted public var needs: [PlanNeed]
    /// Den enskildes egen syn: the individual's own view of the needs and the support, or
    /// why it could not be obtained.
    public var ownView: String?
    /// Mål.
    @Defaulted public var goals: [PlanGoal]
    /// Ansvarsfördelning: what each administration is responsible for.
    @Defaulted public var responsibilities: [Part]
    /// Överenskomna insatser, each with the administration responsible and its time.
    @InterventionsOfEitherShape public var interventions: [PlanIntervention]
    /// Kontaktpersoner: the named contact at each administration.
    @Defaulted public var contacts: [Contact]
    /// When the plan is followed up.
    public var followUp: CivilDate?
    /// How it is followed up: "Nytt SP-möte, digitalt".
    public var followUpNote: String?

    public init(
      documentedOn: CivilDate, needs: [PlanNeed] = [], ownView: String? = nil,
      goals: [PlanGoal] = [], responsibilities: [Part] = [],
      interventions: [PlanIntervention] = [], contacts: [Contact] = [],
      followUp: CivilDate? = nil, followUpNote: String? = nil
    ) {
      self.documentedOn = documentedOn
      self.needs = needs
      self.ownView = ownView
      self.goals = goals
      self.responsibilities = responsibilities
      self.interventions = interventions
      self.contacts = contacts
      self.followUp = followUp
      self.followUpNote = followUpNote
    }

    /// The named contact at an administration (or one of its units), if there is one.
    public func contact(at administration: OrganizationID) -> Contact? {
      contacts.first { $0.administration.organization == administration.organization }
    }
  }

  /// The named contact person at one administration: whom the others turn to first.
  public struct Contact: Codable, Sendable, Equatable {
    public var administration: OrganizationID
    public var name: String
    /// Socialsekreterare, 1:e socialsekreterare, …
    public var title: String?
    public var phone: PhoneNumber?
    public var email: EmailAddress?

    public init(
      administration: OrganizationID, name: String, title: String? = nil,
      phone: PhoneNumber? = nil, email: EmailAddress? = nil
    ) {
      self.administration = administration
      self.name = name
      self.title = title
      self.phone = phone
      self.email = email
    }
  }

  /// A piece of the plan that belongs to one administration.
  public struct Part: Codable, Sendable, Equatable {
    public var administration: OrganizationID
    public var text: String

    public init(administration: OrganizationID, text: String) {
      self.administration = administration
      self.text = text
    }
  }

  /// The plan sent for approval.
  public struct Submission: Codable, Sendable, Equatable {
    public var date: CivilDate
    public var by: String

    public init(date: CivilDate, by: String) {
      self.date = date
      self.by = by
    }
  }

  /// One administration's answer to a submitted plan.
  public struct Decision: Codable, Sendable, Equatable {
    public var administration: OrganizationID
    /// The approval round (submission) it answers, from 1.
    public var round: Int
    public var verdict: Verdict
    public var date: CivilDate
    /// Who decided for the administration.
    public var by: String
    public var comment: String?

    public init(
      administration: OrganizationID, round: Int, verdict: Verdict, date: CivilDate,
      by: String, comment: String? = nil
    ) {
      self.administration = administration
      self.round = round
      self.verdict = verdict
      self.date = date
      self.by = by
      self.comment = comment
    }
  }

  /// Godkänd or inte godkänd.
  public enum Verdict: String, Codable, StoredAsText, CaseIterable, Sendable {
    case approved
    case rejected
  }

  /// Stödkontakt med socialsekreterare: the administrative decision an administration
  /// without an open case for the person makes, so that it can document the coordination.
  /// The individual does not apply for it but must consent to it.
  public struct SupportContact: Codable, Sendable, Equatable {
    public var administration: OrganizationID
    public var decidedOn: CivilDate
    /// Who decided.
    public var decidedBy: String
    /// The consent (purpose support-contact) the decision rests on.
    public var consent: RecordID
    public var note: String?

    public init(
      administration: OrganizationID, decidedOn: CivilDate, decidedBy: String,
      consent: RecordID, note: String? = nil
    ) {
      self.administration = administration
      self.decidedOn = decidedOn
      self.decidedBy = decidedBy
      self.consent = consent
      self.note = note
    }
  }

  /// A follow-up of the established plan.
  public struct FollowUp: Codable, Sendable, Equatable {
    public var date: CivilDate
    public var note: String
    /// The next follow-up, if one is planned.
    public var next: CivilDate?
    public var by: String

    public init(date: CivilDate, note: String, next: CivilDate? = nil, by: String) {
      self.date = date
      self.note = note
      self.next = next
      self.by = by
    }
  }

  /// The end of the SP, when the need for coordination has ended.
  public struct Closing: Codable, Sendable, Equatable {
    public var date: CivilDate
    public var reason: String
    public var by: String

    public init(date: CivilDate, reason: String, by: String) {
      self.date = date
      self.reason = reason
      self.by = by
    }
  }

  // MARK: - Derived

  /// The administrations other than the initiator: the ones summoned and asked to approve.
  public var others: [OrganizationID] {
    administrations.filter { $0.organization != initiator.organization }
  }

  /// The SP's administration for an organization ID (or one of its units), if it takes part.
  public func administration(matching id: OrganizationID) -> OrganizationID? {
    administrations.first { $0.organization == id.organization }
  }

  /// The SP's own ID for an administration named by it or one of its units; the ID as
  /// given when it takes no part.
  public func own(_ id: OrganizationID) -> OrganizationID { administration(matching: id) ?? id }

  /// Whether the administration (or a unit of it) already has an open case for the person.
  public func hasOpenCase(_ administration: OrganizationID) -> Bool {
    openCases.contains { $0.contains(administration) || administration.contains($0) }
  }

  /// The administrations without an open case that have not decided on stödkontakt yet.
  public var awaitingSupportContact: [OrganizationID] {
    administrations.filter { administration in
      !hasOpenCase(administration)
        && !supportContacts.contains {
          $0.administration.organization == administration.organization
        }
    }
  }

  /// The current approval round (0 before the plan is first submitted).
  public var round: Int { submissions.count }

  /// The decisions of the current round.
  public var currentDecisions: [Decision] {
    decisions.filter { $0.round == round && round > 0 }
  }

  /// The other administrations that have not yet answered the current round.
  public var awaitingApproval: [OrganizationID] {
    others.filter { other in
      !currentDecisions.contains { $0.administration.organization == other.organization }
    }
  }

  /// When the plan is next to be followed up: the last follow-up's next date, else the
  /// plan's follow-up date.
  public var nextFollowUp: CivilDate? {
    if let last = followUps.last { return last.next }
    return plan?.followUp
  }
}

// MARK: - Reading stored and imported records

/// A plan's interventions, also read in the shape plans were stored in before
/// interventions had a time: an administration and a text. None when left out.
@propertyWrapper
public struct InterventionsOfEitherShape: FieldWrapper, Sendable, Equatable {
  public var wrappedValue: [PlanIntervention]

  public init(wrappedValue: [PlanIntervention]) { self.wrappedValue = wrappedValue }
}

extension KeyedDecodingContainer {
  func decode(_ type: InterventionsOfEitherShape.Type, forKey key: Key) throws
    -> InterventionsOfEitherShape
  {
    do {
      return InterventionsOfEitherShape(
        wrappedValue: try decodeIfPresent([PlanIntervention].self, forKey: key) ?? [])
    } catch {
      guard let earlier = try? decode([CoordinatedPlan.Part].self, forKey: key) else {
        throw error
      }
      return InterventionsOfEitherShape(
        wrappedValue: earlier.map { PlanIntervention($0.text, responsible: $0.administration) })
    }
  }
}

extension KeyedEncodingContainer {
  mutating func encode(_ value: InterventionsOfEitherShape, forKey key: Key) throws {
    try encode(value.wrappedValue, forKey: key)
  }
}

extension CoordinatedPlan.MeetingForm: ArgumentValue {}
extension CoordinatedPlan.AttendanceStatus: ArgumentValue {}
extension CoordinatedPlan.State: ArgumentValue {}
