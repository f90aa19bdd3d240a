import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanStore

extension ConsentCommand {
  /// `consent disclosures`: the disclosure log (utlämnanden) — who received what about a
  /// person, when and on which basis.
  enum Disclosures {
    static let person = CommonOptions.person.help("Every disclosure about this person.")
    static let withoutConsent = Flag(
      "without-consent",
      help: "Only disclosures made on a secrecy-breaking ground, for the supervisor's review.")
    static let from = Option<CivilDate>(
      "from", value: "date", help: "Only steps on or after this day.")
    static let to = Option<CivilDate>(
      "to", value: "date", help: "Only steps on or before this day.")

    static let spec = CommandSpec(
      name: "disclosures",
      abstract: "List the disclosure log: who received what about a person, and on what basis.",
      discussion: """
        Every step that passes information about a person to another party (an SP summons, a SIP invitation, a transfer notice, a named escalation, …) goes through one sharing gate, which appends an entry here: the day, the record and step, from and to whom, the purpose, the basis (the consents, or the secrecy-breaking ground and its note), the restrictions in force, and whether it was recorded after the consent was withdrawn. Entries are never changed.
        Give --person for one person's entries (the record of who received what, for the person's right of access), or --without-consent for every disclosure on a ground (for the supervisor), optionally within --from and --to.
        """,
      examples: [
        Example(
          "samverkan consent disclosures --person 19900101-2385",
          "Everything disclosed about the person, oldest first."),
        Example(
          "samverkan consent disclosures --without-consent --from 2026-01-01 --format csv",
          "This year's disclosures without consent, for the supervisor."),
      ],
      options: [person, withoutConsent, from, to]
    ) { call in try run(call) }

    static func run(_ call: Invocation) throws -> Int32 {
      let person = try call.value(Self.person)
      let groundsOnly = call.isSet(withoutConsent)
      guard person != nil || groundsOnly else {
        throw SamverkanError.usage(
          "Missing expected argument '\(Self.person.spec.usage)' or '--without-consent': the log is read one person at a time, or for the disclosures made without consent."
        )
      }
      let (from, to) = try call.period(Self.from, Self.to)
      try call.store().read { reader in
        let masking = try call.masking(reader)
        let entries: [Disclosure] =
          if let person {
            try reader.records(Disclosure.self, person: person)
          } else {
            try reader.records(Disclosure.self)
          }
        try call.writeList(
          columns: Disclosure.listColumns, fields: Disclosure.fieldNames + ["basis"],
          masking: masking
        ) { emit in
          for entry in try entries.sorted(by: { try ($0.date, $0.savedID) < ($1.date, $1.savedID) })
          where (!groundsOnly || entry.legalGround != nil)
            && from.map({ entry.date >= $0 }) ?? true && to.map({ entry.date <= $0 }) ?? true
          {
            try emit(try entry.listJSON)
          }
        }
      }
      return ExitCode.success
    }
  }
}
