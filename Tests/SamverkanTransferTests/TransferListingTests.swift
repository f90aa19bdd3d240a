import Foundation
import SamverkanDomain
import SamverkanTestSupport
import Testing

/// `upcoming`, `list`, `route`, `import`/`export` and the document for the receiving unit.
@Suite struct TransferListingTests {
  // MARK: - upcoming

  /// TRF-1 notice overdue; TRF-2 notice in 6 days; TRF-3 notice in 218 days; TRF-4 beyond
  /// nine months; TRF-5 cancelled; TRF-6 notified late, handover in 96 days.
  func agendaStore() throws -> TestStore {
    let store = TestStore()
    func plan(_ born: String, _ extra: [String] = []) throws {
      let result = store.run(
        [
          "transfer", "plan", "--person", try TestPerson.born(born), "--from", youthUnit, "--to",
          adultUnit,
        ]
          + extra)
      #expect(result.code == 0, "\(result)")
    }
    try plan("20080229")
    try plan("20080601")
    try plan("20090101")
    try plan("20100101")
    try plan("20080801")
    #expect(store.run(["transfer", "cancel", "TRF-5", "--reason", "Flyttar"]).code == 0)
    let familyHome = try TestPerson.born("20060301")
    try plan("20060301", ["--family-home"])
    try store.grantConsent(person: familyHome)
    store.fillPackage("TRF-6")
    #expect(store.run(["transfer", "notify", "TRF-6"]).code == 0)
    return store
  }

  @Test func upcomingListsTheNextDatesOverdueFirst() throws {
    let store = try agendaStore()
    let result = store.run(["transfer", "upcoming", "--within", "9m", "--json"])
    #expect(result.code == 0, "\(result)")
    let rows = try #require(try json(result.stdout) as? [[String: Any]])
    #expect(rows.map { $0["id"] as? String } == ["TRF-1", "TRF-2", "TRF-6", "TRF-3"])
    // Youth cases at the age limit not yet raised at the samverkansmöte: raising is due by
    // the notice deadline.
    #expect(rows.map { $0["due"] as? String } == ["raise", "raise", "handover", "raise"])
    #expect(
      rows.map { $0["dueDate"] as? String } == [
        "2026-09-01", "2026-12-01", "2027-03-01", "2027-07-01",
      ])
    #expect(rows.map { $0["daysLeft"] as? Int } == [-85, 6, 96, 218])
    #expect(rows.map { $0["overdue"] as? Bool } == [true, false, false, false])
    #expect(
      rows.map { $0["when"] as? String } == [
        "overdue by 85 days", "in 6 days", "in 96 days", "in 218 days",
      ])
    #expect(rows[2]["status"] as? String == "notified (late)")
    #expect(rows[2]["late"] as? Bool == true)
  }

  @Test func aTransferWhoseConsentWasWithdrawnIsListedAsBlocked() throws {
    let store = try agendaStore()
    try store.revokeConsent(RecordID(kind: .consent, number: 1), on: testToday)
    let result = store.run(["transfer", "upcoming", "--within", "9m", "--json"])
    let rows = try #require(try json(result.stdout) as? [[String: Any]])
    let blocked = try #require(rows.first { $0["id"] as? String == "TRF-6" })
    #expect(blocked["blocked"] as? String == "CON-1 is revoked from 2026-11-25")
    #expect(
      blocked["status"] as? String == "notified (late); blocked: CON-1 is revoked from 2026-11-25")
    #expect(rows.filter { $0["blocked"] != nil }.count == 1)
  }

  @Test func upcomingLooksAsFarAsAsked() throws {
    let store = try agendaStore()
    #expect(store.run(["transfer", "upcoming", "--within", "1w", "-q"]).stdout == "TRF-1\nTRF-2\n")
    #expect(store.run(["transfer", "upcoming", "--within", "0d", "-q"]).stdout == "TRF-1\n")
    #expect(
      store.run(["transfer", "upcoming", "--within", "2y", "-q"]).stdout
        == "TRF-1\nTRF-2\nTRF-6\nTRF-3\nTRF-4\n")
    // Without --within: the profile's nine months.
    #expect(store.run(["transfer", "upcoming", "-q"]).stdout == "TRF-1\nTRF-2\nTRF-6\nTRF-3\n")
    let table = store.run(["transfer", "upcoming", "--format", "tsv"])
    #expect(table.lines.first?.hasPrefix("TRF-1\traise\t2026-09-01\toverdue by 85 days\t") == true)
    let bad = store.run(["transfer", "upcoming", "--within", "-3m"])
    #expect(bad.code == 64)
    #expect(bad.stderr.contains("a span cannot be negative"))
  }

  @Test func upcomingFollowsThePinnedClock() throws {
    let store = try agendaStore()
    let later = store.run(["transfer", "upcoming", "--json"], on: "2026-12-02")
    let rows = try #require(try json(later.stdout) as? [[String: Any]])
    #expect(rows.prefix(2).map { $0["daysLeft"] as? Int } == [-92, -1])
    #expect(rows[1]["when"] as? String == "overdue by 1 day")
  }

  // MARK: - list

  @Test func listFiltersAndFlagsLateNotices() throws {
    let store = try agendaStore()
    #expect(
      store.run(["transfer", "list", "-q"]).stdout == "TRF-1\nTRF-2\nTRF-3\nTRF-4\nTRF-5\nTRF-6\n")
    #expect(
      store.run(["transfer", "list", "--open", "-q"]).stdout
        == "TRF-1\nTRF-2\nTRF-3\nTRF-4\nTRF-6\n")
    #expect(store.run(["transfer", "list", "--state", "cancelled", "-q"]).stdout == "TRF-5\n")
    #expect(store.run(["transfer", "list", "--late", "-q"]).stdout == "TRF-6\n")
    #expect(
      store.run(["transfer", "list", "--to", "SF-NORDOST", "-q"]).stdout.split(separator: "\n")
        .count == 6)
    #expect(store.run(["transfer", "list", "--to", "FFS", "-q"]).stdout == "")
    let person = try TestPerson.born("20060301")
    let one = store.run(["transfer", "list", "--person", person, "--format", "tsv"])
    #expect(
      one.stdout
        == "TRF-6\t\(person)\t\t\(youthUnit)\t\(adultUnit)\t2027-03-01\t2026-09-01\tnotified (late)\n"
    )
    let exported = store.run(["transfer", "export", "--late", "-q"])
    #expect(exported.stdout == "TRF-6\n")
  }

  // MARK: - route

  @Test func routeAnswersWithTheRuleAndExplains() throws {
    let store = TestStore()
    let adult = store.run(["transfer", "route", "--age", "23", "--json"])
    #expect(adult.code == 0)
    let answer = try #require(try json(adult.stdout) as? [String: Any])
    #expect(answer["rule"] as? String == "new-adult-case")
    #expect(answer["units"] as? [String] == ["aof"])
    #expect(answer["unitNames"] as? [String] == ["Äldre och funktionsnedsättning"])
    #expect(answer["parallel"] as? Bool == false)
    #expect(
      (answer["explanation"] as? String)?.contains("Aktualisering av ej tidigare kända ärenden")
        == true)

    let parallel = store.run([
      "transfer", "route", "--age", "30", "--needs", "substance-abuse", "--needs",
      "social-psychiatry",
      "--format", "tsv",
    ])
    #expect(parallel.lines.contains("rule\tparallel-investigation"))
    #expect(parallel.lines.contains("units\tiof-adult|aof"))
    #expect(
      parallel.lines.contains(
        "investigations\tIndivid och familj, vuxen: missbruk|Äldre och funktionsnedsättning: socialpsykiatri"
      ))

    let returning = store.run(["transfer", "route", "--age", "17", "--known-youth-case", "--json"])
    #expect(
      (try json(returning.stdout) as? [String: Any])?["rule"] as? String == "returning-youth-case")
    // Nothing is written.
    #expect(store.snapshot().isEmpty)
  }

  @Test func routeTakesTheAgeFromAPersonnummerOnThePinnedDay() throws {
    let store = TestStore()
    let person = try TestPerson.born("20071126")
    let before = store.run(["transfer", "route", "--person", person, "--json"])
    #expect((try json(before.stdout) as? [String: Any])?["age"] as? Int == 18)
    let on = store.run(["transfer", "route", "--person", person, "--json"], on: "2026-11-26")
    let answer = try #require(try json(on.stdout) as? [String: Any])
    #expect(answer["age"] as? Int == 19)
    #expect(answer["rule"] as? String == "new-adult-case")
  }

  @Test func routeRefusesWhatItCannotAnswer() throws {
    let store = TestStore()
    let unknown = store.run(["transfer", "route", "--age", "30", "--needs", "housing"])
    #expect(unknown.code == 64)
    #expect(unknown.stderr.contains("The value 'housing' is invalid for '--needs <need>'"))
    #expect(unknown.stderr.contains("'substance-abuse'"))
    let neither = store.run(["transfer", "route"])
    #expect(neither.code == 64)
    #expect(neither.stderr.contains("Give the person's age with --age N"))
    let both = store.run(["transfer", "route", "--age", "3", "--person", TestPerson.adult])
    #expect(both.code == 64)
    #expect(store.run(["transfer", "route", "--age", "-1"]).code == 64)
    #expect(store.run(["transfer", "route", "--age", "x"]).code == 64)
  }

  // MARK: - Profile

  @Test func anotherMunicipalitysAgesComeFromItsProfile() throws {
    let store = TestStore()
    try FileManager.default.createDirectory(atPath: store.path, withIntermediateDirectories: true)
    try Data(#"{"transfer": {"adultAge": 20, "familyHomeAge": 22, "noticeMonths": 3}}"#.utf8)
      .write(to: URL(fileURLWithPath: store.path + "/profile.json"))
    let plan = store.run([
      "transfer", "plan", "--person", try TestPerson.born("20080229"), "--from", youthUnit, "--to",
      adultUnit,
    ])
    #expect(plan.code == 0, "\(plan)")
    #expect(plan.stderr.contains("handover on 2028-02-29 (the 20th birthday;"))
    #expect(plan.stderr.contains("by 2027-11-29 (3 months before;"))
    #expect(!plan.stderr.contains("1 March"))
    let route = store.run(["transfer", "route", "--age", "19", "--json"])
    #expect((try json(route.stdout) as? [String: Any])?["rule"] as? String == "youth-case")
  }

  @Test func aProfileWithAnUnknownUnitIsRefused() throws {
    let store = TestStore()
    try FileManager.default.createDirectory(atPath: store.path, withIntermediateDirectories: true)
    try Data(#"{"transfer": {"adultUnit": "nowhere"}}"#.utf8)
      .write(to: URL(fileURLWithPath: store.path + "/profile.json"))
    let result = store.run(["transfer", "route", "--age", "30"])
    #expect(result.code == 78)
    #expect(result.stderr.contains("transfer.adultUnit: 'nowhere' is not one of transfer.units"))
  }
}
