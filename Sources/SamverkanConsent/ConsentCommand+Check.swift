import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanJSON
import SamverkanStore

extension ConsentCommand {
  /// `consent check`: may information about the person pass between these parties?
  enum Check {
    static let person = CommonOptions.person.required
    static let between = ListOption<OrganizationID>(
      "between", value: "org",
      help: "The parties the information would pass between: two or more, e.g. SF-NORDOST,FFS.",
      required: true)
    static let purpose = Option<ConsentPurpose>(
      "purpose", value: "purpose",
      help: "What it would be used for; without it, any purpose the consent names will do.")
    static let on = Option<CivilDate>(
      "on", value: "date", help: "The day of the exchange (default today).")

    static let spec = CommandSpec(
      name: "check",
      abstract: "Check whether a consent covers sharing between parties: exit 0 if so, 1 if not.",
      discussion: """
        Prints the covering consent's ID and exits 0, with any restriction the person made on stderr. When none covers, exits 1 and says on stderr why, for each of the person's consents: none recorded, not yet valid, expired, withdrawn, review overdue, a party or the purpose not covered, or presumed consent between authorities.
        With --json (or --format ndjson) the answer is data on stdout in both cases: {"covered": true|false, "consent": "CON-3"|null, "restrictions": text|null, "reasons": [{"code", "consent", "message"}]}. Reason codes: none, not-yet-valid, expired, revoked, review-overdue, party-not-covered, purpose-not-covered, presumed-between-authorities.
        """,
      examples: [
        Example(
          "samverkan consent check --person 19900101-2385 --between SF-NORDOST,FFS --purpose sp",
          "Prints e.g. CON-3 and exits 0 when a consent covers an SP between them."),
        Example(
          "if samverkan consent check --person 19900101-2385 --between SF-NORDOST,AVO --purpose sp -q; then echo ok; fi",
          "Uses the exit code in a script."),
        Example(
          "samverkan consent check --person 19900101-2385 --between FFS,REGION --on 2027-03-01 --json | jq .reasons",
          "Why no consent covers on that day, as data."),
      ],
      options: [person, between, purpose, on]
    ) { call in try run(call) }

    static func run(_ call: Invocation) throws -> Int32 {
      let person = try call.require(Self.person)
      let parties = try call.values(Self.between)
      let purpose = try call.value(Self.purpose)
      let date = try call.value(Self.on) ?? call.clock.today
      guard Set(parties).count >= 2 else {
        throw SamverkanError.invalidValue(
          parties.map(\.value).joined(separator: ","), option: Self.between.spec.usage,
          reason:
            "information passes between at least two different parties. Please provide two or more, e.g. --between SF-NORDOST,FFS."
        )
      }
      let answer = try call.store().read { reader in
        ConsentCoverage.answer(
          person: person, parties: parties, purpose: purpose, date: date,
          consents: try reader.records(Consent.self, person: person), profile: try call.profile())
      }
      let explicit = call.isSet(GlobalOptions.json) || call.isGiven(GlobalOptions.format)
      let format = explicit ? try call.outputFormat() : .tsv
      if format == .json || format == .ndjson {
        call.stdout.line(
          JSONWriter.write(answer.json, style: format == .json ? .pretty : .compact))
      }
      let what =
        "sharing between \(parties.map(\.value).joined(separator: ", "))"
        + (purpose.map { " for '\($0.rawValue)'" } ?? "") + " on \(date)"
      switch answer {
      case .covered(let id, let restrictions):
        if format != .json, format != .ndjson { call.stdout.line(id.description) }
        if let restrictions {
          call.note("Note: \(id) restricts what may be shared: \(restrictions)")
        }
        return ExitCode.success
      case .notCovered(let reasons):
        call.note(
          "No consent covers \(what):\n"
            + reasons.map { "  - \($0.message)" }.joined(separator: "\n")
        )
        return ExitCode.no
      }
    }
  }
}

extension SharingAnswer {
  /// The answer as `consent check --json` writes it.
  var json: JSONValue {
    switch self {
    case .covered(let id, let restrictions):
      return .object([
        "covered": .bool(true), "consent": .string(id.description),
        "restrictions": restrictions.map { .string($0) } ?? .null, "reasons": .array([]),
      ])
    case .notCovered(let reasons):
      return .object([
        "covered": .bool(false), "consent": .null, "restrictions": .null,
        "reasons": .array(
          reasons.map { reason in
            .object([
              "code": .string(reason.code),
              "consent": reason.consent.map { .string($0.description) } ?? .null,
              "message": .string(reason.message),
            ])
          }),
      ])
    }
  }
}
