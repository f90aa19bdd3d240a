import SamverkanJSON

/// The content a coordinated plan documents, shared by the SIP (SPEC §5) and the SP (SPEC
/// §6): the individual's needs, goals, and interventions with who is responsible and when
/// (seed 003: mål, insats, ansvar, tid).

/// One of the individual's needs (or wishes), as written in the plan.
public struct PlanNeed: Codable, Sendable, Equatable {
  public var text: String

  public init(_ text: String) {
    self.text = text
  }
}

/// Short- or long-term (kortsiktigt, långsiktigt).
public enum GoalTerm: String, Codable, StoredAsText, CaseIterable, Sendable {
  case short
  case long

  /// "kortsiktigt", "långsiktigt".
  public var swedish: String {
    switch self {
    case .short: "kortsiktigt"
    case .long: "långsiktigt"
    }
  }
}

/// A goal of the plan. A SIP's goals are short- or long-term (its routine asks for both);
/// an SP's goal may leave the term out.
public struct PlanGoal: Codable, Sendable, Equatable {
  public var text: String
  public var term: GoalTerm?

  public init(_ text: String, term: GoalTerm? = nil) {
    self.text = text
    self.term = term
  }
}

/// An intervention (insats): what is done, which party is responsible, and when — by when
/// it is done (or next checked), from when it runs, or both. A SIP intervention always has
/// its by-date; an SP intervention has at least one of the two.
public struct PlanIntervention: Codable, Sendable, Equatable {
  public var what: String
  public var responsible: OrganizationID
  public var by: CivilDate?
  public var from: CivilDate?

  public init(
    _ what: String, responsible: OrganizationID, by: CivilDate? = nil, from: CivilDate? = nil
  ) {
    self.what = what
    self.responsible = responsible
    self.by = by
    self.from = from
  }

  /// Whether it says when: a by-date or a from-date.
  public var isDated: Bool { by != nil || from != nil }

  /// The problem with its dates, if any: a start after the day it is to be done by.
  public var dateProblem: String? {
    guard let from, let by, from > by else { return nil }
    return "'\(what)' runs from \(from), after the day it is to be done by (\(by))"
  }

  /// "från 2027-01-01, senast 2027-03-01", "–" without dates.
  public var swedishTime: String {
    let parts = [from.map { "från \($0)" }, by.map { "senast \($0)" }].compactMap { $0 }
    return parts.isEmpty ? "–" : parts.joined(separator: ", ")
  }
}
