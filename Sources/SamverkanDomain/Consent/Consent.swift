import SamverkanJSON

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
  /// Written or oral, for explicit consent; implied and presumed consent have no form.
  public var form: ConsentForm?
  public var givenBy: ConsentGiver
  /// The guardian's or representative's name when they gave it.
  public var givenByName: String?
  /// The second guardian's name, when the child has two guardians: both consent (seed 002,
  /// FB 6 kap. 13 §: guardians with joint custody decide together).
  public var otherGuardianName: String?
  /// The child has a single guardian (ensam vårdnad), so one guardian's consent is enough.
  @Defaulted public var soleGuardian: Bool
  /// For a guardian's consent: the child's own view (barnets inställning), or why it could
  /// not be given.
  public var childView: String?
  public var validFrom: CivilDate
  /// Consent always ends: an end date is required.
  public var validUntil: CivilDate
  /// For implied and presumed consent: the date it must be re-examined by.
  public var reviewDate: CivilDate?
  /// Re-examinations so far, oldest first.
  @Defaulted public var reviews: [ConsentReview]
  /// That the person was told they can withdraw the consent, and how (required).
  @Defaulted public var informed: Bool
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
    form: ConsentForm?, givenBy: ConsentGiver, givenByName: String? = nil,
    otherGuardianName: String? = nil, soleGuardian: Bool = false, childView: String? = nil,
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
    self.otherGuardianName = otherGuardianName
    self.soleGuardian = soleGuardian
    self.childView = childView
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
    RecordField("id"), RecordField("ref"),
    RecordField("person", format: .person, presence: .required),
    RecordField("personName", aliases: ["name"]),
    RecordField("parties", .list, format: .organization, presence: .required),
    RecordField(
      "purposes", .list, format: .values(ConsentPurpose.allCases.map(\.rawValue)),
      presence: .required, aliases: ["purpose"]),
    RecordField(
      "type", format: .values(ConsentType.allCases.map(\.rawValue)),
      presence: .defaulted(.constant(ConsentType.explicit.rawValue))),
    RecordField("form", format: .values(ConsentForm.allCases.map(\.rawValue))),
    RecordField(
      "givenBy", format: .values(ConsentGiver.allCases.map(\.rawValue)),
      presence: .defaulted(.constant(ConsentGiver.self_.rawValue)), aliases: ["given-by"]),
    RecordField("givenByName", aliases: ["given-by-name"]),
    RecordField("otherGuardianName"),
    RecordField("soleGuardian", .flag, aliases: ["sole-guardian"]),
    RecordField("childView", aliases: ["child-view"]),
    RecordField("validFrom", format: .date, presence: .defaulted(.today), aliases: ["from"]),
    RecordField("validUntil", format: .date, presence: .required, aliases: ["until"]),
    RecordField(
      "reviewDate", format: .date, presence: .defaulted(reviewDateDefault), aliases: ["review"]),
    RecordField("reviews", .json), RecordField("informed", .flag),
    RecordField("restrictions", aliases: ["restrict"]),
    RecordField("recordedBy", presence: .defaulted(.actor)),
    RecordField("recordedOn", format: .date, presence: .defaulted(.today)),
    RecordField("revocation", .json), RecordField("note"),
  ]

  /// What `consent grant` gives implied and presumed consent without `--review`: the
  /// profile's interval from the first valid day or today, whichever is later.
  static let reviewDateDefault = FieldDefault(
    "for implied and presumed consent, the profile's review interval from validFrom or today, whichever is later"
  ) { context, row in
    guard let type = row["type"]?.stringValue, type != ConsentType.explicit.rawValue,
      let from = row["validFrom"]?.stringValue, let validFrom = try? CivilDate(iso: from)
    else { return nil }
    return .string(
      defaultReviewDate(validFrom: validFrom, today: context.today, profile: context.profile)
        .description)
  }

  /// The review date implied and presumed consent get when none is given: recording the
  /// consent is itself an examination, so the interval runs from today for a consent that
  /// began earlier.
  public static func defaultReviewDate(validFrom: CivilDate, today: CivilDate, profile: Profile)
    -> CivilDate
  {
    max(validFrom, today).adding(days: profile.consent.reviewIntervalDays)
  }

  public var isOpen: Bool { revocation == nil }

  public var stateName: String { revocation == nil ? "granted" : "revoked" }

  /// Whether the type must be re-examined regularly (implied and presumed consent).
  public var needsReview: Bool { type != .explicit }

  /// The dates that decide the consent's status.
  public var timeline: ConsentTimeline {
    ConsentTimeline(
      type: type, validFrom: validFrom, validUntil: validUntil, reviewDate: reviewDate,
      reviews: reviews, revocation: revocation)
  }

  /// The review date in force on a date (reviews move it on), for implied and presumed
  /// consent; nil for explicit consent.
  public func reviewDate(on date: CivilDate) -> CivilDate? { timeline.reviewDate(on: date) }

  /// The consent's status on a date: revoked from the revocation date, not yet valid before
  /// its first day, expired after its last day, review overdue after its review date.
  public func status(on date: CivilDate) -> ConsentStatus { timeline.status(on: date) }

  /// Every problem with the consent under the routine's rules, all at once: malformed or
  /// contradictory values (exit 64 from a verb) and missing parts the routine requires
  /// (`rule`, exit 77).
  public func problems(profile: Profile) -> [FieldProblem] {
    var problems: [FieldProblem] = []
    if person == nil { problems.append(FieldProblem("person", "a consent is given by a person")) }
    problems += partyProblems(profile: profile)
    if purposes.isEmpty {
      problems.append(
        FieldProblem(
          "purposes",
          "a consent is specific: name at least one purpose (\(ConsentPurpose.allCases.map(\.rawValue).joined(separator: ", ")))"
        ))
    }
    if Set(purposes).count != purposes.count {
      problems.append(FieldProblem("purposes", "a purpose is listed twice"))
    }
    if validUntil < validFrom {
      problems.append(
        FieldProblem(
          "validUntil",
          "the end date \(validUntil) is before the start date \(validFrom); a consent ends on or after the day it begins"
        ))
    }
    problems += formProblems()
    problems += reviewProblems()
    if givenBy == .self_, let givenByName, !givenByName.isBlank {
      problems.append(
        FieldProblem(
          "givenByName",
          "'\(givenByName)' is named as giver, but the consent is given by the person themself; use --given-by guardian or representative"
        ))
    }
    if givenBy != .self_, (givenByName ?? "").isBlank {
      problems.append(
        FieldProblem(
          "givenByName",
          "consent given by a \(givenBy.label) must name them (--given-by-name)", rule: true))
    }
    // Presumed consent is for someone who cannot take in the information, so telling them
    // how to withdraw is not possible; how their view was presumed is recorded instead.
    if type == .presumed {
      if (note ?? "").isBlank {
        problems.append(
          FieldProblem(
            "note",
            "presumed consent (presumerat samtycke) rests on the caseworker's judgement of what the person would want: say how their view was presumed (--note …), e.g. what they have shown or what those close to them say",
            rule: true))
      }
    } else if !informed {
      problems.append(
        FieldProblem(
          "informed",
          "the person must have been told that they can withdraw the consent and how to do it. The routine requires this to be clear to them, because consent is voluntary and only valid while they know they can take it back. Tell them, then record the consent with --informed",
          rule: true))
    }
    if recordedBy.isBlank {
      problems.append(FieldProblem("recordedBy", "who recorded the consent is needed"))
    }
    if let revocation { problems += revocationProblems(revocation) }
    return problems
  }

  /// The rules for recording a new consent (a grant or an imported row), beside the record's
  /// own: how long it may last, and who may give it for whom. They are not asked again when a
  /// stored consent changes, so a consent recorded before them can still be withdrawn.
  public func recordingProblems(profile: Profile) -> [FieldProblem] {
    let rules = profile.consent
    var problems: [FieldProblem] = []
    // A consent is time-limited (seed 002: "kan inte vara generellt utformat, utan gäller
    // tex under en viss tidsperiod"): a consent for decades is general in all but name.
    let latest = validFrom.adding(months: rules.maxValidityMonths)
    if validUntil > latest {
      problems.append(
        FieldProblem(
          "validUntil",
          "a consent is time-limited: it may last at most \(rules.maxValidityMonths) months (the profile's consent.maxValidityMonths), so one from \(validFrom) ends by \(latest), not \(validUntil). Ask again when it ends",
          rule: true))
    }
    guard let person else { return problems }
    let age = person.age(on: validFrom)
    let adult = rules.adultAge
    let born =
      person.incompleteBirthDate.map { "born \(person.birthDate) as far as known: \($0)" }
      ?? "born \(person.birthDate)"
    switch givenBy {
    case .guardian:
      if age >= adult {
        problems.append(
          FieldProblem(
            "givenBy",
            "a guardian (vårdnadshavare) consents only for a child under \(adult); the person (\(born)) is \(age) on \(validFrom) and consents themself (--given-by self), or through a god man or förvaltare (--given-by representative)",
            rule: true))
        break
      }
      let eighteenth = person.birthDate.anniversary(adult)
      if validUntil >= eighteenth {
        problems.append(
          FieldProblem(
            "validUntil",
            "a guardian's consent ends before the child turns \(adult) on \(eighteenth): give --until \(eighteenth.adding(days: -1)) at the latest, then ask the person themself",
            rule: true))
      }
      if !soleGuardian, (otherGuardianName ?? "").isBlank {
        problems.append(
          FieldProblem(
            "otherGuardianName",
            "a child with two guardians needs the consent of both: name the other with a second --given-by guardian --given-by-name …, or add --sole-guardian when one has sole custody (ensam vårdnad)",
            rule: true))
      }
      if soleGuardian, !(otherGuardianName ?? "").isBlank {
        problems.append(
          FieldProblem(
            "soleGuardian",
            "--sole-guardian says the child has one guardian, but two are named (\(givenByName ?? ""), \(otherGuardianName ?? ""))"
          ))
      }
      if (childView ?? "").isBlank {
        problems.append(
          FieldProblem(
            "childView",
            "record the child's own view (barnets inställning) with --child-view …; if the child is too young to give one, say so",
            rule: true))
      }
    case .representative:
      if age < adult {
        problems.append(
          FieldProblem(
            "givenBy",
            "a god man or förvaltare represents an adult; the person (\(born)) is \(age) on \(validFrom), so their guardians consent (--given-by guardian)",
            rule: true))
      }
    case .self_:
      break
    }
    if givenBy != .guardian {
      if otherGuardianName != nil || soleGuardian || childView != nil {
        problems.append(
          FieldProblem(
            "givenBy",
            "a second guardian, --sole-guardian and the child's view belong to a guardian's consent (--given-by guardian)"
          ))
      }
    }
    return problems
  }

  private func partyProblems(profile: Profile) -> [FieldProblem] {
    profile.partyProblems(parties) { given in
      "a consent names at least two parties between which information may pass (given: \(given)); e.g. --parties SF-NORDOST,FFS"
    }
  }

  private func formProblems() -> [FieldProblem] {
    switch (type, form) {
    case (.explicit, nil):
      return [
        FieldProblem(
          "form",
          "say whether the explicit consent was given in writing or orally (--form written|oral)")
      ]
    case (.implied, let form?), (.presumed, let form?):
      return [
        FieldProblem(
          "form",
          "\(type.rawValue) consent (\(type.swedish)) is not given in words, so it has no form; '\(form.rawValue)' applies to explicit consent only"
        )
      ]
    default:
      return []
    }
  }

  private func reviewProblems() -> [FieldProblem] {
    var problems: [FieldProblem] = []
    guard needsReview else {
      if reviewDate != nil {
        problems.append(
          FieldProblem(
            "reviewDate",
            "only implied and presumed consent are reviewed; explicit consent holds until its end date"
          ))
      }
      if !reviews.isEmpty {
        problems.append(FieldProblem("reviews", "explicit consent is not reviewed"))
      }
      return problems
    }
    guard let reviewDate else {
      problems.append(
        FieldProblem(
          "reviewDate",
          "\(type.rawValue) consent (\(type.swedish)) must be re-examined regularly and needs a review date",
          rule: true))
      return problems
    }
    if reviewDate < validFrom {
      problems.append(
        FieldProblem(
          "reviewDate", "the review date \(reviewDate) is before the start date \(validFrom)"))
    }
    for (index, review) in reviews.enumerated() {
      if review.nextReview <= review.date {
        problems.append(
          FieldProblem(
            "reviews",
            "review \(index + 1) on \(review.date) sets the next review to \(review.nextReview); it must come after the review"
          ))
      }
      if index > 0, review.date < reviews[index - 1].date {
        problems.append(FieldProblem("reviews", "the reviews are not in date order"))
      }
    }
    if let last = reviews.last, last.nextReview != reviewDate {
      problems.append(
        FieldProblem(
          "reviewDate",
          "the review date \(reviewDate) differs from the one the last review set (\(last.nextReview))"
        ))
    }
    return problems
  }

  private func revocationProblems(_ revocation: ConsentRevocation) -> [FieldProblem] {
    var problems: [FieldProblem] = []
    // A consent not yet in force can be withdrawn, but not before it was given.
    let earliest = min(validFrom, recordedOn)
    if revocation.date < earliest {
      problems.append(
        FieldProblem(
          "revocation",
          "the revocation date \(revocation.date) is before the consent was given (\(earliest))"))
    }
    if revocation.reason.isBlank {
      problems.append(
        FieldProblem("revocation", "say why the consent was withdrawn (reason)", rule: true))
    }
    if revocation.communicated.isBlank {
      problems.append(
        FieldProblem(
          "revocation", "say how the withdrawal was communicated (communicated)", rule: true))
    }
    return problems
  }
}

/// What a consent allows information to be used for.
public enum ConsentPurpose: String, Codable, StoredAsText, CaseIterable, Sendable {
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

  /// The Swedish name: "samordnad plan".
  public var swedish: String {
    switch self {
    case .sip: "samordnad individuell plan"
    case .sp: "samordnad plan"
    case .transfer: "överföring av pågående ärende"
    case .consultation: "konsultation"
    case .supportContact: "stödkontakt med socialsekreterare"
    case .informationExchange: "informationsutbyte"
    }
  }
}

/// How the consent was expressed.
public enum ConsentType: String, Codable, StoredAsText, CaseIterable, Sendable {
  /// Uttryckligt samtycke: said or written in so many words.
  case explicit
  /// Konkludent samtycke: shown by the person's actions.
  case implied
  /// Presumerat samtycke: assumed for someone who cannot express a view.
  case presumed

  /// The Swedish name: "konkludent samtycke".
  public var swedish: String {
    switch self {
    case .explicit: "uttryckligt samtycke"
    case .implied: "konkludent samtycke"
    case .presumed: "presumerat samtycke"
    }
  }
}

/// Whether explicit consent is on paper or was said.
public enum ConsentForm: String, Codable, StoredAsText, CaseIterable, Sendable {
  /// Skriftligt.
  case written
  /// Muntligt.
  case oral

  /// The Swedish name: "skriftligt".
  public var swedish: String {
    switch self {
    case .written: "skriftligt"
    case .oral: "muntligt"
    }
  }
}

/// Who gave the consent.
public enum ConsentGiver: String, Codable, StoredAsText, CaseIterable, Sendable {
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

  /// The Swedish name: "vårdnadshavare".
  public var swedish: String {
    switch self {
    case .self_: "den enskilde"
    case .guardian: "vårdnadshavare"
    case .representative: "god man eller förvaltare"
    }
  }
}

/// A consent's status on a given date.
public enum ConsentStatus: String, Codable, StoredAsText, CaseIterable, Sendable {
  /// In force: it covers what it names.
  case active
  /// Its first day has not come.
  case notYetValid = "not-yet-valid"
  /// Its last day has passed.
  case expired
  /// Withdrawn by the person.
  case revoked
  /// Implied or presumed consent past its review date: covers nothing until reviewed.
  case reviewDue = "review-due"

  /// The Swedish name: "gäller".
  public var swedish: String {
    switch self {
    case .active: "gäller"
    case .notYetValid: "gäller ännu inte"
    case .expired: "har upphört"
    case .revoked: "återkallat"
    case .reviewDue: "ska omprövas"
    }
  }
}

/// A re-examination (omprövning) of implied or presumed consent.
public struct ConsentReview: Codable, Sendable, Equatable {
  /// The day it was re-examined.
  public var date: CivilDate
  /// Who re-examined it.
  public var by: String
  /// The review date in force when it was re-examined (so a past day's status stays true).
  public var due: CivilDate?
  /// The next review date set at this review.
  public var nextReview: CivilDate
  public var note: String?

  public init(
    date: CivilDate, by: String, due: CivilDate? = nil, nextReview: CivilDate,
    note: String? = nil
  ) {
    self.date = date
    self.by = by
    self.due = due
    self.nextReview = nextReview
    self.note = note
  }
}

/// The withdrawal of a consent (återkallelse).
public struct ConsentRevocation: Codable, Sendable, Equatable {
  /// From this date the consent no longer covers anything.
  public var date: CivilDate
  /// Why the person withdrew it, as they said.
  public var reason: String
  /// How the person communicated it: "by phone to the caseworker", "in writing".
  public var communicated: String
  /// Who recorded the withdrawal.
  public var recordedBy: String

  public init(date: CivilDate, reason: String, communicated: String, recordedBy: String) {
    self.date = date
    self.reason = reason
    self.communicated = communicated
    self.recordedBy = recordedBy
  }
}

/// The part of a consent that decides its status on a date. Listing 100,000 consents reads
/// only these fields from each record instead of the whole consent.
public struct ConsentTimeline: Codable, Sendable, Equatable {
  public var type: ConsentType
  public var validFrom: CivilDate
  public var validUntil: CivilDate
  public var reviewDate: CivilDate?
  @Defaulted public var reviews: [ConsentReview]
  public var revocation: ConsentRevocation?

  /// The consent's fields a timeline is decoded from.
  public static let fieldNames = [
    "type", "validFrom", "validUntil", "reviewDate", "reviews", "revocation",
  ]

  public init(
    type: ConsentType, validFrom: CivilDate, validUntil: CivilDate, reviewDate: CivilDate?,
    reviews: [ConsentReview], revocation: ConsentRevocation?
  ) {
    self.type = type
    self.validFrom = validFrom
    self.validUntil = validUntil
    self.reviewDate = reviewDate
    self.reviews = reviews
    self.revocation = revocation
  }

  /// The review date in force on a date (reviews move it on), for implied and presumed
  /// consent; nil for explicit consent.
  public func reviewDate(on date: CivilDate) -> CivilDate? {
    guard type != .explicit else { return nil }
    var inForce = reviews.first?.due ?? reviewDate
    for review in reviews where review.date <= date { inForce = review.nextReview }
    return inForce
  }

  /// The status on a date.
  public func status(on date: CivilDate) -> ConsentStatus {
    if let revocation, revocation.date <= date { return .revoked }
    if date < validFrom { return .notYetValid }
    if date > validUntil { return .expired }
    if let due = reviewDate(on: date), date > due { return .reviewDue }
    return .active
  }
}
