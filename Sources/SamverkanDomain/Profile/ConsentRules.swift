/// The consent routine's parameters (SPEC §4).
public struct ConsentRules: Codable, Sendable, Equatable {
  /// Days until implied or presumed consent must be re-examined (omprövas).
  public var reviewIntervalDays: Int
  /// Whether presumed consent (presumerat samtycke) covers exchange between authorities.
  /// By default it does not: it is a concept for people who cannot express a view.
  public var presumedCoversAuthorities: Bool
  /// The secrecy-breaking grounds (sekretessbrytande bestämmelser) a process may record
  /// instead of consent. Profile data, so a lawyer can correct them without code changes.
  public var legalGrounds: [LegalGround]
  /// The longest a consent may last, in months from its first day. Consent is time-limited
  /// and never general (seed 002); a consent for decades would be general in all but name.
  public var maxValidityMonths: Int
  /// The age from which a person consents themself, or through a god man or förvaltare;
  /// below it, the guardians (vårdnadshavare) consent.
  public var adultAge: Int

  public init(
    reviewIntervalDays: Int, presumedCoversAuthorities: Bool, legalGrounds: [LegalGround],
    maxValidityMonths: Int = 36, adultAge: Int = 18
  ) {
    self.maxValidityMonths = maxValidityMonths
    self.adultAge = adultAge
    self.reviewIntervalDays = reviewIntervalDays
    self.presumedCoversAuthorities = presumedCoversAuthorities
    self.legalGrounds = legalGrounds
  }

  /// Göteborg's consent rules, with the grounds from seed 002 and municipal guidance.
  ///
  /// The texts are summaries for choosing a ground, not the law: the caseworker still makes
  /// the assessment the provision requires (menprövning), and a lawyer can correct them in
  /// `profile.json`.
  public static let goteborg = ConsentRules(
    reviewIntervalDays: 90,
    presumedCoversAuthorities: false,
    legalGrounds: [
      LegalGround(
        id: "emergency", label: "Nöd", law: "24 kap. 4 § brottsbalken",
        summary:
          "Fara för liv, hälsa eller annat viktigt intresse som inte kan avvärjas på annat sätt "
          + "(nödsituation)."),
      LegalGround(
        id: "duty-to-inform", label: "Uppgiftsskyldighet", law: "10 kap. 28 § OSL",
        summary:
          "Uppgiften lämnas till en annan myndighet som har rätt att få den, eftersom "
          + "uppgiftsskyldighet följer av lag eller förordning."),
      LegalGround(
        id: "necessary-disclosure", label: "Nödvändigt utlämnande", law: "10 kap. 2 § OSL",
        summary: "Utlämnandet är nödvändigt för att myndigheten ska kunna fullgöra sin verksamhet.",
        purposes: [.sp, .consultation, .informationExchange]),
      LegalGround(
        id: "general-clause", label: "Generalklausulen", law: "10 kap. 27 § OSL",
        summary:
          "Det är uppenbart att intresset av att uppgiften lämnas till en annan myndighet har "
          + "företräde framför det intresse sekretessen ska skydda. Gäller inte "
          + "socialtjänstsekretessen i 26 kap. 1 § OSL (se 10 kap. 27 § andra stycket).",
        coversSocialServices: false),
      LegalGround(
        id: "care-provision", label: "Nödvändig vård, behandling eller annat stöd",
        law: "25 kap. 12 § och 26 kap. 9 § OSL",
        summary:
          "Mellan socialtjänst och hälso- och sjukvård, när uppgiften behövs för att ge "
          + "nödvändig vård, behandling eller annat stöd åt den som är under 18 år, som "
          + "fortgående missbrukar alkohol, narkotika eller flyktiga lösningsmedel, som vårdas "
          + "enligt LPT eller LRV, eller åt ett väntat barn (gravid kvinna).",
        recipients: ["REGION"], recipientsLabel: "hälso- och sjukvården (REGION)",
        underAge: 18,
        conditions: [
          GroundCondition(
            id: "substance-abuse",
            label: "fortgående missbruk av alkohol, narkotika eller flyktiga lösningsmedel"),
          GroundCondition(id: "compulsory-care", label: "vårdas enligt LPT eller LRV"),
          GroundCondition(id: "pregnancy", label: "gravid kvinna (vård åt ett väntat barn)"),
        ]),
      LegalGround(
        id: "crime-against-child", label: "Misstänkt brott mot barn",
        law: "10 kap. 21 § OSL",
        summary:
          "Uppgift om misstänkt brott enligt 3, 4 eller 6 kap. brottsbalken mot någon som är "
          + "under 18 år lämnas till polis eller åklagare.",
        recipients: ["POLIS", "AKLAGARE"], recipientsLabel: "polis eller åklagare",
        underAge: 18),
    ])

  /// What is out of range.
  func problems() -> [String] {
    var problems: [String] = []
    if reviewIntervalDays < 1 { problems.append("consent.reviewIntervalDays: must be at least 1") }
    if maxValidityMonths < 1 { problems.append("consent.maxValidityMonths: must be at least 1") }
    if adultAge < 1 { problems.append("consent.adultAge: must be at least 1") }
    if legalGrounds.isEmpty { problems.append("consent.legalGrounds: must list at least one") }
    let ids = legalGrounds.map(\.id)
    if Set(ids).count != ids.count {
      problems.append("consent.legalGrounds: a ground's id is listed twice")
    }
    for ground in legalGrounds
    where ground.id.isEmpty || ground.id != ground.id.lowercased() || ground.id.contains(" ") {
      problems.append(
        "consent.legalGrounds: '\(ground.id)' must be a lower-case word such as 'emergency'")
    }
    return problems
  }

  /// The ground with this ID (case-insensitive), if listed.
  public func legalGround(_ id: String) -> LegalGround? {
    legalGrounds.first { $0.id == id.lowercased() }
  }
}

/// A secrecy-breaking ground (sekretessbrytande bestämmelse) under which information may
/// pass without consent, with the conditions the gate checks before it lets a step rely on
/// it (SPEC §11). Every condition left out of a profile is no condition.
public struct LegalGround: Codable, Sendable, Equatable {
  /// The ID used on the command line: `emergency`.
  public var id: String
  /// The Swedish name: "Nöd".
  public var label: String
  /// Where it is in the law: "24 kap. 4 § brottsbalken".
  public var law: String
  /// When it applies, in a sentence.
  public var summary: String
  /// The purposes it may serve; nil for any.
  public var purposes: [ConsentPurpose]?
  /// The steps it may serve (`sp summon`); nil for any step that takes a ground.
  public var steps: [String]?
  /// The organizations that may receive under it (`REGION`); nil for any. Recipients
  /// outside the directory (police, prosecutor) are named so that no party in it matches.
  public var recipients: [String]?
  /// The recipients in words, for messages: "polis eller åklagare".
  public var recipientsLabel: String?
  /// The person must be under this age on the step's day…
  public var underAge: Int?
  /// …or, when listed, meet one of these conditions, named by the caseworker with
  /// `--legal-ground-condition`.
  public var conditions: [GroundCondition]?
  /// Whether it can break social-services secrecy (OSL 26 kap.) at all; the general clause
  /// cannot (10 kap. 27 § andra stycket). Nil means it can.
  public var coversSocialServices: Bool?

  public init(
    id: String, label: String, law: String, summary: String, purposes: [ConsentPurpose]? = nil,
    steps: [String]? = nil, recipients: [String]? = nil, recipientsLabel: String? = nil,
    underAge: Int? = nil, conditions: [GroundCondition]? = nil, coversSocialServices: Bool? = nil
  ) {
    self.id = id
    self.label = label
    self.law = law
    self.summary = summary
    self.purposes = purposes
    self.steps = steps
    self.recipients = recipients
    self.recipientsLabel = recipientsLabel
    self.underAge = underAge
    self.conditions = conditions
    self.coversSocialServices = coversSocialServices
  }

  /// "Nöd (24 kap. 4 § brottsbalken)".
  public var title: String { "\(label) (\(law))" }

  /// The conditions in a few lines, for `consent grounds`.
  public var conditionLines: [String] {
    var lines: [String] = []
    if coversSocialServices == false {
      lines.append("never for social-services data (OSL 26 kap.): no step in samverkan may use it")
    }
    if let purposes {
      lines.append("purposes: \(purposes.map(\.rawValue).joined(separator: ", "))")
    }
    if let steps { lines.append("steps: \(steps.joined(separator: ", "))") }
    if let recipients {
      lines.append("only to \(recipientsLabel ?? recipients.joined(separator: ", "))")
    }
    var person: [String] = []
    if let underAge { person.append("under \(underAge) on the step's day") }
    for condition in conditions ?? [] {
      person.append("\(condition.label) (--legal-ground-condition \(condition.id))")
    }
    if !person.isEmpty { lines.append("the person: " + person.joined(separator: ", or ")) }
    if lines.isEmpty { lines.append("any step that takes a ground") }
    return lines
  }
}

/// A condition on the person that a caseworker names for a ground to apply:
/// `compulsory-care` for "vårdas enligt LPT eller LRV".
public struct GroundCondition: Codable, Sendable, Equatable {
  public var id: String
  public var label: String

  public init(id: String, label: String) {
    self.id = id
    self.label = label
  }
}

extension ConsentRules {
  /// How a recorded ground reads on a record: "Nöd (24 kap. 4 § brottsbalken), recorded by
  /// anna on 2026-11-25: <note>". A ground no longer in the profile shows its ID.
  public func describe(_ use: LegalGroundUse) -> String {
    let title = legalGround(use.ground)?.title ?? "'\(use.ground)' (not in the profile's list)"
    var text = "\(title), recorded by \(use.recordedBy) on \(use.date)"
    if let note = use.note, !note.isEmpty { text += ": \(note)" }
    return text
  }
}
