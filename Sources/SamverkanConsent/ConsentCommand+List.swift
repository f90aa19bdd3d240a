import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanJSON
import SamverkanStore

extension ConsentCommand {
  /// `consent list`: consents, filtered, with their status on the day.
  static let list = CommandSpec(
    name: "list",
    abstract: "List consents by person, status, party or purpose, or those ending soon.",
    discussion: """
      Each row has the consent's status on the day (today, or --on): active, not-yet-valid, expired, revoked or review-due (implied or presumed consent past its review date, which covers nothing until reviewed). JSON rows are the stored record with "status" added.
      """,
    examples: [
      Example("samverkan consent list --person 19900101-2385", "Every consent of one person."),
      Example(
        "samverkan consent list --status active --expiring-within 30d",
        "Active consents whose last valid day is within 30 days."),
      Example(
        "samverkan consent list --review-due", "Implied and presumed consents to re-examine now."),
      Example(
        "samverkan consent list --party FFS --purpose sp --format ndjson | jq -c '{id, status}'",
        "SP consents naming FFS, as data."),
    ],
    options: filter.options + ListOptions.all
  ) { call in
    let date = try call.value(Self.on) ?? call.clock.today
    let person = try call.value(Self.person)
    try call.store().read { reader in
      let test = try filter.make(call, reader)
      try call.writeList(
        columns: Consent.listColumns, fields: Consent.listFieldNames,
        masking: try call.masking(reader)
      ) { emit in
        if let person {
          // One person's consents come from the person index, never a walk of the collection.
          for consent in try reader.records(Consent.self, person: person)
          where test?(consent) ?? true {
            try emit(try consent.listJSON(on: date))
          }
          return
        }
        // The whole register: each record as stored, with its status read from the few
        // fields that decide it; the whole consent is decoded only to filter.
        let decoder = JSONValueDecoder()
        try reader.forEachRawRecord(of: Consent.kind) { id, raw in
          if let test, !test(try reader.decodeStored(raw, as: Consent.self, id: id)) { return }
          guard case .object(var object) = raw else { return }
          let timeline = try decoder.decode(ConsentTimeline.self, from: raw)
          object["status"] = .string(timeline.status(on: date).rawValue)
          try emit(.object(object))
        }
      }
    }
    return ExitCode.success
  }

  /// `consent grounds`: the secrecy-breaking provisions a step may rely on without consent.
  static let grounds = CommandSpec(
    name: "grounds",
    abstract:
      "List the secrecy-breaking grounds (sekretessbrytande bestämmelser) for --legal-ground.",
    discussion: """
      Without consent, information may still pass when a secrecy-breaking provision applies. Commands whose step may go ahead without consent take --legal-ground <id> with --legal-ground-note saying why it applies (and --legal-ground-condition when the ground has conditions on the person); the gate checks each ground's conditions — the steps and purposes it serves, who may receive, the person's age or named condition, and whether it can break social-services secrecy at all — and the disclosure is logged ('consent disclosures'). A SIP and contacting the person about a transfer always need the person's consent: no ground stands in. The list is profile data: a lawyer can correct it in profile.json. The summaries help choose; the caseworker still makes the assessment the law requires.
      """,
    examples: [
      Example("samverkan consent grounds", "The grounds with their Swedish names and the law."),
      Example("samverkan consent grounds --json | jq -r '.[].id'", "Just the IDs."),
    ]
  ) { call in
    let profile = try call.profile()
    try call.writeList(
      columns: [
        Column("id", "ID"), Column("label", "GROUND"), Column("law", "LAW"),
        Column("summary", "WHEN"), Column("conditions", "CONDITIONS"),
      ],
      fields: ["id", "label", "law", "summary", "conditions"], masking: .none
    ) { emit in
      for ground in profile.consent.legalGrounds {
        try emit(
          .object([
            "id": .string(ground.id), "label": .string(ground.label), "law": .string(ground.law),
            "summary": .string(ground.summary),
            "conditions": .array(ground.conditionLines.map(JSONValue.string)),
          ]))
      }
    }
    return ExitCode.success
  }
}
