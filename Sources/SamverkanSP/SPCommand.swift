import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanStore

/// `samverkan sp` — samordnad plan between the city's administrations (SF ×4, FFS, ÄVO),
/// and anonymous consultation when there is no consent (SPEC §6, seed 000).
public enum SPCommand: SamverkanCommand {
  public static let spec = CommandSpec(
    name: "sp",
    abstract:
      "Coordinate a person's support between the city's administrations (samordnad plan, SP).",
    discussion: """
      The administration that discovers that another one could better meet a person's need drives the SP: it obtains the person's consent (purpose 'sp'), summons the SP meeting (kallelse), documents the plan, and sends it to the other administration(s) for approval. When every one of them has approved, the plan is established and write-protected (skrivskyddad); follow-ups and the closing are recorded beside it.
      Without consent, use 'sp consult' for an anonymous consultation: no personal data at all.
      Acute concern (a child at risk, harmful use or dependence) is not an SP matter: make a report of concern (orosanmälan) to social services at once. Disagreement between administrations goes to 'samverkan escalate'; the person's support continues meanwhile.
      """,
    examples: [
      Example(
        "samverkan sp create --person 19900101-2385 --by SF-NORDOST --with FFS",
        "Starts an SP that Socialförvaltningen Nordost drives with FFS; prints its ID."),
      Example("samverkan sp due", "Follow-ups due and plans waiting for approval."),
    ],
    subcommands: [
      Create.spec, Summon.spec, Answer.spec, Meeting.spec, Need.spec, OwnView.spec, Goal.spec,
      Intervention.spec, Contact.spec, Plan.spec, Submit.spec, Approve.spec, Reject.spec,
      SupportContact.spec, FollowUp.spec, Close.spec,
      Consult.spec, List.spec, Show.spec, StandardVerbs.history(kind: .sp, also: [.consultation]),
      StandardVerbs.correct([.of(CoordinatedPlan.self), .of(Consultation.self)]), Due.spec,
      Import.spec, Export.spec,
    ])

  public static let recordTypes: [RecordType] = [
    .of(CoordinatedPlan.self), .of(Consultation.self),
  ]

  // MARK: - Shared options

  static let spID = RecordArguments.id(of: .sp).help("The SP's ID, e.g. SP-3.")
  static let organization = Option<OrganizationID>(
    "org", value: "org", help: "An administration taking part, e.g. FFS or SF-NORDOST.")
  static let decidedBy = Option<String>(
    "decided-by", value: "name",
    help:
      "Who decided for the administration (default: the --as user; with a user register always the user running it)."
  )
  static let on = CommonOptions.stepDate("it happened").help("The day it happened (default today).")
  static let note = CommonOptions.note.help("A note.")
  static let caseworker = Option<String>(
    "caseworker", value: "name",
    help: "The socialsekreterare who drives the SP at the discovering administration.")
  static let consultations = Flag(
    "consultations", help: "Anonymous consultations (KONS-…) instead of SPs.")

  /// The hint every consent refusal ends with.
  static let consultHint =
    "Without consent, use 'samverkan sp consult' for an anonymous consultation: the case described with no personal data at all."

  // MARK: - Helpers the verbs share

  /// Changes the SP named on the command line through the change pipeline: the step is
  /// checked against the SP's state (a write-protected plan refuses every change but
  /// those recorded beside it), then `body` takes it, with the SP as it was before.
  static func change(
    _ call: Invocation, step: CoordinatedPlan.Step, action: String,
    refusal: (RecordID) -> String,
    authority: ((CoordinatedPlan) throws -> AuthorityQuestion?)? = nil,
    _ body: (inout CoordinatedPlan, CoordinatedPlan, StoreWriter) throws -> ChangeNote
  ) throws -> CoordinatedPlan {
    let id = try call.recordID(spID, kind: .sp)
    return try call.change(
      CoordinatedPlan.self, id, action: action, refusal: refusal(id), authority: authority
    ) {
      plan, writer, _ in
      try plan.check(step)
      return try body(&plan, plan, writer)
    }
  }

  /// The sharing step an SP verb takes: purpose `sp`, where a ground whose conditions hold
  /// may stand in for consent. The stödkontakt decision is about the person, who must
  /// consent to it: no ground. `verb` names the step as the disclosure log shows it, where
  /// several verbs take one step (`sp goal` documents the plan).
  static func sharingStep(_ step: CoordinatedPlan.Step, verb: String? = nil) -> SharingStep {
    step == .supportContact
      ? SharingStep(
        "sp support-contact", purpose: .supportContact, consentAlwaysRequired: true,
        effect: .personContact)
      : SharingStep("sp \(verb ?? step.rawValue)", purpose: .sp)
  }

  /// Takes an SP step through the sharing gate: from the administration driving the SP to
  /// the others, on the step's day. Refused (77) otherwise, pointing to `sp consult`.
  static func sharingBasis(
    _ call: Invocation, _ plan: CoordinatedPlan, writer: StoreWriter, step: CoordinatedPlan.Step,
    verb: String? = nil, on date: CivilDate
  ) throws -> SharingBasis {
    guard let person = plan.person, let id = plan.id else {
      throw SamverkanError.internalError("\(plan.idText) has no person")
    }
    return try call.passGate(
      sharingStep(step, verb: verb), record: id, person: person, from: plan.initiator,
      to: plan.others,
      on: date, writer: writer, hint: step == .supportContact ? nil : consultHint
    ).basis
  }

  /// Free text from an option, nil when absent or blank.
  static func text(_ call: Invocation, _ option: Option<String>) throws -> String? {
    guard let value = try call.value(option) else { return nil }
    let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
    return trimmed.isEmpty ? nil : trimmed
  }

  /// Refuses with exit 64 naming every option in `missing` at once.
  static func requireAll(_ missing: [OptionSpec], _ why: String) throws {
    guard !missing.isEmpty else { return }
    let names = missing.map { "'\($0.usage)'" }
    throw SamverkanError.usage(
      "Missing expected argument\(names.count == 1 ? "" : "s") \(names.joined(separator: ", ")): \(why)"
    )
  }

  /// Reads `ORG=value` or `ORG: value` (an administration and what belongs to it).
  static func administrationPart(
    _ text: String, option: OptionSpec, profile: Profile, example: String
  ) throws -> (OrganizationID, String) {
    guard let separator = text.firstIndex(where: { $0 == "=" || $0 == ":" }) else {
      throw SamverkanError.invalidValue(
        text, option: option.usage,
        reason: "write the administration, then = or :, then the text, e.g. '\(example)'")
    }
    let organization = String(text[..<separator])
    let value = text[text.index(after: separator)...].trimmingCharacters(in: .whitespaces)
    do {
      return (try OrganizationID(parsing: organization, profile: profile), value)
    } catch {
      throw SamverkanError.invalidValue(text, option: option.usage, reason: error.description)
    }
  }

  /// "SF-NORDOST, FFS".
  static func names(_ ids: [OrganizationID]) -> String {
    ids.map(\.value).joined(separator: ", ")
  }
}

extension SPCommand {
  // MARK: - Documenting the plan: need, own-view, goal, intervention, contact and plan

  /// Changes the documented plan after the meeting: checked like `sp plan` (not before the
  /// meeting, not while it waits for approval, never once established or closed), through
  /// the sharing gate, and documented today.
  static func changePlan(
    _ call: Invocation, action: String,
    _ body: (inout CoordinatedPlan.Plan, CoordinatedPlan) throws -> Void
  ) throws -> CoordinatedPlan {
    try change(
      call, step: .plan, action: action,
      refusal: { id in "The plan of \(id) cannot be changed" }
    ) { plan, previous, writer in
      let basis = try sharingBasis(
        call, previous, writer: writer, step: .plan, verb: action, on: call.clock.today)
      plan.rely(on: basis, for: .plan)
      var documented = previous.plan ?? CoordinatedPlan.Plan(documentedOn: call.clock.today)
      documented.documentedOn = call.clock.today
      try body(&documented, previous)
      plan.document(documented)
      return ChangeNote()
    }
  }

  /// Says what the plan still lacks before it can be sent for approval, or that it is
  /// complete.
  static func noteMissing(_ call: Invocation, _ plan: CoordinatedPlan) {
    let missing = plan.missingForApproval
    call.note(
      missing.isEmpty
        ? "The plan of \(plan.idText) is complete. Next: send it for approval with 'samverkan sp submit \(plan.idText)'."
        : "The plan of \(plan.idText) is documented; before it can be sent for approval it still needs:\n"
          + missing.map { "  - \($0)" }.joined(separator: "\n"))
  }

  /// Refuses (77) an administration that takes no part in the SP.
  static func requireParty(_ id: OrganizationID, of plan: CoordinatedPlan, as role: String)
    throws -> OrganizationID
  {
    guard let party = plan.administration(matching: id) else {
      throw SamverkanError.refused(
        "\(id) takes no part in \(plan.idText) (its administrations: \(names(plan.administrations))); \(role) is one of them."
      )
    }
    return party
  }
}

extension SPCommand {
  // MARK: - Answering a submitted plan: approve and reject

  /// The journal event when the plan is established, as the routine names it.
  static let establishedEvent = "SP genomförd"

  static let deciding = Option<OrganizationID>(
    "org", value: "org", help: "The administration that answers, e.g. FFS.", required: true)
  static let comment = Option<String>(
    "comment", value: "text", help: "The administration's comment on the plan.")

  /// What `approve` and `reject` share: `reference` is the case-system reference an
  /// approval that establishes the plan notes.
  static func decide(
    _ call: Invocation, verdict: CoordinatedPlan.Verdict, reference: String?
  ) throws -> Int32 {
    let administration = try call.require(deciding)
    let date = try call.stepDate(on)
    var establishedOn: CivilDate?
    let step: CoordinatedPlan.Step = verdict == .approved ? .approve : .reject
    let plan = try change(
      call, step: step, action: step.rawValue,
      refusal: { id in "\(administration)'s answer on \(id) cannot be recorded" },
      authority: { plan in
        AuthorityQuestion(
          step: "sp \(step.rawValue)",
          action: "\(step.rawValue) \(plan.idText) for \(administration)",
          organizations: [administration], organizationRole: "the administration answering")
      }
    ) { plan, previous, writer in
      let basis = try sharingBasis(call, previous, writer: writer, step: step, on: date)
      plan.rely(on: basis, for: step)
      establishedOn = try plan.decide(
        administration, verdict: verdict, on: date,
        by: try call.decider(decidedBy), comment: try text(call, comment))
      if let reference { plan.ref = reference }
      return ChangeNote(
        event: establishedOn != nil ? establishedEvent : nil,
        note: establishedOn != nil ? plan.ref : nil)
    }
    if let establishedOn {
      call.note(
        "Every administration has approved: the plan of \(plan.idText) is established on \(establishedOn) and write-protected (skrivskyddad). '\(establishedEvent)' is journaled\(plan.ref.map { " with the reference \($0)" } ?? ""). Register it in the case system and file the plan there ('samverkan sp show \(plan.idText) --format md --document plan')."
      )
    } else if verdict == .approved {
      call.note(
        "\(administration) approved the plan of \(plan.idText); still waiting for \(names(plan.awaitingApproval))."
      )
    } else {
      call.note(
        "\(administration) did not approve the plan of \(plan.idText); it is back at 'documented': revise it with 'samverkan sp plan \(plan.idText) …' and send it again with 'samverkan sp submit \(plan.idText)'. If the administrations cannot agree, raise the disagreement with 'samverkan escalate open --from \(plan.idText) --responsible ORG --question …' — the person's support continues meanwhile."
      )
    }
    return ExitCode.success
  }
}

extension SPCommand {
  // MARK: - list, export and import

  static let person = CommonOptions.person
  static let state = Option<CoordinatedPlan.State>(
    "state", value: "state", help: "Only SPs in this state.")
  static let openOnly = Flag("open", help: "Only SPs not yet closed.")

  /// The filter `list` and `export` share for SPs.
  static let filter = StandardVerbs.Filter<CoordinatedPlan>(
    options: [person, organization, state, openOnly]
  ) { call, _ in
    let person = try call.value(Self.person)
    let organization = try call.value(Self.organization)
    let state = try call.value(Self.state)
    let openOnly = call.isSet(Self.openOnly)
    guard person != nil || organization != nil || state != nil || openOnly else { return nil }
    return { plan in
      (person.map { $0 == plan.person } ?? true)
        && (organization.map { plan.administration(matching: $0) != nil } ?? true)
        && (state.map { $0 == plan.state } ?? true)
        && (!openOnly || plan.isOpen)
    }
  }

  /// The filter for consultations: the administration asking or consulted.
  static let consultationFilter = StandardVerbs.Filter<Consultation>(
    options: [organization]
  ) { call, _ in
    guard let organization = try call.value(Self.organization) else { return nil }
    return { consultation in
      ([consultation.askedBy] + consultation.consulted).contains {
        $0.organization == organization.organization
      }
    }
  }

  /// Refuses SP-only filters given with `--consultations`, which records no person or state.
  static func checkConsultationFilters(_ call: Invocation) throws {
    let spOnly: [any OptionDeclaration] = [person, state, openOnly]
    if let given = spOnly.first(where: { call.isGiven($0) }) {
      throw SamverkanError.usage(
        "'--\(given.spec.name)' does not apply to anonymous consultations: they record no person and no state. Filter them with --org."
      )
    }
  }

  /// A standard verb of SPs that takes `--consultations` for the anonymous consultations
  /// instead: `example` shows that, and `run` chooses.
  static func withConsultations(
    _ verb: CommandSpec, _ example: Example,
    run: @escaping @Sendable (Invocation) throws -> Int32
  ) -> CommandSpec {
    var spec = verb
    spec.options.append(consultations.spec)
    spec.examples.append(example)
    spec.run = run
    return spec
  }

  /// A standard verb's run, which every one has.
  static func run(of verb: CommandSpec) throws -> @Sendable (Invocation) throws -> Int32 {
    guard let run = verb.run else {
      throw SamverkanError.internalError("'sp \(verb.name)' has nothing to run")
    }
    return run
  }
}
