import Foundation
import SamverkanDomain
import Testing

/// The computer's clock in these tests: 2026-11-25 at 10:00 in Stockholm.
private let systemNow = Date(timeIntervalSince1970: 1_795_597_200)

private func resolve(
  today: String? = nil, now: String? = nil, environment: [String: String] = [:]
) throws(SamverkanError) -> Clock {
  try Clock.resolve(
    todayOption: today, nowOption: now, environment: environment, systemNow: systemNow)
}

private func instant(_ text: String) -> Date {
  Timestamp.parseUTC(text) ?? Date(timeIntervalSince1970: 0)
}

@Suite struct ClockTests {
  @Test func theSystemNowIsStockholmTime() {
    #expect(Timestamp.utcString(systemNow) == "2026-11-25T09:00:00Z")
    let clock = Clock(now: instant("2026-11-24T23:30:00Z"))
    #expect(clock.today == civil("2026-11-25"))
    #expect(Clock(now: instant("2026-07-01T21:59:00Z")).today == civil("2026-07-01"))
    #expect(Clock(now: instant("2026-07-01T22:00:00Z")).today == civil("2026-07-02"))
  }

  @Test func nothingPinnedIsTheSystemClock() throws {
    let clock = try resolve(environment: ["SAMVERKAN_TODAY": "", "SAMVERKAN_NOW": ""])
    #expect(clock.now == systemNow)
    #expect(clock.today == civil("2026-11-25"))
  }

  /// `--today` or SAMVERKAN_TODAY, alone: that date, at 12:00 Stockholm time.
  @Test(arguments: [
    (Optional("2026-12-24"), [String: String](), "2026-12-24", "2026-12-24T11:00:00Z"),
    (nil, ["SAMVERKAN_TODAY": "2026-12-24"], "2026-12-24", "2026-12-24T11:00:00Z"),
    ("2026-07-01", [:], "2026-07-01", "2026-07-01T10:00:00Z"),
    ("2026-03-29", [:], "2026-03-29", "2026-03-29T10:00:00Z"),
    ("yesterday", [:], "2026-11-24", "2026-11-24T11:00:00Z"),
    ("-2w", [:], "2026-11-11", "2026-11-11T11:00:00Z"),
    (nil, ["SAMVERKAN_TODAY": "+1y"], "2027-11-25", "2027-11-25T11:00:00Z"),
  ])
  func todayAlonePinsTheDateAtNoon(
    option: String?, environment: [String: String], today: String, now: String
  ) throws {
    let clock = try resolve(today: option, environment: environment)
    #expect(clock.today == civil(today))
    #expect(Timestamp.utcString(clock.now) == now)
  }

  @Test(arguments: [
    ("2026-11-25T14:03", "2026-11-25", "2026-11-25T13:03:00Z"),
    ("2026-11-25 14:03:30", "2026-11-25", "2026-11-25T13:03:00Z"),
    ("2026-11-24T23:30:00Z", "2026-11-25", "2026-11-24T23:30:00Z"),
    ("2026-07-01T23:30", "2026-07-01", "2026-07-01T21:30:00Z"),
    ("2026-10-25T02:30", "2026-10-25", "2026-10-25T00:30:00Z"),
  ])
  func nowPinsTheInstantAndTheDate(text: String, today: String, now: String) throws {
    for clock in [try resolve(now: text), try resolve(environment: ["SAMVERKAN_NOW": text])] {
      #expect(clock.today == civil(today))
      #expect(Timestamp.utcString(clock.now) == now)
    }
  }

  @Test func anOptionWinsOverItsVariable() throws {
    let environment = ["SAMVERKAN_TODAY": "2026-01-01", "SAMVERKAN_NOW": "2026-01-01T08:00"]
    #expect(try resolve(today: "2026-12-24", environment: environment).today == civil("2026-12-24"))
    let clock = try resolve(now: "2026-12-24T08:00", environment: environment)
    #expect(Timestamp.utcString(clock.now) == "2026-12-24T07:00:00Z")
  }

  @Test func theCommandLineSetsAsideBothVariables() throws {
    // A one-off --today in a shell that exports SAMVERKAN_NOW on another date.
    let clock = try resolve(
      today: "2026-12-24", environment: ["SAMVERKAN_NOW": "2026-01-01T08:00"])
    #expect(clock.today == civil("2026-12-24"))
    #expect(Timestamp.utcString(clock.now) == "2026-12-24T11:00:00Z")
  }

  @Test func bothOnTheSameDateTakeTheInstantOfNow() throws {
    let clock = try resolve(today: "2026-11-25", now: "2026-11-25T08:15")
    #expect(clock.today == civil("2026-11-25"))
    #expect(Timestamp.utcString(clock.now) == "2026-11-25T07:15:00Z")
    let fromEnvironment = try resolve(environment: [
      "SAMVERKAN_TODAY": "today", "SAMVERKAN_NOW": "2026-11-24T23:30:00Z",
    ])
    #expect(fromEnvironment.today == civil("2026-11-25"))
  }

  @Test func bothOnDifferentDatesAreRefused() {
    #expect(
      throws: SamverkanError.invalidValue(
        "2026-11-24", option: "--today <date>",
        reason: "--now <datetime> falls on 2026-11-25; give one of them, or both on the same date")
    ) {
      try resolve(today: "2026-11-24", now: "2026-11-25T08:00")
    }
    #expect(
      throws: SamverkanError.invalidValue(
        "2026-11-24", option: "SAMVERKAN_TODAY",
        reason: "SAMVERKAN_NOW falls on 2026-11-25; give one of them, or both on the same date")
    ) {
      try resolve(environment: [
        "SAMVERKAN_TODAY": "2026-11-24", "SAMVERKAN_NOW": "2026-11-24T23:30:00Z",
      ])
    }
  }

  static let dateExpected =
    "Expected a date as YYYY-MM-DD, today, tomorrow, yesterday or an offset such as +14d, -2w, "
    + "+6m, +1y"
  static let timeExpected =
    "Expected a time as YYYY-MM-DDTHH:MM, or a UTC instant such as 2026-11-25T14:03:07Z"

  @Test func badValuesNameWhereTheyCameFrom() {
    #expect(
      throws: SamverkanError.invalidValue(
        "2026-02-30", option: "--today <date>",
        reason: "February 2026 has 28 days. \(Self.dateExpected)")
    ) { try resolve(today: "2026-02-30") }
    #expect(
      throws: SamverkanError.invalidValue(
        "next monday", option: "SAMVERKAN_TODAY", reason: "not a date. \(Self.dateExpected)")
    ) { try resolve(environment: ["SAMVERKAN_TODAY": "next monday"]) }
    #expect(
      throws: SamverkanError.invalidValue(
        "", option: "--today <date>", reason: "the date is empty. \(Self.dateExpected)")
    ) { try resolve(today: "") }
    #expect(
      throws: SamverkanError.invalidValue(
        "2026-11-25T24:00", option: "--now <datetime>",
        reason:
          "there is no hour 24; midnight is 00:00 of the next day. \(Self.timeExpected)")
    ) { try resolve(now: "2026-11-25T24:00") }
    #expect(
      throws: SamverkanError.invalidValue(
        "2026-03-29T02:30", option: "SAMVERKAN_NOW",
        reason:
          "that time does not exist in Stockholm: the clocks move forward from 02:00 to 03:00 "
          + "that night. \(Self.timeExpected)")
    ) { try resolve(environment: ["SAMVERKAN_NOW": "2026-03-29T02:30"]) }
    #expect(
      throws: SamverkanError.invalidValue(
        "2026-11-25T14:03:61Z", option: "--now <datetime>",
        reason: "it is not a UTC time in the form YYYY-MM-DDTHH:MM:SSZ. \(Self.timeExpected)")
    ) { try resolve(now: "2026-11-25T14:03:61Z") }
    #expect(
      throws: SamverkanError.invalidValue(
        "yesterday", option: "--now <datetime>",
        reason: "it is not in the form YYYY-MM-DDTHH:MM. \(Self.timeExpected)")
    ) { try resolve(now: "yesterday") }
  }

  @Test func theSystemClockIsNow() {
    let before = Date()
    let clock = Clock.system()
    #expect(clock.now >= before && clock.now <= Date())
    #expect(clock.today == LocalDateTime(instant: clock.now).date)
  }
}
