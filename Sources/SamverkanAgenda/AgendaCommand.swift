import Foundation
import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanJSON
import SamverkanStore

/// `samverkan agenda` — what is due, across every routine (SPEC §13): one list of the dated
/// obligations each command computes by its own rules.
///
/// The module knows no command: the root hands it each command's `agendaItems`.
public enum AgendaCommand {
  /// Where the items come from: one function per command module.
  public typealias Source = @Sendable (AgendaQuery, StoreReader) throws -> [AgendaItem]

  static let forUser = Option<String>(
    "for", value: "user",
    help:
      "Only what is named on this caseworker (name or login), or — for a user in the store's register — lies with their unit. With a register it defaults to you; '--for all' shows everyone's."
  )
  static let unit = Option<OrganizationID>(
    "unit", value: "org", help: "Only what lies with this unit, e.g. SF-NORDOST/BOU.")
  static let organization = Option<OrganizationID>(
    "org", value: "org", help: "Only what lies with this organization or any of its units.")
  static let from = Option<CivilDate>(
    "from", value: "date", help: "The first day (default today); overdue items always show.")
  static let to = Option<CivilDate>(
    "to", value: "date", help: "The last day (default a week from today, +7d).")
  static let withNames = Flag(
    "with-names",
    help:
      "With --format ics: put the person's name and personnummer in the events (left out by default; protected persons stay masked unless --reveal)."
  )

  static let columns = [
    Column("date", "DATE"), Column("time", "TIME"), Column("kind", "KIND"), Column("id", "ID"),
    Column("who", "WHO"), Column("what", "WHAT"), Column("overdue", "OVERDUE"),
  ]
  static let fields = [
    "date", "time", "overdue", "kind", "id", "who", "caseworker", "what", "person", "personName",
  ]

  /// The verb, with the commands' sources.
  public static func spec(sources: [Source]) -> CommandSpec {
    CommandSpec(
      name: "agenda",
      abstract: "List what is due across every routine, in date order: a caseworker's day.",
      discussion: """
        Every dated obligation the routines create, each computed by its own command's rules: SIP follow-ups, unanswered SIP invitations, a SIP not started in time, the 3-day clock after a discharge notice (sip.*); SPs waiting for a summons, an approval, a follow-up or their meeting to be recorded (sp.*); transfer notices and handovers (transfer.*); escalation registrations closing at 12:00 the day before a meeting, and the meetings (escalate.*); deviation reports waiting for part 2 (deviation.response); consents to re-examine and consents that expire (consent.*); and records blocked because a consent they relied on was withdrawn (sip.consent, sp.consent, transfer.consent).
        Each row: the date (and time), the kind, the record, who it lies with, what to do, and whether it is overdue. Overdue items are always listed, whatever --from says.
        --format ics writes an iCalendar file (RFC 5545) a calendar can subscribe to: each item is an event with a stable UID, so a new export updates the events instead of adding copies. It holds no personnummer or names unless --with-names.
        """,
      examples: [
        Example("samverkan agenda", "What is due this week, and everything overdue."),
        Example(
          "samverkan agenda --unit SF-NORDOST/BOU --to +30d", "A unit's coming month."),
        Example(
          "samverkan agenda --org FFS --format ics > ffs.ics",
          "A calendar file without names, for FFS."),
      ],
      options: [forUser, unit, organization, from, to, withNames],
      documentFormats: [.ics]
    ) { call in try run(call, sources: sources) }
  }

  /// The registered user with this login or name, if the store has a register.
  static func user(_ text: String, _ reader: StoreReader) throws -> User? {
    guard try reader.hasCollection(.user) else { return nil }
    return try reader.records(User.self).first {
      $0.removedOn == nil
        && ($0.login.lowercased() == text.lowercased() || $0.name.lowercased() == text.lowercased())
    }
  }

  static func run(_ call: Invocation, sources: [Source]) throws -> Int32 {
    let today = call.clock.today
    let period = try call.period(
      from, to, defaultFrom: today, defaultTo: today.adding(days: 7))
    let first = period.first ?? today
    let last = period.last ?? today
    let format = try call.outputFormat()
    if call.isSet(withNames), format != .ics {
      throw SamverkanError.usage("'--with-names' is for '--format ics'; other formats show names.")
    }
    let unit = try call.value(Self.unit)
    let organization = try call.value(Self.organization)
    // Whose agenda: --for, else (with a user register and no other filter) the user's own.
    var names: Set<String> = []
    var home: OrganizationID?
    let asked = try call.value(forUser)
    if let asked, asked.lowercased() != "all" {
      names = [asked.lowercased()]
      if let user = try call.store().read({ try Self.user(asked, $0) }) {
        names = [user.login.lowercased(), user.name.lowercased()]
        home = user.organization
      }
    } else if asked == nil, unit == nil, organization == nil, let user = try call.registeredUser() {
      names = [user.login.lowercased(), user.name.lowercased()]
      home = user.organization
    }
    let mine = { (item: AgendaItem) -> Bool in
      guard !names.isEmpty else { return true }
      if let caseworker = item.caseworker?.lowercased(), names.contains(caseworker) { return true }
      return home.map { home in item.organizations.contains { home.contains($0) } } ?? false
    }
    let now = LocalDateTime(instant: call.clock.now)
    let query = AgendaQuery(today: today, now: now, until: last, profile: try call.profile())
    try call.store().read { reader in
      var items: [AgendaItem] = []
      for source in sources { items += try source(query, reader) }
      items = items.filter { item in
        (item.date >= first || item.date < today) && item.date <= last
          && mine(item)
          && unit.map { wanted in item.organizations.contains { wanted.contains($0) } } ?? true
          && organization.map { wanted in
            item.organizations.contains { $0.organization == wanted.organization }
          } ?? true
      }
      // Each item's order once, not twice per comparison (a city's agenda has tens of
      // thousands of items, and the order holds strings).
      let orders = items.map(order)
      // (The standard library's sort is stable: equal orders keep the sources' order.)
      items = items.indices.sorted { orders[$0] < orders[$1] }.map { items[$0] }
      let masking = try call.masking(reader)
      if format == .ics {
        call.stdout.write(
          ICalendar(
            items: items, stamp: call.clock.now, masking: masking,
            withNames: call.isSet(withNames)
          ).text)
        return
      }
      try call.writeList(columns: columns, fields: fields, masking: masking) { emit in
        for item in items { try emit(row(item, now: now)) }
      }
    }
    return ExitCode.success
  }

  /// Date order; within a day the all-day items first, then by time, kind and record.
  static func order(_ item: AgendaItem) -> (CivilDate, Int, String, String, String) {
    (
      item.date, item.time.map { $0.hour * 60 + $0.minute + 1 } ?? 0, item.kind,
      item.record.description, item.key
    )
  }

  static func row(_ item: AgendaItem, now: LocalDateTime) -> JSONValue {
    var row: [String: JSONValue] = [
      "date": .string(item.date.description), "kind": .string(item.kind),
      "id": .string(item.record.description), "what": .string(item.what),
      "who": .string(item.organizations.map(\.value).joined(separator: ", ")),
      "overdue": .bool(item.isOverdue(now: now)),
    ]
    if let time = item.time { row["time"] = .string(String(time.description.suffix(5))) }
    if let caseworker = item.caseworker { row["caseworker"] = .string(caseworker) }
    if let person = item.person { row["person"] = .string(person.longForm) }
    if let name = item.personName { row["personName"] = .string(name) }
    return .object(row)
  }
}
