import Foundation

/// Who may take which step once a store has a user register (SPEC §12), as profile data so
/// a municipality can change it without code changes. Steps without a rule are open to
/// every registered user.
public struct AuthorityRules: Codable, Sendable, Equatable {
  /// Abbreviations caseworkers write in titles, each word as written → as the profile
  /// spells it: `bitr.` → `biträdande`.
  public var titleAbbreviations: [String: String]
  /// One rule per step.
  public var rules: [AuthorityRule]

  public init(titleAbbreviations: [String: String], rules: [AuthorityRule]) {
    self.titleAbbreviations = titleAbbreviations
    self.rules = rules
  }

  /// The rule for a step (`sp approve`), if the profile has one.
  public func rule(for step: String) -> AuthorityRule? {
    rules.first { $0.step == step }
  }

  /// Göteborg's rules: the routines' own words on who decides (seeds 000 and 001).
  public static let goteborg = AuthorityRules(
    titleAbbreviations: [
      "bitr.": "biträdande", "bitr": "biträdande", "avd.": "avdelnings", "e.": "enhets",
      "förv.": "förvaltnings", "förste": "1:e", "första": "1:e",
      "soc.sekr.": "socialsekreterare", "socsekr": "socialsekreterare",
      "handl.": "handläggare",
    ],
    rules: [
      // "Planen skickas till den andra förvaltningen för godkännande."
      AuthorityRule(step: "sp approve", organization: .administration),
      AuthorityRule(step: "sp reject", organization: .administration),
      AuthorityRule(step: "sp support-contact", organization: .administration),
      // "Del 1 fylls i av den enhet som uppmärksammat avvikelsen (lägst av biträdande
      // enhetschef)."
      AuthorityRule(
        step: "deviation report", organization: .administration,
        minimumTitle: "biträdande enhetschef"),
      // "Del 2 … signatur och titel (lägst av biträdande enhetschef)", one per side.
      AuthorityRule(
        step: "deviation sign", organization: .administration,
        minimumTitle: "biträdande enhetschef", distinctUsers: true),
      // Each level is handled by the level's title in a party's administration.
      AuthorityRule(step: "escalate raise", organization: .administration, levelTitle: true),
      AuthorityRule(step: "escalate resolve", organization: .administration, levelTitle: true),
      // "Alla ska vara överens": each party agrees for itself.
      AuthorityRule(step: "escalate agree", organization: .administration),
      // "Varje huvudman ansvarar för att dokumentera avslutet": a user of the principal
      // whose closing it is.
      AuthorityRule(step: "sip close", organization: .administration),
      // "Mottagande enhet bekräftar mottagandet … utser handläggare."
      AuthorityRule(step: "transfer acknowledge", organization: .unit),
      AuthorityRule(step: "transfer assign", organization: .unit),
      AuthorityRule(step: "import", roles: [.admin]),
      AuthorityRule(step: "store import", roles: [.admin]),
      AuthorityRule(step: "store gallra", roles: [.admin]),
      AuthorityRule(step: "store init", roles: [.admin]),
      AuthorityRule(step: "users", roles: [.admin]),
      AuthorityRule(step: "store access-log", roles: [.controller, .admin]),
    ])

  func problems(titles: [String]) -> [String] {
    var problems: [String] = []
    let folded = Set(titles.map(AuthorityRules.folded))
    for rule in rules {
      if let minimum = rule.minimumTitle, !folded.contains(AuthorityRules.folded(minimum)) {
        problems.append(
          "authority.rules[\(rule.step)].minimumTitle: '\(minimum)' is not in deviation.titles")
      }
    }
    if Set(rules.map(\.step)).count != rules.count {
      problems.append("authority.rules: a step is listed twice")
    }
    return problems
  }

  static func folded(_ text: String) -> String {
    text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
      .folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
  }
}

/// Who may take one step. A rule in `profile.json` names only what it needs: `{"step": "sp
/// approve", "organization": "administration"}`.
public struct AuthorityRule: Codable, Sendable, Equatable {
  /// Which organization the user must belong to.
  public enum OrganizationMatch: String, Sendable, ValueWhenAbsent {
    /// Any organization.
    case any
    /// The administration the step names (any of its units): an approving administration,
    /// a party to the matter, the principal with overall responsibility.
    case administration
    /// The unit the step names (or the whole administration it belongs to): the receiving
    /// unit of a transfer.
    case unit

    /// A rule that names no organization allows any.
    public static var whenAbsent: OrganizationMatch { .any }
  }

  /// The step, as `<command> <verb>`: `sp approve`.
  public var step: String
  @Defaulted public var organization: OrganizationMatch
  /// The most junior title allowed, from the profile's list of titles.
  public var minimumTitle: String?
  /// Whether the user needs at least the title of the escalation level the step is at.
  @Defaulted public var levelTitle: Bool
  /// The roles of which the user needs one; empty for none.
  @Defaulted public var roles: [UserRole]
  /// Whether each user may sign only once (the two sides of a deviation report).
  @Defaulted public var distinctUsers: Bool

  public init(
    step: String, organization: OrganizationMatch = .any, minimumTitle: String? = nil,
    levelTitle: Bool = false, roles: [UserRole] = [], distinctUsers: Bool = false
  ) {
    self.step = step
    self.organization = organization
    self.minimumTitle = minimumTitle
    self.levelTitle = levelTitle
    self.roles = roles
    self.distinctUsers = distinctUsers
  }
}

/// What a verb declares about the step it takes, for the rule to be checked against: the
/// organizations it is taken for, the escalation level's title, the users who signed.
public struct AuthorityQuestion: Sendable, Equatable {
  /// `sp approve`.
  public var step: String
  /// In words for the message: "approve SP-3 for FFS".
  public var action: String
  /// The organizations the step is taken for; the user must belong to one.
  public var organizations: [OrganizationID]
  /// What they are, for the message: "the approving administration".
  public var organizationRole: String
  /// The title the escalation level needs, when the step is at a level.
  public var levelTitle: String?
  /// Logins that already took this step on the record (a deviation report's other signer).
  public var earlierUsers: [String]

  public init(
    step: String, action: String, organizations: [OrganizationID] = [],
    organizationRole: String = "", levelTitle: String? = nil, earlierUsers: [String] = []
  ) {
    self.step = step
    self.action = action
    self.organizations = organizations
    self.organizationRole = organizationRole
    self.levelTitle = levelTitle
    self.earlierUsers = earlierUsers
  }
}

extension Profile {
  /// A title as the profile's list spells it, accepting case, missing å/ä/ö, extra spaces
  /// and the abbreviations of `authority.titleAbbreviations` (`bitr. enhetschef`).
  public func normalizedTitle(_ text: String) -> String? {
    if let title = deviation.title(named: text) { return title }
    let abbreviations = Dictionary(
      authority.titleAbbreviations.map { (AuthorityRules.folded($0.key), $0.value) },
      uniquingKeysWith: { first, _ in first })
    // "bitr.enhetschef": a dot ends an abbreviation even without a space after it.
    let spaced = text.replacingOccurrences(of: ".", with: ". ")
    let words = spaced.split(whereSeparator: \.isWhitespace).map(String.init)
    let expanded = words.map { abbreviations[AuthorityRules.folded($0)] ?? $0 }
      .joined(separator: " ")
    return deviation.title(named: AuthorityRules.folded(expanded))
      ?? deviation.titles.first {
        AuthorityRules.folded($0).replacingOccurrences(of: " ", with: "")
          == AuthorityRules.folded(expanded).replacingOccurrences(of: " ", with: "")
      }
  }

  /// Why `user` may not take the step, naming who may; nil when they may.
  public func authorityRefusal(_ question: AuthorityQuestion, user: User) -> SamverkanError? {
    guard let rule = authority.rule(for: question.step) else { return nil }
    var needs: [String] = []
    var allowed = true
    if !rule.roles.isEmpty {
      needs.append("a user with the role \(rule.roles.map(\.rawValue).joined(separator: " or "))")
      if !rule.roles.contains(where: user.has) { allowed = false }
    }
    if rule.organization != .any, !question.organizations.isEmpty {
      let names = question.organizations.map {
        rule.organization == .administration ? $0.organization : $0.value
      }
      let unique = names.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
      needs.append(
        "a user of \(unique.joined(separator: " or "))"
          + (question.organizationRole.isEmpty ? "" : " (\(question.organizationRole))"))
      let belongs = question.organizations.contains { target in
        switch rule.organization {
        case .administration: return target.organization == user.organization.organization
        case .unit: return target.contains(user.organization) || user.organization.contains(target)
        case .any: return true
        }
      }
      if !belongs { allowed = false }
    }
    var minimum = rule.minimumTitle
    if rule.levelTitle, let level = question.levelTitle {
      // The stricter of the two, when the rule has both (a title the profile does not
      // list counts as strictest, and then nobody qualifies: a bad profile, not a pass).
      let ruleRank = minimum.flatMap { deviation.rank(of: $0) } ?? -1
      if deviation.rank(of: level) ?? .max > ruleRank { minimum = level }
    }
    if let minimum {
      needs.append("with at least the title \(minimum)")
      if let given = deviation.rank(of: user.title), let needed = deviation.rank(of: minimum) {
        if given < needed { allowed = false }
      } else {
        allowed = false
      }
    }
    if rule.distinctUsers, question.earlierUsers.contains(user.login) {
      needs.append("other than the user who signed the other side")
      allowed = false
    }
    guard !allowed else { return nil }
    return .notAuthorized(
      user: user.summary, step: question.action,
      who: "only " + needs.joined(separator: " ") + " may")
  }
}
