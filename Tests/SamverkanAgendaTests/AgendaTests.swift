import Foundation
import SamverkanTestSupport
import Testing

/// `samverkan agenda`: every routine's dated obligations in one list (SPEC §13).
@Suite struct AgendaTests {
  static let youth = "20080601-2399"

  func run(_ store: TestStore, _ arguments: [String], today: String = testToday, stdin: String = "")
    -> RunResult
  {
    store.run(
      arguments, stdin: stdin,
      environment: ["SAMVERKAN_TODAY": today, "SAMVERKAN_NOW": "\(today)T09:00"])
  }

  func ok(_ store: TestStore, _ arguments: [String], today: String = testToday, stdin: String = "")
  {
    let result = run(store, arguments, today: today, stdin: stdin)
    #expect(result.code == 0, "\(arguments): \(result)")
  }

  /// Records of every kind for three persons, written on the days the routines would.
  func caseworkersWeek() -> TestStore {
    let store = TestStore()
    // The adult: a SIP invited but unanswered and no meeting booked, an SP never summoned.
    ok(
      store,
      [
        "consent", "grant", "--person", TestPerson.adult, "--name", "Anna Andersson",
        "--parties", "SF-NORDOST,REGION,FFS", "--purpose", "sip,sp", "--form", "written",
        "--until", "2027-11-16", "--informed",
      ], today: "2026-11-16")
    ok(
      store,
      [
        "sip", "create", "--person", TestPerson.adult, "--name", "Anna Andersson", "--trigger",
        "need", "--initiator", "SF-NORDOST", "--caseworker", "Eva Ek",
      ], today: "2026-11-16")
    ok(
      store,
      [
        "sip", "invite", "SIP-1", "--purpose", "Samordna stödet", "--question", "Vem gör vad?",
        "--party", "REGION",
      ], today: "2026-11-17")
    ok(
      store,
      [
        "sp", "create", "--person", TestPerson.adult, "--by", "SF-NORDOST", "--with", "FFS",
        "--caseworker", "Karin Ek",
      ], today: "2026-11-24")
    // The second adult: implied consent to re-examine, two matters at level 2, one of them
    // registered for the meeting on 2026-12-10.
    ok(
      store,
      [
        "consent", "grant", "--person", TestPerson.adult2, "--parties", "SF-NORDOST,FFS",
        "--purpose", "consultation", "--type", "implied", "--review", "2026-11-28", "--until",
        "2027-06-30", "--informed",
      ], today: "2026-11-20")
    for matter in ["ESC-1", "ESC-2"] {
      ok(
        store,
        [
          "escalate", "open", "--person", TestPerson.adult2, "--name", "Bo Berg", "--parties",
          "SF-NORDOST/BOU,FFS", "--responsible", "SF-NORDOST/BOU", "--question", "Vem ansvarar?",
          "--background", "Utredd 2019.", "--situation", "Boendestöd.",
        ], today: "2026-11-20")
      ok(store, ["escalate", "attempt", matter, "--note", "Utan att enas."], today: "2026-11-20")
      ok(store, ["escalate", "raise", matter], today: "2026-11-20")
    }
    ok(store, ["escalate", "register", "ESC-1", "--meeting", "2026-12-10"], today: "2026-11-21")
    // The youth: a transfer at 19 whose notice is due 2026-12-01.
    ok(
      store,
      [
        "transfer", "plan", "--person", Self.youth, "--from", "SF-NORDOST/BOU", "--to",
        "SF-NORDOST/VUXEN", "--caseworker", "Karin Lund",
      ], today: "2026-11-20")
    // A deviation report still waiting for part 2.
    ok(
      store,
      [
        "deviation", "report", "--reporting-unit", "SF-NORDOST/BOU", "--units",
        "SF-NORDOST/BOU,FFS", "--category", "late-notice", "--what", "Kallelsen kom för sent.",
        "--perceived", "Svårt att planera.", "--improvement", "Kalla tidigare.", "--name",
        "Eva Ek", "--title", "biträdande enhetschef",
      ], today: "2026-09-10")
    return store
  }

  @Test func aCaseworkersWeekInDateOrder() throws {
    let store = caseworkersWeek()
    let result = run(store, ["agenda"])
    #expect(result.code == 0, "\(result)")
    assertGolden(result.stdout, named: "agenda-2026-11-25.tsv")
    // Overdue items always show; the window is today to a week ahead by default.
    let rows = try json(run(store, ["agenda", "--json"]).stdout)
    #expect(rows.first?["kind"] as? String == "deviation.response")
    #expect(rows.first?["overdue"] as? Bool == true)
    #expect(!rows.contains { $0["kind"] as? String == "escalate.meeting" })
    let month = try json(run(store, ["agenda", "--to", "2026-12-10", "--json"]).stdout)
    #expect(
      month.filter { ($0["kind"] as? String)?.hasPrefix("escalate.") == true }.map {
        "\($0["kind"]!) \($0["id"]!) \($0["date"]!) \($0["time"] ?? "")"
      } == [
        "escalate.registration ESC-2 2026-12-09 12:00", "escalate.meeting ESC-1 2026-12-10 ",
      ])
    // A youth case at the age limit is first raised at the samverkansmöte (seed 001).
    #expect(month.contains { $0["kind"] as? String == "transfer.raise" })
  }

  @Test func itemsDisappearOnceTheStepIsTaken() throws {
    let store = caseworkersWeek()
    ok(store, ["sip", "respond", "SIP-1", "--party", "REGION", "--attending", "Lars Lind"])
    ok(store, ["consent", "review", "CON-2", "--next", "+90d"])
    let kinds = try json(run(store, ["agenda", "--json"]).stdout).map { $0["kind"] as? String }
    #expect(!kinds.contains("sip.response"))
    #expect(!kinds.contains("consent.review"))
    #expect(kinds.contains("sp.summons"))
  }

  @Test func filtersByUnitOrganizationAndCaseworker() throws {
    let store = caseworkersWeek()
    let ids = { (arguments: [String]) in
      try json(run(store, ["agenda", "--to", "2026-12-10", "--json"] + arguments).stdout).map {
        "\($0["id"]!)"
      }
    }
    #expect(try ids(["--unit", "REGION"]) == ["SIP-1"])
    #expect(
      try ids(["--unit", "SF-NORDOST/BOU"]).allSatisfy {
        $0 == "ESC-2" || $0 == "DEV-1" || $0 == "TRF-1" || $0 == "ESC-1"
      })
    #expect(try ids(["--org", "FFS"]).contains("DEV-1"))
    #expect(try ids(["--for", "karin ek"]) == ["SP-1"])
  }

  @Test func aProtectedPersonIsMaskedInTheAgenda() throws {
    let store = caseworkersWeek()
    ok(
      store,
      [
        "sp", "create", "--person", TestPerson.adult3, "--name", "Sara Skyddad", "--by",
        "SF-NORDOST", "--with", "FFS", "--protected",
      ])
    let listed = run(store, ["agenda", "--json"])
    #expect(listed.stdout.contains("\"person\": \"********-****\""), "\(listed)")
    #expect(!listed.stdout.contains(TestPerson.adult3) && !listed.stdout.contains("Sara"))
    let revealed = run(store, ["--reveal", "agenda", "--json"])
    #expect(revealed.stdout.contains(TestPerson.adult3) && revealed.stdout.contains("Sara"))
    let ics = run(store, ["agenda", "--format", "ics", "--with-names"])
    #expect(!ics.stdout.contains(TestPerson.adult3) && !ics.stdout.contains("Sara"))
  }

  @Test(arguments: [
    (["agenda", "--from", "2026-12-01", "--to", "2026-11-30"], "is before the first day"),
    (["agenda", "--to", "2026-02-30"], "2026-02-30"),
    (["agenda", "--with-names"], "'--with-names' is for '--format ics'"),
    (["agenda", "--format", "md"], "writes 'table', 'json', 'ndjson', 'csv', 'tsv' or 'ics'"),
    (["agenda", "--unit", "NOWHERE"], "NOWHERE"),
  ])
  func badQuestionsAreUsageErrorsAndChangeNothing(arguments: [String], saying: String) throws {
    let store = caseworkersWeek()
    let before = store.snapshot()
    let result = run(store, arguments)
    #expect(result.code == 64, "\(result)")
    #expect(result.stdout.isEmpty)
    #expect(result.stderr.contains(saying), "\(result)")
    #expect(store.changedFiles(since: before) == [])
  }

  // MARK: - iCalendar

  /// Two matters at level 2 in one administration (no consent needed between its units):
  /// ESC-1 registered for both coming meetings, ESC-2 for none, so ESC-2's registration
  /// deadlines fall on each side of the end of summer time (2027-10-31).
  func meetingsAcrossTheTimeChange() -> TestStore {
    let store = TestStore()
    for matter in ["ESC-1", "ESC-2"] {
      ok(
        store,
        [
          "escalate", "open", "--person", TestPerson.adult, "--name", "Anna Andersson",
          "--parties", "SF-NORDOST/BOU,SF-NORDOST/VUXEN", "--responsible", "SF-NORDOST/BOU",
          "--question", "Vem ansvarar, från 19 år?", "--background", "Utredd; diagnos, 2019.",
          "--situation", "Boendestöd.",
        ], today: "2027-10-18")
      ok(store, ["escalate", "attempt", matter, "--note", "Utan att enas."], today: "2027-10-18")
      ok(store, ["escalate", "raise", matter], today: "2027-10-18")
    }
    ok(store, ["escalate", "register", "ESC-1", "--meeting", "2027-10-28"], today: "2027-10-19")
    ok(store, ["escalate", "register", "ESC-1", "--meeting", "2027-11-03"], today: "2027-10-19")
    return store
  }

  static let icalendar = TestTool.runs(TestTool.pythonModule("icalendar"))

  @Test(.enabled(if: icalendar, "Python's icalendar is missing: pip install icalendar"))
  func theCalendarFileIsValidICalendarAcrossTheTimeChange() throws {
    let store = meetingsAcrossTheTimeChange()
    let first = run(
      store, ["agenda", "--to", "2027-11-05", "--format", "ics"], today: "2027-10-20")
    #expect(first.code == 0, "\(first)")
    let text = first.stdout
    // CRLF everywhere, no line longer than 75 octets, no names or numbers.
    #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
    for line in text.components(separatedBy: "\r\n") {
      #expect(line.utf8.count <= 75, "\(line)")
    }
    #expect(!text.contains("Anna") && !text.contains(TestPerson.adult))
    let events = try parse(text)
    let deadlines = events.filter { ($0["uid"] as? String)?.contains("registration") == true }
    #expect(
      deadlines.map { "\($0["uid"]!) \($0["start"]!) \($0["utc"]!)" } == [
        "ESC-2.escalate.registration.2027-10-28@samverkan 2027-10-27T12:00:00+02:00 2027-10-27T10:00:00+00:00",
        "ESC-2.escalate.registration.2027-11-03@samverkan 2027-11-02T12:00:00+01:00 2027-11-02T11:00:00+00:00",
      ])
    let meetings = events.filter { ($0["uid"] as? String)?.contains("meeting") == true }
    #expect(meetings.map { "\($0["start"]!)" } == ["2027-10-28", "2027-11-03"])
    // A later export, after ESC-2 is registered for one meeting: the same UIDs for what
    // remains, so a subscribed calendar updates rather than duplicates.
    ok(store, ["escalate", "register", "ESC-2", "--meeting", "2027-11-03"], today: "2027-10-21")
    let second = try parse(
      run(store, ["agenda", "--to", "2027-11-05", "--format", "ics"], today: "2027-10-21").stdout)
    let uids = Set(second.compactMap { $0["uid"] as? String })
    let before = Set(events.compactMap { $0["uid"] as? String })
    #expect(
      uids.subtracting(before) == ["ESC-2.escalate.meeting.2027-11-03@samverkan"], "\(uids)")
    #expect(
      before.subtracting(uids) == ["ESC-2.escalate.registration.2027-11-03@samverkan"], "\(uids)")
    #expect(second.count == uids.count)
  }

  @Test(.enabled(if: icalendar, "Python's icalendar is missing: pip install icalendar"))
  func textIsEscapedAndLongLinesFolded() throws {
    let store = meetingsAcrossTheTimeChange()
    let text = run(
      store, ["agenda", "--to", "2027-11-05", "--format", "ics", "--with-names"],
      today: "2027-10-20"
    ).stdout
    #expect(text.contains("Anna Andersson\\, 19900101-2385"))
    // The parser reads the folded, escaped description back whole.
    let events = try parse(text)
    let meeting = try #require(
      events.first { ($0["uid"] as? String)?.hasPrefix("ESC-1.escalate.meeting") == true })
    let description = try #require(meeting["description"] as? String)
    #expect(description.contains("'samverkan escalate agenda --meeting 2027-10-28'"))
    #expect(description.contains("\nAnsvar: SF-NORDOST/BOU, SF-NORDOST/VUXEN"))
  }

  // MARK: - Helpers

  func json(_ text: String) throws -> [[String: Any]] {
    try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
  }

  /// The events as Python's `icalendar` reads them: a real parser, not ours.
  func parse(_ text: String) throws -> [[String: Any]] {
    let script = """
      import sys, json, icalendar, datetime
      calendar = icalendar.Calendar.from_ical(sys.stdin.buffer.read())
      events = []
      for event in calendar.walk('VEVENT'):
          start = event.decoded('DTSTART')
          row = {'uid': str(event['UID']), 'summary': str(event['SUMMARY']),
                 'description': str(event['DESCRIPTION']), 'start': start.isoformat()}
          if isinstance(start, datetime.datetime):
              row['utc'] = start.astimezone(datetime.timezone.utc).isoformat()
          events.append(row)
      json.dump(events, sys.stdout)
      """
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", script]
    let input = Pipe()
    let output = Pipe()
    let errors = Pipe()
    process.standardInput = input
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    input.fileHandleForWriting.write(Data(text.utf8))
    try input.fileHandleForWriting.close()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    let problems = String(
      decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    try #require(process.terminationStatus == 0, "icalendar could not read the file: \(problems)")
    return try #require(JSONSerialization.jsonObject(with: data) as? [[String: Any]])
  }
}
