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

  public init(
    reviewIntervalDays: Int, presumedCoversAuthorities: Bool, legalGrounds: [LegalGround]
  ) {
    self.reviewIntervalDays = reviewIntervalDays
    self.presumedCoversAuthorities = presumedCoversAuthorities
    self.legalGrounds = legalGrounds
  }

  /// Göteborg's consent rules, with the grounds from seed 002 and municipal guidance.
  public static let goteborg = ConsentRules(
    reviewIntervalDays: 90,
    presumedCoversAuthorities: false,
    legalGrounds: [
      LegalGround(
        id: "emergency", label: "Nöd", law: "24 kap. 4 § brottsbalken",
        summary: "Fara för liv, hälsa eller egendom som inte kan avvärjas på annat sätt."),
      LegalGround(
        id: "duty-to-inform", label: "Uppgiftsskyldighet", law: "10 kap. 28 § OSL",
        summary: "Uppgiftsskyldighet som följer av lag eller förordning."),
      LegalGround(
        id: "necessary-disclosure", label: "Nödvändigt utlämnande", law: "10 kap. 2 § OSL",
        summary: "Utlämnandet är nödvändigt för att myndigheten ska kunna fullgöra sin verksamhet."),
      LegalGround(
        id: "general-clause", label: "Generalklausulen", law: "10 kap. 27 § OSL",
        summary: "Intresset av att uppgiften lämnas har företräde framför sekretessens intresse."),
      LegalGround(
        id: "care-provision", label: "Nödvändig vård", law: "25 kap. 12 § och 26 kap. 9 § OSL",
        summary:
          "Uppgiften behövs för att ge vård: den som är under 18 år och far illa, "
          + "psykiatrisk tvångsvård, eller en gravid kvinna."),
      LegalGround(
        id: "crime-against-child", label: "Misstänkt brott mot barn",
        law: "10 kap. 19 och 21 §§ OSL",
        summary: "Uppgifter om misstänkt brott mot barn till polis eller åklagare."),
    ])

  /// What is out of range.
  func problems() -> [String] {
    var problems: [String] = []
    if reviewIntervalDays < 1 { problems.append("consent.reviewIntervalDays: must be at least 1") }
    if legalGrounds.isEmpty { problems.append("consent.legalGrounds: must list at least one") }
    return problems
  }

  /// The ground with this ID (case-insensitive), if listed.
  public func legalGround(_ id: String) -> LegalGround? {
    legalGrounds.first { $0.id == id.lowercased() }
  }
}

/// A secrecy-breaking ground (sekretessbrytande bestämmelse) under which information may
/// pass without consent; journaled and shown on the record that uses it.
public struct LegalGround: Codable, Sendable, Equatable {
  /// The ID used on the command line: `emergency`.
  public var id: String
  /// The Swedish name: "Nöd".
  public var label: String
  /// Where it is in the law: "24 kap. 4 § brottsbalken".
  public var law: String
  /// When it applies, in a sentence.
  public var summary: String

  public init(id: String, label: String, law: String, summary: String) {
    self.id = id
    self.label = label
    self.law = law
    self.summary = summary
  }

  /// "Nöd (24 kap. 4 § brottsbalken)".
  public var title: String { "\(label) (\(law))" }
}
