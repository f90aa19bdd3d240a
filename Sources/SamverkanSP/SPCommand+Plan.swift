import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanStore

extension SPCommand {
  /// `sp plan`: the responsibility split and the follow-up of the plan; the needs, own
  /// view, goals, interventions and contacts have verbs of their own.
  enum Plan {
    static let responsibility = ListOption<String>(
      "responsibility", value: "org: text",
      help:
        "What one administration is responsible for, e.g. 'FFS: Boendestöd och kontakt med gode mannen'; one per administration.",
      commaSeparated: false)
    static let followUpDate = Option<CivilDate>(
      "follow-up", value: "date", help: "When the plan is followed up, e.g. 2027-03-01 or +3m.")
    static let followUpNote = Option<String>(
      "follow-up-note", value: "text", help: "How it is followed up, e.g. 'Nytt SP-möte, digitalt'."
    )

    static let spec = CommandSpec(
      name: "plan",
      abstract: "Document the plan's responsibility split and follow-up.",
      discussion: """
        Each option given replaces that part of the plan: all --responsibility together, --follow-up and --follow-up-note. The rest of the plan is recorded with 'sp need', 'sp own-view', 'sp goal', 'sp intervention' and 'sp contact'. Revise the plan this way after the meeting, or after an administration rejected it; an established plan is write-protected and cannot be changed (exit 77).
        Before the plan can be sent for approval it needs the individual's needs and own view, at least one goal, every administration's responsibility and named contact, at least one intervention with the administration responsible and its time, and a follow-up date.
        """,
      examples: [
        Example(
          "samverkan sp plan SP-3 --responsibility 'SF-NORDOST: Samordnar och håller kontakten med den enskilde' --responsibility 'FFS: Utreder och beslutar om boendestöd' --follow-up 2027-03-01",
          "Documents the responsibility split and the follow-up.")
      ],
      options: [responsibility, followUpDate, followUpNote] + legalGroundOptions,
      arguments: [spID]
    ) { call in try run(call) }

    static func run(_ call: Invocation) throws -> Int32 {
      let profile = try call.profile()
      var responsibilities: [CoordinatedPlan.Part]?
      if call.isGiven(responsibility) {
        responsibilities = try call.values(responsibility).map { text in
          let (administration, value) = try administrationPart(
            text, option: responsibility.spec, profile: profile, example: "FFS: Boendestöd")
          return CoordinatedPlan.Part(administration: administration, text: value)
        }
      }
      let followUp = try call.value(followUpDate)
      let followUpText = try call.value(followUpNote)
      guard responsibilities != nil || followUp != nil || followUpText != nil else {
        throw SamverkanError.usage(
          "Nothing to document: give --responsibility, --follow-up or --follow-up-note (the needs, own view, goals, interventions and contacts are recorded with 'sp need', 'sp own-view', 'sp goal', 'sp intervention' and 'sp contact')."
        )
      }
      let plan = try changePlan(call, action: "plan") { documented, previous in
        if let responsibilities {
          documented.responsibilities = responsibilities.map {
            CoordinatedPlan.Part(administration: previous.own($0.administration), text: $0.text)
          }
        }
        if let followUp { documented.followUp = followUp }
        if let followUpText {
          documented.followUpNote = followUpText.isEmpty ? nil : followUpText
        }
      }
      noteMissing(call, plan)
      return ExitCode.success
    }
  }
}
