import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanJSON
import SamverkanStore

extension SIPCommand {
  /// `sip due`: what needs doing, most urgent first.
  enum Due {
    static let within = Option<DateOffset>(
      "within", value: "span",
      help:
        "Also what falls due within this span from today, e.g. 14d or 2w (default: due today or overdue)."
    )

    static let columns = [
      Column("due", "DUE"), Column("status", "STATUS"), Column("id", "SIP"),
      Column("person", "PERSON"), Column("personName", "NAME"), Column("what", "WHAT"),
      Column("detail", "DETAIL"),
    ]

    static let spec = CommandSpec(
      name: "due",
      abstract: "List what is due on open SIPs, most urgent first.",
      discussion: """
        Lists, oldest date first: follow-ups due or overdue; summoned or invited parties without an answer (after the profile's sip.responseDays, at the latest by the meeting); SIPs not at the meeting step after sip.startLimitDays; discharge SIPs with no one summoned sip.dischargeInvitationDays after the ready-for-discharge notice; SIPs whose consent has been revoked, has expired or is overdue for review, unless another consent covers them; and, on a SIP that is closing, each principal that has not yet documented its closing (from the day the first one did).
        STATUS is 'overdue' (before today), 'due' (today) or 'upcoming' (within --within).
        """,
      examples: [
        Example("samverkan sip due", "What is due today or overdue."),
        Example("samverkan sip due --within 14d", "Also what falls due in the next two weeks."),
        Example(
          "samverkan sip due --organization SF-NORDOST --format ndjson | jq -r .id",
          "The SIPs of one administration with something due."),
      ],
      options: [within, organizationFilter, responsibleFilter]
    ) { call in try run(call) }

    static func run(_ call: Invocation) throws -> Int32 {
      let today = call.clock.today
      let until = try call.value(within)?.after(today) ?? today
      let organization = try call.value(organizationFilter)
      let responsible = try call.value(responsibleFilter)
      let profile = try call.profile()
      try call.store().read { reader in
        var rows: [(item: SIPDueItem, sip: SIP)] = []
        for sip in try reader.dueRecords(SIP.self, today: today, until: until) where sip.isOpen {
          if let organization, !sip.parties.contains(where: { organization.contains($0) }) {
            continue
          }
          if let responsible, !(sip.overallResponsible.map(responsible.contains) ?? false) {
            continue
          }
          // Only a SIP that relies on a consent needs the person's consents (a point lookup).
          var consents: [Consent] = []
          if sip.consent != nil, let person = sip.person {
            consents = try reader.records(Consent.self, person: person)
          }
          for item in SIPDue.items(
            for: sip, consents: consents, today: today, until: until, profile: profile)
          {
            rows.append((item, sip))
          }
        }
        rows.sort {
          ($0.item.due, $0.item.kind, $0.item.sip) < ($1.item.due, $1.item.kind, $1.item.sip)
        }
        try call.writeList(
          columns: Self.columns,
          fields: ["due", "status", "id", "person", "personName", "what", "detail", "state"],
          masking: try call.masking(reader)
        ) { emit in
          for (item, sip) in rows {
            var row: [String: JSONValue] = [
              "due": .string(item.due.description), "status": .string(item.status(today: today)),
              "id": .string(item.sip.description), "what": .string(item.kind.rawValue),
              "detail": .string(item.detail), "state": .string(sip.stateName),
            ]
            if let person = sip.person { row["person"] = .string(person.longForm) }
            if let name = sip.personName { row["personName"] = .string(name) }
            try emit(.object(row))
          }
        }
      }
      return ExitCode.success
    }
  }
}
