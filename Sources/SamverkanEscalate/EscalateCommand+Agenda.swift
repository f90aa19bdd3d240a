import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanJSON
import SamverkanStore

extension EscalateCommand {
  /// `escalate agenda --meeting DATE`: the meeting's agenda in Swedish.
  enum Agenda {
    static let meeting = Option<CivilDate>(
      "meeting", value: "date", help: "The meeting's date.", required: true)

    static let columns = [
      Column("order", "#"), Column("id", "ID"), Column("acute", "ACUTE"),
      Column("personName", "NAME"), Column("age", "AGE"), Column("parties", "PARTIES"),
      Column("responsibleUnit", "RESPONSIBLE FOR INTERVENTIONS"), Column("question", "QUESTION"),
    ]

    static let spec = CommandSpec(
      name: "agenda",
      abstract:
        "Render a meeting's agenda (dagordning) in Swedish: every registered matter, in registration order.",
      discussion: """
        Each matter shows its four parts — name and age (or anonymous), short background, current situation, the problem and question — with the parties, the unit responsible for the ongoing interventions, and acute matters marked. Ages are counted from the personnummer on today's date (--today pins it).
        Withdrawn matters are left out; decided ones are marked. Markdown is the default; --format json, ndjson, csv, tsv or table lists the matters as data instead. Persons with protected personal data are masked unless --reveal. When the consent a named registration relied on no longer covers sharing, the matter's details are left out.
        """,
      examples: [
        Example(
          "samverkan escalate agenda --meeting 2026-12-10 > dagordning.md",
          "Writes the agenda of the meeting on 2026-12-10."),
        Example(
          "samverkan escalate agenda --meeting 2026-12-10 --format csv",
          "The registered matters as CSV."),
      ],
      options: [meeting],
      documentFormats: [.md]
    ) { call in try run(call) }

    static func run(_ call: Invocation) throws -> Int32 {
      let meetingDate = try call.require(Self.meeting)
      let profile = try call.profile()
      let explicit = call.isSet(GlobalOptions.json) || call.isGiven(GlobalOptions.format)
      let format = explicit ? try call.outputFormat() : .md
      let deadline = try RegistrationDeadline(meeting: meetingDate, rules: profile.escalation)
      try call.store().read { reader in
        var items: [MeetingAgenda.Item] = []
        // A withdrawn matter is not discussed; a decided one stays, marked, so the agenda
        // still reads right after the meeting.
        for matter in try reader.records(Escalation.self) where matter.state != .withdrawn {
          for registration in matter.registrations where registration.meeting == meetingDate {
            items.append(
              MeetingAgenda.Item(
                id: try matter.savedID, matter: matter, registration: registration,
                withheld: try withheldReason(matter, registration, reader, call)))
          }
        }
        let agenda = MeetingAgenda(
          meeting: meetingDate, deadline: deadline, items: items, profile: profile,
          today: call.clock.today, masking: try call.masking(reader))
        if format == .md {
          call.stdout.write(agenda.markdown())
          return
        }
        try call.writeList(
          columns: Self.columns,
          fields: [
            "order", "id", "meeting", "type", "acute", "person", "personName", "age", "parties",
            "responsibleUnit", "background", "situation", "question", "registeredAt",
            "registeredBy", "state", "basis", "withheld",
          ],
          masking: agenda.masking
        ) { emit in
          for (index, item) in agenda.items.enumerated() {
            try emit(Self.row(index + 1, item, agenda))
          }
        }
      }
      return ExitCode.success
    }

    /// Why a named matter's details may not be shown at the meeting: the consent its
    /// registration relied on no longer covers sharing them (a revoked consent stops sharing).
    static func withheldReason(
      _ matter: Escalation, _ registration: MeetingRegistration, _ reader: StoreReader,
      _ call: Invocation
    ) throws -> String? {
      guard let consent = registration.consent, let person = matter.person else { return nil }
      let today = call.clock.today
      guard
        let block = SharingGate.block(
          reliedOn: consent,
          request: SharingRequest(
            step: sharingStep("register"), person: person, from: matter.responsibleUnit,
            to: matter.parties.filter { !$0.contains(matter.responsibleUnit) }, date: today,
            today: today),
          consents: try reader.records(Consent.self, person: person), until: today,
          profile: try call.profile())
      else { return nil }
      let why =
        block.withdrawn
        ? "Samtycket \(consent) återkallades \(block.since); inga fler uppgifter får lämnas med stöd av det."
        : "Samtycket \(consent) som anmälan byggde på täcker inte längre att uppgifter om personen delas mellan de berörda enheterna."
      return why
        + " Ärendet kan tas upp med namn först när ett nytt samtycke finns eller en sekretessbrytande grund har registrerats; till dess kan det tas upp som anonym konsultation."
    }

    /// One agenda entry as data.
    static func row(_ order: Int, _ item: MeetingAgenda.Item, _ agenda: MeetingAgenda)
      -> JSONValue
    {
      let matter = item.matter
      let registration = item.registration
      var row: [String: JSONValue] = [
        "order": .integer(order), "id": .string(item.id.description),
        "meeting": .string(registration.meeting.description),
        "type": .string(registration.type.rawValue), "acute": .bool(registration.acute),
        "parties": .array(matter.parties.map { .string($0.value) }),
        "responsibleUnit": .string(matter.responsibleUnit.value),
        "registeredAt": .string(registration.registeredAt.description),
        "registeredBy": .string(registration.registeredBy),
        "state": .string(matter.state.rawValue),
      ]
      if let basis = agenda.basis(item) { row["basis"] = .string(basis) }
      if let withheld = item.withheld {
        row["withheld"] = .string(withheld)
        return .object(row)
      }
      if matter.anonymous {
        row["personName"] = .string("(anonym)")
      } else if let person = matter.person {
        row["person"] = .string(person.longForm)
        if let name = matter.personName { row["personName"] = .string(name) }
        if !agenda.masking.hides(person.longForm) {
          row["age"] = .integer(person.age(on: agenda.today))
        }
      }
      if let background = matter.background { row["background"] = .string(background) }
      if let situation = matter.situation { row["situation"] = .string(situation) }
      row["question"] = .string(matter.question)
      return .object(row)
    }
  }
}
