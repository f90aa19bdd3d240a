import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanStore

extension SIPCommand {
  /// `sip respond`: an invited party says who attends, names a substitute, or declines.
  enum Respond {
    static let party = Option<OrganizationID>(
      "party", value: "org", help: "The party that answered, e.g. REGION.", required: true)
    static let attending = Option<String>(
      "attending", value: "name", help: "The person who attends for the party.")
    static let substitute = Option<String>(
      "substitute", value: "name",
      help: "The substitute (ersättare) who attends when the one summoned cannot come.")
    static let declined = Flag(
      "declined", help: "The party will not take part (only actors that are not principals may).")
    static let responseNote = CommonOptions.reason.help(
      "Why the party declines, or why a substitute comes.")

    static let spec = CommandSpec(
      name: "respond",
      abstract:
        "Record a party's answer: who attends, a substitute, or (for other actors) declined.",
      discussion: """
        The invited tell who will attend; when the one invited cannot come, a substitute (ersättare) is named. A principal — the municipality or the region — cannot decline a SIP; other actors (FK, AF, KV, school) have no legal duty to take part and may.
        """,
      examples: [
        Example(
          "samverkan sip respond SIP-3 --party REGION --attending 'Lars Lind, fast vårdkontakt'",
          "The region's named care contact attends."),
        Example(
          "samverkan sip respond SIP-3 --party REGION --substitute 'Sara Berg' --reason 'Lars Lind is on leave'",
          "A substitute comes."),
        Example(
          "samverkan sip respond SIP-3 --party FK --declined --reason 'no ongoing case'",
          "Försäkringskassan will not take part."),
      ],
      options: [party, attending, substitute, declined, responseNote, on],
      arguments: [sipID]
    ) { call in try run(call) }

    static func run(_ call: Invocation) throws -> Int32 {
      let party = try call.require(Self.party)
      let attendingName = try call.value(attending)
      let substituteName = try call.value(substitute)
      let declines = call.isSet(declined)
      let given = [attendingName != nil, substituteName != nil, declines].filter { $0 }.count
      guard given == 1 else {
        throw SamverkanError.usage(
          "Give exactly one answer: --attending NAME, --substitute NAME or --declined.")
      }
      let date = try call.stepDate(on)
      let reason = try call.value(responseNote)
      return try change(
        call, action: "respond", step: "Recording the answer for", sharing: .none, on: date
      ) { sip, _ in
        try sip.requireDraft("recording an answer")
        guard let index = sip.participantIndex(party) else {
          let invited = sip.participants.map(\.organization.value)
          throw SamverkanError.refused(
            "\(party) is not summoned or invited to \(sip.name) (\(invited.isEmpty ? "no one is yet" : "invited: " + invited.joined(separator: ", "))); invite it first with 'samverkan sip invite \(sip.name) --party \(party)'."
          )
        }
        let participant = sip.participants[index]
        if declines, participant.invitation == .summons {
          throw SamverkanError.refused(
            "\(party) is a principal (huvudman) and cannot decline a SIP: social services and health care are obliged by law to take part. If the one summoned cannot come, name a substitute: 'samverkan sip respond \(sip.name) --party \(party) --substitute NAME'."
          )
        }
        let response: SIPResponse
        let summary: String
        if let attendingName {
          response = SIPResponse(answer: .attending, name: attendingName, date: date, note: reason)
          summary = "deltar: \(attendingName)"
        } else if let substituteName {
          response = SIPResponse(
            answer: .substitute, name: substituteName, date: date, note: reason)
          summary = "ersättare: \(substituteName)"
        } else {
          response = SIPResponse(answer: .declined, name: nil, date: date, note: reason)
          summary = "avböjer"
        }
        sip.participants[index].response = response
        return Change(event: "Svar från \(party): \(summary)", note: nil)
      }
    }
  }
}
