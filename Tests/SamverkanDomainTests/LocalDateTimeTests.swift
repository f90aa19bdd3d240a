import Foundation
import SamverkanDomain
import Testing

/// The instant written as a UTC ISO 8601 string, read with Foundation's own parser so that
/// the tests do not check the code with itself.
private func utc(_ text: String) -> Date {
  guard let date = ISO8601DateFormatter().date(from: text) else {
    Issue.record("the test's own instant \(text) is invalid")
    return Date(timeIntervalSince1970: 0)
  }
  return date
}

@Suite struct LocalDateTimeTests {
  // MARK: - Reading

  @Test(arguments: [
    ("2026-11-25T14:03", "2026-11-25T14:03"), ("2026-11-25 14:03", "2026-11-25T14:03"),
    ("2026-11-25T14:03:59", "2026-11-25T14:03"), ("2026-11-25 00:00:00", "2026-11-25T00:00"),
    ("2026-12-31T23:59", "2026-12-31T23:59"), ("2024-02-29T12:00", "2024-02-29T12:00"),
  ])
  func times(text: String, written: String) throws {
    #expect(try LocalDateTime(iso: text).description == written)
  }

  @Test(arguments: [
    ("2026-11-25T24:00", "there is no hour 24; midnight is 00:00 of the next day"),
    ("2026-11-25T25:00", "there is no hour 25; hours go from 00 to 23"),
    ("2026-11-25T23:60", "there is no minute 60; minutes go from 00 to 59"),
    ("2026-11-25T14:03:60", "there is no second 60; seconds go from 00 to 59"),
    ("2026-11-25T14:03.00", "the seconds are not written as :SS"),
    ("2026-02-30T10:00", "February 2026 has 28 days"),
    ("2026/11/25T10:00", "the year, month and day are separated by -, not /"),
    ("2026-11-25", "it is not in the form YYYY-MM-DDTHH:MM"),
    ("2026-11-25T14", "it is not in the form YYYY-MM-DDTHH:MM"),
    ("2026-11-25T1:03", "it is not in the form YYYY-MM-DDTHH:MM"),
    ("2026-11-25t14:03", "it is not in the form YYYY-MM-DDTHH:MM"),
    ("2026-11-25T14:03Z", "it is not in the form YYYY-MM-DDTHH:MM"),
    ("2026-11-25T14:03+01:00", "it is not in the form YYYY-MM-DDTHH:MM"),
    ("2026-11-25T14.03", "it is not in the form YYYY-MM-DDTHH:MM"),
    ("2026-1-5T10:00", "it is not in the form YYYY-MM-DDTHH:MM"),
    ("", "it is not in the form YYYY-MM-DDTHH:MM"),
    ("now", "it is not in the form YYYY-MM-DDTHH:MM"),
  ])
  func refusals(text: String, reason: String) {
    let error = #expect(throws: ValueError.self) { try LocalDateTime(iso: text) }
    #expect(error?.reason == reason)
    #expect(error?.expected == "a time as YYYY-MM-DDTHH:MM")
  }

  @Test func fieldsAreChecked() {
    let day = civil("2026-11-25")
    #expect(LocalDateTime(date: day, hour: 24, minute: 0) == nil)
    #expect(LocalDateTime(date: day, hour: 23, minute: 60) == nil)
    #expect(LocalDateTime(date: day, hour: -1, minute: 0) == nil)
    #expect(LocalDateTime(date: day, hour: 23, minute: 59)?.description == "2026-11-25T23:59")
  }

  // MARK: - Stockholm time

  /// Wall times in Stockholm and their UTC instants, around the 2026 changes: summer time
  /// starts 29 March at 02:00 (to 03:00) and ends 25 October at 03:00 (back to 02:00).
  @Test(arguments: [
    ("2026-01-15T12:00", "2026-01-15T11:00:00Z"),
    ("2026-07-01T12:00", "2026-07-01T10:00:00Z"),
    ("2026-03-29T01:59", "2026-03-29T00:59:00Z"),
    ("2026-03-29T03:00", "2026-03-29T01:00:00Z"),
    ("2026-10-25T01:59", "2026-10-24T23:59:00Z"),
    ("2026-10-25T02:00", "2026-10-25T00:00:00Z"),  // the hour that comes twice: the first time
    ("2026-10-25T02:30", "2026-10-25T00:30:00Z"),
    ("2026-10-25T02:59", "2026-10-25T00:59:00Z"),
    ("2026-10-25T03:00", "2026-10-25T02:00:00Z"),
    ("2026-11-25T00:30", "2026-11-24T23:30:00Z"),
  ])
  func instants(wall: String, instant: String) throws {
    #expect(try LocalDateTime(iso: wall).instant() == utc(instant))
  }

  @Test(arguments: ["2026-03-29T02:00", "2026-03-29T02:30", "2026-03-29T02:59"])
  func timesTheClocksSkipAreRefused(wall: String) throws {
    let time = try LocalDateTime(iso: wall)
    let error = #expect(throws: ValueError.self) { try time.instant() }
    #expect(
      error?.reason
        == "that time does not exist in Stockholm: the clocks move forward from 02:00 to 03:00 "
        + "that night")
  }

  @Test(arguments: [
    ("2026-03-29T00:59:59Z", "2026-03-29T01:59"), ("2026-03-29T01:00:00Z", "2026-03-29T03:00"),
    ("2026-10-25T00:30:00Z", "2026-10-25T02:30"), ("2026-10-25T01:30:00Z", "2026-10-25T02:30"),
    ("2026-11-24T23:30:00Z", "2026-11-25T00:30"), ("1969-12-31T23:00:00Z", "1970-01-01T00:00"),
  ])
  func wallTimesOfInstants(instant: String, wall: String) {
    #expect(LocalDateTime(instant: utc(instant)).description == wall)
  }

  @Test func everyHourOf2026RoundTrips() throws {
    var instant = utc("2026-01-01T00:00:00Z")
    var failures: [String] = []
    while instant < utc("2027-01-01T00:00:00Z") {
      let wall = LocalDateTime(instant: instant)
      let back = try wall.instant()
      // In the hour that comes twice the second instant reads back as the first.
      let isRepeated = wall.date == civil("2026-10-25") && wall.hour == 2
      if back != instant && !(isRepeated && back == instant.addingTimeInterval(-3_600)) {
        failures.append("\(instant) → \(wall) → \(back)")
      }
      instant.addTimeInterval(3_600)
    }
    #expect(failures.isEmpty, "\(failures.prefix(5))")
  }

  // MARK: - Protocols

  @Test func ordersByTime() throws {
    let times = try ["2026-11-25T14:03", "2026-11-25T09:59", "2026-11-24T23:00"].map {
      text throws(ValueError) in try LocalDateTime(iso: text)
    }
    #expect(
      times.sorted().map(\.description) == [
        "2026-11-24T23:00", "2026-11-25T09:59", "2026-11-25T14:03",
      ])
  }

  @Test func codableAsTheISOString() throws {
    let time = try LocalDateTime(iso: "2026-11-25 14:03:07")
    let json = try JSONEncoder().encode([time])
    #expect(String(decoding: json, as: UTF8.self) == "[\"2026-11-25T14:03\"]")
    #expect(try JSONDecoder().decode([LocalDateTime].self, from: json) == [time])
    #expect(throws: DecodingError.self) {
      try JSONDecoder().decode([LocalDateTime].self, from: Data("[\"2026-11-25T24:00\"]".utf8))
    }
  }

  @Test func theTimeZoneIsStockholms() {
    #expect(Stockholm.timeZone.identifier == "Europe/Stockholm")
  }
}

@Suite struct TimestampTests {
  @Test func writesUTCToTheSecondLikeFoundation() {
    let formatter = ISO8601DateFormatter()
    // From 1800 to 2200, in steps that land on every second, minute and hour in time.
    var failures: [String] = []
    for seconds in stride(from: -5_364_662_400, to: 7_258_118_400, by: 1_000_037) {
      let date = Date(timeIntervalSince1970: TimeInterval(seconds))
      if Timestamp.utcString(date) != formatter.string(from: date) {
        failures.append("\(seconds): \(Timestamp.utcString(date))")
      }
    }
    #expect(failures.isEmpty, "\(failures.prefix(5))")
    #expect(Timestamp.utcString(utc("2026-11-25T14:03:07Z")) == "2026-11-25T14:03:07Z")
  }

  @Test func dropsFractionsOfASecond() {
    let second = utc("2026-11-25T14:03:07Z")
    #expect(Timestamp.utcString(second.addingTimeInterval(0.999)) == "2026-11-25T14:03:07Z")
    #expect(Timestamp.utcString(Date(timeIntervalSince1970: -0.5)) == "1969-12-31T23:59:59Z")
  }

  @Test(arguments: [
    ("2026-11-25T14:03:07Z", "2026-11-25T14:03:07Z"), ("2026-11-25T14:03Z", "2026-11-25T14:03:00Z"),
    ("1969-12-31T23:59:59Z", "1969-12-31T23:59:59Z"),
    ("2024-02-29T00:00:00Z", "2024-02-29T00:00:00Z"),
  ])
  func reads(text: String, instant: String) {
    #expect(Timestamp.parseUTC(text) == utc(instant))
  }

  @Test func readsFractions() throws {
    let date = try #require(Timestamp.parseUTC("2026-11-25T14:03:07.25Z"))
    #expect(date.timeIntervalSince(utc("2026-11-25T14:03:07Z")) == 0.25)
    #expect(Timestamp.utcString(date) == "2026-11-25T14:03:07Z")
  }

  @Test(arguments: [
    "", "2026-11-25T14:03:07", "2026-11-25 14:03:07Z", "2026-11-25T24:00:00Z",
    "2026-11-25T14:60:00Z", "2026-11-25T14:03:60Z", "2026-02-30T00:00:00Z",
    "2026-11-25T14:03:07.Z", "2026-11-25T14:03:7Z", "2026-11-25T14:03:07+00:00",
    "2026-11-25T14:03:07.1234567890Z", "2026-11-25T14:03:07,5Z", "2026-11-25T14Z",
  ])
  func refuses(text: String) {
    #expect(Timestamp.parseUTC(text) == nil)
  }
}
