import SamverkanJSON
import Foundation

/// The journal's timestamps: UTC, ISO 8601, to the second (`2026-11-25T14:03:07Z`).
///
/// Written and read by hand because the journal holds one per line and `history` reads them
/// all: a DateFormatter per call would cost more than everything else on the line.
public enum Timestamp {
  /// The instant as `YYYY-MM-DDTHH:MM:SSZ` in UTC; fractions of a second are dropped.
  public static func utcString(_ date: Date) -> String {
    let seconds = Int(date.timeIntervalSince1970.rounded(.down))
    let day = CivilDate(daysSinceEpoch: seconds.floorDivided(by: 86_400))
    let secondOfDay = seconds.floorModulo(86_400)
    var bytes: [UInt8] = []
    bytes.reserveCapacity(20)
    day.appendISO(to: &bytes)
    bytes.append(UInt8(ascii: "T"))
    ASCII.appendDigits(secondOfDay / 3_600, width: 2, to: &bytes)
    bytes.append(ASCII.colon)
    ASCII.appendDigits(secondOfDay % 3_600 / 60, width: 2, to: &bytes)
    bytes.append(ASCII.colon)
    ASCII.appendDigits(secondOfDay % 60, width: 2, to: &bytes)
    bytes.append(UInt8(ascii: "Z"))
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Reads `YYYY-MM-DDTHH:MM:SSZ` as `utcString(_:)` writes it, also without the seconds
  /// (`…THH:MMZ`) or with a fraction (`…:SS.250Z`); nil for anything else.
  public static func parseUTC(_ s: String) -> Date? {
    let bytes = Array(s.utf8)[...]
    let start = bytes.startIndex
    guard bytes.count >= 17, bytes.last == UInt8(ascii: "Z"),
      case .success(let day) = CivilDate.parseISO(bytes.prefix(10)),
      bytes[start + 10] == UInt8(ascii: "T"), bytes[start + 13] == ASCII.colon,
      let hour = ASCII.number(bytes, at: 11, count: 2), hour <= 23,
      let minute = ASCII.number(bytes, at: 14, count: 2), minute <= 59
    else { return nil }
    var seconds = 0
    var fraction = 0.0
    if bytes.count > 17 {
      guard bytes.count >= 20, bytes[start + 16] == ASCII.colon,
        let whole = ASCII.number(bytes, at: 17, count: 2), whole <= 59
      else { return nil }
      seconds = whole
      if bytes.count > 20 {
        // A fraction: a dot and at least one digit before the Z.
        let digits = bytes.count - 21
        guard digits >= 1, digits <= 9, bytes[start + 19] == UInt8(ascii: "."),
          let value = ASCII.number(bytes, at: 20, count: digits)
        else { return nil }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        fraction = Double(value) / scale
      }
    }
    let total = day.daysSinceEpoch * 86_400 + hour * 3_600 + minute * 60 + seconds
    return Date(timeIntervalSince1970: TimeInterval(total) + fraction)
  }
}

/// An instant stored as UTC ISO 8601 to the second (`2026-12-09T10:59:00Z`), like the
/// journal's timestamps.
public struct UTCInstant: Codable, StoredAsText, Sendable, Equatable, Comparable,
  CustomStringConvertible
{
  public let date: Date

  /// The instant, to the whole second.
  public init(_ date: Date) {
    self.date = Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down))
  }

  /// Reads `YYYY-MM-DDTHH:MM:SSZ`.
  public init(utc text: String) throws(ValueError) {
    guard let date = Timestamp.parseUTC(text) else {
      throw ValueError("'\(text)' is not a UTC time", expected: "YYYY-MM-DDTHH:MM:SSZ")
    }
    self.init(date)
  }

  public var description: String { Timestamp.utcString(date) }

  /// The Stockholm wall time of the instant.
  public var local: LocalDateTime { LocalDateTime(instant: date) }

  public static func < (lhs: UTCInstant, rhs: UTCInstant) -> Bool { lhs.date < rhs.date }

  public init(from decoder: any Decoder) throws {
    self = try decoder.decodeText(UTCInstant.init(utc:))
  }

  /// Reads the stored UTC time, as `init(from:)` does.
  public init(storedText: String) throws { try self.init(utc: storedText) }

  /// The stored string: what `encode(to:)` writes.
  public var storedText: String { description }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(storedText)
  }
}
