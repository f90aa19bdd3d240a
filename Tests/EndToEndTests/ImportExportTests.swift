import Foundation
import SamverkanTestSupport
import Testing

/// Bulk import and export as admins use them: spreadsheets, older systems, whole stores.
@Suite struct ImportExportTests {
  /// A consent row as a spreadsheet would hold it.
  private func consentRow(_ n: Int, person: String, separator: String = ";") -> String {
    [
      "ext-\(n)", person, "Person \(n)", "SF-NORDOST|FFS", "sp,sip", "explicit", "written",
      "self", "2026-01-01", "2027-06-30", "ja", "handläggare", "2026-01-01",
    ].joined(separator: separator)
  }

  private let header =
    "ref;person;personName;parties;purposes;type;form;givenBy;validFrom;validUntil;informed;recordedBy;recordedOn"

  @Test func aSpreadsheetSavedByLibreOfficeOrExcelImports() throws {
    let store = TestStore()
    let directory = TemporaryDirectory()
    // What Swedish Excel and LibreOffice write: a byte order mark, ';' between cells, CRLF
    // line ends, a quoted cell with a line break, å/ä/ö, an empty cell for "absent".
    let rows = [
      header + ";restrictions;reviewDate",
      consentRow(1, person: TestPerson.adult) + ";\"Inget om ekonomin.\r\nInget om pappan.\";",
      "ext-2;\(TestPerson.adult2);Åsa Öberg;SF-NORDOST,AVO;consultation;implied;;self;2026-03-01;2026-12-31;ja;Örjan;2026-03-01;;2026-05-30",
    ]
    let file = directory.file("samtycken.csv")
    try Data([0xEF, 0xBB, 0xBF] + Array((rows.joined(separator: "\r\n") + "\r\n").utf8)).write(
      to: URL(fileURLWithPath: file))
    let result = store.run(["consent", "import", file])
    #expect(result.code == 0, "\(result)")
    #expect(result.stderr.contains("2 created"))
    let first = store.run(["consent", "show", "CON-1", "--json", "--reveal"]).stdout
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(first.utf8)) as? [String: Any])
    #expect(json["restrictions"] as? String == "Inget om ekonomin.\nInget om pappan.")
    #expect(json["parties"] as? [String] == ["SF-NORDOST", "FFS"])
    #expect(json["purposes"] as? [String] == ["sp", "sip"])
    #expect(json["informed"] as? Bool == true)
    let second = store.run([
      "consent", "show", "CON-2", "--fields", "personName,parties,reviewDate,recordedBy",
    ])
    #expect(
      second.lines == [
        "personName\tÅsa Öberg",
        "parties\tSF-NORDOST (Socialförvaltningen Nordost); AVO (Äldre samt vård- och omsorgsförvaltningen)",
        "reviewDate\t2026-05-30", "recordedBy\tÖrjan on 2026-03-01",
      ], "\(second)")
    // The same file again changes nothing.
    let before = store.snapshot()
    let again = store.run(["consent", "import", file])
    #expect(again.stderr.contains("0 created, 0 updated, 2 unchanged"), "\(again)")
    #expect(store.changedFiles(since: before) == [])
  }

  @Test func aCSVFileSavedByLibreOfficeImports() throws {
    let store = TestStore()
    let file = repositoryRoot.appendingPathComponent(
      "Tests/EndToEndTests/Fixtures/libreoffice-samtycken.csv"
    ).path
    let result = store.run(["consent", "import", file])
    #expect(result.code == 0, "\(result)")
    let rows = store.run([
      "consent", "export", "--fields", "ref,personName,parties,purposes,restrictions,recordedBy",
    ])
    #expect(
      rows.lines == [
        #"{"parties":["SF-NORDOST","FFS"],"personName":"Åsa Öberg","purposes":["sp","sip"],"recordedBy":"Örjan Ärlig","ref":"lo-1","restrictions":"Inget om ekonomin.\nInget om pappan, \"Kalle\"."}"#,
        #"{"parties":["SF-HISINGEN","AVO"],"personName":"Bo Ek","purposes":["consultation"],"recordedBy":"Örjan Ärlig","ref":"lo-2"}"#,
      ], "\(rows)")
  }

  @Test func oneBadRowAmongThousandsWritesNothing() throws {
    let store = TestStore()
    let people = try TestPerson.all().filter { $0.hasPrefix("19") }.prefix(3000)
    var lines = [header]
    for (n, twelve) in people.enumerated() {
      let person = "\(twelve.prefix(8))-\(twelve.suffix(4))"
      lines.append(
        n == 1776
          ? consentRow(n, person: person).replacingOccurrences(of: "2027-06-30", with: "2025-12-31")
          : consentRow(n, person: person))
    }
    lines[2500] = lines[2500].replacingOccurrences(of: "SF-NORDOST|FFS", with: "SF-NORDOST")
    let directory = TemporaryDirectory()
    let file = directory.file("tusentals.csv")
    try lines.joined(separator: "\n").write(toFile: file, atomically: true, encoding: .utf8)
    let result = store.run(["consent", "import", file])
    #expect(result.code == 65, "\(result)")
    #expect(result.stderr.contains("The input has 2 problems; nothing was written."))
    #expect(
      result.stderr.contains(
        "\(file):1778: validUntil: the end date 2025-12-31 is before the start date 2026-01-01"),
      "\(result.stderr)")
    #expect(result.stderr.contains("\(file):2501: parties: "), "\(result.stderr)")
    #expect(store.snapshot().isEmpty)
    // Once mended, the whole file goes in.
    lines[1777] = consentRow(
      1776,
      person:
        "\(people[people.startIndex + 1776].prefix(8))-\(people[people.startIndex + 1776].suffix(4))"
    )
    lines[2500] = lines[2500].replacingOccurrences(of: ";SF-NORDOST;", with: ";SF-NORDOST|FFS;")
    try lines.joined(separator: "\n").write(toFile: file, atomically: true, encoding: .utf8)
    let mended = store.run(["consent", "import", file])
    #expect(mended.code == 0, "\(mended)")
    #expect(store.run(["consent", "list", "-q"]).lines.count == 3000)
  }

  @Test func problemsAreCappedWithACount() {
    let store = TestStore()
    let rows = (0..<80).map { n in #"{"ref":"r\#(n)","person":"not-a-number"}"# }.joined(
      separator: "\n")
    let result = store.run(["consent", "import", "-"], stdin: rows)
    #expect(result.code == 65)
    #expect(result.stderr.contains("-:1: person: "), "\(result.stderr)")
    #expect(result.stderr.contains("… and 30 more problems"), "\(result.stderr)")
  }

  @Test func aDryRunSaysWhatWouldHappenAndWritesNothing() {
    let store = TestStore()
    store.run(
      ["consent", "import", "-"],
      stdin: [header, consentRow(1, person: TestPerson.adult)].joined(separator: "\n"))
    let before = store.snapshot()
    let rows = [
      header, consentRow(1, person: TestPerson.adult),
      consentRow(2, person: TestPerson.adult2),
    ].joined(separator: "\n")
    let result = store.run(["consent", "import", "-", "--dry-run"], stdin: rows)
    #expect(result.code == 0, "\(result)")
    #expect(result.lines == ["unchanged\t2\tCON-1\text-1", "create\t3\tCON-2\text-2"])
    #expect(
      result.stderr.contains(
        "Dry run, nothing written: would be 1 created, 0 updated, 1 unchanged."))
    #expect(store.changedFiles(since: before) == [])
  }

  @Test func exportThenImportRoundTripsInEveryFormat() throws {
    let source = TestStore()
    source.run([
      "consent", "grant", "--person", TestPerson.adult, "--name", "Anna, Berg", "--parties",
      "SF-NORDOST,FFS", "--purpose", "sp,sip", "--form", "written", "--until", "+1y", "--informed",
      "--restrict", "Inget om ekonomi; inget om skolan",
    ])
    source.run([
      "consent", "grant", "--person", TestPerson.adult2, "--parties", "SF-NORDOST/BOU,REGION",
      "--purpose", "sip", "--type", "implied", "--until", "+6m", "--informed",
    ])
    source.run([
      "consent", "revoke", "CON-1", "--reason", "Vill inte längre", "--communicated", "per telefon",
    ])
    let ndjson = source.run(["consent", "export"]).stdout
    for format in ["ndjson", "json", "csv"] {
      let exported = source.run(["consent", "export", "--format", format]).stdout
      let target = TestStore()
      let imported = target.run(["consent", "import", "-"], stdin: exported)
      #expect(imported.code == 0, "\(format): \(imported)")
      #expect(target.run(["consent", "export"]).stdout == ndjson, "\(format)")
    }
  }

  @Test func protectedPersonsStayProtectedAcrossStores() {
    let source = TestStore()
    source.run([
      "consent", "grant", "--person", TestPerson.adult, "--parties", "SF-NORDOST,FFS", "--purpose",
      "sp", "--form", "written", "--until", "+1y", "--informed", "--protected",
    ])
    let masked = source.run(["consent", "export"])
    #expect(!masked.stdout.contains(TestPerson.adult))
    #expect(masked.stderr.contains("add --reveal for a complete export"))
    // A masked export cannot be imported by mistake.
    #expect(TestStore().run(["consent", "import", "-"], stdin: masked.stdout).code == 65)
    for format in ["ndjson", "csv"] {
      let complete = source.run(["consent", "export", "--reveal", "--format", format]).stdout
      let target = TestStore()
      #expect(target.run(["consent", "import", "-"], stdin: complete).code == 0, "\(format)")
      #expect(
        target.run(["consent", "list", "--fields", "person"]).lines == ["********-****"],
        "\(format)")
    }
  }

  @Test func theWholeStoreMovesAndComesBackUnchanged() {
    let source = TestStore()
    source.run([
      "consent", "grant", "--person", TestPerson.adult, "--parties", "SF-NORDOST,FFS", "--purpose",
      "sp", "--form", "written", "--until", "+1y", "--informed",
    ])
    source.run([
      "sp", "create", "--person", TestPerson.adult, "--by", "SF-NORDOST", "--with", "FFS",
    ])
    source.run([
      "contacts", "assign", "--person", TestPerson.adult, "--org", "FFS", "--caseworker",
      "Anna Berg",
    ])
    source.run(["contacts", "update", "CT-3", "--note", "Ring före 10"])
    let exported = source.run(["store", "export", "--reveal"])
    #expect(exported.code == 0)
    let target = TestStore()
    let imported = target.run(["store", "import", "-"], stdin: exported.stdout)
    #expect(imported.code == 0, "\(imported)")
    #expect(target.run(["store", "export", "--reveal"]).stdout == exported.stdout)
    #expect(target.run(["store", "check"]).code == 0)
    let again = target.run(["store", "import", "-"], stdin: exported.stdout)
    #expect(again.stderr.contains("0 created, 0 updated"), "\(again)")
  }

  @Test func aWholeStoreImportNeedsIDs() {
    let target = TestStore()
    let result = target.run(["store", "import", "-"], stdin: #"{"person":"\#(TestPerson.adult)"}"#)
    #expect(result.code == 65)
    #expect(result.stderr.contains("-:1: id: a whole-store import needs the record's id"))
    #expect(target.snapshot().isEmpty)
  }

  @Test func textThatIsNotUTF8IsRefusedWithTheLine() throws {
    let store = TestStore()
    let directory = TemporaryDirectory()
    // "Örjan" in Windows-1252 on line 3.
    let bytes =
      Array((header + "\n" + consentRow(1, person: TestPerson.adult) + "\n").utf8)
      + Array("ext-2;\(TestPerson.adult2);".utf8) + [0xD6]
      + Array(
        "rjan;SF-NORDOST|FFS;sp;explicit;written;self;2026-01-01;2027-01-01;ja;x;2026-01-01\n".utf8)
    let file = directory.file("latin1.csv")
    try Data(bytes).write(to: URL(fileURLWithPath: file))
    let csv = store.run(["consent", "import", file])
    #expect(csv.code == 65)
    #expect(csv.stderr.contains("\(file):3: "), "\(csv.stderr)")
    #expect(csv.stderr.contains("UTF-8"))
    let json = store.run(
      ["consent", "import", "-"],
      stdin: String(decoding: Array(#"{"ref":"x"}"#.utf8) + [10], as: UTF8.self)
        + "{\"personName\":\"\u{FFFD}\"}")
    #expect(json.code == 65)
    let ndjsonFile = directory.file("latin1.ndjson")
    try Data(
      Array(#"{"ref":"a"}"#.utf8) + [10] + Array(#"{"personName":""#.utf8) + [0xD6, 0x22, 0x7D, 10]
    ).write(to: URL(fileURLWithPath: ndjsonFile))
    let ndjson = store.run(["consent", "import", ndjsonFile])
    #expect(ndjson.code == 65)
    #expect(ndjson.stderr.contains("\(ndjsonFile):2: "), "\(ndjson.stderr)")
    #expect(ndjson.stderr.contains("save it again as UTF-8"), "\(ndjson.stderr)")
    #expect(store.snapshot().isEmpty)
  }

  @Test func noProgressLinesWhenStderrIsNotATerminal() throws {
    let people = try TestPerson.all().filter { $0.hasPrefix("19") }.prefix(2000)
    var lines = [header]
    for (n, twelve) in people.enumerated() {
      lines.append(consentRow(n, person: "\(twelve.prefix(8))-\(twelve.suffix(4))"))
    }
    let result = TestStore().run(["consent", "import", "-"], stdin: lines.joined(separator: "\n"))
    #expect(result.code == 0)
    #expect(result.stderr == "Imported -: 2000 created, 0 updated, 0 unchanged.\n")
  }
}
