import SamverkanDomain

extension CivilDate {
  /// The term (termin) a date falls in: spring is January to June, autumn July to December.
  var term: (year: Int, autumn: Bool) { (year, month >= 7) }

  /// "vårterminen 2026", "hösttermin 2026".
  var termName: String { "\(month >= 7 ? "höstterminen" : "vårterminen") \(year)" }

  /// The number of months since year 0, to compare calendar months.
  var monthIndex: Int { year * 12 + month - 1 }
}
