import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanStore

extension SIPCommand {
  /// `sip prepare SIP-n --purpose … --question …`: the meeting prepared with the person.
  enum Prepare {

    static let spec = CommandSpec(
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
    ) { call in try run(call) }

    static func run(_ call: Invocation) throws -> Int32 {
      let date = try call.stepDate(on)
      let preparation = try preparation(call, on: date)
      return try change(call, action: "prepare", step: "Preparing", sharing: .none, on: date) {
        sip, _ in
        try sip.requireDraft("preparing the meeting")
        sip.preparation = preparation
        return Change(event: "SIP förberedd med den enskilde", note: try call.value(note))
      }
    }

  }
}
