import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanStore

extension SIPCommand {
  /// `sip responsible`: the principal with overall responsibility for the plan.
  enum Responsible {
    static let principalOption = Option<OrganizationID>(
      "principal", value: "org",
      help: "The principal (or its unit) that takes the overall responsibility.", required: true)

    static let spec = CommandSpec(
      name: "responsible",
      abstract: "Record which principal has overall responsibility for the plan.",
      discussion:
        "Decided at the meeting: the principal the individual has most contact with. It calls the follow-ups, and only it may close the SIP.",
      examples: [
        Example(
          "samverkan sip responsible SIP-3 --principal SF-NORDOST/VUXEN",
          "Social services hold the overall responsibility.")
      ],
      options: [principalOption] + sharingOptions,
      arguments: [sipID]
    ) { call in try run(call) }

    static func run(_ call: Invocation) throws -> Int32 {
      let principal = try call.require(principalOption)
      let profile = try call.profile()
      return try change(
        call, action: "responsible", step: "Changing the plan of", sharing: .onceShared,
        on: call.clock.today
      ) { sip, _ in
        try sip.requireDraft("changing the overall responsibility")
        guard SIP.principal(of: principal, in: profile) != nil else {
          throw SamverkanError.refused(
            "\(principal) is not a principal (huvudman); the overall responsibility for a SIP lies with the municipality or the region."
          )
        }
        guard sip.isParty(principal) else {
          throw SamverkanError.refused(
            "\(principal) takes no part in \(sip.name) (parties: \(sip.parties.map(\.value).joined(separator: ", "))); summon it first with 'samverkan sip invite \(sip.name) --party \(principal)'."
          )
        }
        sip.overallResponsible = principal
        return Change(event: "Övergripande ansvar: \(principal)", note: nil)
      }
    }
  }
}
