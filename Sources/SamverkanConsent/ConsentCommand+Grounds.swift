import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanJSON
import SamverkanStore

extension ConsentCommand {
  /// `consent grounds`: the secrecy-breaking provisions a step may rely on without consent.
  enum Grounds {
    static let spec = CommandSpec(
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
    ) { call in try run(call) }

    static func run(_ call: Invocation) throws -> Int32 {
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
}
