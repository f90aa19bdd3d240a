import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanStore

extension SPCommand {
  /// `sp own-view`: the individual's own view.
  enum OwnView {
    static let text = Argument<String>(
      "text",
      help:
        "The individual's own view of the needs and the support, in their words where possible; or why it could not be obtained."
    )

    static let spec = CommandSpec(
      name: "own-view",
      abstract: "Record the individual's own view in the plan (den enskildes egen syn).",
      discussion: """
        The individual is to have influence over the planning as far as possible (seed 003): the plan records their own view of the needs and the support. When it could not be obtained, write why. Giving it again replaces it.
        """,
      examples: [
        Example(
          "samverkan sp own-view SP-3 'Vill bo kvar i lägenheten och ha färre kontakter att hålla reda på'",
          "Records the individual's view.")
      ],
      options: legalGroundOptions,
      arguments: [spID, text]
    ) { call in try run(call) }

    static func run(_ call: Invocation) throws -> Int32 {
      let view = try call.require(Self.text)
      if view.isBlank {
        throw SamverkanError.invalidValue(
          view, option: Self.text.spec.usage, reason: "the individual's view is empty")
      }
      let plan = try changePlan(call, action: "own-view") { documented, _ in
        documented.ownView = view
      }
      noteMissing(call, plan)
      return ExitCode.success
    }
  }
}
