/// Gallring (SoL 12 kap. 1 §, SoF 7 kap.): when a person's personal data in closed cases is
/// removed, archived for research, or kept. A pure rule over what the store holds about one
/// person, so `store gallra` lists and removes by it and tests ask it directly.
public enum Gallring {
  /// One record about the person, as the rule needs it.
  public struct Item: Sendable, Equatable {
    public var id: RecordID
    /// Whether the case is finished (closed, completed, withdrawn, expired).
    public var closed: Bool
    /// The day of its last entry.
    public var lastEntry: CivilDate

    public init(id: RecordID, closed: Bool, lastEntry: CivilDate) {
      self.id = id
      self.closed = closed
      self.lastEntry = lastEntry
    }
  }

  /// What happens to a record.
  public enum Action: String, Sendable, Equatable {
    /// Removed, leaving a tombstone without personal data.
    case remove
    /// Written to the archive, then removed: the research sample (born on the 5th, 15th or
    /// 25th).
    case archive
    /// Kept: the case is open, the retention period has not run out, or the kind is kept.
    case keep
  }

  public struct Verdict: Sendable, Equatable {
    public var id: RecordID
    public var action: Action
    /// The first day the person's data may be removed; nil while a case is open.
    public var from: CivilDate?
    /// The last day by which it must be removed.
    public var dueBy: CivilDate?
    /// Why, in a sentence.
    public var reason: String
  }

  /// The verdict on each of a person's records on `date`. The person's cases go together:
  /// nothing is removed while any of them is open, and the period runs from the last entry
  /// in any of them.
  public static func verdicts(
    person: PersonNumber, items: [Item], on date: CivilDate, rules: RetentionRules
  ) -> [Verdict] {
    guard let last = items.map(\.lastEntry).max() else { return [] }
    if let open = items.first(where: { !$0.closed }) {
      return items.map {
        Verdict(
          id: $0.id, action: .keep, from: nil, dueBy: nil,
          reason: "\(open.id) is still open")
      }
    }
    let from = last.adding(years: rules.years)
    let dueBy = rules.removalDue(lastEntry: last)
    let research = rules.researchBirthDays.contains(person.birthDate.day)
    return items.map { item in
      if rules.keptKinds.contains(item.id.kind.collection) {
        return Verdict(
          id: item.id, action: .keep, from: from, dueBy: dueBy,
          reason: "\(item.id.kind.noun) records are kept (retention.keptKinds)")
      }
      guard date >= from else {
        return Verdict(
          id: item.id, action: .keep, from: from, dueBy: dueBy,
          reason: "the last entry was on \(last); kept until \(from)")
      }
      return Verdict(
        id: item.id, action: research ? .archive : .remove, from: from, dueBy: dueBy,
        reason: research
          ? "born on day \(person.birthDate.day): kept for research in the archive (SoF 7 kap. 2 §)"
          : "\(rules.years) years since the last entry on \(last)")
    }
  }
}
