extension Consent: DueWatched {
  /// From the earliest date a review item or the expiry can fall on, through the last day
  /// the consent is in force.
  ///
  /// Why no item is missed: `agenda` lists a consent not withdrawn, on a `today` no later
  /// than its last valid day (`through`), for its review date in force (one of `reviewDate`
  /// or a review's `due` or `nextReview`, all no earlier than `from`) and for its last valid
  /// day, each when due by `until`. `consent list --review-due` lists, on a day, a consent
  /// neither expired nor withdrawn by then (so the day is before the withdrawal) whose
  /// review date in force has come. A consent's review never depends on the profile or on
  /// other records. A withdrawn consent keeps its window up to the day before the
  /// withdrawal: asked about an earlier day, `--review-due` may still list it. The records
  /// that rely on a consent (SIPs, SPs, transfers) are always in the index while open, so
  /// their `consent` items need nothing of the consent's window.
  public var dueWindow: DueWindow? {
    let reviewDays =
      [reviewDate].compactMap { $0 } + reviews.compactMap(\.due) + reviews.map(\.nextReview)
    var through = validUntil
    if let revocation { through = min(through, revocation.date.adding(days: -1)) }
    return DueWindow(from: (reviewDays + [validUntil]).min(), through: through)
  }
}
