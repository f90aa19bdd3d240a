import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanStore

extension TransferCommand {
  /// `transfer plan`: computes the handover and notice dates and records the transfer.
  enum Plan {
    static let familyHome = Flag(
      "family-home",
      help:
        "The person is placed in family care (familjehem): the youth unit keeps the case until the 21st birthday."
    )
    static let handoverOn = Option<CivilDate>(
      "on", value: "date",
      help: "The handover date decided at a collaboration meeting, instead of the birthday.")
    static let person = CommonOptions.person.required
    static let fromUnit = Option<OrganizationID>(
      "from", value: "unit", help: "The unit handing the case over, e.g. SF-NORDOST/BOU.",
      required: true)
    static let toUnit = Option<OrganizationID>(
      "to", value: "unit", help: "The unit taking the case over, e.g. SF-NORDOST/VUXEN or FFS.",
      required: true)
    static let birthDate = Option<CivilDate>(
      "birth-date", value: "date",
      help:
        "The birth date from the person's papers, for a samordningsnummer whose birth date is incomplete (month 00, day 60, or a day the month lacks)."
    )
    static let decidedAt = Option<String>(
      "decided-at", value: "ESC-n|date",
      help:
        "Where the transfer on --on was decided: the escalation (ESC-n) or the date of the samverkansmöte. A decided transfer is notified by its handover date, not six months before."
    )
    static let raisedAt = Option<RecordID>(
      "raised-at", value: "ESC-n",
      help:
        "The escalation where the youth case was raised at the samverkansmöte (aktualisering); until it is recorded, 'transfer upcoming' lists the case as still to be raised.",
      completion: .dynamic("ids:ESC"))
    static let ref = Option<String>(
      "ref", value: "ref", help: "An external reference (the case system's), unique per transfer.")
    static let protected = CommonOptions.protectedPerson

    static let spec = CommandSpec(
      name: "plan",
      abstract: "Plan a transfer: compute the handover date and the notice deadline.",
      discussion: """
        The handover is the 19th birthday (the profile's transfer.adultAge), the 21st with --family-home (transfer.familyHomeAge), or the date given with --on, decided at a samverkansmöte or by escalation (--decided-at). The birth date comes from the personnummer or samordningsnummer; a person born on 29 February turns a year older on 1 March in a year that is not a leap year. A samordningsnummer with an incomplete birth date (month 00, day 60, or a day the month lacks) needs --birth-date for a birthday handover. At the age limits the case goes from a barn och unga unit to an adult unit and must be notified by the handover minus six months (transfer.noticeMonths); a warning says when that day has passed already. A decided transfer is notified by its handover date.
        Prints the new transfer's ID on stdout and both dates on stderr (with --json the whole record).
        """,
      examples: [
        Example(
          "samverkan transfer plan --person 20080229-2383 --name 'Alva Exempel' --from SF-NORDOST/BOU --to SF-NORDOST/VUXEN --caseworker 'Karin Lund'",
          "Hands over on the 19th birthday, 2027-03-01 (a 29 February birthday in a year without one)."
        ),
        Example(
          "samverkan transfer plan --person 20060301-2386 --from SF-HISINGEN/BOU --to FFS --family-home",
          "Placed in family care: hands over on the 21st birthday."),
        Example(
          "samverkan transfer plan --person 19900101-2385 --from SF-NORDOST/VUXEN --to FFS --on 2027-01-15 --decided-at ESC-4",
          "On the date an escalation decided; notified by 2027-01-15."),
        Example(
          "samverkan transfer plan --person 20070085-2387 --from SF-NORDOST/BOU --to SF-NORDOST/VUXEN --birth-date 2007-06-25",
          "A samordningsnummer without a birth month: the 19th birthday counted from the date in the person's papers."
        ),
      ],
      options: [
        Self.person,
        personName,
        fromUnit, toUnit, familyHome, handoverOn, decidedAt, birthDate, raisedAt,
        referringCaseworker, ref, note, protected,
      ]
    ) { call in try run(call) }

    static func run(_ call: Invocation) throws -> Int32 {
      let person = try call.require(Self.person)
      let from = try call.require(fromUnit)
      let to = try call.require(toUnit)
      let family = call.isSet(familyHome)
      let today = call.clock.today
      let rules = try call.profile().transfer
      let decidedOn = try call.value(handoverOn)
      var decision: String?
      if let text = try call.value(decidedAt) {
        decision = try Transfer.decisionReference(text, today: today)
      }
      if decision != nil, decidedOn == nil {
        throw SamverkanError.usage(
          "--decided-at names where a handover date was decided: give that date with --on DATE.")
      }
      let stated = try call.value(birthDate)
      if stated != nil, decidedOn != nil {
        throw SamverkanError.usage(
          "--birth-date counts the birthday handover; with --on the handover is the decided date. Give one of them."
        )
      }
      let schedule = try TransferSchedule.plan(
        person: person, birthDate: stated, familyHome: family, on: decidedOn, today: today,
        rules: rules)
      var transfer = Transfer(
        ref: try call.value(ref), person: person, personName: try call.value(personName),
        from: from, to: to, familyHome: family, schedule: schedule, birthDate: stated,
        decidedAt: decision, referringCaseworker: try call.value(referringCaseworker),
        plannedOn: today, note: try call.value(note))
      transfer.raisedAt = try call.value(raisedAt)
      let masking = try call.store().write { writer in
        try transfer.problems(previous: nil, in: try call.ruleContext(writer))
          .throwIfAny("The transfer cannot be planned")
        if call.isSet(protected) { try writer.markProtected(person) }
        transfer = try writer.insert(
          transfer, action: "plan", event: "Överföring planerad",
          note: "handover \(schedule.handoverDate), notify by \(schedule.noticeDeadline)")
        return try call.masking(writer)
      }
      try call.writeCreated(try transfer.json, masking: masking)
      for line in try Self.summary(transfer, person: person, today: today, rules: rules) {
        call.note(line)
      }
      return ExitCode.success
    }

    /// What `plan` says on stderr: both dates, and a warning when the deadline has passed.
    static func summary(
      _ transfer: Transfer, person: PersonNumber, today: CivilDate, rules: TransferRules
    ) throws -> [String] {
      let id = try transfer.savedID
      let handoverDays = today.days(until: transfer.handoverDate)
      var why: String
      switch transfer.basis {
      case .birthday:
        why = "the \(ordinal(transfer.handoverAge ?? 0)) birthday"
        if transfer.familyHome { why += ", placed in family care" }
        if person.birthDate.month == 2, person.birthDate.day == 29,
          transfer.handoverDate.month == 3
        {
          why += "; born on 29 February, so 1 March in a year without it"
        }
      case .decision:
        why = "the date decided" + (transfer.decidedAt.map { " at \($0)" } ?? "")
      }
      var lines = [
        "\(id): handover on \(transfer.handoverDate) (\(why); \(daysPhrase(handoverDays))).",
        transfer.basis == .birthday
          ? "\(id): notify the receiving unit by \(transfer.noticeDeadline) (\(rules.noticeMonths) months before; \(daysPhrase(today.days(until: transfer.noticeDeadline))))."
          : "\(id): notify the receiving unit by the handover \(transfer.noticeDeadline) (a decided transfer has no six months' notice; \(daysPhrase(today.days(until: transfer.noticeDeadline)))).",
      ]
      if transfer.awaitsRaising {
        lines.append(
          "\(id): raise the case at the samverkansmöte before the notice ('samverkan escalate open --person …', then 'samverkan transfer raised \(id) --at ESC-n'); 'transfer upcoming' lists it until then."
        )
      }
      if let stated = transfer.birthDate {
        lines.append(
          "\(id): the birthday is counted from \(stated), the birth date given with --birth-date (\(person.incompleteBirthDate ?? "the number's own"))."
        )
      }
      if transfer.schedule.deadlinePassed(by: today) {
        lines.append(
          "Warning: the notice deadline \(transfer.noticeDeadline) has passed already (\(daysPhrase(today.days(until: transfer.noticeDeadline)))): notify the receiving unit at once with 'samverkan transfer notify \(id)'; the notice will be recorded as late."
        )
      }
      if transfer.basis == .decision,
        person.age(on: today) < Transfer.handoverAge(familyHome: transfer.familyHome, rules: rules)
      {
        let age = Transfer.handoverAge(familyHome: transfer.familyHome, rules: rules)
        let birthday = person.birthDate.anniversary(age)
        if let incomplete = person.incompleteBirthDate {
          lines.append(
            "Note: the \(ordinal(age)) birthday cannot be told exactly, \(incomplete); compare the handover with the birth date in the person's papers."
          )
        } else if birthday < transfer.handoverDate {
          lines.append(
            "Note: the handover \(transfer.handoverDate) is after the \(ordinal(age)) birthday (\(birthday)), from which the youth unit's responsibility normally ends."
          )
        }
      }
      return lines
    }
  }
}
