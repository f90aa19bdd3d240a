import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanStore

/// The plan's content beside the responsibility split: the individual's needs and own view,
/// goals, interventions (what, which administration, when) and each administration's named
/// contact (seed 000; seed 003: mål, insats, ansvar, tid). The items are the SIP's shapes
/// (SamverkanDomain/PlanContent.swift), read the same way (PlanItems).
extension SPCommand {
  /// Changes the documented plan after the meeting: checked like `sp plan` (not before the
  /// meeting, not while it waits for approval, never once established or closed), through
  /// the sharing gate, and documented today.
  static func changePlan(
    _ call: Invocation, action: String,
    _ body: (inout CoordinatedPlan.Plan, CoordinatedPlan) throws -> Void
  ) throws -> CoordinatedPlan {
    try change(
      call, step: .plan, action: action,
      refusal: { id in "The plan of \(id) cannot be changed" }
    ) { plan, previous, writer in
      let basis = try sharingBasis(
        call, previous, writer: writer, step: .plan, verb: action, on: call.clock.today)
      plan.rely(on: basis, for: .plan)
      var documented = previous.plan ?? CoordinatedPlan.Plan(documentedOn: call.clock.today)
      documented.documentedOn = call.clock.today
      try body(&documented, previous)
      plan.document(documented)
      return ChangeNote()
    }
  }

  /// Says what the plan still lacks before it can be sent for approval, or that it is
  /// complete.
  static func noteMissing(_ call: Invocation, _ plan: CoordinatedPlan) {
    let missing = plan.missingForApproval
    call.note(
      missing.isEmpty
        ? "The plan of \(plan.idText) is complete. Next: send it for approval with 'samverkan sp submit \(plan.idText)'."
        : "The plan of \(plan.idText) is documented; before it can be sent for approval it still needs:\n"
          + missing.map { "  - \($0)" }.joined(separator: "\n"))
  }

  /// Refuses (77) an administration that takes no part in the SP.
  static func requireParty(_ id: OrganizationID, of plan: CoordinatedPlan, as role: String)
    throws -> OrganizationID
  {
    guard let party = plan.administration(matching: id) else {
      throw SamverkanError.refused(
        "\(id) takes no part in \(plan.idText) (its administrations: \(names(plan.administrations))); \(role) is one of them."
      )
    }
    return party
  }

  // MARK: - Needs and own view

  /// `sp need`: one of the individual's needs.
  static let need = CommandSpec(
    name: "need",
    abstract: "Record one of the individual's needs in the plan (den enskildes behov).",
    discussion: """
      The plan describes the individual's current needs, as far as the consent allows. Add one need at a time; --remove N takes out the Nth as 'sp show' lists them. Recorded after the SP meeting and until the plan is sent for approval (again after a rejection); an established plan is write-protected (exit 77).
      """,
    examples: [
      Example(
        "samverkan sp need SP-3 'Stöd i att klara vardagen i egen lägenhet'", "Adds a need."),
      Example("samverkan sp need SP-3 --remove 2", "Removes the second need."),
    ],
    options: [PlanItems.remove] + legalGroundOptions,
    arguments: [spID, PlanItems.text]
  ) { call in
    let (added, removed) = try PlanItems.textOrRemoval(call, adding: "need")
    let plan = try changePlan(call, action: "need") { documented, previous in
      if let removed {
        try PlanItems.remove(removed, from: &documented.needs, what: "needs", of: previous.idText)
      } else if let added {
        documented.needs.append(PlanNeed(added))
      }
    }
    noteMissing(call, plan)
    return ExitCode.success
  }

  static let viewText = Argument<String>(
    "text",
    help:
      "The individual's own view of the needs and the support, in their words where possible; or why it could not be obtained."
  )

  /// `sp own-view`: the individual's own view.
  static let ownView = CommandSpec(
    name: "own-view",
    abstract: "Record the individual's own view in the plan (den enskildes egen syn).",
    discussion: """
      The individual is to have influence over the planning as far as possible (seed 003): the plan records their own view of the needs and the support. When it could not be obtained, write why. Giving it again replaces it.
      """,
    examples: [
      Example(
        "samverkan sp own-view SP-3 'Vill bo kvar i lägenheten och ha färre kontakter att hålla reda på'",
        "Records the individual's view.")
    ],
    options: legalGroundOptions,
    arguments: [spID, viewText]
  ) { call in
    let view = try call.require(viewText)
    if view.isBlank {
      throw SamverkanError.invalidValue(
        view, option: viewText.spec.usage, reason: "the individual's view is empty")
    }
    let plan = try changePlan(call, action: "own-view") { documented, _ in
      documented.ownView = view
    }
    noteMissing(call, plan)
    return ExitCode.success
  }

  // MARK: - Goals and interventions

  static let goalTerm = Option<GoalTerm>(
    "term", value: "term", help: "Whether it is a short- or a long-term goal, if you say.")

  /// `sp goal`: a goal of the plan.
  static let goal = CommandSpec(
    name: "goal",
    abstract: "Record a goal of the plan (mål).",
    discussion: """
      The documentation of coordinated interventions includes the goal (seed 003: mål, insats, ansvar, tid); the plan needs at least one before it is sent for approval. --term short|long says the horizon, if you want to. --remove N takes out the Nth goal.
      """,
    examples: [
      Example(
        "samverkan sp goal SP-3 'Har ett eget boende med det stöd som behövs' --term long",
        "A long-term goal."),
      Example("samverkan sp goal SP-3 --remove 1", "Removes the first goal."),
    ],
    options: [goalTerm, PlanItems.remove] + legalGroundOptions,
    arguments: [spID, PlanItems.text]
  ) { call in
    let (added, removed) = try PlanItems.textOrRemoval(call, adding: "goal")
    let term = try call.value(goalTerm)
    if removed != nil, term != nil {
      throw SamverkanError.usage("--term goes with a goal to add, not with --remove.")
    }
    let plan = try changePlan(call, action: "goal") { documented, previous in
      if let removed {
        try PlanItems.remove(removed, from: &documented.goals, what: "goals", of: previous.idText)
      } else if let added {
        documented.goals.append(PlanGoal(added, term: term))
      }
    }
    noteMissing(call, plan)
    return ExitCode.success
  }

  static let interventionResponsible = Option<OrganizationID>(
    "responsible", value: "org",
    help: "The administration responsible for it; it must take part in the SP.")
  static let interventionBy = Option<CivilDate>(
    "by", value: "date", help: "By when it is done (or next checked), e.g. 2027-03-01 or +3m.")
  static let interventionFrom = Option<CivilDate>(
    "from", value: "date", help: "From when it runs, e.g. 2027-01-01.")

  /// `sp intervention`: an agreed intervention, who is responsible, and when.
  static let intervention = CommandSpec(
    name: "intervention",
    abstract:
      "Record an agreed intervention: what, which administration, when (insats, ansvar, tid).",
    discussion: """
      Each intervention names the administration responsible for it, which must take part in the SP (exit 77 otherwise), and its time: --by (by when it is done), --from (from when it runs), or both. The plan needs at least one before it is sent for approval. --remove N takes out the Nth intervention.
      """,
    examples: [
      Example(
        "samverkan sp intervention SP-3 'Boendestöd två gånger i veckan' --responsible FFS --from 2027-01-01",
        "FFS's part, from the new year."),
      Example(
        "samverkan sp intervention SP-3 'Utredning av behovet av boendestöd' --responsible FFS --by 2026-12-31",
        "FFS investigates by the end of the year."),
      Example("samverkan sp intervention SP-3 --remove 2", "Removes the second intervention."),
    ],
    options: [interventionResponsible, interventionBy, interventionFrom, PlanItems.remove]
      + legalGroundOptions,
    arguments: [spID, PlanItems.text]
  ) { call in
    let (added, removed) = try PlanItems.textOrRemoval(call, adding: "intervention")
    let responsible = try call.value(interventionResponsible)
    let by = try call.value(interventionBy)
    let from = try call.value(interventionFrom)
    if removed != nil, responsible != nil || by != nil || from != nil {
      throw SamverkanError.usage(
        "--responsible, --by and --from go with an intervention to add, not with --remove.")
    }
    if let added {
      guard let responsible else {
        throw SamverkanError.missingOption(option: interventionResponsible.spec.usage)
      }
      guard by != nil || from != nil else {
        throw SamverkanError.usage(
          "Missing expected argument '\(interventionBy.spec.usage)' or '\(interventionFrom.spec.usage)': an intervention says when (seed 003: tid), by when it is done or from when it runs."
        )
      }
      let dated = PlanIntervention(added, responsible: responsible, by: by, from: from)
      if let problem = dated.dateProblem {
        throw SamverkanError.invalidValue(
          from!.description, option: interventionFrom.spec.usage, reason: problem)
      }
    }
    let plan = try changePlan(call, action: "intervention") { documented, previous in
      if let removed {
        try PlanItems.remove(
          removed, from: &documented.interventions, what: "interventions", of: previous.idText)
      } else if let added, let responsible {
        let party = try requireParty(
          responsible, of: previous, as: "the administration responsible for an intervention")
        documented.interventions.append(
          PlanIntervention(added, responsible: party, by: by, from: from))
      }
    }
    noteMissing(call, plan)
    return ExitCode.success
  }

  // MARK: - Contacts

  static let contactAdministration = Option<OrganizationID>(
    "org", value: "org", help: "The administration the contact is at, e.g. FFS.", required: true)
  static let contactName = Option<String>(
    "name", value: "name", help: "The contact's name: the caseworker the others turn to first.",
    required: true)
  static let contactTitle = Option<String>(
    "title", value: "title", help: "The contact's title, e.g. socialsekreterare.")
  static let contactPhone = Option<PhoneNumber>(
    "phone", value: "phone", help: "The contact's phone number.")
  static let contactEmail = Option<EmailAddress>(
    "email", value: "address", help: "The contact's e-mail address.")

  /// `sp contact`: the named contact at one administration.
  static let contact = CommandSpec(
    name: "contact",
    abstract: "Name the contact person at one administration in the plan (kontaktperson).",
    discussion: """
      When one administration contacts another about the person, it turns first to the caseworker involved in the case (seed 000, Kontaktvägar): the plan names that contact at every administration before it is sent for approval. Giving an administration's contact again replaces it.
      """,
    examples: [
      Example(
        "samverkan sp contact SP-3 --org FFS --name 'Anna Berg' --title socialsekreterare --phone '031-365 33 67' --email anna.berg@funktionsstod.goteborg.se",
        "FFS's contact person.")
    ],
    options: [contactAdministration, contactName, contactTitle, contactPhone, contactEmail]
      + legalGroundOptions, arguments: [spID]
  ) { call in
    let administration = try call.require(contactAdministration)
    let name = try call.require(contactName)
    if name.isBlank {
      throw SamverkanError.invalidValue(
        name, option: contactName.spec.usage, reason: "the name is empty")
    }
    let title = try text(call, contactTitle)
    let phone = try call.value(contactPhone)
    let email = try call.value(contactEmail)
    let plan = try changePlan(call, action: "contact") { documented, previous in
      let party = try requireParty(administration, of: previous, as: "the contact's administration")
      let named = CoordinatedPlan.Contact(
        administration: party, name: name.trimmingCharacters(in: .whitespaces), title: title,
        phone: phone, email: email)
      if let index = documented.contacts.firstIndex(where: {
        $0.administration.organization == party.organization
      }) {
        documented.contacts[index] = named
      } else {
        documented.contacts.append(named)
      }
    }
    noteMissing(call, plan)
    return ExitCode.success
  }
}
