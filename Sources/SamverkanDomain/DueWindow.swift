/// The days on which a record can put anything on the agenda or on a due list, as the
/// store's index of due dates keeps it: the agenda and the due lists read only the records
/// whose window meets the days they ask about, and then apply their own rules to them.
///
/// The rule of the index: a window may name more days than the rules would, never fewer. A
/// record can yield an item for `today` and `until` only if its window meets them
/// (`meets(today:until:)`); it is computed from the record alone, so it must hold whatever
/// the profile says and whatever other records say on any day.
public struct DueWindow: Hashable, Sendable, CustomStringConvertible {
  /// The earliest day an item of the record can fall on; nil: any day (an open case whose
  /// items may be overdue from any day, or whose dates depend on the profile or on another
  /// record, such as the consent it relies on).
  public var from: CivilDate?
  /// The last `today` on which the record can still yield an item; nil: as long as it stays
  /// as it is (overdue items show until the record changes).
  public var through: CivilDate?

  public init(from: CivilDate?, through: CivilDate?) {
    self.from = from
    self.through = through
  }

  /// Any day, as long as the record stays as it is.
  public static let always = DueWindow(from: nil, through: nil)

  /// Whether the record may yield an item on `today` due by `until` (overdue ones included).
  public func meets(today: CivilDate, until: CivilDate) -> Bool {
    if let from, from > until { return false }
    if let through, through < today { return false }
    return true
  }

  /// The window as the index writes it, an ISO 8601 interval: `2027-01-15/2027-03-20`,
  /// with `..` for an open end.
  public var description: String {
    "\(from?.description ?? "..")/\(through?.description ?? "..")"
  }

  /// Reads `description` back; nil for anything else.
  public init?(text: String) {
    let parts = text.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count == 2 else { return nil }
    func day(_ part: Substring) -> CivilDate?? {
      if part == ".." { return .some(nil) }
      guard let date = try? CivilDate(iso: String(part)) else { return nil }
      return .some(date)
    }
    guard let from = day(parts[0]), let through = day(parts[1]) else { return nil }
    self.init(from: from, through: through)
  }
}

/// A record that can put items on the agenda or on a due list: the store keeps its
/// `dueWindow` in the index of due dates, changed in the same commit as the record.
public protocol DueWatched: StoredRecord {
  /// When the record can yield an item (see `DueWindow`); nil when it never can again as it
  /// stands (a closed case, a withdrawn consent).
  var dueWindow: DueWindow? { get }
}
