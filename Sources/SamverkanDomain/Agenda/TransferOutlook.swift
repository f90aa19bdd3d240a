/// What an open transfer must do next and by when: the one rule `transfer upcoming` and the
/// assistant unit managers' avstämningsmöte (its inventory of coming transfers once a term,
/// seed 001) both read, so the two lists can never disagree.
///
/// It reads only the fields the rule needs, so a command that does not own transfers can
/// decode a stored transfer into it without depending on the transfer command.
public struct TransferOutlook: Decodable, Sendable, Equatable {
  /// The date an open transfer must keep next.
  public enum Due: String, Sendable {
    /// Raising the youth case at the samverkansmöte (aktualisering), by the notice deadline.
    case raise
    /// The notice deadline (aviseras senast).
    case notice
    /// The handover date (ärendeansvaret övergår), when `complete` is due.
    case handover

    /// The Swedish wording for documents.
    public var swedish: String {
      switch self {
      case .raise: "lyftas på samverkansmötet"
      case .notice: "aviseras"
      case .handover: "överlämnas"
      }
    }
  }

  public var id: RecordID?
  public var from: OrganizationID
  public var to: OrganizationID
  /// `birthday` (the age limit) or `decision` (a date decided at a meeting).
  public var basis: String
  /// The state as stored: planned, notified, acknowledged, completed, cancelled.
  public var state: String
  /// The escalation where the youth case was raised at the samverkansmöte, if it was.
  public var raisedAt: RecordID?
  public var handoverDate: CivilDate
  public var noticeDeadline: CivilDate

  public init(
    id: RecordID?, from: OrganizationID, to: OrganizationID, basis: String, state: String,
    raisedAt: RecordID?, handoverDate: CivilDate, noticeDeadline: CivilDate
  ) {
    self.id = id
    self.from = from
    self.to = to
    self.basis = basis
    self.state = state
    self.raisedAt = raisedAt
    self.handoverDate = handoverDate
    self.noticeDeadline = noticeDeadline
  }

  /// Whether the transfer is still being worked on.
  public var isOpen: Bool { state != "completed" && state != "cancelled" }

  /// Whether the case still has to be raised at the samverkansmöte: a youth case moving at
  /// the age limit that no escalation record links to yet. Decided transfers were decided
  /// at a meeting already.
  public var awaitsRaising: Bool { basis == "birthday" && raisedAt == nil && state == "planned" }

  /// The next step: raising, then the notice until the receiving unit is notified, then the
  /// handover.
  public var due: Due { awaitsRaising ? .raise : state == "planned" ? .notice : .handover }

  /// The date of the next step.
  public var dueDate: CivilDate { due == .handover ? handoverDate : noticeDeadline }

  /// The open transfers among `records` whose next date falls on or before `until` (overdue
  /// ones always), soonest first so the overdue come first.
  public static func upcoming<T>(
    _ records: [T], until: CivilDate, outlook: (T) -> TransferOutlook
  ) -> [(record: T, outlook: TransferOutlook)] {
    records.compactMap { record -> (record: T, outlook: TransferOutlook)? in
      let outlook = outlook(record)
      guard outlook.isOpen, outlook.dueDate <= until else { return nil }
      return (record, outlook)
    }.sorted {
      ($0.outlook.dueDate, $0.outlook.id?.number ?? 0)
        < ($1.outlook.dueDate, $1.outlook.id?.number ?? 0)
    }
  }
}
