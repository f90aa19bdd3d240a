import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanStore

extension SPCommand {
  /// `sp reject`: one administration does not approve the submitted plan.
  enum Reject {
    static let spec = CommandSpec(
      name: "reject",
      abstract:
        "Record that an administration does not approve the plan, with why; it goes back for revision.",
      discussion: """
        The plan goes back to 'documented': revise it with 'sp plan' and send it again with 'sp submit'; every other administration then answers anew. When the administrations cannot agree, the disagreement goes to 'samverkan escalate' — the person's support continues meanwhile.
        """,
      examples: [
        Example(
          "samverkan sp reject SP-3 --org FFS --comment 'Ansvaret för boendestödet behöver förtydligas'",
          "FFS does not approve; SP-3 goes back to be revised.")
      ],
      options: [
        deciding, decidedBy, comment, on, legalGroundOption, legalGroundNoteOption,
        legalGroundConditionOption,
      ],
      arguments: [spID]
    ) { call in try run(call) }

    static func run(_ call: Invocation) throws -> Int32 {
      try decide(call, verdict: .rejected, reference: nil)
    }
  }
}
