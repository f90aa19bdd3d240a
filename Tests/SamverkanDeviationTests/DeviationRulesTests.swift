import Foundation
import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanStore
import SamverkanTestSupport
import Testing

@testable import SamverkanDeviation

private let rules = DeviationRules.goteborg
private let today = day("2026-11-25")

private func date(_ text: String) -> CivilDate { try! CivilDate(iso: text) }

// MARK: - Titles

@Test(arguments: [
  ("biträdande enhetschef", true), ("Biträdande Enhetschef", true),
  ("bitradande enhetschef", true), ("enhetschef", true), ("avdelningschef", true),
  ("förvaltningschef", true), ("1:e socialsekreterare", false), ("socialsekreterare", false),
  ("handläggare", false), ("chef", false),
])
func titleAtLeastTheMinimum(title: String, accepted: Bool) {
  #expect(rules.isSeniorEnough(title) == accepted)
}

@Test func titlesAreMatchedIgnoringCaseAndDiacritics() {
  #expect(rules.title(named: "BITRADANDE ENHETSCHEF") == "biträdande enhetschef")
  #expect(rules.title(named: " forvaltningschef ") == "förvaltningschef")
  #expect(rules.title(named: "chef") == nil)
  #expect(
    rules.acceptedTitles == [
      "biträdande enhetschef", "enhetschef", "avdelningschef", "förvaltningschef",
    ])
}

@Test func aProfileWithAnUnknownMinimumTitleIsRefused() throws {
  let bytes = Array(#"{"deviation": {"minimumTitle": "direktör"}}"#.utf8)
  #expect(throws: SamverkanError.self) {
    try Profile.merging(overrides: bytes, path: "profile.json")
  }
  let duplicate = Array(
    #"{"deviation": {"categories": [{"id": "a", "label": "A"}, {"id": "A", "label": "B"}]}}"#.utf8)
  #expect(throws: SamverkanError.self) {
    try Profile.merging(overrides: duplicate, path: "profile.json")
  }
}

// MARK: - Personal data

@Test(arguments: [
  ("Gäller 19900101-2385 som inte kom.", 1),
  ("Gäller 900101-2385.", 1),
  ("Gäller 199001012385.", 1),
  ("Gäller 9001012385 och 20180101-2392.", 2),
  ("Ring 031-365 36 47 eller 070-365 12 34.", 0),
  ("Möte 2026-09-10 kl 10.00, ärende 2026-1234.", 0),
  ("Inga personuppgifter alls.", 0),
])
func personNumbersInTextAreFound(text: String, count: Int) {
  #expect(PersonNumberDetector.matches(in: text).count == count)
}

@Test func everyTestPersonnummerIsFoundInText() throws {
  for number in try TestPerson.all().prefix(200) {
    #expect(
      PersonNumberDetector.matches(in: "Avser \(number).").count == 1, "\(number)")
  }
}

// MARK: - Stats

private func report(
  _ number: Int, state: DeviationState, on reported: String, units: [String],
  category: String = "no-response", responded: Bool = false
) -> DeviationReport {
  DeviationReport(
    id: RecordID(kind: .deviation, number: number), state: state,
    reportingUnit: OrganizationID(unchecked: "SF-NORDOST/BOU"),
    units: units.map(OrganizationID.init(unchecked:)), category: category,
    reportedOn: date(reported), summary: responded ? "Löst." : nil)
}

@Test func statsCountOnlyTheYearsReportedReportsAndEachOnceInTheTotal() {
  let reports = [
    report(1, state: .filed, on: "2026-01-10", units: ["FFS", "AVO"], responded: true),
    report(2, state: .resolved, on: "2026-01-20", units: ["FFS"], responded: true),
    report(3, state: .reported, on: "2026-03-01", units: ["AVO"]),  // overdue
    report(4, state: .reported, on: "2026-10-01", units: ["FFS"]),  // not yet due
    report(5, state: .draft, on: "2026-05-01", units: ["FFS"]),  // drafts are not counted
    report(6, state: .filed, on: "2025-12-31", units: ["FFS"], responded: true),
  ]
  let total = DeviationStats.rows(reports, year: 2026, by: nil, today: today, rules: rules)
  #expect(
    total == [
      DeviationStats.Row(
        group: "2026", reported: 4, resolved: 2, filed: 1, unanswered: 2, overdue: 1)
    ])
  let byUnit = DeviationStats.rows(reports, year: 2026, by: .unit, today: today, rules: rules)
  #expect(byUnit.map(\.group) == ["AVO", "FFS", "total"])
  #expect(byUnit[0].reported == 2 && byUnit[1].reported == 3 && byUnit[2].reported == 4)
  let byMonth = DeviationStats.rows(reports, year: 2026, by: .month, today: today, rules: rules)
  #expect(byMonth.count == 13)
  #expect(byMonth[0] == DeviationStats.Row(group: "2026-01", reported: 2, resolved: 2, filed: 1))
  #expect(byMonth[1].reported == 0)
  let byCategory = DeviationStats.rows(
    reports, year: 2026, by: .category, today: today, rules: rules)
  #expect(byCategory.map(\.group) == rules.categories.map(\.id) + ["total"])
}

// MARK: - Record rules

@Test func aStoredReportMustBeConsistentWithItsState() throws {
  let store = TestStore()
  let backing = Store(directory: store.path, actor: "tester", commandLine: ["test"])
  try backing.read { reader in
    let context = RuleContext(
      profile: .goteborg, clock: Clock(now: Date(), today: today), reader: reader)
    var report = DeviationReport(
      state: .filed, reportingUnit: OrganizationID(unchecked: "SF-NORDOST/BOU"),
      units: [OrganizationID(unchecked: "FFS")], summary: "Löst.")
    let fields = Set(report.problems(previous: nil, in: context).map(\.field))
    #expect(
      fields.isSuperset(of: [
        "category", "event", "perception", "improvement", "reporterName", "reporterTitle",
        "reportedOn", "respondedOn", "state", "filedTo", "filedOn",
      ]))
    report.state = .draft
    report.summary = nil
    #expect(report.problems(previous: nil, in: context).isEmpty)
    report.reportedOn = date("2026-11-26")
    #expect(report.problems(previous: nil, in: context).map(\.field) == ["reportedOn"])
  }
}
