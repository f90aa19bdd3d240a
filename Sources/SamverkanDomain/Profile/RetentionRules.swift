/// Gallring: how long social services keep personal data in closed cases (SoL 12 kap. 1 §,
/// SoF 7 kap.), for `store gallra` and the register extract.
public struct RetentionRules: Codable, Sendable, Equatable {
  /// Years after the last entry in a case before its personal data is removed.
  public var years: Int
  /// Whether the removal is due by the end of the calendar year after the one in which the
  /// years run out ("gallras … senast vid utgången av kalenderåret efter").
  public var byEndOfFollowingYear: Bool
  /// Days of the month of birth whose persons are kept for research instead (SoF 7 kap. 2 §:
  /// born on the 5th, 15th or 25th): their records go to the archive, not away.
  public var researchBirthDays: [Int]
  /// Kinds of record the rule never removes (kinds of case the law keeps), by store folder
  /// name: e.g. `consent`.
  public var keptKinds: [String]

  public init(years: Int, byEndOfFollowingYear: Bool, researchBirthDays: [Int], keptKinds: [String])
  {
    self.years = years
    self.byEndOfFollowingYear = byEndOfFollowingYear
    self.researchBirthDays = researchBirthDays
    self.keptKinds = keptKinds
  }

  /// Göteborg: five years after the last entry, by the end of the following year, with the
  /// research sample born on the 5th, 15th and 25th.
  public static let goteborg = RetentionRules(
    years: 5, byEndOfFollowingYear: true, researchBirthDays: [5, 15, 25], keptKinds: [])

  /// The last day a case whose last entry was on `last` may keep its personal data.
  public func removalDue(lastEntry last: CivilDate) -> CivilDate {
    let expiry = last.adding(years: years)
    guard byEndOfFollowingYear else { return expiry }
    return CivilDate(validYear: expiry.year + 1, month: 12, day: 31)
  }

  /// What is out of range.
  func problems() -> [String] {
    var problems: [String] = []
    if years < 1 { problems.append("retention.years: must be at least 1") }
    for day in researchBirthDays where !(1...31).contains(day) {
      problems.append("retention.researchBirthDays: \(day) is not a day of a month")
    }
    for kind in keptKinds where RecordKind.all.allSatisfy({ $0.collection != kind }) {
      problems.append("retention.keptKinds: '\(kind)' is not a kind of record")
    }
    return problems
  }
}
