import SamverkanJSON
import Foundation

/// A wall-clock time in Europe/Stockholm to the minute: meetings, registration deadlines.
public struct LocalDateTime: Hashable, Comparable, Sendable, Codable, StoredAsText,
  CustomStringConvertible
{
  /// The calendar date.
  public let date: CivilDate
  /// The hour, 0–23.
  public let hour: Int
  /// The minute, 0–59.
  public let minute: Int

  /// What `init(iso:)` accepts, for its errors.
  static let expected = "a time as YYYY-MM-DDTHH:MM"

  /// The time, or nil unless the hour is 0–23 and the minute 0–59.
  public init?(date: CivilDate, hour: Int, minute: Int) {
    guard (0...23).contains(hour), (0...59).contains(minute) else { return nil }
    self.date = date
    self.hour = hour
    self.minute = minute
  }

  // MARK: - Text

  /// Reads `YYYY-MM-DDTHH:MM`, also with a space for the `T` and with seconds (`:SS`, 00–59),
  /// which are dropped. Midnight is 00:00 of the next day: 24:00 is an error.
  public init(iso text: String) throws(ValueError) {
    let bytes = Array(text.utf8)[...]
    let date: CivilDate
    switch CivilDate.parseISO(bytes.prefix(10)) {
    case .success(let parsed): date = parsed
    case .failure(let error) where bytes.count >= 16:
      // The date part has the right length; say what is wrong with it.
      throw ValueError(error.reason, expected: Self.expected)
    case .failure:
      throw ValueError("it is not in the form YYYY-MM-DDTHH:MM", expected: Self.expected)
    }
    let start = bytes.startIndex
    guard bytes.count == 16 || bytes.count == 19,
      bytes[start + 10] == UInt8(ascii: "T") || bytes[start + 10] == ASCII.space,
      bytes[start + 13] == ASCII.colon,
      let hour = ASCII.number(bytes, at: 11, count: 2),
      let minute = ASCII.number(bytes, at: 14, count: 2)
    else {
      throw ValueError("it is not in the form YYYY-MM-DDTHH:MM", expected: Self.expected)
    }
    if bytes.count == 19 {
      guard bytes[start + 16] == ASCII.colon, let seconds = ASCII.number(bytes, at: 17, count: 2)
      else {
        throw ValueError("the seconds are not written as :SS", expected: Self.expected)
      }
      guard seconds <= 59 else {
        throw ValueError(
          "there is no second \(seconds); seconds go from 00 to 59", expected: Self.expected)
      }
    }
    guard hour <= 23 else {
      throw ValueError(
        hour == 24
          ? "there is no hour 24; midnight is 00:00 of the next day"
          : "there is no hour \(hour); hours go from 00 to 23",
        expected: Self.expected)
    }
    guard minute <= 59 else {
      throw ValueError(
        "there is no minute \(minute); minutes go from 00 to 59", expected: Self.expected)
    }
    self.date = date
    self.hour = hour
    self.minute = minute
  }

  /// The time as `YYYY-MM-DDTHH:MM`.
  public var description: String {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(16)
    date.appendISO(to: &bytes)
    bytes.append(UInt8(ascii: "T"))
    ASCII.appendDigits(hour, width: 2, to: &bytes)
    bytes.append(ASCII.colon)
    ASCII.appendDigits(minute, width: 2, to: &bytes)
    return String(decoding: bytes, as: UTF8.self)
  }

  // MARK: - Instants

  /// This wall time as seconds since 1970-01-01T00:00, as if the clock were UTC.
  private var wallSeconds: Int {
    date.daysSinceEpoch * 86_400 + hour * 3_600 + minute * 60
  }

  /// The instant this wall time names in Stockholm.
  ///
  /// When the clocks move back in autumn a wall time such as 2026-10-25T02:30 happens twice;
  /// it means the first, in summer time. When they move forward in spring a wall time such as
  /// 2026-03-29T02:30 never happens, and that is an error rather than a guess.
  public func instant() throws(ValueError) -> Date {
    let zone = Stockholm.timeZone
    let wall = wallSeconds
    func offset(at seconds: Int) -> Int {
      zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }
    // A day either side is past any transition near this time, so the two offsets are the
    // only ones the wall time can have.
    let earlier = offset(at: wall - 86_400)
    let later = offset(at: wall + 86_400)
    // The larger offset gives the earlier instant: summer time when an autumn hour repeats.
    for candidate in [max(earlier, later), min(earlier, later)]
    where offset(at: wall - candidate) == candidate {
      return Date(timeIntervalSince1970: TimeInterval(wall - candidate))
    }
    throw ValueError(gapReason(offsetBefore: earlier, offsetAfter: later), expected: Self.expected)
  }

  /// Why a wall time in a spring-forward gap does not exist, naming the skipped span.
  private func gapReason(offsetBefore: Int, offsetAfter: Int) -> String {
    let zone = Stockholm.timeZone
    let dayBefore = Date(timeIntervalSince1970: TimeInterval(wallSeconds - offsetBefore - 86_400))
    if let transition = zone.nextDaylightSavingTimeTransition(after: dayBefore) {
      let from = LocalDateTime(instant: transition.addingTimeInterval(-60)).adding(minutes: 1)
      let to = LocalDateTime(instant: transition)
      return
        "that time does not exist in Stockholm: the clocks move forward from "
        + "\(from.clockText) to \(to.clockText) that night"
    }
    return "that time does not exist in Stockholm: the clocks move forward then"
  }

  /// The Stockholm wall time of `instant`, to the minute (seconds are dropped).
  public init(instant: Date) {
    let seconds = Int(instant.timeIntervalSince1970.rounded(.down))
    let local = seconds + Stockholm.timeZone.secondsFromGMT(for: instant)
    self.init(wallSeconds: local)
  }

  /// The wall time `seconds` after 1970-01-01T00:00, seconds dropped.
  private init(wallSeconds seconds: Int) {
    let secondOfDay = seconds.floorModulo(86_400)
    date = CivilDate(daysSinceEpoch: seconds.floorDivided(by: 86_400))
    hour = secondOfDay / 3_600
    minute = secondOfDay % 3_600 / 60
  }

  /// The wall time `minutes` later on the clock face, whatever the clocks do in between.
  private func adding(minutes: Int) -> LocalDateTime {
    LocalDateTime(wallSeconds: wallSeconds + minutes * 60)
  }

  /// `HH:MM`.
  private var clockText: String {
    String(description.suffix(5))
  }

  // MARK: - Protocols

  /// Earlier times first.
  public static func < (lhs: LocalDateTime, rhs: LocalDateTime) -> Bool {
    (lhs.date, lhs.hour, lhs.minute) < (rhs.date, rhs.hour, rhs.minute)
  }

  /// Reads the `YYYY-MM-DDTHH:MM` string, as `init(iso:)` does.
  public init(from decoder: any Decoder) throws {
    self = try decoder.decodeText(LocalDateTime.init(iso:))
  }

  /// Reads the stored `YYYY-MM-DDTHH:MM` string, as `init(from:)` does.
  public init(storedText: String) throws { try self.init(iso: storedText) }

  /// The stored string: what `encode(to:)` writes.
  public var storedText: String { description }

  /// Writes the time as its `YYYY-MM-DDTHH:MM` string.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(storedText)
  }
}

/// Sweden's time zone, in which every civil date and wall time of the routines is read.
public enum Stockholm {
  /// Europe/Stockholm: CET in winter, CEST in summer.
  public static let timeZone: TimeZone = {
    guard let zone = TimeZone(identifier: "Europe/Stockholm") else {
      // Without the zone every date would be silently wrong; there is nothing to fall back to.
      fatalError("The time zone Europe/Stockholm is missing: install the tzdata package.")
    }
    return zone
  }()
}
