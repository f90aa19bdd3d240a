import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanStore

extension DeviationCommand {
  /// What `agenda` lists for deviation reports: part 2 from the other side, due the
  /// profile's response days after the report (as `deviation due`).
  public static func agendaItems(_ query: AgendaQuery, reader: StoreReader) throws
    -> [AgendaItem]
  {
    let rules = query.profile.deviation
    return try reader.dueRecords(
      DeviationReport.self, today: query.today, until: query.until
    ).compactMap { report in
      guard report.state == .reported, !report.hasResponse,
        let due = report.responseDue(rules), due <= query.until
      else { return nil }
      let others = report.otherUnits
      return AgendaItem(
        date: due, kind: "deviation.response", record: try report.savedID,
        what:
          "part 2 (the joint summary and both signatures) from \(others.map(\.value).joined(separator: ", ")), reported on \(report.reportedOn?.description ?? "?")",
        organizations: others.isEmpty ? [report.reportingUnit] : others)
    }
  }
}
