import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain

/// The counts for the yearly review of the routine: how many reports were made in a year,
/// and how many of them were resolved, filed, are still unanswered, and are overdue.
struct DeviationStats {
  /// What the rows are grouped by.
  enum Grouping: String, CaseIterable, Sendable {
    /// Each unit a report concerns; a report concerning two units counts under both.
    case unit
    /// The report's category, every category of the profile listed.
    case category
    /// The month of the report date, all twelve listed.
    case month
  }

  /// One row: a group and its counts.
  struct Row: Equatable {
    var group: String
    /// Reports whose part 1 is dated in the year (drafts are not counted).
    var reported = 0
    /// Of those, resolved (part 2 signed by both sides) or filed.
    var resolved = 0
    /// Of those, filed with the controller.
    var filed = 0
    /// Of those, still without part 2.
    var unanswered = 0
    /// Of the unanswered, those past the response days on the day the stats are made.
    var overdue = 0

    mutating func count(_ report: DeviationReport, today: CivilDate, rules: DeviationRules) {
      reported += 1
      if report.state == .resolved || report.state == .filed { resolved += 1 }
      if report.state == .filed { filed += 1 }
      if !report.hasResponse { unanswered += 1 }
      if report.isAwaitingResponse(overdueOn: today, rules) { overdue += 1 }
    }
  }

  /// The name of the group column: `month`, `category`, `unit`, or `year` without grouping.
  static func groupField(_ grouping: Grouping?) -> String { grouping?.rawValue ?? "year" }

  /// The rows for a year, in order, and a last row `total` (every report once) when grouped.
  static func rows(
    _ reports: [DeviationReport], year: Int, by grouping: Grouping?, today: CivilDate,
    rules: DeviationRules
  ) -> [Row] {
    let counted = reports.filter { $0.state != .draft && $0.reportedOn?.year == year }
    var total = Row(group: grouping == nil ? String(year) : "total")
    for report in counted { total.count(report, today: today, rules: rules) }
    guard let grouping else { return [total] }

    var keys: [String]
    func groups(of report: DeviationReport) -> [String] {
      switch grouping {
      case .unit: report.units.map(\.value)
      case .category: [report.category ?? ""]
      case .month: [report.reportedOn.map { String($0.description.prefix(7)) } ?? ""]
      }
    }
    switch grouping {
    case .month:
      keys = (1...12).map { month in "\(year)-\(month < 10 ? "0" : "")\(month)" }
    case .category:
      keys = rules.categories.map(\.id)
      // Categories no longer in the profile still count, after the profile's own.
      let others = Set(counted.flatMap(groups)).subtracting(keys).sorted()
      keys += others
    case .unit:
      keys = Set(counted.flatMap(groups)).sorted()
    }
    var rows = Dictionary(uniqueKeysWithValues: keys.map { ($0, Row(group: $0)) })
    for report in counted {
      for key in Set(groups(of: report)) { rows[key]?.count(report, today: today, rules: rules) }
    }
    return keys.compactMap { rows[$0] } + [total]
  }
}

extension DeviationStats.Grouping: ArgumentValue {}
