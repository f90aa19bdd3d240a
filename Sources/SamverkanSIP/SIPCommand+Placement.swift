import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanStore

extension SIPCommand {
  /// `sip placement SIP-n --region … --from D --health-care …`.
  enum Placement {
    static let region = Option<String>(
      "region", value: "name", help: "The other region, e.g. 'Region Stockholm'.", required: true)
    static let from = Option<CivilDate>(
      "from", value: "date", help: "The first day of the placement.", required: true)
    static let until = Option<CivilDate>(
      "until", value: "date", help: "The last day of the placement, if known.")
    static let healthCare = Option<String>(
      "health-care", value: "text",
      help:
        "What the region's health care is responsible for during the placement (required).",
      required: true)

    static let spec = CommandSpec(
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
      options: [region, from, until, healthCare, note],
      arguments: [sipID]
    ) { call in try run(call) }

    static func run(_ call: Invocation) throws -> Int32 {
      let region = try call.require(Self.region).trimmingCharacters(in: .whitespaces)
      let from = try call.require(Self.from)
      let until = try call.value(Self.until)
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
          until.description, option: Self.until.spec.usage,
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
}
