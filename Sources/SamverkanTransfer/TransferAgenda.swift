import SamverkanDomain

/// What is due on open transfers: for a youth case at the age limit, raising it at the
/// samverkansmöte; the notice deadline until the receiving unit has been notified; then the
/// handover. `transfer upcoming` lists it, overdue first.
public struct TransferAgenda {
  /// The date a transfer must keep next.
  public enum Due: String, Sendable {
    /// Raising the youth case at the samverkansmöte (aktualisering), before the notice
    /// deadline: `transfer raised TRF-n --at ESC-n` records where it was raised.
    case raise
    /// The notice deadline (aviseras senast).
    case notice
    /// The handover date (ärendeansvaret övergår), when `complete` is due.
    case handover
  }

  /// One open transfer and the next date it must keep.
  public struct Item: Sendable, Equatable {
    public var transfer: Transfer
    public var due: Due
    public var date: CivilDate
    /// Days from today to the date; negative when overdue.
    public var daysLeft: Int

    /// Whether the date has passed with the step still undone.
    public var isOverdue: Bool { daysLeft < 0 }

    /// "in 6 days", "today", "overdue by 85 days".
    public var when: String {
      switch daysLeft {
      case 0: "today"
      case 1: "tomorrow"
      case 2...: "in \(daysLeft) days"
      case -1: "overdue by 1 day"
      default: "overdue by \(-daysLeft) days"
      }
    }
  }

  /// The open transfers whose next date falls on or before `until` (overdue ones always),
  /// soonest first, so the overdue come first.
  public static func items(_ transfers: [Transfer], today: CivilDate, until: CivilDate) -> [Item] {
    transfers.compactMap { transfer -> Item? in
      guard transfer.isOpen else { return nil }
      let due: Due =
        transfer.awaitsRaising ? .raise : transfer.state == .planned ? .notice : .handover
      let date = due == .handover ? transfer.handoverDate : transfer.noticeDeadline
      guard date <= until else { return nil }
      return Item(transfer: transfer, due: due, date: date, daysLeft: today.days(until: date))
    }.sorted {
      ($0.date, $0.transfer.id?.number ?? 0) < ($1.date, $1.transfer.id?.number ?? 0)
    }
  }
}
