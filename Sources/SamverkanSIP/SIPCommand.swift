import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanJSON
import SamverkanStore

/// `samverkan sip` — samordnad individuell plan: from the first need to the last follow-up.
public enum SIPCommand: SamverkanCommand {
  public static let spec = CommandSpec(
    name: "sip",
    abstract: "Coordinated individual plans with the region's health care (SIP).",
    discussion: """
      A SIP coordinates the interventions of the municipality's social services and the region's health care for one individual; it is the individual's plan. The routine has six steps: identify the need (create), prepare (need, goal, intervention), summon the principals and invite other actors (invite, respond), the SIP meeting where the plan is established (meeting, responsible, establish), follow-up (follow-up) and closing (close).
      Every step that passes information between the parties checks that a consent covers every party for the purpose 'sip', or takes a secrecy-breaking ground with --legal-ground.
      """,
    examples: [
      Example(
        "id=$(samverkan sip create --person 19900101-2385 --trigger need --initiator SF-NORDOST)",
        "Starts a SIP and keeps its ID."),
      Example("samverkan sip due --within 14d", "What needs doing in the next two weeks."),
      Example(
        "samverkan sip show SIP-3 --format md > plan.md",
        "The plan as a Swedish document to hand to the individual."),
    ],
    subcommands: [
      Create.spec, Prepare.spec, Invite.spec, Respond.spec, Meeting.spec, Attendance.spec,
      Need.spec, Goal.spec, Intervention.spec, Responsible.spec, Establish.spec, Placement.spec,
      FollowUp.spec, SignificantChange.spec, Close.spec, Decline.spec, Due.spec, List.spec,
      Show.spec,
      StandardVerbs.history(kind: .sip),
      StandardVerbs.correct([.of(SIP.self)]),
      StandardVerbs.export(SIP.self, filter: filter),
      StandardVerbs.importVerb(SIP.self),
    ])

  public static let recordTypes: [RecordType] = [.of(SIP.self)]

  // MARK: - Shared options

  static let sipID = RecordArguments.id(of: .sip)
  static let on = CommonOptions.stepDate("it happened").help(
    "The day it happened, if not today (YYYY-MM-DD, yesterday, -2d).")
  static let note = CommonOptions.note

  // MARK: - Changing a SIP

  /// The options of a step that shares information. A SIP always needs the person's
  /// consent (seeds 002, 004): the gate refuses a ground here and says so.
  static let sharingOptions: [any OptionDeclaration] = legalGroundOptions

  /// Whether a step passes information between the parties, and so needs a covering
  /// consent each time.
  enum Sharing {
    /// Nothing passes between parties (an answer, closing, refusal).
    case none
    /// Always (summoning and inviting, establishing, follow-ups).
    case always
    /// Once any party is summoned or invited: the meeting and the plan reach them.
    case onceShared
  }

  /// The sharing step a verb takes: purpose `sip`, and never on a ground.
  static func sharingStep(_ action: String) -> SharingStep {
    SharingStep("sip \(action)", purpose: .sip, consentAlwaysRequired: true)
  }

  typealias Change = ChangeNote

  /// Changes one SIP through the change pipeline: `edit` checks the step and changes the
  /// record; a sharing step then passes the gate for every party, on the step's day.
  static func change(
    _ call: Invocation, action: String, step: String, sharing: Sharing, on date: CivilDate,
    authority: ((SIP) throws -> AuthorityQuestion?)? = nil,
    _ edit: (inout SIP, RuleContext) throws -> Change
  ) throws -> Int32 {
    let id = try call.recordID(sipID, kind: .sip)
    try call.change(SIP.self, id, action: action, authority: authority) {
      sip, writer, context in
      sip.declaredState = nil
      var change = try edit(&sip, context)
      let shares =
        switch sharing {
        case .none: false
        case .always: true
        case .onceShared: sip.sharesInformation
        }
      if shares, let person = sip.person {
        // A SIP that relied on a consent which no longer covers may close instead.
        let hint =
          sip.consent == nil
          ? nil
          : "If the individual has withdrawn their consent, each principal documents its closing of the SIP: 'samverkan sip close \(id) --reason consent-withdrawn --by ORG'."
        let passage = try call.passGate(
          sharingStep(action), record: id, person: person, from: sip.initiator,
          to: sip.recipients, on: date, writer: writer, hint: hint)
        sip.rely(on: passage.basis, checkedOn: date)
        change.add(passage.basis.journalNote)
      }
      return change
    }
    return ExitCode.success
  }

  // MARK: - list and export

  static let personFilter = CommonOptions.person.help("Only this person's SIPs.")
  static let stateFilter = Option<SIPState>(
    "state", value: "state", help: "Only SIPs at this step.")
  static let organizationFilter = Option<OrganizationID>(
    "organization", value: "org",
    help: "Only SIPs this organization (or a unit of it) initiated or was summoned or invited to.")
  static let responsibleFilter = Option<OrganizationID>(
    "responsible", value: "org",
    help: "Only SIPs whose overall responsibility lies with this principal (or a unit of it).")

  /// The filter `list` and `export` share.
  static let filter = StandardVerbs.Filter<SIP>(
    options: [personFilter, stateFilter, organizationFilter, responsibleFilter]
  ) { call, _ in
    let person = try call.value(personFilter)
    let state = try call.value(stateFilter)
    let organization = try call.value(organizationFilter)
    let responsible = try call.value(responsibleFilter)
    guard person != nil || state != nil || organization != nil || responsible != nil else {
      return nil
    }
    return { sip in
      (person.map { $0 == sip.person } ?? true)
        && (state.map { $0 == sip.state } ?? true)
        && (organization.map { org in sip.parties.contains { org.contains($0) } } ?? true)
        && (responsible.map { org in sip.overallResponsible.map(org.contains) ?? false } ?? true)
    }
  }
}

extension SIP {
  /// The ID for messages.
  var name: String { id?.description ?? "the SIP" }

  /// Refuses a step on a SIP that is closed or was refused (exit 77).
  func requireNotEnded(_ doing: String) throws {
    if let closedOn {
      throw SamverkanError.refused(
        "\(name) was closed on \(closedOn) (\(closingReasons.map(\.rawValue).listed("and"))); \(doing) is no longer possible. A new need starts a new SIP: 'samverkan sip create'."
      )
    }
    if let refusal {
      throw SamverkanError.refused(
        "\(name) was declined on \(refusal.date) (\(refusal.reason)); \(doing) is no longer possible. A new need starts a new SIP: 'samverkan sip create'."
      )
    }
  }

  /// Refuses any step but a closing on a SIP that is closed, was refused, or is closing
  /// (exit 77).
  func requireOpen(_ doing: String) throws {
    try requireNotEnded(doing)
    if state == .closing {
      throw SamverkanError.refused(
        "\(name) is closing: \(closingSummary) documented the closing, and \(awaitingClosing.map(\.value).listed("and")) not yet; \(doing) is no longer possible. The remaining principals document theirs: 'samverkan sip close \(name) --by ORG --reason …'."
      )
    }
  }

  /// Refuses a change to the meeting or the plan once it is established (exit 77): it
  /// changes only through a follow-up that revises it.
  func requireDraft(_ doing: String) throws {
    try requireOpen(doing)
    if let establishedOn {
      throw SamverkanError.locked(
        id: name,
        reason:
          "its plan was established on \(establishedOn) (version \(version)); \(doing) is refused. An established plan changes only through a follow-up that revises it: 'samverkan sip follow-up \(name) --outcome revise' (or new-plan); the earlier version stays in its history."
      )
    }
  }
}

extension SIPCommand {
  // MARK: - Preparation: prepare and invite

  static let purpose = Option<String>(
    "purpose", value: "text", help: "The purpose of the SIP meeting (syftet med mötet).")

  static let question = ListOption<String>(
    "question", value: "text",
    help: "A question to go through at the meeting (frågeställning); repeat for each.",
    commaSeparated: false)

  /// The preparation `--purpose` and `--question` give, if any: both or neither (64).
  static func preparationGiven(_ call: Invocation, on date: CivilDate) throws -> SIPPreparation? {
    guard call.isGiven(purpose) || call.isGiven(question) else { return nil }
    return try preparation(call, on: date)
  }

  /// The preparation `--purpose` and `--question` give: both are needed (64).
  static func preparation(_ call: Invocation, on date: CivilDate) throws -> SIPPreparation {
    let purposeText = try call.value(purpose)?.trimmingCharacters(in: .whitespacesAndNewlines)
    let questions = try call.values(question).map {
      $0.trimmingCharacters(in: .whitespacesAndNewlines)
    }.filter { !$0.isEmpty }
    guard let purposeText, !purposeText.isEmpty, !questions.isEmpty else {
      throw SamverkanError.usage(
        "A SIP meeting is prepared with its purpose and the questions to go through: give --purpose TEXT and at least one --question TEXT."
      )
    }
    return SIPPreparation(date: date, purpose: purposeText, questions: questions, by: call.actor)
  }
}
