import SamverkanDomain

/// What is due on open transfers: for a youth case at the age limit, raising it at the
/// samverkansmöte; the notice deadline until the receiving unit has been notified; then the
/// handover. `transfer upcoming` lists it, overdue first.
public struct TransferAgenda {
  /// The date a transfer must keep next (the domain's rule, shared with the
  /// avstämningsmöte's inventory of coming transfers).
  public typealias Due = TransferOutlook.Due

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
    TransferOutlook.upcoming(transfers, until: until, outlook: \.outlook).map { transfer, outlook in
      Item(
        transfer: transfer, due: outlook.due, date: outlook.dueDate,
        daysLeft: today.days(until: outlook.dueDate))
    }
  }
}

extension Transfer {
  /// What the transfer must do next and by when, as the domain's rule reads it.
  public var outlook: TransferOutlook {
    TransferOutlook(
      id: id, from: from, to: to, basis: basis.rawValue, state: state.rawValue,
      raisedAt: raisedAt, handoverDate: handoverDate, noticeDeadline: noticeDeadline)
  }
}

extension Transfer: DueWatched {
  /// Any day while open; nil once completed or cancelled.
  ///
  /// Why no item is missed: `TransferAgenda.items` lists open transfers only and the
  /// `consent` item (`Upcoming.block`) is asked of open ones only; an open transfer is
  /// always in the index, since that item follows the person's consents, which expire or are
  /// withdrawn without a change to the transfer.
  public var dueWindow: DueWindow? { isOpen ? .always : nil }
}
