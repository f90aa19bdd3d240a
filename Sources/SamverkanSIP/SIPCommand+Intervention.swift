import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanStore

extension SIPCommand {
  /// `sip intervention`: who does what, and by when.
  enum Intervention {
    static let responsible = Option<OrganizationID>(
      "responsible", value: "org",
      help: "The principal or actor responsible for it; it must take part in the SIP.")
    static let by = Option<CivilDate>(
      "by", value: "date", help: "By when it is done (or next checked).")

    static let spec = CommandSpec(
      name: "intervention",
      abstract: "Record an intervention: what, who is responsible, by when (insats, ansvar, tid).",
      discussion:
        "Interventions are described as concretely as possible. The responsible party is a principal or actor taking part in the SIP (the initiator, or a party summoned or invited).",
      examples: [
        Example(
          "samverkan sip intervention SIP-3 'Boendestöd två gånger i veckan' --responsible SF-NORDOST --by 2027-01-31",
          "Social services' part."),
        Example(
          "samverkan sip intervention SIP-3 'Läkemedelsgenomgång' --responsible REGION --by 2026-12-15",
          "The region's part."),
        Example("samverkan sip intervention SIP-3 --remove 2", "Removes the second intervention."),
      ],
      options: [responsible, by, PlanItems.remove] + sharingOptions,
      arguments: [sipID, PlanItems.text]
    ) { call in try run(call) }

    static func run(_ call: Invocation) throws -> Int32 {
      let (added, removed) = try PlanItems.textOrRemoval(call, adding: "intervention")
      let responsibleParty = try call.value(Self.responsible)
      let by = try call.value(Self.by)
      if added != nil {
        if responsibleParty == nil {
          throw SamverkanError.missingOption(option: Self.responsible.spec.usage)
        }
        if by == nil { throw SamverkanError.missingOption(option: Self.by.spec.usage) }
      }
      return try change(
        call, action: "intervention", step: "Changing the plan of", sharing: .onceShared,
        on: call.clock.today
      ) { sip, _ in
        try sip.requireDraft("changing the interventions")
        if let removed {
          try PlanItems.remove(
            removed, from: &sip.interventions, what: "interventions", of: sip.name)
        } else if let added, let responsibleParty, let by {
          if !sip.isParty(responsibleParty) {
            throw SamverkanError.refused(
              "\(responsibleParty) takes no part in \(sip.name) (parties: \(sip.parties.map(\.value).joined(separator: ", "))); summon or invite it first with 'samverkan sip invite \(sip.name) --party \(responsibleParty)'."
            )
          }
          sip.interventions.append(SIPIntervention(added, responsible: responsibleParty, by: by))
        }
        return Change()
      }
    }
  }
}
