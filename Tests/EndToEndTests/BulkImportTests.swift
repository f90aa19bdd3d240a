import Foundation
import SamverkanTestSupport
import Testing

/// Bulk import that works on the first try (issue 17): the verbs' defaults, persons in any
/// form, every problem at once, merging updates, one policy for unknown columns, natural
/// keys, other character sets and Swedish Excel's CSV.
@Suite struct BulkImportTests {
  private func fixture(_ name: String) -> String {
    repositoryRoot.appendingPathComponent("Tests/EndToEndTests/Fixtures/\(name)").path
  }

  /// A transfer or an escalation row may leave out what `transfer plan` and `escalate open`
  /// would give: the birthday handover and its notice, the state, the day and who.
  @Test func rowsOfOtherKindsGetWhatTheirVerbsWouldGive() throws {
    let store = TestStore()
    let dir = TemporaryDirectory("rows")
    let transfers = dir.file("transfers.csv")
    try "person,from,to\n080101-2386,SF-NORDOST/BOU,SF-NORDOST/VUXEN\n"
      .write(toFile: transfers, atomically: true, encoding: .utf8)
    let imported = store.run(["transfer", "import", transfers])
    #expect(imported.code == 0 && imported.lines == ["TRF-1"], "\(imported)")
    let transfer = store.run([
      "transfer", "show", "TRF-1", "--format", "tsv", "--fields",
      "basis,handoverAge,handoverDate,noticeDeadline,state,plannedOn",
    ])
    #expect(
      transfer.lines == [
        "basis\tbirthday", "handoverAge\t19", "handoverDate\t2027-01-01",
        "noticeDeadline\t2026-07-01", "state\tplanned", "plannedOn\t\(testToday)",
      ], "\(transfer)")
    // A decided date needs no birthday; without either there is nothing to compute from.
    let undated = dir.file("undated.csv")
    try "person,from,to,decidedAt\n19900101-2385,SF-NORDOST/BOU,SF-NORDOST/VUXEN,ESC-4\n"
      .write(toFile: undated, atomically: true, encoding: .utf8)
    store.expectRefused(["transfer", "import", undated], code: 65, mentioning: ["handoverDate"])

    let matters = dir.file("matters.csv")
    try "parties,responsibleUnit,question,anonymous\nSF-NORDOST|FFS,SF-NORDOST,Vem ansvarar?,ja\n"
      .write(toFile: matters, atomically: true, encoding: .utf8)
    #expect(store.run(["escalate", "import", matters]).lines == ["ESC-1"])
    let matter = store.run([
      "escalate", "show", "ESC-1", "--format", "tsv", "--fields", "openedOn,openedBy",
    ])
    #expect(matter.lines == ["openedOn\t\(testToday)", "openedBy\ttester"], "\(matter)")
  }

  /// SIP, SP, consultation and deviation rows get what `sip create`, `sp create`,
  /// `sp consult` and `deviation report` would give: the day, the first state, the
  /// initiator's open case; a deviation report's completeness is still checked.
  @Test func casesAndReportsGetWhatTheirVerbsWouldGive() throws {
    let store = TestStore()
    let dir = TemporaryDirectory("cases")
    let sips = dir.file("sips.csv")
    try "person,trigger,initiator\n900101-2385,need,REGION\n"
      .write(toFile: sips, atomically: true, encoding: .utf8)
    #expect(store.run(["sip", "import", sips]).lines == ["SIP-1"])
    let sip = store.run(["sip", "show", "SIP-1", "--format", "tsv", "--fields", "createdOn"])
    #expect(sip.lines == ["createdOn\t\(testToday)"], "\(sip)")

    let plans = dir.file("plans.csv")
    try "person,initiator,administrations\n19900101-2385,SF-NORDOST,SF-NORDOST|FFS\n"
      .write(toFile: plans, atomically: true, encoding: .utf8)
    #expect(store.run(["sp", "import", plans]).lines == ["SP-1"])
    let plan = store.run([
      "sp", "show", "SP-1", "--format", "tsv", "--fields", "state,createdOn,openCases",
    ])
    #expect(
      plan.lines == ["state\tcreated", "createdOn\t\(testToday)", "openCases\tSF-NORDOST"],
      "\(plan)")

    let reports = dir.file("reports.ndjson")
    try
      #"{"reportingUnit":"SF-NORDOST","units":["FFS"],"category":"late-notice","event":"Kallelsen kom inte fram.","perception":"Mötet blev inställt.","improvement":"Bekräfta kallelser.","reporterName":"Test Testsson","reporterTitle":"enhetschef"}"#
      .write(toFile: reports, atomically: true, encoding: .utf8)
    let imported = store.run(["deviation", "import", reports])
    #expect(imported.lines == ["DEV-1"], "\(imported)")
    let report = store.run([
      "deviation", "show", "DEV-1", "--format", "tsv", "--fields", "state,reportedOn",
    ])
    #expect(report.lines == ["state\treported", "reportedOn\t\(testToday)"], "\(report)")
    // A reported report still needs all of part 1, as `deviation report` does.
    let short = dir.file("short.ndjson")
    try #"{"reportingUnit":"SF-NORDOST"}"#.write(toFile: short, atomically: true, encoding: .utf8)
    TestStore().expectRefused(
      ["deviation", "import", short], code: 65,
      mentioning: ["event: part 1 of a reported report needs what happened"])
  }

  @Test func aSpreadsheetWithOnlyWhatAPersonFillsInImportsOnTheFirstTry() throws {
    let store = TestStore()
    // LibreOffice's export: short personnummer, the verb's option names as columns
    // (purpose, until), ';' and two empty columns at the end.
    let file = fixture("libreoffice-samtycken-kort.csv")
    let result = store.run(["consent", "import", file])
    #expect(result.code == 0, "\(result)")
    #expect(result.lines == ["CON-1", "CON-2", "CON-3"])
    #expect(result.stderr.contains("3 created, 0 updated, 0 unchanged"))
    let first = try record(store, "CON-1")
    #expect(first["person"] as? String == TestPerson.adult)
    #expect(first["parties"] as? [String] == ["SF-NORDOST", "FFS"])
    #expect(first["purposes"] as? [String] == ["sp"])
    #expect(first["type"] as? String == "explicit")
    #expect(first["givenBy"] as? String == "self")
    #expect(first["validFrom"] as? String == "2026-11-25")
    #expect(first["validUntil"] as? String == "2027-06-30")
    #expect(first["recordedBy"] as? String == "tester")
    #expect(first["recordedOn"] as? String == "2026-11-25")
    #expect(try record(store, "CON-3")["parties"] as? [String] == ["SF-NORDOST", "REGION"])
    // The same file again: matched on person, parties, purposes and until; nothing new.
    let before = store.snapshot()
    let again = store.run(["consent", "import", file])
    #expect(again.code == 0, "\(again)")
    #expect(again.stdout.isEmpty)
    #expect(again.stderr.contains("0 created, 0 updated, 3 unchanged"), "\(again)")
    #expect(store.changedFiles(since: before) == [])
    // -q: the IDs only, no summary.
    let other = TestStore()
    let quiet = other.run(["consent", "import", file, "-q"])
    #expect(quiet.lines == ["CON-1", "CON-2", "CON-3"])
    #expect(quiet.stderr.isEmpty, "\(quiet)")
  }

  /// A stored record as JSON.
  private func record(_ store: TestStore, _ id: String) throws -> [String: Any] {
    let shown = store.run(["consent", "show", id, "--json", "--reveal"])
    return try #require(
      try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any])
  }

  @Test func listAsCSVImportsIntoAnEmptyStoreUnchanged() {
    let source = TestStore()
    #expect(source.run(["consent", "import", fixture("libreoffice-samtycken-kort.csv")]).code == 0)
    source.run(["consent", "review", "CON-1"])
    let listed = source.run(["consent", "list", "--format", "csv"])
    #expect(listed.stdout.hasPrefix("id,ref,person,"), "\(listed)")
    #expect(listed.stdout.contains(",status\r\n"))
    let target = TestStore()
    let imported = target.run(["consent", "import", "-"], stdin: listed.stdout)
    #expect(imported.code == 0, "\(imported)")
    #expect(target.run(["consent", "list", "--format", "csv"]).stdout == listed.stdout)
    // Swedish Excel's CSV: ';' and a byte order mark, read back as well.
    let excel = source.run(["consent", "list", "--format", "csv", "--csv-separator", ";", "--bom"])
    #expect(excel.stdout.hasPrefix("\u{FEFF}id;ref;person;"), "\(excel)")
    let third = TestStore()
    #expect(third.run(["consent", "import", "-"], stdin: excel.stdout).code == 0)
    #expect(third.run(["consent", "list", "--format", "csv"]).stdout == listed.stdout)
  }

  @Test func updateChangesOnlyTheFieldsARowGives() throws {
    let store = TestStore()
    store.run([
      "consent", "grant", "--person", TestPerson.adult, "--parties", "SF-NORDOST,FFS",
      "--purpose", "sp", "--form", "written", "--until", "+6m", "--informed", "--note",
      "Viktig anteckning",
    ])
    let before = store.snapshot()
    // Without --update a changed row is a conflict naming the fields, and nothing changes.
    let conflict = store.run(
      ["consent", "import", "-"], stdin: "id,restrict\nCON-1,Inget om ekonomin\n")
    #expect(conflict.code == 65)
    #expect(conflict.stderr.contains("CON-1 exists with other values in restrictions"))
    #expect(store.snapshot() == before)
    let updated = store.run(
      ["consent", "import", "-", "--update"], stdin: "id,restrict\nCON-1,Inget om ekonomin\n")
    #expect(updated.code == 0, "\(updated)")
    #expect(updated.stdout.isEmpty)
    let shown = try record(store, "CON-1")
    #expect(shown["restrictions"] as? String == "Inget om ekonomin")
    #expect(shown["note"] as? String == "Viktig anteckning")
    #expect(shown["form"] as? String == "written")
    // An empty cell in a column that is there clears the field.
    store.run(["consent", "import", "-", "--update"], stdin: "id,note\nCON-1,\n")
    #expect(try record(store, "CON-1")["note"] == nil)
    // --replace and --update together are a usage error.
    let both = store.run(["consent", "import", "-", "--update", "--replace"], stdin: "id\nCON-1\n")
    #expect(both.code == 64, "\(both)")
  }

  @Test func replaceTakesTheRowAsTheWholeRecord() throws {
    let store = TestStore()
    store.run([
      "consent", "grant", "--person", TestPerson.adult, "--parties", "SF-NORDOST,FFS",
      "--purpose", "sp", "--form", "written", "--until", "+6m", "--informed", "--note", "x",
    ])
    let row =
      "id,person,parties,purposes,form,until,informed\nCON-1,\(TestPerson.adult),SF-NORDOST|FFS,sp,oral,2027-03-01,ja\n"
    let replaced = store.run(["consent", "import", "-", "--replace"], stdin: row)
    #expect(replaced.code == 0, "\(replaced)")
    let shown = try record(store, "CON-1")
    #expect(shown["form"] as? String == "oral")
    #expect(shown["validUntil"] as? String == "2027-03-01")
    #expect(shown["note"] == nil)
  }

  @Test func everyProblemOfTenThousandRowsGoesToTheProblemsFile() throws {
    let store = TestStore()
    let people = try TestPerson.all().filter { $0.hasPrefix("19") }
    var generator = SeededGenerator(seed: 17)
    let bad = Set((0..<300).map { _ in Int.random(in: 0..<10_000, using: &generator) })
      .union((0..<10_000).filter { $0 % 37 == 5 }).sorted().prefix(300)
    #expect(bad.count == 300)
    var lines = ["person;parties;purpose;until;form;informed"]
    var expected: [String] = []
    for n in 0..<10_000 {
      let twelve = people[n % people.count]
      // Short forms, as a spreadsheet has them.
      let person = "\(twelve.dropFirst(2).prefix(6))-\(twelve.suffix(4))"
      if bad.contains(n) {
        // Two problems in one row: both are listed.
        lines.append("\(person);SF-NORDOST|FFZ;sp;2027-02-30;written;ja")
        expected.append("\(n + 2),parties")
        expected.append("\(n + 2),validUntil")
      } else {
        lines.append("\(person);SF-NORDOST|FFS;sp;+\(n % 300 + 1)d;written;ja")
      }
    }
    let directory = TemporaryDirectory()
    let file = directory.file("samtycken.csv")
    try lines.joined(separator: "\r\n").write(toFile: file, atomically: true, encoding: .utf8)
    let problems = directory.file("problem.csv")
    let before = store.snapshot()
    let result = store.run(["consent", "import", file, "--problems", problems])
    #expect(result.code == 65)
    #expect(result.stderr.contains("The input has 600 problems; nothing was written."))
    #expect(result.stderr.contains("… and 550 more problems"))
    #expect(result.stderr.contains("All 600 problems written to \(problems)."))
    #expect(store.snapshot() == before)
    let written = try String(contentsOfFile: problems, encoding: .utf8)
      .components(separatedBy: "\r\n").filter { !$0.isEmpty }
    #expect(written.first == "file,line,field,value,problem")
    #expect(written.count == 601)
    let found = written.dropFirst().map { line in
      line.split(separator: ",", maxSplits: 3).dropFirst().prefix(2).joined(separator: ",")
    }
    #expect(found == expected)
    #expect(
      written[1].contains(",SF-NORDOST|FFZ,\"'FFZ' in the list: there is no organization"),
      "\(written[1])")
    #expect(written[2].contains(",2027-02-30,'2027-02-30' is not accepted:"))
    // NDJSON on standard output, by --format.
    let ndjson = store.run(
      ["consent", "import", file, "--problems", "-", "--format", "ndjson"])
    #expect(ndjson.code == 65)
    #expect(ndjson.lines.count == 600)
    let firstProblem = try #require(
      try JSONSerialization.jsonObject(with: Data(ndjson.lines[0].utf8)) as? [String: Any])
    #expect(Set(firstProblem.keys) == ["file", "line", "field", "value", "problem"])
    #expect(store.snapshot() == before)
  }

  @Test func aProblemNamesTheValueFoundAndWhatWouldBeAccepted() {
    let store = TestStore()
    let rows = """
      person,parties,purposes,until,form,informed
      ********-****,SF-NORDOST|FFS,sp,2027-01-01,written,ja
      \(TestPerson.adult),SF-NORDOST|FFS,sp,2027-01-01,writen ,ja
      \(TestPerson.adult2),SF-NORDOST|FFS,sp,,written,ja
      """
    let before = store.snapshot()
    let result = store.run(["consent", "import", "-"], stdin: rows)
    #expect(result.code == 65)
    #expect(
      result.stderr.contains(
        "-:2: person: '********-****' is not accepted: the personnummer is masked"), "\(result)")
    #expect(result.stderr.contains("export again with --reveal"))
    #expect(
      result.stderr.contains(
        "-:3: form: 'writen ' is not accepted: it is not one of the accepted values (the cell has a space before or after the value). Expected 'written' or 'oral'; did you mean 'written'?"
      ), "\(result)")
    #expect(
      result.stderr.contains(
        "-:4: validUntil: a new record needs it: give a column 'validUntil' (or 'until') with a date YYYY-MM-DD"
      ), "\(result)")
    #expect(store.snapshot() == before)
  }

  @Test func unknownColumnsAreRefusedAlikeInCSVAndJSONUnlessIgnored() {
    let store = TestStore()
    let csv = """
      person,parties,purposes,until,form,informed,anteckning
      \(TestPerson.adult),SF-NORDOST|FFS,sp,2027-01-01,written,ja,x
      """
    let json =
      #"{"person":"\#(TestPerson.adult)","parties":["SF-NORDOST","FFS"],"purposes":["sp"],"until":"2027-01-01","form":"written","informed":true,"anteckning":"x"}"#
    let before = store.snapshot()
    for input in [csv, json] {
      let result = store.run(["consent", "import", "-"], stdin: input)
      #expect(result.code == 65, "\(result)")
      #expect(result.stderr.contains("anteckning: there is no such field."), "\(result)")
      #expect(result.stderr.contains("--ignore-unknown"))
      #expect(store.snapshot() == before)
    }
    let typo = store.run(
      ["consent", "import", "-"], stdin: csv.replacingOccurrences(of: "until", with: "untill"))
    #expect(typo.stderr.contains("untill: there is no such field. Did you mean 'validUntil'?"))
    #expect(store.snapshot() == before)
    let ignored = store.run(["consent", "import", "-", "--ignore-unknown"], stdin: csv)
    #expect(ignored.code == 0, "\(ignored)")
    let again = store.run(["consent", "import", "-", "--ignore-unknown"], stdin: json)
    #expect(again.stderr.contains("1 unchanged"), "\(again)")
  }

  @Test func theColumnsAreDocumentedAndATemplateIsPrinted() throws {
    let store = TestStore()
    let help = store.run(["consent", "import", "--help"])
    #expect(help.stdout.contains("Required columns of a new record:"))
    #expect(help.stdout.contains("  validUntil (or until): a date YYYY-MM-DD"))
    #expect(help.stdout.contains("  type: one of explicit, implied, presumed; default explicit"))
    let template = store.run(["consent", "import", "--template"])
    #expect(template.code == 0)
    #expect(template.stdout.hasPrefix("id,ref,person,personName,parties,purposes,type,"))
    #expect(template.stdout.utf8.filter { $0 == 10 }.count == 1)
    let example = store.run(["consent", "import", "--template", "--format", "json"])
    let row = try #require(
      try JSONSerialization.jsonObject(with: Data(example.stdout.utf8)) as? [String: Any])
    #expect(row["type"] as? String == "explicit")
    #expect(row["validFrom"] as? String == "2026-11-25")
    #expect(row["person"] as? String == TestPerson.adult)
    #expect(store.snapshot().isEmpty)
  }

  @Test func oldExportsAreReadInTheirCharacterSet() throws {
    let store = TestStore()
    let directory = TemporaryDirectory()
    let text =
      "person;parties;purposes;until;form;informed;note\n\(TestPerson.adult);SF-NORDOST|FFS;sp;2027-01-01;written;ja;Åsa Öberg – 5 €\n"
    let windows = directory.file("windows.csv")
    try Data(latin(text, euroAndDash: true)).write(to: URL(fileURLWithPath: windows))
    let before = store.snapshot()
    let refused = store.run(["consent", "import", windows])
    #expect(refused.code == 65)
    #expect(refused.stderr.contains("--encoding windows-1252"), "\(refused)")
    #expect(store.snapshot() == before)
    let read = store.run(["consent", "import", windows, "--encoding", "windows-1252"])
    #expect(read.code == 0, "\(read)")
    #expect(
      store.run(["consent", "show", "CON-1", "--fields", "note"]).lines
        == ["note\tÅsa Öberg – 5 €"])
    let other = TestStore()
    let latin1 = directory.file("latin1.csv")
    try Data(latin(text.replacingOccurrences(of: " – 5 €", with: ""), euroAndDash: false))
      .write(to: URL(fileURLWithPath: latin1))
    #expect(other.run(["consent", "import", latin1, "--encoding", "iso-8859-1"]).code == 0)
    #expect(
      other.run(["consent", "show", "CON-1", "--fields", "note"]).lines == ["note\tÅsa Öberg"])
  }

  /// The text in Windows-1252 (with € and –) or ISO-8859-1.
  private func latin(_ text: String, euroAndDash: Bool) -> [UInt8] {
    text.unicodeScalars.map { scalar in
      switch scalar {
      case "€" where euroAndDash: return 0x80
      case "–" where euroAndDash: return 0x96
      default: return UInt8(scalar.value)
      }
    }
  }
}

/// A small deterministic random generator (SplitMix64), so generated inputs are the same
/// on every run.
struct SeededGenerator: RandomNumberGenerator {
  private var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
