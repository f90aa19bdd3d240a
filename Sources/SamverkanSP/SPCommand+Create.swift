import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanStore

extension SPCommand {
  /// `sp create`: the discovering administration starts an SP.
  enum Create {
    static let person = CommonOptions.person.required
    static let name = Option<String>("name", value: "name", help: "The person's name.")
    static let initiator = Option<OrganizationID>(
      "by", value: "org",
      help: "The administration that discovered the need and drives the SP, e.g. SF-NORDOST.",
      required: true)
    static let others = ListOption<OrganizationID>(
      "with", value: "org",
      help: "The other administration(s) that could better meet the need: SF-…, FFS or AVO.",
      required: true)
    static let openCase = ListOption<OrganizationID>(
      "open-case", value: "org",
      help:
        "The administrations that already have an open case for the person (default the one given with --by). The others decide on stödkontakt ('sp support-contact')."
    )
    static let acuteConcern = Flag(
      "acute-concern",
      help:
        "There is acute concern (a child at risk, harmful use or dependence): prints that a report of concern (orosanmälan) must be made at once, outside the SP."
    )
    static let ref = Option<String>(
      "ref", value: "ref", help: "The SP's reference in the case system (e.g. Treserva).")
    static let protected = CommonOptions.protectedPerson

    static let spec = CommandSpec(
      name: "create",
      abstract: "Start an SP: the person, the discovering administration and the other(s).",
      discussion: """
        The parties are the city's administrations (SF-CENTRUM, SF-HISINGEN, SF-NORDOST, SF-SYDVAST, FFS, AVO), at least two: the one that discovered the need (--by), which drives the SP, and the one(s) that could meet it better (--with). With the region's health care, make a SIP instead.
        Creating shares nothing yet. Before the summons, obtain the person's consent with purpose 'sp' covering every administration; without it, use 'sp consult'.
        """,
      examples: [
        Example(
          "samverkan sp create --person 19900101-2385 --name 'Alex Andersson' --by SF-NORDOST --with FFS --caseworker 'Karin Ek'",
          "Socialförvaltningen Nordost starts an SP with FFS; prints the new ID, e.g. SP-3."),
        Example(
          "samverkan sp create --person 20180101-2392 --by FFS --with SF-HISINGEN --acute-concern",
          "Also prints, prominently, that a report of concern (orosanmälan) must be made at once."
        ),
      ],
      options: [
        person, name, initiator, others, openCase, caseworker, acuteConcern, note, ref, protected,
      ]
    ) { call in try run(call) }

    static func run(_ call: Invocation) throws -> Int32 {
      // Said first, whatever happens next: the report must not wait for the SP.
      if call.isSet(acuteConcern) { warnAcuteConcern(call) }
      let person = try call.require(Self.person)
      let initiator = try call.require(Self.initiator)
      var plan = CoordinatedPlan(
        person: person, personName: try text(call, name), initiator: initiator,
        administrations: [initiator] + (try call.values(others)),
        caseworker: try text(call, caseworker), createdOn: call.clock.today,
        acuteConcern: call.isSet(acuteConcern), note: try text(call, note))
      plan.ref = try text(call, ref)
      let openCases = try call.values(openCase)
      if !openCases.isEmpty { plan.openCases = openCases }
      var masking = Masking.none
      var coverage = SharingAnswer.notCovered([])
      var openSPs: [RecordID] = []
      try call.store().write { writer in
        try plan.problems(previous: nil, in: try call.ruleContext(writer))
          .throwIfAny("The SP cannot be created")
        openSPs = try writer.records(CoordinatedPlan.self, person: person).filter(\.isOpen)
          .compactMap(\.id)
        if call.isSet(protected) { try writer.markProtected(person) }
        plan = try writer.insert(plan, action: "create")
        coverage = try writer.sharingAnswer(
          SharingQuestion(
            person: person, parties: plan.administrations, purpose: .sp, date: call.clock.today),
          profile: try call.profile())
        masking = try call.masking(writer)
      }
      try call.writeCreated(try plan.json, masking: masking)
      if !openSPs.isEmpty {
        call.note(
          "Note: the person already has open SP: \(openSPs.map(\.description).joined(separator: ", "))."
        )
      }
      switch coverage {
      case .covered(let consent, _):
        call.note(
          "\(plan.idText) created; \(consent) covers it. Next: summon the SP meeting with 'samverkan sp summon \(plan.idText) …'."
        )
      case .notCovered(let reasons):
        call.note(
          "\(plan.idText) created. No consent covers it yet (\(reasons.map(\.message).joined(separator: "; "))): obtain the person's consent with purpose 'sp' for \(names(plan.administrations)) before the summons. \(consultHint)"
        )
      }
      return ExitCode.success
    }

    /// The reminder `--acute-concern` prints on stderr, framed so it cannot be missed.
    static func warnAcuteConcern(_ call: Invocation) {
      let rule = String(repeating: "!", count: 72)
      call.warn(
        """
        \(rule)
        !! AKUT ORO: GÖR EN OROSANMÄLAN TILL SOCIALFÖRVALTNINGEN OMGÅENDE.
        !! Acute concern (a child at risk, harmful use or dependence) is not an
        !! SP matter: a report of concern (orosanmälan) must be made to social
        !! services immediately. The SP neither replaces nor waits for it.
        \(rule)
        """)
    }
  }
}
