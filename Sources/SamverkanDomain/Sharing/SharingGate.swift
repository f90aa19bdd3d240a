/// The sharing gate (SPEC §11): the one rule every step that sends information about a
/// person, or has another party contact the person, passes through. A pure function of
/// the request, the person's consents and the profile, so tests ask it without a store.
///
/// - **Date.** The step's day D needs a basis valid on D. A consent withdrawn after D
///   still covers a step dated D; the passage is then flagged as recorded late.
/// - **Restrictions.** What the person does not want shared is the union over every
///   consent whose period includes D and which names the sender and a recipient — not only
///   the consent that happens to cover.
/// - **Grounds.** Never where consent is always required; otherwise only when the
///   ground's conditions (purpose, step, recipients, social-services data, the person) hold
///   and a note says why it applies.
public enum SharingGate {
  /// Lets the step pass, or says why it may not.
  public static func decide(
    _ request: SharingRequest, consents: [Consent], profile: Profile
  ) -> Result<SharingPassage, SharingRefusal> {
    let restrictions = restrictions(for: request, consents: consents)
    if let claim = request.ground {
      if let refusal = groundRefusal(claim, request, profile: profile) {
        return .failure(refusal)
      }
      let use = LegalGroundUse(
        ground: claim.ground, recordedBy: claim.recordedBy, date: request.date, note: claim.note,
        condition: claim.condition)
      return .success(
        SharingPassage(
          basis: .legalGround(use), consents: [], restrictions: restrictions, recordedLate: false))
    }
    let mine = consents.filter { $0.person == request.person && $0.id != nil }
    let covering = mine.compactMap { consent in consent.id.map { (id: $0, consent: consent) } }
      .filter {
        ConsentCoverage.answer(
          person: request.person, parties: request.parties, purpose: request.step.purpose,
          date: request.date, consents: [$0.consent], profile: profile
        ).isCovered
      }.sorted { $0.id > $1.id }
    guard !covering.isEmpty else {
      let answer = ConsentCoverage.answer(
        person: request.person, parties: request.parties, purpose: request.step.purpose,
        date: request.date, consents: mine, profile: profile)
      guard case .notCovered(let reasons) = answer else {
        return .failure(.notCovered([.noConsent]))
      }
      return .failure(.notCovered(reasons))
    }
    // Rely on what still stands today; a step dated before a withdrawal it is recorded
    // after rests on the withdrawn consent and says so.
    let standing = covering.filter { withdrawal(of: $0.consent, by: request.today) == nil }
    let basis = (standing.isEmpty ? covering : standing).map(\.id)
    let text = restrictions.isEmpty ? nil : restrictions.joined(separator: "; ")
    return .success(
      SharingPassage(
        basis: .consent(basis[0], restrictions: text), consents: basis,
        restrictions: restrictions, recordedLate: standing.isEmpty))
  }

  /// The union of what the person does not want shared at this step.
  public static func restrictions(for request: SharingRequest, consents: [Consent]) -> [String] {
    let recipients = request.to.filter { $0 != request.from }
    var union: [String] = []
    for consent in consents.sorted(by: { ($0.id?.number ?? 0) < ($1.id?.number ?? 0) })
    where consent.person == request.person
      && consent.validFrom <= request.date && request.date <= consent.validUntil
      && consent.parties.contains(where: { $0.contains(request.from) })
      && recipients.contains(where: { recipient in
        consent.parties.contains { $0.contains(recipient) }
      })
    {
      guard let text = consent.restrictions?.trimmingCharacters(in: .whitespacesAndNewlines),
        !text.isEmpty, !union.contains(text)
      else { continue }
      union.append(text)
    }
    return union
  }

  /// When the person withdrew the consent, if they had by `date`.
  public static func withdrawal(of consent: Consent, by date: CivilDate) -> CivilDate? {
    guard let revocation = consent.revocation, revocation.date <= date else { return nil }
    return revocation.date
  }

  // MARK: - Grounds

  private static func groundRefusal(
    _ claim: GroundClaim, _ request: SharingRequest, profile: Profile
  ) -> SharingRefusal? {
    guard let ground = profile.consent.legalGround(claim.ground) else {
      return .unknownGround(claim.ground, known: profile.consent.legalGrounds.map(\.id))
    }
    if request.step.consentAlwaysRequired {
      return .consentAlwaysRequired(request.step)
    }
    var unmet: [String] = []
    if ground.coversSocialServices == false,
      profile.organization(of: request.from)?.principal != .region
    {
      unmet.append(
        "it does not apply to social-services secrecy (OSL 26 kap.), which protects what \(request.from) holds"
      )
    }
    if let purposes = ground.purposes, !purposes.contains(request.step.purpose) {
      unmet.append(
        "it serves the purposes \(purposes.map(\.rawValue).joined(separator: ", ")), not '\(request.step.purpose.rawValue)'"
      )
    }
    if let steps = ground.steps, !steps.contains(request.step.name) {
      unmet.append(
        "it serves the steps \(steps.joined(separator: ", ")), not '\(request.step.name)'")
    }
    if let allowed = ground.recipients {
      let others = request.to.filter { !allowed.contains($0.organization) && $0 != request.from }
      if !others.isEmpty {
        unmet.append(
          "it lets information pass only to \(ground.recipientsLabel ?? allowed.joined(separator: ", ")), not to \(others.map(\.value).joined(separator: ", "))"
        )
      }
    }
    if let personUnmet = personCondition(ground, claim, request) { unmet.append(personUnmet) }
    if !unmet.isEmpty { return .groundConditionsNotMet(ground.id, unmet) }
    let note = claim.note?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
    if note.isEmpty { return .groundNoteMissing(ground.id) }
    return nil
  }

  /// What is missing of the ground's condition on the person, if anything.
  private static func personCondition(
    _ ground: LegalGround, _ claim: GroundClaim, _ request: SharingRequest
  ) -> String? {
    let conditions = ground.conditions ?? []
    if let named = claim.condition {
      guard conditions.contains(where: { $0.id == named }) else {
        let known = conditions.map(\.id)
        return known.isEmpty
          ? "it takes no --legal-ground-condition ('\(named)' was given)"
          : "'\(named)' is not one of its conditions (\(known.joined(separator: ", ")))"
      }
      return nil
    }
    guard ground.underAge != nil || !conditions.isEmpty else { return nil }
    if let limit = ground.underAge {
      let age = request.person.age(on: request.date)
      if age < limit { return nil }
      var text = "the person is \(age) on \(request.date), not under \(limit)"
      // An unknown month or day counts as the first, which gives the highest age the person
      // can have: under the limit is certain, at or over it is not.
      if let incomplete = request.person.incompleteBirthDate {
        text +=
          " as far as the samordningsnummer tells (\(incomplete); counted from \(request.person.birthDate)): check the birth date in the person's papers"
      }
      if !conditions.isEmpty {
        text +=
          ", and no other condition was named (--legal-ground-condition \(conditions.map(\.id).joined(separator: "|")))"
      }
      return text
    }
    return
      "name the condition that applies with --legal-ground-condition \(conditions.map(\.id).joined(separator: "|"))"
  }
}

/// A step that passed the gate: its basis, what the person does not want shared, and
/// whether it was recorded after the consent it rests on was withdrawn.
public struct SharingPassage: Sendable, Equatable {
  public var basis: SharingBasis
  /// Every covering consent relied on (newest first); empty on a ground.
  public var consents: [RecordID]
  /// The union of the person's restrictions in force at the step.
  public var restrictions: [String]
  /// Dated before a withdrawal, recorded after it.
  public var recordedLate: Bool

  public init(
    basis: SharingBasis, consents: [RecordID], restrictions: [String], recordedLate: Bool
  ) {
    self.basis = basis
    self.consents = consents
    self.restrictions = restrictions
    self.recordedLate = recordedLate
  }
}

/// Why the gate stops a step.
public enum SharingRefusal: Error, Sendable, Equatable {
  /// No consent covers it, with each consent's reason.
  case notCovered([NotCoveredReason])
  /// The ground is not in the profile.
  case unknownGround(String, known: [String])
  /// The seeds say this step always needs the person's consent.
  case consentAlwaysRequired(SharingStep)
  /// The ground exists, but these of its conditions do not hold.
  case groundConditionsNotMet(String, [String])
  /// A ground is used without `--legal-ground-note`.
  case groundNoteMissing(String)

  /// A stable name for scripts and tests.
  public var code: String {
    switch self {
    case .notCovered(let reasons): reasons.first?.code ?? "none"
    case .unknownGround: "unknown-ground"
    case .consentAlwaysRequired: "consent-always-required"
    case .groundConditionsNotMet: "ground-conditions-not-met"
    case .groundNoteMissing: "ground-note-missing"
    }
  }
}

// MARK: - Bases read from a record

extension SharingGate {
  /// Whether a basis a record says a step relied on (an imported row, a stored record)
  /// was one the gate lets pass on the step's day: nil when it was, else why not. A
  /// consent withdrawn after that day still stands for it, and so does one withdrawn on
  /// that very day: the step may have come first that day (a new step on that day is
  /// refused by `decide`).
  public static func recordedBasisProblem(
    _ basis: SharingBasis, request: SharingRequest, consents: [Consent], profile: Profile
  ) -> String? {
    switch basis {
    case .consent(let id, _):
      guard var consent = consents.first(where: { $0.id == id }) else {
        return "\(id) is not in the store (import consents before the records that rely on them)"
      }
      if consent.revocation?.date == request.date { consent.revocation = nil }
      guard consent.person == request.person else { return "\(id) is another person's consent" }
      let answer = ConsentCoverage.answer(
        person: request.person, parties: request.parties, purpose: request.step.purpose,
        date: request.date, consents: [consent], profile: profile)
      guard case .notCovered(let reasons) = answer else { return nil }
      return
        "\(id) does not cover \(request.parties.map(\.value).joined(separator: ", ")) on \(request.date): "
        + reasons.map(\.message).joined(separator: "; ")
    case .legalGround(let use):
      var claimed = request
      let ground = GroundClaim(
        ground: use.ground, note: use.note, condition: use.condition, recordedBy: use.recordedBy)
      claimed.ground = ground
      guard let refusal = groundRefusal(ground, claimed, profile: profile) else {
        return nil
      }
      return refusal.message
    }
  }
}

extension SharingRefusal {
  /// The reason in one sentence, for a record's problems.
  public var message: String {
    switch self {
    case .notCovered(let reasons): reasons.map(\.message).joined(separator: "; ")
    case .unknownGround(let ground, let known):
      "there is no secrecy-breaking ground '\(ground)'; expected one of \(known.joined(separator: ", "))"
    case .consentAlwaysRequired(let step):
      "'\(step.name)' always needs the person's consent; no secrecy-breaking ground stands in for it"
    case .groundConditionsNotMet(let ground, let unmet):
      "the ground '\(ground)' does not apply: " + unmet.joined(separator: "; ")
    case .groundNoteMissing(let ground):
      "the ground '\(ground)' is recorded without a note saying why it applies"
    }
  }
}

// MARK: - Records blocked by a withdrawn or lapsed consent

/// A record whose sharing steps the gate will refuse: the consent it relied on stops
/// covering (withdrawn, expired, review overdue) and no other consent of the person covers
/// it then. `due` lists it, and documents never claim the consent after `since`.
public struct SharingBlock: Sendable, Equatable {
  public var consent: RecordID
  /// The first day the consent no longer covers.
  public var since: CivilDate
  /// Why, in a sentence: "CON-3 is revoked from 2026-11-20".
  public var reason: String
  /// Whether the person withdrew it (återkallade), rather than it lapsing.
  public var withdrawn: Bool
}

extension SharingGate {
  /// The block on a record that relied on `consent`, as it stands by `until`, when the
  /// consent stops covering by then and no other of the person's consents covers the
  /// record's step on that day. `request` names the step, parties and person.
  public static func block(
    reliedOn consentID: RecordID, request: SharingRequest, consents: [Consent],
    until: CivilDate, profile: Profile
  ) -> SharingBlock? {
    guard let consent = consents.first(where: { $0.id == consentID }) else { return nil }
    let id = consentID.description
    var ends: [(CivilDate, String, Bool)] = []
    if let revocation = consent.revocation {
      ends.append((revocation.date, "\(id) is revoked from \(revocation.date)", true))
    }
    ends.append(
      (consent.validUntil.adding(days: 1), "\(id) is valid until \(consent.validUntil)", false))
    if consent.needsReview, let review = consent.reviewDate {
      ends.append((review.adding(days: 1), "\(id) must be reviewed by \(review)", false))
    }
    guard let end = ends.min(by: { $0.0 < $1.0 }), end.0 <= until else { return nil }
    var asked = request
    asked.date = max(end.0, request.today)
    asked.ground = nil
    let others = consents.filter { $0.id != consentID }
    if case .success = decide(asked, consents: others, profile: profile) { return nil }
    return SharingBlock(consent: consentID, since: end.0, reason: end.1, withdrawn: end.2)
  }

  /// How a document rendered on `today` names the consent a record relied on: the
  /// sentence that it is shared with the person's consent, or — once the person withdrew
  /// it — that it was withdrawn and nothing more may be shared on it. Never the person's
  /// restrictions: they are not for the recipients.
  public static func documentWording(
    consent consentID: RecordID, consents: [Consent], today: CivilDate
  ) -> String {
    if let consent = consents.first(where: { $0.id == consentID }),
      let withdrawn = withdrawal(of: consent, by: today)
    {
      return
        "Samtycket \(consentID) återkallades \(withdrawn); inga fler uppgifter får lämnas med stöd av det."
    }
    return "Uppgifterna delas med den enskildes samtycke (\(consentID))."
  }
}
