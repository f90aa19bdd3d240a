import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanStore

extension DeviationCommand {
  /// `deviation respond <id>`: part 2 of the form, after the dialogue between the units.
  enum Respond {
    static let summary = Option<String>(
      "summary", value: "text",
      help:
        "The joint summary with the solution (gemensam sammanfattning med lösning på problemet).")
    static let remaining = Option<String>(
      "remaining", value: "text",
      help: "Problems that remain (ev. kvarstående problem); an empty text removes them.")
    static let withdrawSignatures = Flag(
      "withdraw-signatures",
      help:
        "Revise a part 2 that has been signed: the signatures are removed and both sides sign again."
    )

    static let spec = CommandSpec(
      name: "respond",
      abstract: "Write part 2, Åtgärd: the joint summary and remaining problems.",
      discussion: """
        Part 2 is filled in together, after the dialogue between the reporting unit and the same level at the other unit (lägst av biträdande enhetschef), and only once part 1 has been reported. Then each side signs with 'deviation sign'.
        Part 2 can be revised until it is signed; a signature covers the text it signed, so revising a signed part 2 needs --withdraw-signatures, after which both sides sign again.
        """,
      examples: [
        Example(
          "samverkan deviation respond DEV-1 --summary 'FFS bekräftar kallelser inom en vecka och utser en ersättare.' --remaining 'Kallelser via funktionsbrevlåda saknar kvittens.'",
          "Writes part 2 of DEV-1.")
      ],
      options: [summary, remaining, date, withdrawSignatures],
      arguments: [reportID]
    ) { call in try run(call) }

    static func run(_ call: Invocation) throws -> Int32 {
      let id = try call.recordID(reportID, kind: .deviation)
      let givenSummary = try DeviationCommand.text(summary, call)
      let givenRemaining = try call.value(remaining)
      let givenDate = try call.value(date)
      guard givenSummary != nil || givenRemaining != nil else {
        throw SamverkanError.missingOption(option: summary.spec.usage)
      }
      var withdrawn: [DeviationSignature] = []
      let saved = try call.store().write { writer in
        let previous = try DeviationCommand.loadForChange(id, writer, call)
        guard previous.state != .draft else {
          throw SamverkanError.refused(
            "\(id) is a draft: part 1 has not been reported to the other unit yet, and part 2 is written only after that. Report it first with 'samverkan deviation report \(id) …'."
          )
        }
        let signed = DeviationSide.allCases.compactMap { previous.signature($0) }
        if !signed.isEmpty, !call.isSet(withdrawSignatures) {
          throw SamverkanError.refused(
            "Part 2 of \(id) is signed by \(signed.map { "\($0.name) (\($0.title))" }.joined(separator: " and ")); a signature covers the text it signed. Add --withdraw-signatures to revise part 2; both sides then sign again."
          )
        }
        var report = previous
        if let givenSummary { report.summary = givenSummary }
        if let givenRemaining {
          let trimmed = givenRemaining.trimmingCharacters(in: .whitespacesAndNewlines)
          report.remainingProblems = trimmed.isEmpty ? nil : trimmed
        }
        report.respondedOn = givenDate ?? call.clock.today
        if call.isSet(withdrawSignatures) {
          withdrawn = signed
          report.reportingSignature = nil
          report.receivingSignature = nil
          report.state = .reported
        }
        try DeviationCommand.refuseIfAny(
          report.problems(previous: previous, in: try call.ruleContext(writer)),
          "Part 2 of \(id) cannot be written")
        try writer.update(
          report, action: "respond",
          note: withdrawn.isEmpty
            ? nil : "signatures withdrawn: \(withdrawn.map(\.name).joined(separator: ", "))")
        return report
      }
      try call.writeCreated(try saved.json, masking: .none)
      if !withdrawn.isEmpty {
        call.note("Withdrew the signatures of \(withdrawn.map(\.name).joined(separator: " and ")).")
      }
      call.note(
        "Part 2 of \(id) is written. Next: one signature from each side, e.g. 'samverkan deviation sign \(id) --side reporting --name … --title …' and '--side receiving'."
      )
      return ExitCode.success
    }
  }
}
