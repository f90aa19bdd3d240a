import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanStore

extension SPCommand {
  /// `sp approve`: one administration approves the submitted plan.
  enum Approve {
    static let ref = Option<String>(
      "ref", value: "ref",
      help:
        "The case-system reference (e.g. Treserva) noted with the event 'SP genomförd' when this approval establishes the plan."
    )

    static let spec = CommandSpec(
      name: "approve",
      abstract:
        "Record that an administration approves the plan; the last approval establishes it.",
      discussion: """
        When every other administration has approved, the plan is established and write-protected (skrivskyddad): any later change is refused (exit 77), while follow-ups, stödkontakt decisions and the closing are still recorded beside it. The journal then gets the event 'SP genomförd', noted with the case-system reference when --ref is given (or the SP has one).
        """,
      examples: [
        Example(
          "samverkan sp approve SP-3 --org FFS --decided-by 'Anna Berg' --ref 'TRE-2026-1234'",
          "FFS approves; if it was the last, SP-3 is established and 'SP genomförd' journaled.")
      ],
      options: [
        deciding, decidedBy, comment, on, ref, legalGroundOption, legalGroundNoteOption,
        legalGroundConditionOption,
      ],
      arguments: [spID]
    ) { call in try run(call) }

    static func run(_ call: Invocation) throws -> Int32 {
      try decide(call, verdict: .approved, reference: try text(call, ref))
    }
  }
}
