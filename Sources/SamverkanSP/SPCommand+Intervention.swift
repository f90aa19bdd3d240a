import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanStore

extension SPCommand {
  /// `sp intervention`: an agreed intervention, who is responsible, and when.
  enum Intervention {
    static let responsible = Option<OrganizationID>(
      "responsible", value: "org",
      help: "The administration responsible for it; it must take part in the SP.")
    static let by = Option<CivilDate>(
      "by", value: "date", help: "By when it is done (or next checked), e.g. 2027-03-01 or +3m.")
    static let from = Option<CivilDate>(
      "from", value: "date", help: "From when it runs, e.g. 2027-01-01.")

    static let spec = CommandSpec(
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
      options: [responsible, by, from, PlanItems.remove] + legalGroundOptions,
      arguments: [spID, PlanItems.text]
    ) { call in try run(call) }

    static func run(_ call: Invocation) throws -> Int32 {
      let (added, removed) = try PlanItems.textOrRemoval(call, adding: "intervention")
      let responsible = try call.value(Self.responsible)
      let by = try call.value(Self.by)
      let from = try call.value(Self.from)
      if removed != nil, responsible != nil || by != nil || from != nil {
        throw SamverkanError.usage(
          "--responsible, --by and --from go with an intervention to add, not with --remove.")
      }
      if let added {
        guard let responsible else {
          throw SamverkanError.missingOption(option: Self.responsible.spec.usage)
        }
        guard by != nil || from != nil else {
          throw SamverkanError.usage(
            "Missing expected argument '\(Self.by.spec.usage)' or '\(Self.from.spec.usage)': an intervention says when (seed 003: tid), by when it is done or from when it runs."
          )
        }
        // Its dates clash only when it has both.
        if let from,
          let problem = PlanIntervention(
            added, responsible: responsible, by: by, from: from
          ).dateProblem
        {
          throw SamverkanError.invalidValue(
            from.description, option: Self.from.spec.usage, reason: problem)
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
  }
}
