import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanJSON
import SamverkanStore

extension DeviationCommand {
  /// `deviation show <id>`: every field, or the two-part form as a Swedish document.
  enum Show {
    static let spec = CommandSpec(
      name: "show",
      abstract: "Show one report with all its fields, or the two-part form with --format md.",
      discussion:
        "--format md renders the report as the form 'Avvikelserapport samverkan' in Swedish, with part 1 (Rapportering av avvikelse) and part 2 (Åtgärd), ready to print or send to the controller.",
      examples: [
        Example("samverkan deviation show DEV-1", "Every field of DEV-1; add --json for JSON."),
        Example("samverkan deviation show DEV-1 --format md > DEV-1.md", "The form as a document."),
      ],
      arguments: [reportID],
      documentFormats: [.md]
    ) { call in try run(call) }

    static func run(_ call: Invocation) throws -> Int32 {
      let id = try call.recordID(reportID, kind: .deviation)
      let format = try call.outputFormat()
      try call.store().read { reader in
        let report = try reader.require(id, as: DeviationReport.self)
        if format == .md {
          call.stdout.write(
            DeviationForm(report: report, profile: try call.profile(), today: call.clock.today)
              .markdown)
        } else {
          try call.writeRecord(try report.json, fields: DeviationReport.fieldNames, masking: .none)
        }
      }
      return ExitCode.success
    }
  }
}
