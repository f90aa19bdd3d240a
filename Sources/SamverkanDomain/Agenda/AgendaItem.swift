/// One dated obligation a routine creates (SPEC §13): a SIP follow-up, a transfer notice, a
/// registration closing at 12:00, a consent to re-examine. Each command computes its own with
/// its own rules; `samverkan agenda` gathers them without knowing any command.
public struct AgendaItem: Sendable, Equatable {
  /// The day it is due.
  public var date: CivilDate
  /// The time, for what falls due at a time of day (a registration closing at 12:00, a
  /// meeting); nil for an all-day item.
  public var time: LocalDateTime?
  /// What kind of obligation: `sip.follow-up`, `transfer.notice`, `consent.review`, …
  public var kind: String
  /// The record it is about.
  public var record: RecordID
  /// What distinguishes two items of one kind on one record (the party that has not
  /// answered); empty when there is one. Part of the stable calendar UID.
  public var key: String
  /// What to do, in a sentence for the caseworker (never the person's name or number).
  public var what: String
  /// The units or administrations the obligation lies with.
  public var organizations: [OrganizationID]
  /// The caseworker named on the record, if any.
  public var caseworker: String?
  /// The person the record is about.
  public var person: PersonNumber?
  public var personName: String?

  public init(
    date: CivilDate, time: LocalDateTime? = nil, kind: String, record: RecordID, key: String = "",
    what: String, organizations: [OrganizationID], caseworker: String? = nil,
    person: PersonNumber? = nil, personName: String? = nil
  ) {
    self.date = date
    self.time = time
    self.kind = kind
    self.record = record
    self.key = key
    self.what = what
    self.organizations = organizations
    self.caseworker = caseworker
    self.person = person
    self.personName = personName
  }

  /// Overdue on `today`: its day has passed (a timed item: its time has passed).
  public func isOverdue(now: LocalDateTime) -> Bool {
    if let time { return time < now }
    return date < now.date
  }

  /// A stable identity across exports, so a calendar updates the event rather than adding
  /// a second one when the date moves: `SIP-3.sip.response.REGION`.
  public var identity: String {
    [record.description, kind, key].filter { !$0.isEmpty }.joined(separator: ".")
  }
}

/// What `agenda` asks each command: every obligation of its records due by `until` (all
/// that is overdue included), judged on `today`.
public struct AgendaQuery: Sendable {
  public var today: CivilDate
  public var now: LocalDateTime
  public var until: CivilDate
  public var profile: Profile

  public init(today: CivilDate, now: LocalDateTime, until: CivilDate, profile: Profile) {
    self.today = today
    self.now = now
    self.until = until
    self.profile = profile
  }
}
