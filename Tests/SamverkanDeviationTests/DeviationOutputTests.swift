import Foundation
import SamverkanJSON
import SamverkanTestSupport
import Testing

/// A year of reports in every state, for the form, lists, `due` and `stats`.
///
/// DEV-1 filed (SF-NORDOST/BOU about FFS, from SP-1), DEV-2 resolved (FFS about AVO),
/// DEV-3 reported 2026-05-04 and overdue, DEV-4 reported 2026-10-20 and not yet due,
/// DEV-5 a draft, DEV-6 from 2025 and overdue, DEV-7 answered and signed by one side.
private func yearOfReports() throws -> TestStore {
  let store = TestStore()
  try store.insertFake(FakeSP.self)
  func report(
    _ unit: String, _ units: String, _ category: String, on date: String, _ extra: [String] = []
  ) {
    store.ok(
      [
        "deviation", "report", "--reporting-unit", unit, "--units", units, "--category", category,
        "--what", "Händelse rapporterad av \(unit).", "--perceived", "Samverkan försvårades.",
        "--improvement", "Följ rutinen.", "--name", "Karin Lund", "--title", "enhetschef",
        "--date", date,
      ] + extra)
  }
  func answer(_ id: String, on date: String) {
    store.ok(["deviation", "respond", id, "--summary", "Vi är överens om rutinen.", "--date", date])
  }
  func sign(_ id: String, _ side: String, on date: String) {
    store.ok([
      "deviation", "sign", id, "--side", side, "--name",
      side == "reporting" ? "Karin Lund" : "Per Holm",
      "--title", "enhetschef", "--date", date,
    ])
  }
  // DEV-1 is the walk of seed 000: absence from an SP meeting, through to the controller.
  store.ok(Walk.part1.dropLast(2) + ["--date", "2026-01-12", "--from", "SP-1"])
  store.ok(Walk.part2("DEV-1").dropLast(2) + ["--date", "2026-02-02"])
  store.ok(Walk.signReporting("DEV-1").dropLast(2) + ["--date", "2026-02-03"])
  store.ok(Walk.signReceiving("DEV-1").dropLast(2) + ["--date", "2026-02-04"])
  store.ok(Walk.file("DEV-1").dropLast(2) + ["--date", "2026-02-20"])
  report("FFS", "FFS,AVO", "routine-not-followed", on: "2026-03-03")
  answer("DEV-2", on: "2026-03-30")
  sign("DEV-2", "reporting", on: "2026-03-31")
  sign("DEV-2", "receiving", on: "2026-04-01")
  report("SF-HISINGEN/VUXEN", "SF-HISINGEN/BOU", "late-notice", on: "2026-05-04")
  report("AVO", "SF-CENTRUM/EKB", "no-response", on: "2026-10-20")
  store.ok(["deviation", "report", "--draft", "--reporting-unit", "FFS", "--units", "AVO"])
  report("FFS", "AVO", "other", on: "2025-12-01")
  report("SF-NORDOST/BOU", "FFS", "absence-without-valid-reason", on: "2026-03-20")
  answer("DEV-7", on: "2026-04-15")
  sign("DEV-7", "receiving", on: "2026-04-16")
  return store
}

// MARK: - The form

@Test func theFiledFormIsRenderedLikeThePaperForm() throws {
  let store = try yearOfReports()
  let form = store.ok(["deviation", "show", "DEV-1", "--format", "md"]) + "\n"
  assertGolden(form, named: "DEV-1-filed.md")
  #expect(form.contains("## 1. Rapportering av avvikelse"))
  #expect(form.contains("## 2. Åtgärd"))
}

@Test func anUnansweredFormShowsWhenPart2IsDueAndItsEmptyFields() throws {
  let store = try yearOfReports()
  assertGolden(
    store.ok(["deviation", "show", "DEV-3", "--format", "md"]) + "\n", named: "DEV-3-reported.md")
  assertGolden(
    store.ok(["deviation", "show", "DEV-5", "--format", "md"]) + "\n", named: "DEV-5-draft.md")
}

@Test func textThatLooksLikeMarkdownStaysText() throws {
  let store = TestStore()
  var arguments = Walk.part1
  arguments[arguments.firstIndex(of: "--improvement")! + 1] = "# Rubrik?\n- punkt\nvanlig rad"
  store.ok(arguments)
  let form = store.ok(["deviation", "show", "DEV-1", "--format", "md"])
  #expect(form.contains("\\# Rubrik?\n\\- punkt\nvanlig rad"))
}

@Test func showWritesTheFieldsInTheDataFormats() throws {
  let store = try yearOfReports()
  let lines = store.ok(["deviation", "show", "DEV-2"]).split(separator: "\n")
  #expect(lines.contains("state\tresolved"))
  #expect(lines.contains("units\tFFS|AVO"))
  store.refused(["deviation", "show", "DEV-99"], code: 66)
  store.refused(["deviation", "list", "--format", "md"], code: 64)
}

// MARK: - Stats

@Test func statsForTheYearlyReview() throws {
  let store = try yearOfReports()
  assertGolden(
    store.ok(["deviation", "stats", "--year", "2026", "--format", "table"]) + "\n",
    named: "stats-2026.txt")
  assertGolden(
    store.ok(["deviation", "stats", "--year", "2026", "--by", "unit", "--format", "csv"]) + "\n",
    named: "stats-2026-by-unit.csv")
  assertGolden(
    store.ok(["deviation", "stats", "--year", "2026", "--by", "category", "--format", "table"])
      + "\n", named: "stats-2026-by-category.txt")
  assertGolden(
    store.ok(["deviation", "stats", "--year", "2026", "--by", "month", "--json"]) + "\n",
    named: "stats-2026-by-month.json")
  assertGolden(
    store.ok(["deviation", "stats", "--year", "2025", "--by", "category", "--format", "csv"])
      + "\n", named: "stats-2025-by-category.csv")
}

@Test func statsNeedAYearAndAKnownGrouping() throws {
  let store = TestStore()
  store.refused(["deviation", "stats"], code: 64)
  let by = store.refused(["deviation", "stats", "--year", "2026", "--by", "person"], code: 64)
  #expect(by.stderr.contains("'unit', 'category' or 'month'"))
  // An empty store is a year without reports, not an error.
  #expect(store.ok(["deviation", "stats", "--year", "2026"]) == "2026\t0\t0\t0\t0\t0")
}

// MARK: - due

@Test func dueListsReportsUnansweredAfterTheResponseDaysMostOverdueFirst() throws {
  let store = try yearOfReports()
  #expect(store.ok(["deviation", "due", "-q"]) == "DEV-6\nDEV-3")
  let rows = try JSONParser.parse(Array(store.ok(["deviation", "due", "--json"]).utf8))
  #expect(rows[0]?["dueOn"] == .string("2026-01-30"))
  #expect(rows[1]?["dueOn"] == .string("2026-07-03"))
  #expect(rows[1]?["overdueDays"] == .integer(145))
  #expect(store.ok(["deviation", "due", "-q", "--within", "30d"]) == "DEV-6\nDEV-3\nDEV-4")
  #expect(store.ok(["deviation", "due", "-q", "--unit", "SF-HISINGEN"]) == "DEV-3")
}

@Test func dueStartsTheDayAfterTheResponseDays() throws {
  let store = TestStore()
  store.ok(Walk.part1.dropLast(2) + ["--date", "2026-10-20"])  // due 2026-12-19
  #expect(store.ok(["deviation", "due", "-q", "--today", "2026-12-19"]) == "")
  #expect(store.ok(["deviation", "due", "-q", "--today", "2026-12-20"]) == "DEV-1")
  // The profile decides the number of days.
  try Data(#"{"deviation": {"responseDays": 30}}"#.utf8)
    .write(to: URL(fileURLWithPath: store.path + "/profile.json"))
  #expect(store.ok(["deviation", "due", "-q", "--today", "2026-11-19"]) == "")
  #expect(store.ok(["deviation", "due", "-q", "--today", "2026-11-20"]) == "DEV-1")
  // Once part 2 is written it is no longer due.
  store.ok(Walk.part2("DEV-1").dropLast(2) + ["--date", "2026-11-25"])
  #expect(store.ok(["deviation", "due", "-q", "--today", "2026-12-20"]) == "")
}

// MARK: - list

@Test(arguments: [
  ([], "DEV-1 DEV-2 DEV-3 DEV-4 DEV-5 DEV-6 DEV-7"),
  (["--state", "reported"], "DEV-3 DEV-4 DEV-6 DEV-7"),
  (["--state", "resolved,filed"], "DEV-1 DEV-2"),
  (["--state", "draft"], "DEV-5"),
  (["--unit", "FFS"], "DEV-1 DEV-2 DEV-5 DEV-6 DEV-7"),
  (["--unit", "SF-NORDOST"], "DEV-1 DEV-7"),
  (["--unit", "sf-hisingen/bou"], "DEV-3"),
  (["--category", "absence-without-valid-reason"], "DEV-1 DEV-7"),
  (["--year", "2025"], "DEV-6"),
  (["--year", "2026", "--state", "reported", "--unit", "AVO"], "DEV-4"),
  (["--from-record", "SP-1"], "DEV-1"),
  (["--from-record", "SIP-9"], ""),
])
func listFilters(filter: [String], expected: String) throws {
  let store = try yearOfReports()
  let ids = store.ok(["deviation", "list", "-q"] + filter).split(separator: "\n")
  #expect(ids.joined(separator: " ") == expected)
}

@Test func listRefusesUnknownFilterValues() throws {
  let store = TestStore()
  let category = store.refused(["deviation", "list", "--category", "late"], code: 64)
  #expect(category.stderr.contains("'late-notice'"))
  store.refused(["deviation", "list", "--state", "open"], code: 64)
  store.refused(["deviation", "list", "--unit", "SF-NORR"], code: 64)
}

@Test func listAsATable() throws {
  let store = try yearOfReports()
  let table = store.ok(["deviation", "list", "--state", "resolved,filed", "--format", "table"])
  #expect(
    table.split(separator: "\n").first?.hasPrefix("ID     STATE     REPORTED    REPORTING UNIT")
      == true)
  #expect(table.contains("DEV-1  filed     2026-01-12  SF-NORDOST/BOU  SF-NORDOST/BOU, FFS"))
}

// MARK: - export and import

@Test(arguments: ["ndjson", "csv", "json"])
func exportImportsBackUnchanged(format: String) throws {
  let store = try yearOfReports()
  let exported = store.ok(["deviation", "export", "--format", format]) + "\n"
  let copy = TestStore()
  try copy.insertFake(FakeSP.self)
  let imported = copy.run(["deviation", "import", "-"], stdin: exported)
  #expect(imported.code == 0, "\(imported)")
  #expect(imported.stderr.contains("7 created, 0 updated, 0 unchanged"))
  #expect(copy.ok(["deviation", "export"]) == store.ok(["deviation", "export"]))
  let again = copy.run(["deviation", "import", "-"], stdin: exported)
  #expect(again.stderr.contains("0 created, 0 updated, 7 unchanged"))
  // Reports keep moving in the copy: DEV-3 can still be answered there.
  copy.ok(Walk.part2("DEV-3").dropLast(2) + ["--date", "2026-06-01"])
}

@Test func importRowsGoThroughTheSameRulesAsTheVerbs() throws {
  let store = TestStore()
  let csv = """
    reportingUnit,units,state,category,event,perception,improvement,reporterName,reporterTitle,reportedOn,summary,respondedOn,from
    FFS,AVO,reported,other,Hände.,Illa.,Bättre.,Karin Lund,socialsekreterare,2026-05-01,,,
    FFS,AVO,draft,other,Hände.,Illa.,Bättre.,Karin Lund,enhetschef,2026-05-01,Löst.,2026-05-02,
    FFS,AVO,reported,other,Gäller 19900101-2385.,Illa.,Bättre.,Karin Lund,enhetschef,2026-05-01,,,
    FFS,AVO,reported,other,Hände.,Illa.,Bättre.,Karin Lund,enhetschef,2026-05-01,,,SP-4
    FFS,AVO,resolved,other,Hände.,Illa.,Bättre.,Karin Lund,enhetschef,2026-05-01,Löst.,2026-05-02,
    FFS,AVO,reported,other,Hände.,Illa.,Bättre.,Karin Lund,enhetschef,2026-05-01,,,

    """
  let before = store.snapshot()
  let result = store.run(["deviation", "import", "-"], stdin: csv)
  #expect(result.code == 65, "\(result)")
  #expect(result.stderr.contains("-:2: reporterTitle: the reporter is 'socialsekreterare'"))
  #expect(
    result.stderr.contains("-:3: summary: part 2 is written only after part 1 has been reported"))
  #expect(result.stderr.contains("-:4: event: contains what looks like a personnummer"))
  #expect(result.stderr.contains("-:5: from: there is no SP-4 in the store"))
  #expect(
    result.stderr.contains(
      "-:6: state: a resolved report needs part 2 and one signature from each side"))
  #expect(!result.stderr.contains("-:7:"))
  #expect(!result.stderr.contains("2385"))
  #expect(store.snapshot() == before)
}

@Test func aDraftWithoutUnitsSurvivesACSVRoundTrip() throws {
  let store = TestStore()
  store.ok(["deviation", "report", "--draft", "--reporting-unit", "FFS", "--what", "Utkast."])
  let csv = store.ok(["deviation", "export", "--format", "csv"]) + "\n"
  let copy = TestStore()
  let imported = copy.run(["deviation", "import", "-"], stdin: csv)
  #expect(imported.code == 0, "\(imported)")
  #expect(copy.ok(["deviation", "export"]) == store.ok(["deviation", "export"]))
}
