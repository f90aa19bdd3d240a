import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanJSON
import SamverkanStore

extension DeviationCommand {
  /// `deviation due`: reports the other side has not answered within the response days.
  enum Due {
    static let within = Option<DateOffset>(
      "within", value: "span",
      help: "Also list reports whose answer falls due within this span, e.g. 14d or 2w.")

    static let spec = CommandSpec(
      name: "due",
      abstract: "List reports still without part 2 after the profile's response days (60).",
      discussion:
        "The other side should answer (part 2) within the profile's deviation.responseDays of the report date. A report is listed from the day after that, most overdue first; with --within also those falling due soon. overdueDays is negative for those not yet due.",
      examples: [
        Example("samverkan deviation due", "Reports whose answer is overdue."),
        Example(
          "samverkan deviation due --within 14d --format csv", "Also those due in two weeks."),
      ],
      options: [within, unit]
    ) { call in try run(call) }

    static func run(_ call: Invocation) throws -> Int32 {
      let rules = try call.profile().deviation
      let today = call.clock.today
      // Without --within only overdue reports: the day after the due date onwards.
      let horizon = try call.value(within).map { $0.after(today) }
      let unit = try call.value(DeviationCommand.unit)
      let columns = [
        Column("id", "ID"), Column("dueOn", "DUE"), Column("overdueDays", "OVERDUE DAYS"),
        Column("reportedOn", "REPORTED"), Column("reportingUnit", "REPORTING UNIT"),
        Column("units", "UNITS"), Column("category", "CATEGORY"),
      ]
      let fields = [
        "id", "dueOn", "overdueDays", "reportedOn", "reportingUnit", "units", "category",
        "reporterName", "reporterTitle", "from", "state",
      ]
      try call.store().read { reader in
        var rows: [(due: CivilDate, id: RecordID, json: JSONValue)] = []
        for report in try reader.dueRecords(
          DeviationReport.self, today: today, until: horizon ?? today)
        {
          guard report.state == .reported, !report.hasResponse,
            let dueOn = report.responseDue(rules), horizon.map({ dueOn <= $0 }) ?? (dueOn < today)
          else { continue }
          if let unit, !([report.reportingUnit] + report.units).contains(where: unit.contains) {
            continue
          }
          var json = try report.json.objectValue ?? [:]
          json["dueOn"] = .string(dueOn.description)
          json["overdueDays"] = .integer(dueOn.days(until: today))
          rows.append((dueOn, try report.savedID, .object(json)))
        }
        rows.sort { ($0.due, $0.id) < ($1.due, $1.id) }
        try call.writeList(columns: columns, fields: fields, masking: .none) { emit in
          for row in rows { try emit(row.json) }
        }
      }
      return ExitCode.success
    }
  }
}
