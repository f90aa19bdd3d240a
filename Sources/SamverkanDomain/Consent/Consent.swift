/// Samtycke: the individual's consent that information about them may pass between named
/// parties for named purposes, for a limited time (SPEC §4).
///
/// Consent is voluntary, specific and time-limited; it can never be general. Implied and
/// presumed consent must be re-examined by their review date.
public struct Consent: StoredRecord, Equatable {
  public static let kind = RecordKind.consent

  public var id: RecordID?
  public var ref: String?
  public var person: PersonNumber?
  public var personName: String?
  /// The parties between which information may pass; at least two.
  public var parties: [OrganizationID]
  /// What the information may be used for; at least one.
  public var purposes: [ConsentPurpose]
  public var type: ConsentType
  public var form: ConsentForm
  public var givenBy: ConsentGiver
  /// The guardian's or representative's name when they gave it.
  public var givenByName: String?
  public var validFrom: CivilDate
  /// Consent always ends: an end date is required.
  public var validUntil: CivilDate
  /// For implied and presumed consent: the date it must be re-examined by.
  public var reviewDate: CivilDate?
  /// Re-examinations so far, oldest first.
  public var reviews: [ConsentReview]
  /// That the person was told they can withdraw the consent, and how (required).
  public var informed: Bool
  /// What the person does not want shared, shown wherever the consent is used.
  public var restrictions: String?
  /// Who recorded the consent, and when.
  public var recordedBy: String
  public var recordedOn: CivilDate
  public var revocation: ConsentRevocation?
  public var note: String?

  public init(
    id: RecordID? = nil, ref: String? = nil, person: PersonNumber, personName: String? = nil,
    parties: [OrganizationID], purposes: [ConsentPurpose], type: ConsentType,
    form: ConsentForm, givenBy: ConsentGiver, givenByName: String? = nil,
    validFrom: CivilDate, validUntil: CivilDate, reviewDate: CivilDate? = nil,
    reviews: [ConsentReview] = [], informed: Bool, restrictions: String? = nil,
    recordedBy: String, recordedOn: CivilDate, revocation: ConsentRevocation? = nil,
    note: String? = nil
  ) {
    self.id = id
    self.ref = ref
    self.person = person
    self.personName = personName
    self.parties = parties
    self.purposes = purposes
    self.type = type
    self.form = form
    self.givenBy = givenBy
    self.givenByName = givenByName
    self.validFrom = validFrom
    self.validUntil = validUntil
    self.reviewDate = reviewDate
    self.reviews = reviews
    self.informed = informed
    self.restrictions = restrictions
    self.recordedBy = recordedBy
    self.recordedOn = recordedOn
    self.revocation = revocation
    self.note = note
  }

  public static let fields: [RecordField] = [
    RecordField("id"), RecordField("ref"), RecordField("person"), RecordField("personName"),
    RecordField("parties", .list), RecordField("purposes", .list), RecordField("type"),
    RecordField("form"), RecordField("givenBy"), RecordField("givenByName"),
    RecordField("validFrom"), RecordField("validUntil"), RecordField("reviewDate"),
    RecordField("reviews", .json), RecordField("informed", .flag),
    RecordField("restrictions"), RecordField("recordedBy"), RecordField("recordedOn"),
    RecordField("revocation", .json), RecordField("note"),
  ]

  public var isOpen: Bool { revocation == nil }

  public var stateName: String { revocation == nil ? "granted" : "revoked" }

  /// Whether the type must be re-examined regularly (implied and presumed consent).
  public var needsReview: Bool { type != .explicit }

  /// The consent's status on a date.
  public func status(on date: CivilDate) -> ConsentStatus {
    if let revocation, revocation.date <= date { return .revoked }
    if date < validFrom { return .notYetValid }
    if date > validUntil { return .expired }
    if needsReview, let reviewDate, date > reviewDate { return .reviewDue }
    return .active
  }

  /// Every problem with the consent under the routine's rules, all at once.
  public func problems(profile: Profile) -> [FieldProblem] {
    var problems: [FieldProblem] = []
    if person == nil { problems.append(FieldProblem("person", "a consent is given by a person")) }
    let distinct = Set(parties.map(\.value))
    if distinct.count < 2 {
      problems.append(
        FieldProblem(
          "parties",
          "a consent names at least two parties between which information may pass (given: \(parties.map(\.value).joined(separator: ", ")))"
        ))
    }
    if distinct.count != parties.count {
      problems.append(FieldProblem("parties", "a party is listed twice"))
    }
    for party in parties {
      do {
        try profile.validate(party)
      } catch {
        problems.append(FieldProblem("parties", "\(party): \(error.description)"))
      }
    }
    if purposes.isEmpty {
      problems.append(
        FieldProblem(
          "purposes",
          "a consent is specific: name at least one purpose (\(ConsentPurpose.allCases.map(\.rawValue).joined(separator: ", ")))"
        ))
    }
    if validUntil < validFrom {
      problems.append(
        FieldProblem("validUntil", "the end date \(validUntil) is before the start date \(validFrom)"))
    }
    if needsReview, reviewDate == nil {
      problems.append(
        FieldProblem("reviewDate", "\(type.rawValue) consent needs a review date", rule: true))
    }
    if !needsReview, reviewDate != nil {
      problems.append(
        FieldProblem("reviewDate", "only implied and presumed consent have a review date"))
    }
    if givenBy != .self_, (givenByName ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
      problems.append(
        FieldProblem(
          "givenByName",
          "consent given by a \(givenBy.label) must name them (the \(givenBy.label)'s name)",
          rule: true))
    }
    if !informed {
      problems.append(
        FieldProblem(
          "informed",
          "the person must have been told that they can withdraw the consent and how; the routine requires that this is clear to them before consent is recorded (add --informed once they have been told)",
          rule: true))
    }
    if let revocation, revocation.date < validFrom {
      problems.append(
        FieldProblem("revocation", "the revocation date \(revocation.date) is before the consent began"))
    }
    return problems
  }
}

/// What a consent allows information to be used for.
public enum ConsentPurpose: String, Codable, CaseIterable, Sendable {
  /// Samordnad individuell plan.
  case sip
  /// Samordnad plan between the city's administrations.
  case sp
  /// Överföring av pågående ärende.
  case transfer
  /// Named consultation between units.
  case consultation
  /// Stödkontakt med socialsekreterare.
  case supportContact = "support-contact"
  /// Other information exchange between the parties.
  case informationExchange = "information-exchange"
}

/// How the consent was expressed.
public enum ConsentType: String, Codable, CaseIterable, Sendable {
  /// Uttryckligt samtycke: said or written in so many words.
  case explicit
  /// Konkludent samtycke: shown by the person's actions.
  case implied
  /// Presumerat samtycke: assumed for someone who cannot express a view.
  case presumed
}

/// Whether the consent is on paper or was said.
public enum ConsentForm: String, Codable, CaseIterable, Sendable {
  case written
  case oral
}

/// Who gave the consent.
public enum ConsentGiver: String, Codable, CaseIterable, Sendable {
  /// The person themself.
  case self_ = "self"
  /// Vårdnadshavare.
  case guardian
  /// God man or förvaltare.
  case representative

  /// The Swedish-flavoured English name used in messages.
  public var label: String {
    switch self {
    case .self_: "the person"
    case .guardian: "guardian (vårdnadshavare)"
    case .representative: "representative (god man/förvaltare)"
    }
  }
}

/// A consent's status on a given date.
public enum ConsentStatus: String, Codable, CaseIterable, Sendable {
  case active
  case notYetValid = "not-yet-valid"
  case expired
  case revoked
  case reviewDue = "review-due"
}

/// A re-examination of implied or presumed consent.
public struct ConsentReview: Codable, Sendable, Equatable {
  public var date: CivilDate
  public var by: String
  /// The next review date set at this review.
  public var nextReview: CivilDate
  public var note: String?

  public init(date: CivilDate, by: String, nextReview: CivilDate, note: String? = nil) {
    self.date = date
    self.by = by
    self.nextReview = nextReview
    self.note = note
  }
}

/// The withdrawal of a consent (återkallelse).
public struct ConsentRevocation: Codable, Sendable, Equatable {
  /// From this date the consent no longer covers anything.
  public var date: CivilDate
  public var reason: String
  /// How the person communicated it: "by phone to the caseworker", "in writing".
  public var communicated: String
  public var recordedBy: String

  public init(date: CivilDate, reason: String, communicated: String, recordedBy: String) {
    self.date = date
    self.reason = reason
    self.communicated = communicated
    self.recordedBy = recordedBy
  }
}
