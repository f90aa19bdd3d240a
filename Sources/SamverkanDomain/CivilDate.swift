import SamverkanJSON
import Foundation

/// A calendar date in Europe/Stockholm, without time: what the routines' deadlines are made of.
///
/// The arithmetic is plain integer arithmetic on the proleptic Gregorian calendar (Howard
/// Hinnant's `days_from_civil`), so it needs no Foundation `Calendar` and no time zone.
public struct CivilDate: Hashable, Comparable, Sendable, Codable, StoredAsText,
  CustomStringConvertible
{
  /// The year, e.g. 2026.
  public let year: Int
  /// The month, 1 = January … 12 = December.
  public let month: Int
  /// The day of the month, from 1.
  public let day: Int

  /// The years a date may have when read from text: four digits, and none before the oldest
  /// birth dates the registers hold.
  static let textYears = 1800...9999

  /// What `init(iso:)` accepts, for its errors.
  static let isoExpected = "a date as YYYY-MM-DD"

  /// What `parse(_:today:)` accepts, for its errors.
  static let inputExpected =
    "a date as YYYY-MM-DD, today, tomorrow, yesterday or an offset such as +14d, -2w, +6m, +1y"

  /// The date, or nil unless it exists in the Gregorian calendar (2026-02-30 does not).
  public init?(year: Int, month: Int, day: Int) {
    guard day >= 1, day <= Self.daysIn(month: month, year: year) else { return nil }
    self.year = year
    self.month = month
    self.day = day
  }

  /// For parts already known to form a real date: a fixed day every year has (31
  /// December), or one computed to exist.
  init(validYear year: Int, month: Int, day: Int) {
    self.year = year
    self.month = month
    self.day = day
  }

  // MARK: - Reading text

  /// Reads exactly `YYYY-MM-DD`, a four-digit year from 1800 to 9999; anything else, or a
  /// date that does not exist, is an error that says what is wrong.
  public init(iso text: String) throws(ValueError) {
    // The string's own bytes, not a copy: records hold many dates.
    var text = text
    self = try text.withUTF8 { Self.parseISO($0) }.get()
  }

  /// Reads a date as the command line and imports take it: `YYYY-MM-DD`, `today`,
  /// `tomorrow`, `yesterday` (in any case), or an offset from `today` with a sign, a number of
  /// one to five digits and a unit: `+14d`, `-2w`, `+6m`, `+1y`. Nothing else is guessed at.
  public static func parse(_ text: String, today: CivilDate) throws(ValueError) -> CivilDate {
    let bytes = Array(text.utf8)[...]
    guard let first = bytes.first else {
      throw ValueError("the date is empty", expected: inputExpected)
    }
    if first == ASCII.plus || first == ASCII.minus {
      let offset: DateOffset
      switch DateOffset.parseUnsigned(bytes.dropFirst()) {
      case .success(let parsed): offset = parsed
      case .failure(let error): throw ValueError(error.reason, expected: inputExpected)
      }
      let date = first == ASCII.plus ? offset.after(today) : offset.before(today)
      guard textYears.contains(date.year) else {
        throw ValueError(
          "the offset goes beyond the years \(textYears.lowerBound)–\(textYears.upperBound)",
          expected: inputExpected)
      }
      return date
    }
    if ASCII.isDigit(first) {
      // "14d" is an offset without its sign, not a malformed date.
      if case .success = DateOffset.parseUnsigned(bytes) {
        throw ValueError(
          "an offset needs a sign: + for later, - for earlier", expected: inputExpected)
      }
      switch parseISO(bytes) {
      case .success(let date): return date
      case .failure(let error): throw ValueError(error.reason, expected: inputExpected)
      }
    }
    switch String(decoding: bytes.map(ASCII.lowercased), as: UTF8.self) {
    case "today": return today
    case "tomorrow": return today.adding(days: 1)
    case "yesterday": return today.adding(days: -1)
    default: throw ValueError("not a date", expected: inputExpected)
    }
  }

  /// The date a stored `YYYY-MM-DD` text (without quotes) says, as `init(iso:)` reads it;
  /// nil when it does not.
  public init?(isoBytes bytes: UnsafeRawBufferPointer) {
    guard bytes.count == 10, case .success(let date) = Self.parseISO(bytes) else {
      return nil
    }
    self = date
  }

  /// Reads `YYYY-MM-DD` from bytes; LocalDateTime reads its date part with it too.
  static func parseISO<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes) -> Result<
    CivilDate, ValueError
  > where Bytes.Index == Int {
    guard bytes.count == 10, bytes[bytes.startIndex + 4] == ASCII.minus,
      bytes[bytes.startIndex + 7] == ASCII.minus,
      let year = ASCII.number(bytes, at: 0, count: 4),
      let month = ASCII.number(bytes, at: 5, count: 2),
      let day = ASCII.number(bytes, at: 8, count: 2)
    else {
      return .failure(ValueError(isoFormProblem(Array(bytes)[...]), expected: isoExpected))
    }
    if let problem = problem(year: year, month: month, day: day) {
      return .failure(ValueError(problem, expected: isoExpected))
    }
    return .success(CivilDate(validYear: year, month: month, day: day))
  }

  /// Why a year, month and day read from text do not make a date, or nil when they do.
  static func problem(year: Int, month: Int, day: Int) -> String? {
    guard textYears.contains(year) else {
      return "the year must be from \(textYears.lowerBound) to \(textYears.upperBound)"
    }
    guard (1...12).contains(month) else { return "there is no month \(month)" }
    guard day >= 1 else { return "there is no day 0" }
    let days = daysIn(month: month, year: year)
    guard day <= days else { return "\(monthNames[month - 1]) \(year) has \(days) days" }
    return nil
  }

  /// Names what is wrong with the form of a date that is not `YYYY-MM-DD`, so that the
  /// message points at the part to fix. Only runs on the error path.
  private static func isoFormProblem(_ bytes: ArraySlice<UInt8>) -> String {
    if let first = bytes.first, let last = bytes.last,
      ASCII.isWhitespace(first) || ASCII.isWhitespace(last)
    {
      return "there is a space before or after the date"
    }
    // Split into runs of digits and the single bytes between them: 2026/1/5 → 2026 / 1 / 5.
    var runs: [Int] = []
    var separators: [UInt8] = []
    var run = 0
    for byte in bytes {
      if ASCII.isDigit(byte) {
        run += 1
      } else {
        guard run > 0 else { return "it is not in the form YYYY-MM-DD" }
        runs.append(run)
        separators.append(byte)
        run = 0
      }
    }
    runs.append(run)
    guard runs.count == 3, runs.allSatisfy({ $0 > 0 }), separators[0] == separators[1] else {
      return "it is not in the form YYYY-MM-DD"
    }
    if separators[0] != ASCII.minus {
      let separator = String(decoding: [separators[0]], as: UTF8.self)
      return "the year, month and day are separated by -, not \(separator)"
    }
    if runs[0] != 4 { return "the year needs four digits" }
    return "the month and the day need two digits each"
  }

  /// English month names, for messages.
  static let monthNames = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
  ]

  // MARK: - Arithmetic

  /// Days since 1970-01-01, which is day 0; negative before it.
  public var daysSinceEpoch: Int {
    // Howard Hinnant's days_from_civil: a year that starts in March puts the leap day last.
    let y = month <= 2 ? year - 1 : year
    let era = y.floorDivided(by: 400)
    let yearOfEra = y - era * 400
    let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }

  /// The date `daysSinceEpoch` days after 1970-01-01 (before it when negative).
  public init(daysSinceEpoch: Int) {
    // Howard Hinnant's civil_from_days, the inverse of daysSinceEpoch.
    let z = daysSinceEpoch + 719_468
    let era = z.floorDivided(by: 146_097)
    let dayOfEra = z - era * 146_097
    let yearOfEra =
      (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let shiftedMonth = (5 * dayOfYear + 2) / 153
    let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
    self.init(
      validYear: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month: month,
      day: dayOfYear - (153 * shiftedMonth + 2) / 5 + 1)
  }

  /// The date `days` days later (earlier when negative).
  public func adding(days: Int) -> CivilDate {
    CivilDate(daysSinceEpoch: daysSinceEpoch + days)
  }

  /// The same day `months` months later (earlier when negative), or the month's last day when
  /// it is shorter: 2026-08-31 + 6 months = 2027-02-28.
  public func adding(months: Int) -> CivilDate {
    let monthIndex = year * 12 + (month - 1) + months
    let newYear = monthIndex.floorDivided(by: 12)
    let newMonth = monthIndex.floorModulo(12) + 1
    let newDay = Swift.min(day, Self.daysIn(month: newMonth, year: newYear))
    return CivilDate(validYear: newYear, month: newMonth, day: newDay)
  }

  /// The same day `years` years later (earlier when negative); 29 February becomes
  /// 28 February in a year that is not a leap year: 2024-02-29 + 1 year = 2025-02-28.
  public func adding(years: Int) -> CivilDate {
    adding(months: years * 12)
  }

  /// The day a person born on this date turns `years` old. In Swedish law someone born on
  /// 29 February turns a year older on 1 March when the year is not a leap year.
  public func anniversary(_ years: Int) -> CivilDate {
    let target = year + years
    if month == 2, day == 29, !Self.isLeapYear(target) {
      return CivilDate(validYear: target, month: 3, day: 1)
    }
    return CivilDate(validYear: target, month: month, day: day)
  }

  /// The age in whole years on `date` of someone born on this date; negative before it.
  public func age(on date: CivilDate) -> Int {
    let years = date.year - year
    return date < anniversary(years) ? years - 1 : years
  }

  /// The number of days from this date to `other`: negative when `other` is earlier.
  public func days(until other: CivilDate) -> Int {
    other.daysSinceEpoch - daysSinceEpoch
  }

  /// The ISO weekday: 1 = Monday … 7 = Sunday.
  public var weekday: Int {
    // 1970-01-01 was a Thursday (4).
    (daysSinceEpoch + 3).floorModulo(7) + 1
  }

  /// Whether `year` has 29 February: every fourth year, except centuries not divisible by 400.
  public static func isLeapYear(_ year: Int) -> Bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
  }

  /// The number of days in `month` (1–12) of `year`; 0 for a month outside 1–12.
  public static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 1, 3, 5, 7, 8, 10, 12: return 31
    case 4, 6, 9, 11: return 30
    case 2: return isLeapYear(year) ? 29 : 28
    default: return 0
    }
  }

  // MARK: - Protocols

  /// Earlier dates first.
  public static func < (lhs: CivilDate, rhs: CivilDate) -> Bool {
    (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
  }

  /// The date as `YYYY-MM-DD`.
  public var description: String {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(10)
    appendISO(to: &bytes)
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Appends `YYYY-MM-DD` to `bytes`, for the writers of dates, times and timestamps.
  func appendISO(to bytes: inout [UInt8]) {
    Self.appendISO(year: year, month: month, day: day, to: &bytes)
  }

  /// Appends `YYYY-MM-DD` for parts that need not form a real date, as messages about
  /// impossible dates show them.
  static func appendISO(year: Int, month: Int, day: Int, to bytes: inout [UInt8]) {
    if (0...9999).contains(year) {
      ASCII.appendDigits(year, width: 4, to: &bytes)
    } else {
      // Only arithmetic far outside the registers' years gets here; keep it readable.
      bytes.append(contentsOf: String(year).utf8)
    }
    bytes.append(ASCII.minus)
    ASCII.appendDigits(month, width: 2, to: &bytes)
    bytes.append(ASCII.minus)
    ASCII.appendDigits(day, width: 2, to: &bytes)
  }

  /// Reads the `YYYY-MM-DD` string, strictly, as `init(iso:)` does.
  public init(from decoder: any Decoder) throws {
    self = try decoder.decodeText(CivilDate.init(iso:))
  }

  /// Reads the stored `YYYY-MM-DD` string, as `init(from:)` does.
  public init(storedText: String) throws { try self.init(iso: storedText) }

  /// The stored string: what `encode(to:)` writes.
  public var storedText: String { description }

  /// Writes the date as its `YYYY-MM-DD` string.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(storedText)
  }
}
