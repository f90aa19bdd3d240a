import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanJSON
import SamverkanStore

extension SIPCommand {
  /// `sip list`: SIPs, filtered.
  static let list = CommandSpec(
    name: "list",
    abstract: "List SIPs, filtered by person, step, organization or overall responsibility.",
    examples: [
      Example("samverkan sip list --state established", "Every established plan."),
      Example("samverkan sip list --person 19900101-2385", "One person's SIPs."),
      Example(
        "samverkan sip list --responsible REGION --format csv",
        "The plans the region is responsible for, for a spreadsheet."),
    ],
    options: filter.options + ListOptions.all
  ) { call in
    try call.store().read { reader in
      let test = try filter.make(call, reader)
      // One person's SIPs come from the person index, without walking the collection.
      let sips =
        try call.value(personFilter).map { try reader.records(SIP.self, person: $0) }
        ?? reader.records(SIP.self)
      try call.writeList(
        columns: SIP.listColumns, fields: SIP.fieldNames, masking: try call.masking(reader)
      ) { emit in
        for sip in sips where test?(sip) ?? true { try emit(try sip.json) }
      }
    }
    return ExitCode.success
  }

  static let within = Option<DateOffset>(
    "within", value: "span",
    help:
      "Also what falls due within this span from today, e.g. 14d or 2w (default: due today or overdue)."
  )

  static let dueColumns = [
    Column("due", "DUE"), Column("status", "STATUS"), Column("id", "SIP"),
    Column("person", "PERSON"), Column("personName", "NAME"), Column("what", "WHAT"),
    Column("detail", "DETAIL"),
  ]

  /// `sip due`: what needs doing, most urgent first.
  static let due = CommandSpec(
    name: "due",
    abstract: "List what is due on open SIPs, most urgent first.",
    discussion: """
      Lists, oldest date first: follow-ups due or overdue; summoned or invited parties without an answer (after the profile's sip.responseDays, at the latest by the meeting); SIPs not at the meeting step after sip.startLimitDays; discharge SIPs with no one summoned sip.dischargeInvitationDays after the ready-for-discharge notice; and SIPs whose consent has been revoked, has expired or is overdue for review, unless another consent covers them.
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
  ) { call in
    let today = call.clock.today
    let until = try call.value(within)?.after(today) ?? today
    let organization = try call.value(organizationFilter)
    let responsible = try call.value(responsibleFilter)
    let profile = try call.profile()
    try call.store().read { reader in
      var rows: [(item: SIPDueItem, sip: SIP)] = []
      for sip in try reader.records(SIP.self) where sip.isOpen {
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
        columns: dueColumns,
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

  static let showIDs = VariadicArgument<String>(
    "id", help: "The SIP's ID, e.g. SIP-12; several may be given.",
    completion: .dynamic("ids:SIP"))

  static let document = Option<String>(
    "document", value: "document",
    help: "With --format md: 'plan' (the default) or 'invitation' (kallelse och inbjudan).",
    completion: .values(["plan", "invitation"]))

  /// `sip show <id> ...`: SIPs with all their fields, or the plans (or invitations) as
  /// Swedish documents.
  static let show = CommandSpec(
    name: "show",
    abstract: "Show one SIP with all its fields, or with --format md the plan as a document.",
    discussion:
      "--format md renders the plan in Swedish for the individual: needs and wishes, goals, who does what and when, a placement in another region with that region's health-care responsibility, who holds the overall responsibility, and the follow-up date and place. A plan not yet established is marked as a draft. '--document invitation' renders the invitation (kallelse och inbjudan) instead: who is summoned and invited, the purpose and the questions prepared with the person. Several IDs are shown one after the other (with --json as an array; as documents separated by a rule); if any does not exist, nothing is shown (exit 66).",
    examples: [
      Example("samverkan sip show SIP-12", "Every field; add --json for JSON."),
      Example("samverkan sip show SIP-12 --format md > plan.md", "The plan as a document."),
      Example(
        "samverkan sip show SIP-12 --format md --document invitation > kallelse.md",
        "The invitation to the SIP meeting."),
    ],
    options: [document],
    arguments: [showIDs],
    documentFormats: [.md]
  ) { call in
    let recordIDs = try call.recordIDs(showIDs, kinds: [.sip])
    let documentName = try call.value(document)
    if let documentName, !["plan", "invitation"].contains(documentName) {
      throw SamverkanError.invalidValue(
        documentName, option: document.spec.usage,
        reason: "there is no such document. Please provide one of 'plan' or 'invitation'")
    }
    if documentName != nil, try call.outputFormat() != .md {
      throw SamverkanError.usage("'--document' renders a document: add --format md.")
    }
    try call.store().read { reader in
      let sips = try recordIDs.map { try reader.require($0, as: SIP.self) }
      let masking = try call.masking(reader)
      for sip in sips { try call.noteWithdrawals(of: sip, reader: reader) }
      guard try call.outputFormat() == .md else {
        try call.writeRecords(try sips.map { (try $0.json, SIP.fieldNames) }, masking: masking)
        return
      }
      // All or nothing: every invitation asked for can be rendered before any is written.
      if documentName == "invitation", let sip = sips.first(where: { $0.participants.isEmpty }) {
        throw SamverkanError.refused(
          "No one is summoned or invited to \(sip.name) yet; the invitation is rendered once 'samverkan sip invite \(sip.name) --party …' has been recorded."
        )
      }
      for (index, sip) in sips.enumerated() {
        if index > 0 { call.stdout.write("\n---\n\n") }
        var consent: Consent?
        if let id = sip.consent { consent = try reader.record(id, as: Consent.self) }
        let rendered = SIPDocument(
          sip: sip, profile: try call.profile(), masking: masking, consent: consent,
          today: call.clock.today)
        call.stdout.write(
          documentName == "invitation" ? rendered.invitationMarkdown : rendered.markdown)
      }
    }
    return ExitCode.success
  }
}
