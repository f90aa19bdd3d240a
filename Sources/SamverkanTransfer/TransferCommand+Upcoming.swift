import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanJSON
import SamverkanStore

extension TransferCommand {
  /// `transfer upcoming`: notice deadlines and handovers coming up, overdue first.
  enum Upcoming {
    static let within = Option<DateOffset>(
      "within", value: "span",
      help:
        "How far ahead to look, e.g. 9m, 12w, 30d (default the profile's transfer.upcomingMonths, 9m)."
    )

    static let columns = [
      Column("id", "ID"), Column("due", "DUE"), Column("dueDate", "DATE"), Column("when", "WHEN"),
      Column("person", "PERSON"), Column("personName", "NAME"), Column("to", "TO"),
      Column("status", "STATUS"),
    ]

    static let fields = [
      "id", "due", "dueDate", "daysLeft", "overdue", "when", "person", "personName", "from", "to",
      "status", "state", "late", "noticeDeadline", "handoverDate", "blocked",
    ]

    static let spec = CommandSpec(
      name: "upcoming",
      abstract:
        "List transfers whose notice deadline or handover falls in the coming months, overdue first.",
      discussion: """
        For each open transfer the next date it must keep: for a youth case at the age limit that has not been raised at the samverkansmöte yet, raising it (due 'raise', by the notice deadline; 'transfer raised' records it); the notice deadline until the receiving unit is notified, then the handover date (when 'complete' is due). Dates already passed are overdue and come first; daysLeft is negative for them. Transfers notified late are shown as such. A transfer whose consent was withdrawn (or has expired, or is overdue for review) with no other consent covering it is blocked: its status says so, and every step that shares or contacts the person is refused until new consent is given.
        """,
      examples: [
        Example(
          "samverkan transfer upcoming --within 9m", "The next nine months, and everything overdue."
        ),
        Example(
          "samverkan transfer upcoming --json | jq '.[] | select(.overdue)'",
          "Only what is overdue, for a script."),
      ],
      options: [within]
    ) { call in try run(call) }

    static func run(_ call: Invocation) throws -> Int32 {
      let today = call.clock.today
      let rules = try call.profile().transfer
      let span = try call.value(within) ?? DateOffset(amount: rules.upcomingMonths, unit: .months)
      let until = span.after(today)
      let profile = try call.profile()
      try call.store().read { reader in
        let items = TransferAgenda.items(
          try reader.dueRecords(Transfer.self, today: today, until: until), today: today,
          until: until)
        try call.writeList(
          columns: Self.columns, fields: Self.fields, masking: try call.masking(reader)
        ) { emit in
          for item in items {
            try emit(row(item, blocked: try block(item.transfer, reader, profile, today)))
          }
        }
      }
      return ExitCode.success
    }

    /// Why the transfer's next sharing step will be refused, if it will: the consent it last
    /// relied on no longer covers and no other does.
    static func block(
      _ transfer: Transfer, _ reader: StoreReader, _ profile: Profile, _ today: CivilDate
    ) throws -> SharingBlock? {
      guard let person = transfer.person, let consent = transfer.sharing.last?.consent else {
        return nil
      }
      return SharingGate.block(
        reliedOn: consent,
        request: SharingRequest(
          step: sharingStep("meeting"), person: person, from: transfer.from, to: [transfer.to],
          date: today, today: today),
        consents: try reader.records(Consent.self, person: person), until: today, profile: profile)
    }

    static func row(_ item: TransferAgenda.Item, blocked: SharingBlock? = nil) -> JSONValue {
      let t = item.transfer
      var row: [String: JSONValue] = [
        "id": .string(t.id?.description ?? ""), "due": .string(item.due.rawValue),
        "dueDate": .string(item.date.description), "daysLeft": .integer(item.daysLeft),
        "overdue": .bool(item.isOverdue), "when": .string(item.when),
        "from": .string(t.from.value), "to": .string(t.to.value), "status": .string(t.status),
        "state": .string(t.state.rawValue), "late": .bool(t.late),
        "noticeDeadline": .string(t.noticeDeadline.description),
        "handoverDate": .string(t.handoverDate.description),
      ]
      if let person = t.person { row["person"] = .string(person.longForm) }
      if let name = t.personName { row["personName"] = .string(name) }
      if let blocked {
        row["blocked"] = .string(blocked.reason)
        row["status"] = .string("\(t.status); blocked: \(blocked.reason)")
      }
      return .object(row)
    }
  }
}
