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
      create, summon, answer, meeting, need, ownView, goal, intervention, contact, plan, submit,
      approve, reject, supportContact, followUp, close,
      consult, list, show, StandardVerbs.history(kind: .sp, also: [.consultation]),
      StandardVerbs.correct([.of(CoordinatedPlan.self), .of(Consultation.self)]), due,
      importVerb, export,
    ])

  public static let recordTypes: [RecordType] = [
    .of(CoordinatedPlan.self), .of(Consultation.self),
  ]

  // MARK: - Shared options

  static let spID = Argument<String>(
    "id", help: "The SP's ID, e.g. SP-3.", completion: .dynamic("ids:SP"))
  static let person = CommonOptions.person
  static let organization = Option<OrganizationID>(
    "org", value: "org", help: "An administration taking part, e.g. FFS or SF-NORDOST.")
  static let decidedBy = Option<String>(
    "decided-by", value: "name",
    help:
      "Who decided for the administration (default: the --as user; with a user register always the user running it)."
  )
  static let onDate = Option<CivilDate>(
    "on", value: "date", help: "The day it happened (default today).")
  static let note = CommonOptions.note.help("A note.")

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
