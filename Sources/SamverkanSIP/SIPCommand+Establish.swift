import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanStore

extension SIPCommand {
  /// `sip establish`: the plan is established at the meeting (upprätta SIP).
  enum Establish {
    static let followUpOption = Option<CivilDate>(
      "follow-up", value: "date",
      help: "The follow-up date decided at the meeting; after the meeting.")
    static let followUpPlaceOption = Option<String>(
      "follow-up-place", value: "text", help: "Where the follow-up is held.")

    static let spec = CommandSpec(
      name: "establish",
      abstract: "Establish the plan at the SIP meeting (upprätta SIP).",
      discussion: """
        Refused until the plan has everything the routine asks for, and then every missing part is listed at once: the meeting (held), both principals among the parties (or units of one principal for an I-SIP), the individual's needs, at least one goal, at least one intervention with a responsible party, the principal with overall responsibility, and a follow-up date after the meeting and its place.
        From then on the plan changes only through a follow-up that revises it. The establishment is journaled as an event ("SIP upprättad").
        """,
      examples: [
        Example(
          "samverkan sip establish SIP-3 --follow-up 2027-03-02 --follow-up-place 'Vårdcentralen Angered'",
          "Establishes the plan at today's meeting."),
        Example(
          "samverkan sip establish SIP-3 --on 2026-12-03 --follow-up +3m --follow-up-place 'Socialkontoret'",
          "Records a plan established at the meeting on 3 December."),
      ],
      options: [followUpOption, followUpPlaceOption, on, note] + sharingOptions,
      arguments: [sipID]
    ) { call in try run(call) }

    static func run(_ call: Invocation) throws -> Int32 {
      let date = try call.stepDate(on)
      let profile = try call.profile()
      let followUpDate = try call.value(followUpOption)
      let followUpPlace = try call.value(followUpPlaceOption)
      var established: SIP?
      let code = try change(
        call, action: "establish", step: "Establishing the plan of", sharing: .always, on: date
      ) { sip, _ in
        try sip.requireOpen("establishing the plan")
        if let done = sip.establishedOn {
          throw SamverkanError.refused(
            "\(sip.name)'s plan is already established (on \(done), version \(sip.version)); it changes only through a follow-up: 'samverkan sip follow-up \(sip.name) --outcome revise|new-plan|continue|close'."
          )
        }
        if let followUpDate { sip.followUpDate = followUpDate }
        if let followUpPlace { sip.followUpPlace = followUpPlace }
        let gaps = sip.establishmentGaps(on: date, profile: profile)
        guard gaps.isEmpty else {
          throw SamverkanError.incomplete(
            "\(sip.name) cannot be established", missing: gaps.map(\.line))
        }
        sip.establishedOn = date
        established = sip
        return Change(event: "SIP upprättad (version \(sip.version))", note: try call.value(note))
      }
      if let sip = established {
        let terms = Set(sip.goals.compactMap(\.term))
        if terms.count < 2 {
          let lacking = terms.contains(.short) ? "long" : "short"
          call.note(
            "Note: the routine asks for both short- and long-term goals; \(sip.name) has no \(lacking)-term goal."
          )
        }
      }
      return code
    }
  }
}
