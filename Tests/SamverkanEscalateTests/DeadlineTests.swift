import Foundation
import SamverkanDomain
import SamverkanEscalate
import SamverkanTestSupport
import Testing

/// Registration closes at 12:00 Stockholm time the day before the meeting — also when the
/// clocks change in between.
@Suite struct DeadlineTests {
  /// One registration attempt at a pinned instant.
  struct Case: Sendable, CustomStringConvertible {
    var meeting: String
    var now: String
    var accepted: Bool
    var description: String { "meeting \(meeting), now \(now): \(accepted ? "in time" : "late")" }
  }

  @Test(arguments: [
    // An ordinary week: Thursday's meeting, Wednesday noon.
    Case(meeting: "2026-12-10", now: "2026-12-09T11:59", accepted: true),
    Case(meeting: "2026-12-10", now: "2026-12-09T12:00", accepted: false),
    Case(meeting: "2026-12-10", now: "2026-12-09T11:59:59Z", accepted: false),
    Case(meeting: "2026-12-10", now: "2026-12-09T10:59:59Z", accepted: true),
    // Summer time begins on Sunday 2026-03-29 at 02:00: the deadline is 12:00 CEST = 10:00Z.
    Case(meeting: "2026-03-30", now: "2026-03-28T12:30", accepted: true),
    Case(meeting: "2026-03-30", now: "2026-03-29T11:59", accepted: true),
    Case(meeting: "2026-03-30", now: "2026-03-29T12:00", accepted: false),
    Case(meeting: "2026-03-30", now: "2026-03-29T09:59:00Z", accepted: true),
    // 12:30 in Stockholm; reading the deadline with winter time would let it through.
    Case(meeting: "2026-03-30", now: "2026-03-29T10:30:00Z", accepted: false),
    // Winter time returns on Sunday 2026-10-25 at 03:00: the deadline is 12:00 CET = 11:00Z.
    Case(meeting: "2026-10-26", now: "2026-10-24T13:00", accepted: true),
    Case(meeting: "2026-10-26", now: "2026-10-25T11:59", accepted: true),
    Case(meeting: "2026-10-26", now: "2026-10-25T12:00", accepted: false),
    // 11:30 in Stockholm; reading the deadline with summer time would refuse it.
    Case(meeting: "2026-10-26", now: "2026-10-25T10:30:00Z", accepted: true),
    Case(meeting: "2026-10-26", now: "2026-10-25T11:00:00Z", accepted: false),
  ])
  func registrationClosesAtNoonTheDayBefore(_ example: Case) throws {
    let store = TestStore()
    let opened = String(example.meeting.prefix(8)) + "01"
    let id = store.anonymousAtLevel2(today: opened)
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
      let dayBefore = try CivilDate(iso: example.meeting).adding(days: -1)
      #expect(
        message.contains(
          "Registration for the meeting on \(example.meeting) closed at 12:00 on \(dayBefore) (Stockholm time)"
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
    #expect(try deadline("2026-03-30") == "2026-03-29T10:00:00Z")
    #expect(try deadline("2026-10-26") == "2026-10-25T11:00:00Z")
    // The first day of a month: the day before is in the previous month.
    #expect(try deadline("2027-01-01") == "2026-12-31T11:00:00Z")
    let rules = try RegistrationDeadline(meeting: CivilDate(iso: "2026-12-10"), rules: .goteborg)
    #expect(rules.text == "12:00 on 2026-12-09")
    #expect(rules.isOpen(at: Timestamp.parseUTC("2026-12-09T10:59:59Z")!))
    #expect(!rules.isOpen(at: Timestamp.parseUTC("2026-12-09T11:00:00Z")!))
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
      ["--now", "2026-12-08T09:30", "escalate", "register", id, "--meeting", "2026-12-10"])
    #expect(late.contains("closed at 09:30 on 2026-12-08"))
    store.ok(["--now", "2026-12-08T09:29", "escalate", "register", id, "--meeting", "2026-12-10"])
  }
}
