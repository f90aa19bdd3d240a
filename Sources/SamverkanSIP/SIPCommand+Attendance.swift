import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanStore

extension SIPCommand {
  /// `sip attendance`: who attended the SIP meeting, once it has been held.
  enum Attendance {
    static let attended = ListOption<String>(
      "attended", value: "org=name",
      help: "Who attended the meeting for a party, e.g. 'REGION=Lars Lind' (repeatable).",
      required: true, commaSeparated: false)

    static let spec = CommandSpec(
      name: "attendance",
      abstract: "Record who attended the SIP meeting; they are the plan's participants.",
      discussion:
        "The plan names those who were at the meeting, not those who answered the invitation (seed 004). Recorded once the meeting has been held; giving it again replaces the list.",
      examples: [
        Example(
          "samverkan sip attendance SIP-3 --attended 'SF-NORDOST=Eva Ek' --attended 'REGION=Lars Lind'",
          "Eva Ek and Lars Lind were at the meeting.")
      ],
      options: [attended],
      arguments: [sipID]
    ) { call in try run(call) }

    static func run(_ call: Invocation) throws -> Int32 {
      let profile = try call.profile()
      let attendees = try call.values(attended).map { (text: String) throws -> SIPAttendee in
        guard let separator = text.firstIndex(of: "=") else {
          throw SamverkanError.invalidValue(
            text, option: attended.spec.usage, reason: "write the party and the name as ORG=name")
        }
        let name = text[text.index(after: separator)...].trimmingCharacters(in: .whitespaces)
        let organization: OrganizationID
        do throws(ValueError) {
          organization = try OrganizationID(parsing: String(text[..<separator]), profile: profile)
        } catch {
          throw SamverkanError.invalidValue(
            text, option: attended.spec.usage, reason: error.description)
        }
        guard !name.isEmpty else {
          throw SamverkanError.invalidValue(
            text, option: attended.spec.usage, reason: "the name after = is empty")
        }
        return SIPAttendee(organization: organization, name: name)
      }
      let now = call.clock.now
      return try change(
        call, action: "attendance", step: "Recording who attended the meeting of", sharing: .none,
        on: call.clock.today
      ) { sip, _ in
        guard var meeting = sip.meeting else {
          throw SamverkanError.refused(
            "\(sip.name) has no meeting yet: book it with 'samverkan sip meeting \(sip.name) --at … --place …', and record who attended once it has been held."
          )
        }
        guard let held = try? meeting.at.instant(), held <= now else {
          throw SamverkanError.refused(
            "The meeting of \(sip.name) is on \(meeting.at): record who attended once it has been held."
          )
        }
        meeting.attendees = attendees
        sip.meeting = meeting
        return Change(
          event:
            "Närvaro vid SIP-möte: \(attendees.map { "\($0.name) (\($0.organization))" }.joined(separator: ", "))",
          note: nil)
      }
    }

  }
}
