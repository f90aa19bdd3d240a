import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanJSON
import SamverkanStore

extension DeviationCommand {
  /// `deviation list`: reports, filtered by state, unit, category, year or source record.
  enum List {
    static let spec = CommandSpec(
      name: "list",
      abstract: "List deviation reports, filtered by state, unit, category, year or source record.",
      discussion:
        "--unit matches the reporting unit and the units a report concerns; an organization also matches its units (SF-NORDOST matches SF-NORDOST/BOU).",
      examples: [
        Example("samverkan deviation list", "Every report."),
        Example(
          "samverkan deviation list --state reported,resolved --unit FFS",
          "Reports by or about FFS that are not yet filed."),
        Example("samverkan deviation list --from-record SP-3", "Reports that came from SP-3."),
        Example(
          "samverkan deviation list --year 2026 --category no-response --format csv",
          "As CSV for a spreadsheet."),
      ],
      options: filter.options + ListOptions.all
    ) { call in try run(call) }

    static func run(_ call: Invocation) throws -> Int32 {
      try call.store().read { reader in
        let test = try filter.make(call, reader)
        try call.writeList(
          columns: DeviationReport.listColumns, fields: DeviationReport.fieldNames, masking: .none
        ) { emit in
          for report in try reader.records(DeviationReport.self) where test?(report) ?? true {
            try emit(try report.json)
          }
        }
      }
      return ExitCode.success
    }
  }
}
