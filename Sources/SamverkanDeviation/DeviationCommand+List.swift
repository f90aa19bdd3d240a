import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanJSON
import SamverkanStore

extension DeviationCommand {
  /// `deviation list`: reports, filtered by state, unit, category, year or source record.
  static let list = CommandSpec(
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
  ) { call in
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

  /// `deviation show <id>`: every field, or the two-part form as a Swedish document.
  static let show = CommandSpec(
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
  ) { call in
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

  static let within = Option<DateOffset>(
    "within", value: "span",
    help: "Also list reports whose answer falls due within this span, e.g. 14d or 2w.")

  /// `deviation due`: reports the other side has not answered within the response days.
  static let due = CommandSpec(
    name: "due",
    abstract: "List reports still without part 2 after the profile's response days (60).",
    discussion:
      "The other side should answer (part 2) within the profile's deviation.responseDays of the report date. A report is listed from the day after that, most overdue first; with --within also those falling due soon. overdueDays is negative for those not yet due.",
    examples: [
      Example("samverkan deviation due", "Reports whose answer is overdue."),
      Example("samverkan deviation due --within 14d --format csv", "Also those due in two weeks."),
    ],
    options: [within, unit]
  ) { call in
    let rules = try call.profile().deviation
    let today = call.clock.today
    // Without --within only overdue reports: the day after the due date onwards.
    let horizon = try call.value(within).map { $0.after(today) }
    let unit = try call.value(Self.unit)
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
      for report in try reader.records(DeviationReport.self) {
        guard report.state == .reported, !report.hasResponse,
          let dueOn = report.responseDue(rules), horizon.map({ dueOn <= $0 }) ?? (dueOn < today)
        else { continue }
        if let unit, !([report.reportingUnit] + report.units).contains(where: unit.contains) {
          continue
        }
        var json = try report.json.objectValue ?? [:]
        json["dueOn"] = .string(dueOn.description)
        json["overdueDays"] = .integer(dueOn.days(until: today))
        rows.append((dueOn, report.id!, .object(json)))
      }
      rows.sort { ($0.due, $0.id) < ($1.due, $1.id) }
      try call.writeList(columns: columns, fields: fields, masking: .none) { emit in
        for row in rows { try emit(row.json) }
      }
    }
    return ExitCode.success
  }
}
