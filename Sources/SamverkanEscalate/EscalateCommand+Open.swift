import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanJSON
import SamverkanStore

extension EscalateCommand {
  /// `escalate open`: a new matter at level 1.
  enum Open {
    static let person = CommonOptions.person
    static let anonymous = Flag(
      "anonymous",
      help:
        "An anonymous consultation: no person, no name, no personnummer in any text (needs no consent)."
    )
    static let parties = ListOption<OrganizationID>(
      "parties", value: "org",
      help:
        "The units or administrations involved, at least two, e.g. SF-NORDOST/BOU,FFS (with --from: the plan's, unless given)."
    )
    static let source = Option<RecordID>(
      "from", value: "id",
      help:
        "The SP or SIP where the disagreement arose, e.g. SP-3: the person, the name and the parties are taken from it.",
      completion: .dynamic("ids:SP,SIP"))
    static let responsible = Option<OrganizationID>(
      "responsible", value: "org",
      help:
        "The unit that decided the ongoing interventions; they stay with it while the matter is open.",
      required: true)
    static let question = Option<String>(
      "question", value: "text", help: "The current problem and question (frågeställning).",
      required: true)
    static let ref = Option<String>(
      "ref", value: "ref", help: "An external reference (e.g. the case system's), unique.")
    static let protected = CommonOptions.protectedPerson

    static let spec = CommandSpec(
      name: "open",
      abstract:
        "Open a collaboration matter at level 1 (a person's, or an anonymous consultation).",
      discussion: """
        Give --person (and --name) for a named matter, or --anonymous for a consultation without personal data; or --from SP-n or SIP-n when the disagreement arose in a plan, which gives the person, the name and the parties. --responsible names the unit that decided the ongoing interventions: they stay with it until the matter is decided.
        The background and current situation can be given now or when the matter is registered for a meeting.
        """,
      examples: [
        Example(
          "samverkan escalate open --person 19900101-2385 --name 'Anna Andersson' --parties SF-NORDOST/BOU,FFS --responsible SF-NORDOST/BOU --question 'Vem ansvarar för boendestödet efter 19 år?'",
          "Opens a named matter between two units and prints its ID, e.g. ESC-1."),
        Example(
          "samverkan escalate open --from SP-3 --responsible SF-NORDOST/VUXEN --question 'Vem ansvarar för boendestödet?'",
          "The administrations of SP-3 cannot agree on the plan: the matter is about its person, between its administrations."
        ),
        Example(
          "samverkan escalate open --anonymous --parties SF-HISINGEN/VUXEN,AVO --responsible SF-HISINGEN/VUXEN --question 'Kan ÄVO erbjuda stöd till en person över 65 med missbruk?'",
          "An anonymous consultation: no person is recorded."),
      ],
      options: [
        Self.person, personName, anonymous, source, parties, responsible, question, background,
        situation, note, ref, protected,
      ]
    ) { call in try run(call) }

    static func run(_ call: Invocation) throws -> Int32 {
      var person = try call.value(Self.person)
      var name = try call.value(personName)
      var partyList = try call.values(parties)
      let isAnonymous = call.isSet(anonymous)
      let sourceID = try call.value(source)
      if let sourceID {
        guard sourceID.kind == .sp || sourceID.kind == .sip else {
          throw SamverkanError.invalidValue(
            sourceID.description, option: source.spec.usage,
            reason: "an escalation starts from an SP (SP-n) or a SIP (SIP-n)")
        }
        if isAnonymous {
          throw SamverkanError.usage(
            "--from \(sourceID) names a plan about a person, so the matter is not anonymous: leave out --anonymous (for an anonymous consultation, leave out --from)."
          )
        }
        let plan = try call.store().read { reader in try reader.rawRecord(sourceID) }
        guard let plan else { throw SamverkanError.recordNotFound(sourceID.description) }
        let planPerson = try plan["person"]?.stringValue.map { text throws(ValueError) in
          try PersonNumber(longForm: text)
        }
        if let given = person, let planPerson, given != planPerson {
          throw SamverkanError.usage(
            "--person \(given) is not the person of \(sourceID): leave out --person, or name the right plan."
          )
        }
        person = person ?? planPerson
        name = name ?? plan["personName"]?.stringValue
        if partyList.isEmpty {
          partyList = Self.planParties(plan)
        }
      }
      if partyList.isEmpty {
        throw SamverkanError.missingOption(option: parties.spec.usage)
      }
      switch (person, isAnonymous) {
      case (nil, false):
        throw SamverkanError.usage(
          "Give --person <pnr> for a named matter, or --anonymous for a consultation without personal data."
        )
      case (_?, true):
        throw SamverkanError.usage(
          "--person and --anonymous exclude each other: an anonymous consultation records no person."
        )
      default:
        break
      }
      if isAnonymous, call.isGiven(personName) || call.isSet(protected) {
        throw SamverkanError.usage(
          "An anonymous consultation records no person: leave out --\(call.isGiven(personName) ? personName.spec.name : protected.spec.name)."
        )
      }
      var matter = Escalation(
        ref: try call.value(ref), person: person, personName: name,
        anonymous: isAnonymous, parties: partyList,
        responsibleUnit: try call.require(responsible), question: try call.require(Self.question),
        background: try call.value(background), situation: try call.value(situation),
        openedOn: call.clock.today, openedBy: call.actor, source: sourceID,
        note: try call.value(note))
      var others: [Escalation] = []
      var masking = Masking.none
      let profile = try call.profile()
      try call.store().write { writer in
        try matter.problems(previous: nil, in: try call.ruleContext(writer))
          .throwIfAny("The matter cannot be opened")
        if let person {
          others = try writer.records(Escalation.self, person: person).filter(\.isOpen)
          if call.isSet(protected) { try writer.markProtected(person) }
        }
        matter = try writer.insert(
          matter, action: "open", event: "opened at \(levelName(1, profile))")
        masking = try call.masking(writer)
      }
      try call.writeCreated(try matter.json, masking: masking)
      for other in others {
        call.note(
          "Note: \(try other.savedID) is also open for this person (level \(other.level), \(other.parties.map(\.value).joined(separator: ", ")))."
        )
      }
      call.note(
        "Opened \(try matter.savedID) at \(levelName(1, profile)). "
          + responsibilityNote(matter, profile))
      call.note(
        "Next: the caseworkers talk and try to solve it themselves; record that with 'samverkan escalate attempt \(try matter.savedID) --note …'."
      )
      return ExitCode.success
    }

    /// The parties of an SP (its administrations) or a SIP (its initiator and the
    /// participants), read from the stored record: a command module never imports another.
    static func planParties(_ plan: JSONValue) -> [OrganizationID] {
      var ids: [String] = []
      if let administrations = plan["administrations"]?.arrayValue {
        ids = administrations.compactMap(\.stringValue)
      } else {
        ids =
          [plan["initiator"]?.stringValue].compactMap { $0 }
          + (plan["participants"]?.arrayValue ?? []).compactMap { $0["organization"]?.stringValue }
      }
      var seen: [OrganizationID] = []
      for id in ids.map({ OrganizationID(unchecked: $0) }) where !seen.contains(id) {
        seen.append(id)
      }
      return seen
    }
  }
}
