import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanStore

extension ConsentPurpose: ArgumentValue {}
extension ConsentType: ArgumentValue {}
extension ConsentForm: ArgumentValue {}
extension ConsentGiver: ArgumentValue {}
extension ConsentStatus: ArgumentValue {}

/// `samverkan consent` — samtycke: the register of the individual's consent to information
/// passing between named parties, and the check every sharing step relies on.
public enum ConsentCommand: SamverkanCommand {
  public static let spec = CommandSpec(
    name: "consent",
    abstract: "Record, check and withdraw consent (samtycke) to share information.",
    discussion: """
      Each nämnd is its own authority under OSL, so information about a person passes between administrations only with the person's consent or under a secrecy-breaking provision (see 'consent grounds'). Consent is voluntary, specific and time-limited: it names the parties, the purposes and an end date, and the person must have been told how to withdraw it. Implied and presumed consent must be re-examined by their review date.
      """,
    examples: [
      Example(
        "samverkan consent grant --person 19900101-2385 --parties SF-NORDOST,FFS --purpose sp --form written --until +1y --informed",
        "Records written consent for an SP between SF Nordost and FFS and prints its ID."),
      Example(
        "samverkan consent check --person 19900101-2385 --between SF-NORDOST,AVO --purpose sp",
        "Exits 0 with the covering consent's ID, or 1 saying why none covers."),
    ],
    subcommands: [
      Grant.spec, Check.spec, Revoke.spec, Review.spec, List.spec,
      StandardVerbs.show(
        Consent.self, example: "samverkan consent show CON-12",
        display: { consent, context in consent.display(context) }, derived: ["status"],
        listed: { consent, context in try consent.listJSON(on: context.clock.today) }),
      Grounds.spec, Disclosures.spec,
      StandardVerbs.history(kind: .consent),
      StandardVerbs.correct([.of(Consent.self)]),
      StandardVerbs.export(Consent.self, filter: filter),
      StandardVerbs.importVerb(Consent.self),
    ])

  /// Consents, and the disclosure log the sharing gate writes as they are relied on.
  public static let recordTypes: [RecordType] = [.of(Consent.self), .of(Disclosure.self)]

  // MARK: - Shared options

  static let person = CommonOptions.person
  static let party = Option<OrganizationID>(
    "party", value: "org", help: "Only consents naming this organization or unit.")
  static let purpose = Option<ConsentPurpose>(
    "purpose", value: "purpose", help: "Only consents for this purpose.")
  static let status = Option<ConsentStatus>(
    "status", value: "status", help: "Only consents with this status on the day (--on).")
  static let on = Option<CivilDate>(
    "on", value: "date", help: "The day the status is judged on (default today).")
  static let expiringWithin = Option<DateOffset>(
    "expiring-within", value: "span",
    help: "Only consents not withdrawn whose last valid day falls within this span, e.g. 30d.")
  static let reviewDue = Flag(
    "review-due",
    help:
      "Only implied or presumed consents neither withdrawn nor expired whose review date is the day or has passed."
  )

  /// The consent IDs of `revoke` and `review`: one or several, changed all or nothing.
  static let consentIDs = RecordArguments.ids(of: .consent).help(
    "The consent's ID, e.g. CON-12; several are changed together, all or nothing.")

  /// The filter `list` and `export` share.
  static let filter = StandardVerbs.Filter<Consent>(
    options: [person, status, on, expiringWithin, reviewDue, party, purpose]
  ) { call, _ in
    let person = try call.value(Self.person)
    let status = try call.value(Self.status)
    let date = try call.value(Self.on) ?? call.clock.today
    let horizon = try call.value(Self.expiringWithin).map { $0.after(date) }
    let reviewDue = call.isSet(Self.reviewDue)
    let party = try call.value(Self.party)
    let purpose = try call.value(Self.purpose)
    guard
      person != nil || status != nil || horizon != nil || reviewDue || party != nil
        || purpose != nil
    else { return nil }
    return { consent in
      let state = consent.status(on: date)
      if let person, consent.person != person { return false }
      if let status, state != status { return false }
      if let horizon {
        guard state != .revoked, consent.validUntil >= date, consent.validUntil <= horizon else {
          return false
        }
      }
      if reviewDue {
        guard [.active, .reviewDue].contains(state), let due = consent.reviewDate(on: date),
          due <= date
        else { return false }
      }
      if let party, !consent.parties.contains(where: { $0.contains(party) || party.contains($0) }) {
        return false
      }
      if let purpose, !consent.purposes.contains(purpose) { return false }
      return true
    }
  }
}
