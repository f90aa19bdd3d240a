import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanJSON
import SamverkanStore

extension DeviationCommand {
  /// `deviation stats --year Y [--by unit|category|month]`: counts for the yearly review.
  enum Stats {
    static let year = Option<Int>(
      "year", value: "year", help: "The year to count (by the date of part 1).", required: true)
    static let grouping = Option<DeviationStats.Grouping>(
      "by", value: "group", help: "Count per unit concerned, per category or per month.")

    static let spec = CommandSpec(
      name: "stats",
      abstract:
        "Count a year's reports and how many were resolved and filed, for the yearly review.",
      discussion: """
        Once a year the departments meet to review the routine. For the reports dated in the year (drafts left out) this counts: reported, resolved (part 2 signed by both sides, filed or not), filed, unanswered (still without part 2) and overdue (unanswered past the profile's response days, on --today).
        --by month lists all twelve months and --by category every category of the profile, with zeros; --by unit lists each unit a report concerns, so a report about two units counts under both, and the last row, total, counts each report once.
        """,
      examples: [
        Example("samverkan deviation stats --year 2026", "One line of counts for 2026."),
        Example(
          "samverkan deviation stats --year 2026 --by month --format csv", "Per month, as CSV."),
        Example("samverkan deviation stats --year 2026 --by unit --json", "Per unit, as JSON."),
      ],
      options: [year, grouping]
    ) { call in try run(call) }

    static func run(_ call: Invocation) throws -> Int32 {
      let year = try call.require(Self.year)
      guard (1900...9999).contains(year) else {
        throw SamverkanError.invalidValue(
          String(year), option: Self.year.spec.usage, reason: "expected a year such as 2026")
      }
      let grouping = try call.value(Self.grouping)
      let rules = try call.profile().deviation
      let group = DeviationStats.groupField(grouping)
      let fields = [group, "reported", "resolved", "filed", "unanswered", "overdue"]
      let columns = fields.map { Column($0, $0.uppercased()) }
      try call.store().read { reader in
        let rows = DeviationStats.rows(
          try reader.records(DeviationReport.self), year: year, by: grouping,
          today: call.clock.today, rules: rules)
        try call.writeList(columns: columns, fields: fields, masking: .none) { emit in
          for row in rows {
            try emit(
              .object([
                group: .string(row.group), "reported": .integer(row.reported),
                "resolved": .integer(row.resolved), "filed": .integer(row.filed),
                "unanswered": .integer(row.unanswered), "overdue": .integer(row.overdue),
              ]))
          }
        }
      }
      return ExitCode.success
    }
  }
}
