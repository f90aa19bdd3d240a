import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanStore

extension SIPCommand {
  /// `sip meeting`: book (or move) the SIP meeting.
  enum Meeting {
    static let at = Option<LocalDateTime>(
      "at", value: "datetime", help: "When the meeting is, as YYYY-MM-DDTHH:MM.", required: true)
    static let place = Option<String>(
      "place", value: "text", help: "Where it is held (for a video meeting: how to join).",
      required: true)
    static let form = Option<SIPMeetingForm>(
      "form", value: "form", help: "How it is held (default in-person).")

    static let spec = CommandSpec(
      name: "meeting",
      abstract: "Book or move the SIP meeting: time, place and form (SIP-möte).",
      discussion:
        "Once parties are summoned or invited the meeting is shared with them, so consent is checked again. A meeting can be moved until the plan is established.",
      examples: [
        Example(
          "samverkan sip meeting SIP-3 --at 2026-12-03T13:00 --place 'Vårdcentralen Angered'",
          "Books the meeting in person."),
        Example(
          "samverkan sip meeting SIP-3 --at 2026-12-03T13:00 --place 'Länk i kallelsen' --form video",
          "A video meeting."),
      ],
      options: [at, place, form, note] + sharingOptions,
      arguments: [sipID]
    ) { call in try run(call) }

    static func run(_ call: Invocation) throws -> Int32 {
      let at = try call.require(Self.at)
      let place = try call.require(Self.place)
      let form = try call.value(Self.form) ?? .inPerson
      return try change(
        call, action: "meeting", step: "Booking the meeting of", sharing: .onceShared,
        on: call.clock.today
      ) { sip, _ in
        try sip.requireDraft("moving the meeting")
        if sip.version > 1 {
          let revisedAt = sip.planMeetingDate.map { " on \($0)" } ?? ""
          throw SamverkanError.refused(
            "\(sip.name) is being revised after the follow-up\(revisedAt); the revised plan is made at that follow-up, so there is no new SIP meeting to book. Establish the revised plan with 'samverkan sip establish \(sip.name) …'."
          )
        }
        let moved = sip.meeting != nil
        sip.meeting = SIPMeeting(at: at, place: place, form: form)
        return Change(
          event: "\(moved ? "SIP-möte flyttat" : "SIP-möte bokat") till \(at), \(place)",
          note: try call.value(note))
      }
    }
  }
}
