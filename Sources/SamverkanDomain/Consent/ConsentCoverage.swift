/// The question every command that shares information asks: may information about this
/// person pass between these parties, for this purpose, on this date?
public struct SharingQuestion: Sendable, Equatable {
  public var person: PersonNumber
  public var parties: [OrganizationID]
  public var purpose: ConsentPurpose
  public var date: CivilDate

  public init(
    person: PersonNumber, parties: [OrganizationID], purpose: ConsentPurpose, date: CivilDate
  ) {
    self.person = person
    self.parties = parties
    self.purpose = purpose
    self.date = date
  }
}

/// Why a consent does not cover a question.
public enum NotCoveredReason: Sendable, Equatable {
  /// The person has no consent at all.
  case noConsent
  case notYetValid(RecordID, from: CivilDate)
  case expired(RecordID, on: CivilDate)
  case revoked(RecordID, on: CivilDate)
  case reviewOverdue(RecordID, since: CivilDate)
  case partiesNotCovered(RecordID, missing: [OrganizationID])
  case purposeNotCovered(RecordID, purpose: ConsentPurpose)
  /// Presumed consent does not cover exchange between authorities (unless the profile
  /// says it does).
  case presumedBetweenAuthorities(RecordID)

  /// A stable name for scripts: `expired`, `party-not-covered`, …
  public var code: String {
    switch self {
    case .noConsent: "none"
    case .notYetValid: "not-yet-valid"
    case .expired: "expired"
    case .revoked: "revoked"
    case .reviewOverdue: "review-overdue"
    case .partiesNotCovered: "party-not-covered"
    case .purposeNotCovered: "purpose-not-covered"
    case .presumedBetweenAuthorities: "presumed-between-authorities"
    }
  }

  /// The consent the reason is about, if any.
  public var consent: RecordID? {
    switch self {
    case .noConsent: nil
    case .notYetValid(let id, _), .expired(let id, _), .revoked(let id, _),
      .reviewOverdue(let id, _), .partiesNotCovered(let id, _), .purposeNotCovered(let id, _),
      .presumedBetweenAuthorities(let id):
      id
    }
  }

  /// One sentence for a caseworker (never names the person: they may be protected).
  public var message: String {
    switch self {
    case .noConsent:
      return "the person has no recorded consent"
    case .notYetValid(let id, let from):
      return "\(id) is not valid until \(from)"
    case .expired(let id, let on):
      return "\(id) expired after \(on) (its last valid day)"
    case .revoked(let id, let on):
      return "\(id) was revoked on \(on) (the person withdrew it)"
    case .reviewOverdue(let id, let since):
      return
        "\(id) should have been reviewed by \(since); it covers nothing until it is re-examined ('samverkan consent review \(id)')"
    case .partiesNotCovered(let id, let missing):
      return "\(id) does not cover \(missing.map(\.value).joined(separator: ", "))"
    case .purposeNotCovered(let id, let purpose):
      return "\(id) does not cover the purpose '\(purpose.rawValue)' (\(purpose.swedish))"
    case .presumedBetweenAuthorities(let id):
      return
        "\(id) is presumed consent, which does not cover exchange between authorities (each nämnd is its own authority)"
    }
  }
}

/// The answer to a `SharingQuestion`.
public enum SharingAnswer: Sendable, Equatable {
  /// A consent covers it.
  case covered(by: RecordID, restrictions: String?)
  /// No consent covers it, with the reason for each consent considered (most relevant
  /// first), or `.noConsent`.
  case notCovered([NotCoveredReason])

  public var isCovered: Bool {
    if case .covered = self { return true }
    return false
  }
}

/// The coverage rule: which consent, if any, covers a question (SPEC §4).
public enum ConsentCoverage {
  /// Answers a question from the person's consents.
  ///
  /// A consent covers when, on the date, it is in force (from its first to its last valid
  /// day, not revoked on or before the date, its review not overdue), it names every party
  /// (a whole organization covers its units) and the purpose, and — for presumed consent —
  /// the parties are one authority or the profile lets presumed consent cross authorities.
  public static func answer(
    _ question: SharingQuestion, consents: [Consent], profile: Profile
  ) -> SharingAnswer {
    answer(
      person: question.person, parties: question.parties, purpose: question.purpose,
      date: question.date, consents: consents, profile: profile)
  }

  /// Answers the question for one purpose, or for any purpose when `purpose` is nil
  /// (`consent check` without `--purpose`: is there any consent between these parties?).
  ///
  /// When several consents cover, the newest (highest ID) answers. When none does, each
  /// consent of the person gives one reason, the most telling first: a consent that would
  /// cover but for its dates or review comes before one that names other parties.
  public static func answer(
    person: PersonNumber, parties: [OrganizationID], purpose: ConsentPurpose?,
    date: CivilDate, consents: [Consent], profile: Profile
  ) -> SharingAnswer {
    let mine = consents.compactMap { consent in
      consent.person == person ? consent.id.map { (id: $0, consent: consent) } : nil
    }
    guard !mine.isEmpty else { return .notCovered([.noConsent]) }
    var reasons: [(rank: Int, reason: NotCoveredReason)] = []
    for (id, consent) in mine.sorted(by: { $0.id > $1.id }) {
      let missing = parties.filter { party in
        !consent.parties.contains { $0.contains(party) }
      }
      if !missing.isEmpty {
        reasons.append((6, .partiesNotCovered(id, missing: missing)))
        continue
      }
      if let purpose, !consent.purposes.contains(purpose) {
        reasons.append((5, .purposeNotCovered(id, purpose: purpose)))
        continue
      }
      switch consent.status(on: date) {
      case .revoked:
        // The status is revoked only with a withdrawal on or before the day.
        if let revocation = consent.revocation {
          reasons.append((1, .revoked(id, on: revocation.date)))
        }
        continue
      case .notYetValid:
        reasons.append((2, .notYetValid(id, from: consent.validFrom)))
        continue
      case .expired:
        reasons.append((3, .expired(id, on: consent.validUntil)))
        continue
      case .reviewDue:
        // The status is review-due only with a review date before the day.
        if let due = consent.reviewDate(on: date) {
          reasons.append((0, .reviewOverdue(id, since: due)))
        }
        continue
      case .active:
        break
      }
      if consent.type == .presumed, !profile.consent.presumedCoversAuthorities,
        Set(parties.map(\.organization)).count > 1
      {
        reasons.append((4, .presumedBetweenAuthorities(id)))
        continue
      }
      return .covered(by: id, restrictions: consent.restrictions)
    }
    // A stable sort: within a rank, newest consent first.
    return .notCovered(
      reasons.enumerated().sorted { ($0.element.rank, $0.offset) < ($1.element.rank, $1.offset) }
        .map(\.element.reason))
  }
}
