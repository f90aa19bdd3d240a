import Foundation
import SamverkanDomain
import Testing

@Suite struct CivilDateTests {
  // MARK: - The calendar

  @Test(arguments: [
    (1600, true), (1800, false), (1900, false), (1996, true), (2000, true), (2023, false),
    (2024, true), (2026, false), (2100, false), (2400, true),
  ])
  func leapYears(year: Int, isLeap: Bool) {
    #expect(CivilDate.isLeapYear(year) == isLeap)
    #expect(CivilDate.daysIn(month: 2, year: year) == (isLeap ? 29 : 28))
    #expect((CivilDate(year: year, month: 2, day: 29) != nil) == isLeap)
  }

  @Test func daysInEveryMonth() {
    let days = (1...12).map { CivilDate.daysIn(month: $0, year: 2026) }
    #expect(days == [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])
    #expect(CivilDate.daysIn(month: 0, year: 2026) == 0)
    #expect(CivilDate.daysIn(month: 13, year: 2026) == 0)
  }

  @Test(arguments: [
    (2026, 2, 29), (2026, 4, 31), (2026, 13, 1), (2026, 0, 1), (2026, 1, 0),
    (2026, 1, 32), (1900, 2, 29),
  ])
  func impossibleDatesAreNil(year: Int, month: Int, day: Int) {
    #expect(CivilDate(year: year, month: month, day: day) == nil)
  }

  /// Days since 1970-01-01 for dates worked out elsewhere (Python's datetime).
  @Test(arguments: [
    ("1970-01-01", 0), ("1970-01-02", 1), ("1969-12-31", -1), ("2000-03-01", 11_017),
    ("2026-11-25", 20_782), ("1800-01-01", -62_091), ("1900-03-01", -25_508),
    ("9999-12-31", 2_932_896),
  ])
  func daysSinceEpoch(text: String, days: Int) {
    #expect(civil(text).daysSinceEpoch == days)
    #expect(CivilDate(daysSinceEpoch: days) == civil(text))
  }

  @Test func everyDayFrom1800To9999FollowsTheOneBefore() {
    // Walk the calendar by hand, one day at a time, and check the day numbers step by one.
    var (year, month, day) = (1800, 1, 1)
    var expected = civil("1800-01-01").daysSinceEpoch
    var failures = 0
    while year <= 9999 {
      let date = CivilDate(daysSinceEpoch: expected)
      if (date.year, date.month, date.day) != (year, month, day) { failures += 1 }
      if date.daysSinceEpoch != expected { failures += 1 }
      expected += 1
      day += 1
      if day > CivilDate.daysIn(month: month, year: year) {
        day = 1
        month += 1
        if month > 12 {
          month = 1
          year += 1
        }
      }
    }
    #expect(failures == 0)
    #expect(expected == civil("9999-12-31").daysSinceEpoch + 1)
  }

  @Test(arguments: [
    ("1970-01-01", 4), ("2000-01-01", 6), ("1800-01-01", 3), ("2026-03-29", 7),
    ("2026-11-23", 1), ("2026-11-25", 3), ("1969-12-29", 1),
  ])
  func isoWeekdays(text: String, weekday: Int) {
    #expect(civil(text).weekday == weekday)
  }

  // MARK: - Arithmetic

  @Test(arguments: [
    ("2026-08-31", 6, "2027-02-28"), ("2024-01-31", 1, "2024-02-29"),
    ("2026-03-31", -1, "2026-02-28"), ("2026-01-15", -13, "2024-12-15"),
    ("2026-12-31", 1, "2027-01-31"), ("2026-05-31", 1, "2026-06-30"),
    ("2026-11-25", 0, "2026-11-25"), ("2026-11-25", 1_200, "2126-11-25"),
  ])
  func addingMonthsEndsOnTheMonthsLastDay(from: String, months: Int, to: String) {
    #expect(civil(from).adding(months: months) == civil(to))
  }

  @Test(arguments: [
    ("2024-02-29", 1, "2025-02-28"), ("2024-02-29", 4, "2028-02-29"),
    ("2024-02-29", -4, "2020-02-29"), ("2024-02-29", -1, "2023-02-28"),
    ("2026-11-25", 100, "2126-11-25"),
  ])
  func addingYears(from: String, years: Int, to: String) {
    #expect(civil(from).adding(years: years) == civil(to))
  }

  @Test(arguments: [
    ("2026-12-31", 1, "2027-01-01"), ("2024-02-28", 1, "2024-02-29"),
    ("2026-03-01", -1, "2026-02-28"), ("2026-11-25", 365, "2027-11-25"),
  ])
  func addingDays(from: String, days: Int, to: String) {
    #expect(civil(from).adding(days: days) == civil(to))
    #expect(civil(from).days(until: civil(to)) == days)
    #expect(civil(to).days(until: civil(from)) == -days)
  }

  /// In Swedish law someone born on 29 February turns a year older on 1 March in other years.
  @Test(arguments: [
    ("2024-02-29", 1, "2025-03-01"), ("2024-02-29", 4, "2028-02-29"),
    ("2000-02-29", 100, "2100-03-01"), ("2000-02-29", 400, "2400-02-29"),
    ("2024-02-28", 1, "2025-02-28"), ("2026-11-25", 18, "2044-11-25"),
    ("2026-11-25", 0, "2026-11-25"),
  ])
  func anniversaries(born: String, years: Int, on: String) {
    #expect(civil(born).anniversary(years) == civil(on))
  }

  // MARK: - Reading ISO dates

  @Test(arguments: ["1800-01-01", "2026-11-25", "2024-02-29", "9999-12-31", "2000-02-29"])
  func isoDatesRoundTrip(text: String) throws {
    #expect(try CivilDate(iso: text).description == text)
  }

  @Test(arguments: [
    ("2026-02-30", "February 2026 has 28 days"),
    ("2026-02-29", "February 2026 has 28 days"),
    ("2024-02-30", "February 2024 has 29 days"),
    ("2026-04-31", "April 2026 has 30 days"),
    ("2026-13-01", "there is no month 13"),
    ("2026-00-10", "there is no month 0"),
    ("2026-01-00", "there is no day 0"),
    ("2026-01-32", "January 2026 has 31 days"),
    ("1799-12-31", "the year must be from 1800 to 9999"),
    ("0000-01-01", "the year must be from 1800 to 9999"),
    ("26-1-1", "the year needs four digits"),
    ("26-01-01", "the year needs four digits"),
    ("2026-1-5", "the month and the day need two digits each"),
    ("2026/01/01", "the year, month and day are separated by -, not /"),
    ("2026.01.01", "the year, month and day are separated by -, not ."),
    (" 2026-01-01", "there is a space before or after the date"),
    ("2026-01-01 ", "there is a space before or after the date"),
    ("", "it is not in the form YYYY-MM-DD"),
    ("20260101", "it is not in the form YYYY-MM-DD"),
    ("2026-01-01T10:00", "it is not in the form YYYY-MM-DD"),
    ("2026-01/01", "it is not in the form YYYY-MM-DD"),
    ("+2026-01-01", "it is not in the form YYYY-MM-DD"),
    ("２０２６-01-01", "it is not in the form YYYY-MM-DD"),
    ("today", "it is not in the form YYYY-MM-DD"),
  ])
  func isoRefusals(text: String, reason: String) {
    let error = #expect(throws: ValueError.self) { try CivilDate(iso: text) }
    #expect(error?.reason == reason)
    #expect(error?.expected == "a date as YYYY-MM-DD")
  }

  // MARK: - Reading input dates

  @Test(arguments: [
    ("2026-12-24", "2026-12-24"), ("today", "2026-11-25"), ("TODAY", "2026-11-25"),
    ("Tomorrow", "2026-11-26"), ("yesterday", "2026-11-24"), ("+14d", "2026-12-09"),
    ("-14d", "2026-11-11"), ("+14D", "2026-12-09"), ("-2w", "2026-11-11"),
    ("+2W", "2026-12-09"), ("+6m", "2027-05-25"), ("-1M", "2026-10-25"),
    ("+1y", "2027-11-25"), ("-18y", "2008-11-25"), ("+0d", "2026-11-25"),
    ("+00007d", "2026-12-02"), ("+99999d", "2300-09-09"),
  ])
  func inputDates(text: String, expected: String) throws {
    #expect(try CivilDate.parse(text, today: civil("2026-11-25")) == civil(expected))
  }

  @Test func inputOffsetsEndOnTheMonthsLastDay() throws {
    #expect(try CivilDate.parse("+6m", today: civil("2026-08-31")) == civil("2027-02-28"))
    #expect(try CivilDate.parse("+1y", today: civil("2024-02-29")) == civil("2025-02-28"))
    #expect(try CivilDate.parse("-1m", today: civil("2026-03-31")) == civil("2026-02-28"))
  }

  @Test(arguments: [
    ("", "the date is empty"),
    ("next monday", "not a date"),
    ("now", "not a date"),
    (" today", "not a date"),
    ("today ", "not a date"),
    ("to day", "not a date"),
    ("2026-1-5", "the month and the day need two digits each"),
    ("2026-02-30", "February 2026 has 28 days"),
    ("+3x", "the unit must be d, w, m or y"),
    ("+3dd", "the unit must be d, w, m or y"),
    ("+3 d", "the unit must be d, w, m or y"),
    ("+3days", "the unit must be d, w, m or y"),
    ("+14", "the unit is missing: d, w, m or y"),
    ("+d", "the number is missing"),
    ("+", "the number is missing"),
    ("-", "the number is missing"),
    ("+-3d", "the number is missing"),
    ("+ 3d", "the number is missing"),
    ("+123456d", "the number has more than 5 digits"),
    ("14d", "an offset needs a sign: + for later, - for earlier"),
    ("2w", "an offset needs a sign: + for later, - for earlier"),
    ("+99999y", "the offset goes beyond the years 1800–9999"),
    ("+99999m", "the offset goes beyond the years 1800–9999"),
    ("-99999w", "the offset goes beyond the years 1800–9999"),
  ])
  func inputRefusals(text: String, reason: String) {
    let error = #expect(throws: ValueError.self) {
      try CivilDate.parse(text, today: civil("2026-11-25"))
    }
    #expect(error?.reason == reason)
    #expect(
      error?.expected
        == "a date as YYYY-MM-DD, today, tomorrow, yesterday or an offset such as +14d, -2w, "
        + "+6m, +1y")
  }

  // MARK: - Protocols

  @Test func ordersByDay() {
    let dates = ["2026-11-25", "2025-12-31", "2026-01-01", "2026-11-24"].map(civil)
    #expect(
      dates.sorted().map(\.description) == [
        "2025-12-31", "2026-01-01", "2026-11-24", "2026-11-25",
      ])
  }

  @Test func codableAsTheISOString() throws {
    let json = try JSONEncoder().encode([civil("2026-01-05")])
    #expect(String(decoding: json, as: UTF8.self) == "[\"2026-01-05\"]")
    #expect(try JSONDecoder().decode([CivilDate].self, from: json) == [civil("2026-01-05")])
  }

  @Test(arguments: ["2026-02-30", "2026-1-5", "today", "+14d"])
  func decodingIsStrict(text: String) throws {
    let json = Data("[\"\(text)\"]".utf8)
    let reason = #expect(throws: ValueError.self) { try CivilDate(iso: text) }
    do {
      _ = try JSONDecoder().decode([CivilDate].self, from: json)
      Issue.record("decoded \(text)")
    } catch DecodingError.dataCorrupted(let context) {
      #expect(context.debugDescription == reason?.description)
    }
  }
}
