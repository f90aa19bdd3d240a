import Foundation
import SamverkanDomain
import SamverkanEscalate
import SamverkanTestSupport
import Testing

/// Registration closes at 12:00 Stockholm time the day before the meeting — 12:00 itself in
/// time, the day before a Monday the Friday, public holidays skipped, and also when the clocks
/// change in between.
@Suite struct DeadlineTests {
  /// One registration attempt at a pinned instant.
  struct Case: Sendable, CustomStringConvertible {
    var meeting: String
    var now: String
    var accepted: Bool
    /// The day registration closes on.
    var closes: String
    /// With the profile's working-day rule switched off: "the day before" is the calendar's.
    var calendarDays = false
    var description: String { "meeting \(meeting), now \(now): \(accepted ? "in time" : "late")" }
  }

  @Test(arguments: [
    // An ordinary week: Thursday's meeting, Wednesday noon; 12:00 itself is in time.
    Case(meeting: "2026-12-10", now: "2026-12-09T11:59", accepted: true, closes: "2026-12-09"),
    Case(meeting: "2026-12-10", now: "2026-12-09T12:00", accepted: true, closes: "2026-12-09"),
    Case(meeting: "2026-12-10", now: "2026-12-09T12:01", accepted: false, closes: "2026-12-09"),
    Case(meeting: "2026-12-10", now: "2026-12-09T11:00:59Z", accepted: true, closes: "2026-12-09"),
    Case(meeting: "2026-12-10", now: "2026-12-09T11:01:00Z", accepted: false, closes: "2026-12-09"),
    // A Monday meeting: the day before is the Friday; Sunday is too late.
    Case(meeting: "2026-12-14", now: "2026-12-11T12:00", accepted: true, closes: "2026-12-11"),
    Case(meeting: "2026-12-14", now: "2026-12-11T12:01", accepted: false, closes: "2026-12-11"),
    Case(meeting: "2026-12-14", now: "2026-12-13T10:00", accepted: false, closes: "2026-12-11"),
    // Easter 2027: långfredagen 26 March and annandag påsk 29 March are days off, so a
    // Tuesday meeting closes on Thursday 25 March.
    Case(meeting: "2027-03-30", now: "2027-03-25T12:00", accepted: true, closes: "2027-03-25"),
    Case(meeting: "2027-03-30", now: "2027-03-26T09:00", accepted: false, closes: "2027-03-25"),
    // Midsommarafton 2026 is Friday 19 June: a Monday meeting closes on Thursday.
    Case(meeting: "2026-06-22", now: "2026-06-18T12:00", accepted: true, closes: "2026-06-18"),
    Case(meeting: "2026-06-22", now: "2026-06-19T08:00", accepted: false, closes: "2026-06-18"),
    // Trettondedag jul, Wednesday 6 January 2027.
    Case(meeting: "2027-01-07", now: "2027-01-05T11:00", accepted: true, closes: "2027-01-05"),
    Case(meeting: "2027-01-07", now: "2027-01-06T11:00", accepted: false, closes: "2027-01-05"),
    // With calendar days (the profile's switch off), across the change of clocks. Summer
    // time begins on Sunday 2026-03-29 at 02:00: the deadline is 12:00 CEST = 10:00Z.
    Case(
      meeting: "2026-03-30", now: "2026-03-28T12:30", accepted: true, closes: "2026-03-29",
      calendarDays: true),
    Case(
      meeting: "2026-03-30", now: "2026-03-29T12:00", accepted: true, closes: "2026-03-29",
      calendarDays: true),
    Case(
      meeting: "2026-03-30", now: "2026-03-29T12:01", accepted: false, closes: "2026-03-29",
      calendarDays: true),
    Case(
      meeting: "2026-03-30", now: "2026-03-29T10:00:59Z", accepted: true, closes: "2026-03-29",
      calendarDays: true),
    // 12:30 in Stockholm; reading the deadline with winter time would let it through.
    Case(
      meeting: "2026-03-30", now: "2026-03-29T10:30:00Z", accepted: false, closes: "2026-03-29",
      calendarDays: true),
    // Winter time returns on Sunday 2026-10-25 at 03:00: the deadline is 12:00 CET = 11:00Z.
    Case(
      meeting: "2026-10-26", now: "2026-10-25T12:00", accepted: true, closes: "2026-10-25",
      calendarDays: true),
    Case(
      meeting: "2026-10-26", now: "2026-10-25T12:01", accepted: false, closes: "2026-10-25",
      calendarDays: true),
    // 11:30 in Stockholm; reading the deadline with summer time would refuse it.
    Case(
      meeting: "2026-10-26", now: "2026-10-25T10:30:00Z", accepted: true, closes: "2026-10-25",
      calendarDays: true),
    Case(
      meeting: "2026-10-26", now: "2026-10-25T11:01:00Z", accepted: false, closes: "2026-10-25",
      calendarDays: true),
  ])
  func registrationClosesAtNoonTheDayBefore(_ example: Case) throws {
    let store = TestStore()
    let opened = String(example.meeting.prefix(8)) + "01"
    let id = store.anonymousAtLevel2(today: opened)
    if example.calendarDays {
      try #"{"escalation": {"registrationOnWorkingDays": false}}"#
        .write(toFile: store.path + "/profile.json", atomically: true, encoding: .utf8)
    }
    let arguments = [
      "--now", example.now, "escalate", "register", id, "--meeting", example.meeting,
    ]
    if example.accepted {
      #expect(store.ok(arguments) == id)
      let registration = try #require(try store.matter(id).registrations.first)
      #expect(registration.meeting.description == example.meeting)
      #expect(!registration.acute)
    } else {
      let message = store.refused(arguments)
      #expect(
        message.contains(
          "Registration for the meeting on \(example.meeting) closed at 12:00 on \(example.closes) (Stockholm time)"
        ),
        "\(message)")
      #expect(message.contains("--acute"))
    }
  }

  @Test func theDeadlineIsAnInstantInStockholm() throws {
    func deadline(_ meeting: String) throws -> String {
      Timestamp.utcString(
        try RegistrationDeadline(meeting: CivilDate(iso: meeting), rules: .goteborg).instant)
    }
    #expect(try deadline("2026-12-10") == "2026-12-09T11:00:00Z")
    // Monday meetings: the Friday before, in winter time before the clocks change.
    #expect(try deadline("2026-03-30") == "2026-03-27T11:00:00Z")
    #expect(try deadline("2026-10-26") == "2026-10-23T10:00:00Z")
    // The first day of a month: the day before is in the previous month.
    #expect(try deadline("2026-12-01") == "2026-11-30T11:00:00Z")
    // Nyårsafton is a day off: a meeting on 4 January 2027 (Monday) closes on 30 December.
    #expect(try deadline("2027-01-04") == "2026-12-30T11:00:00Z")
    let rules = try RegistrationDeadline(meeting: CivilDate(iso: "2026-12-10"), rules: .goteborg)
    #expect(rules.text == "12:00 on 2026-12-09")
    #expect(rules.isOpen(at: Timestamp.parseUTC("2026-12-09T11:00:00Z")!))
    #expect(rules.isOpen(at: Timestamp.parseUTC("2026-12-09T11:00:59Z")!))
    #expect(!rules.isOpen(at: Timestamp.parseUTC("2026-12-09T11:01:00Z")!))
  }

  @Test func anAcuteMatterIsAcceptedLateAndTheManagersCallEachOther() throws {
    let store = TestStore()
    let id = store.anonymousAtLevel2(today: "2026-12-01")
    let result = store.run(
      [
        "--now", "2026-12-09T15:10", "escalate", "register", id, "--meeting", "2026-12-10",
        "--acute",
      ])
    #expect(result.code == 0, "\(result)")
    #expect(result.lines == [id])
    #expect(result.stderr.contains("after the deadline (12:00 on 2026-12-09)"))
    #expect(result.stderr.contains("Contact the other units' biträdande enhetschef directly now"))
    let registration = try #require(try store.matter(id).registrations.first)
    #expect(registration.acute)
    #expect(registration.registeredAt.description == "2026-12-09T14:10:00Z")
    // On the meeting day itself an acute matter is still taken; after it, nothing is.
    let other = store.anonymousAtLevel2(today: "2026-12-01", question: "En annan fråga")
    store.ok([
      "--now", "2026-12-10T08:00", "escalate", "register", other, "--meeting", "2026-12-10",
      "--acute",
    ])
    let third = store.anonymousAtLevel2(today: "2026-12-01", question: "En tredje fråga")
    let over = store.refused(
      [
        "--now", "2026-12-11T08:00", "escalate", "register", third, "--meeting", "2026-12-10",
        "--acute",
      ])
    #expect(over.contains("The meeting on 2026-12-10 is over (today is 2026-12-11)"))
  }

  @Test func theProfileSetsTheTimeAndTheDays() throws {
    let store = TestStore()
    let id = store.anonymousAtLevel2(today: "2026-12-01")
    try FileManager.default.createDirectory(atPath: store.path, withIntermediateDirectories: true)
    try #"{"escalation": {"registrationDeadline": "09:30", "registrationDaysBefore": 2}}"#
      .write(toFile: store.path + "/profile.json", atomically: true, encoding: .utf8)
    let late = store.refused(
      ["--now", "2026-12-08T09:31", "escalate", "register", id, "--meeting", "2026-12-10"])
    #expect(late.contains("closed at 09:30 on 2026-12-08"))
    store.ok(["--now", "2026-12-08T09:30", "escalate", "register", id, "--meeting", "2026-12-10"])
  }
}
