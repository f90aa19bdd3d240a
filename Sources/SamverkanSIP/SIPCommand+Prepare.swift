import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanStore

extension SIPCommand {
  static let purpose = Option<String>(
    "purpose", value: "text", help: "The purpose of the SIP meeting (syftet med mötet).")
  static let question = ListOption<String>(
    "question", value: "text",
    help: "A question to go through at the meeting (frågeställning); repeat for each.",
    commaSeparated: false)

  /// `sip prepare SIP-n --purpose … --question …`: the meeting prepared with the person.
  static let prepare = CommandSpec(
    name: "prepare",
    abstract: "Record the meeting's preparation with the person: its purpose and questions.",
    discussion: """
      The principal that took the initiative prepares the meeting together with the person (seed 004, "Förberedelse för SIP"): who takes part, the purpose, the questions to go through, and the person's needs and wishes ('sip need'). Nothing is sent to anyone here. The invitations come after it: 'sip invite' is refused until the purpose and at least one question are recorded (here, or with --purpose and --question on the first invitation). Given again (before a revised plan's new meeting, say), it replaces the preparation.
      """,
    examples: [
      Example(
        "samverkan sip prepare SIP-3 --purpose 'Samordna stödet efter utskrivning' --question 'Vem ansvarar för medicineringen?' --question 'Hur ser boendet ut?'",
        "The preparation made with the person today.")
    ],
    options: [purpose, question, on, note],
    arguments: [sipID]
  ) { call in
    let date = try call.stepDate(on)
    let preparation = try preparationGiven(call, on: date, required: true)!
    return try change(call, action: "prepare", step: "Preparing", sharing: .none, on: date) {
      sip, _ in
      try sip.requireDraft("preparing the meeting")
      sip.preparation = preparation
      return Change(event: "SIP förberedd med den enskilde", note: try call.value(note))
    }
  }

  /// The preparation `--purpose` and `--question` give, if any: both or neither (64).
  static func preparationGiven(_ call: Invocation, on date: CivilDate, required: Bool) throws
    -> SIPPreparation?
  {
    let purposeText = try call.value(purpose)?.trimmingCharacters(in: .whitespacesAndNewlines)
    let questions = try call.values(question).map {
      $0.trimmingCharacters(in: .whitespacesAndNewlines)
    }.filter { !$0.isEmpty }
    if purposeText == nil, questions.isEmpty, !required { return nil }
    guard let purposeText, !purposeText.isEmpty, !questions.isEmpty else {
      throw SamverkanError.usage(
        "A SIP meeting is prepared with its purpose and the questions to go through: give --purpose TEXT and at least one --question TEXT."
      )
    }
    return SIPPreparation(date: date, purpose: purposeText, questions: questions, by: call.actor)
  }

  static let placementRegion = Option<String>(
    "region", value: "name", help: "The other region, e.g. 'Region Stockholm'.", required: true)
  static let placementFrom = Option<CivilDate>(
    "from", value: "date", help: "The first day of the placement.", required: true)
  static let placementUntil = Option<CivilDate>(
    "until", value: "date", help: "The last day of the placement, if known.")
  static let healthCare = Option<String>(
    "health-care", value: "text",
    help:
      "What the region's health care is responsible for during the placement (required).",
    required: true)

  /// `sip placement SIP-n --region … --from D --health-care …`.
  static let placement = CommandSpec(
    name: "placement",
    abstract:
      "Record a placement in another region and that region's health-care responsibility meanwhile.",
    discussion: """
      When social services intend to place the person in another region for a time, the SIP must say clearly what responsibility the region has for health care during that period (seed 004). The responsibility is required; the plan document shows each placement with it. Recorded while the plan is drawn up (an established plan is revised through a follow-up first).
      """,
    examples: [
      Example(
        "samverkan sip placement SIP-3 --region 'Region Stockholm' --from 2027-01-10 --until 2027-06-30 --health-care 'Regionen svarar för psykiatrisk öppenvård och läkemedel under placeringen.'",
        "The placement and the region's responsibility meanwhile.")
    ],
    options: [placementRegion, placementFrom, placementUntil, healthCare, note],
    arguments: [sipID]
  ) { call in
    let region = try call.require(placementRegion).trimmingCharacters(in: .whitespaces)
    let from = try call.require(placementFrom)
    let until = try call.value(placementUntil)
    let responsibility = try call.require(healthCare).trimmingCharacters(
      in: .whitespacesAndNewlines)
    guard !region.isEmpty else {
      throw SamverkanError.usage("Name the region the person is placed in: --region NAME.")
    }
    guard !responsibility.isEmpty else {
      throw SamverkanError.usage(
        "Say what the region's health care is responsible for during the placement: --health-care TEXT."
      )
    }
    if let until, until < from {
      throw SamverkanError.invalidValue(
        until.description, option: placementUntil.spec.usage,
        reason: "it is before --from \(from)")
    }
    return try change(
      call, action: "placement", step: "Recording the placement for", sharing: .onceShared,
      on: call.clock.today
    ) { sip, _ in
      try sip.requireDraft("recording a placement")
      sip.regionPlacements.append(
        SIPRegionPlacement(
          region: region, from: from, until: until, healthCare: responsibility,
          recordedOn: call.clock.today, by: call.actor))
      return Change(event: "Placering i \(region) från \(from)", note: try call.value(note))
    }
  }
}
