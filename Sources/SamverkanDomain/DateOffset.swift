/// A span written as N followed by d, w, m or y (`14d`, `2w`, `6m`, `1y`), used by --within,
/// --expiring-within and relative dates.
public struct DateOffset: Hashable, Sendable, CustomStringConvertible {
  /// What a span counts: days, weeks, months or years, by the letter that follows the number.
  public enum Unit: String, Sendable {
    /// Days: `14d`.
    case days = "d"
    /// Weeks of seven days: `2w`.
    case weeks = "w"
    /// Calendar months: `6m`.
    case months = "m"
    /// Calendar years: `1y`.
    case years = "y"
  }

  /// How many units: never negative when parsed.
  public var amount: Int
  /// What the amount counts.
  public var unit: Unit

  /// What `init(parsing:)` accepts, for its errors.
  static let expected = "a span such as 14d, 2w, 6m or 1y"

  /// The most digits a span's number may have: 99999 days is more than any routine needs.
  static let maximumDigits = 5

  /// A span of `amount` units.
  public init(amount: Int, unit: Unit) {
    self.amount = amount
    self.unit = unit
  }

  /// Reads `14d`, `+14d` or `2W`: one to five digits and a unit letter in either case. A
  /// span counts forward, so `-14d` is an error here.
  public init(parsing text: String) throws(ValueError) {
    var bytes = Array(text.utf8)[...]
    switch bytes.first {
    case ASCII.minus:
      throw ValueError("a span cannot be negative", expected: Self.expected)
    case ASCII.plus:
      bytes = bytes.dropFirst()
    default:
      break
    }
    switch Self.parseUnsigned(bytes) {
    case .success(let offset): self = offset
    case .failure(let error): throw ValueError(error.reason, expected: Self.expected)
    }
  }

  /// Reads the number and unit of a span without a sign; the error has only a reason, and the
  /// caller says what it accepts (a span, or a date).
  static func parseUnsigned(_ bytes: ArraySlice<UInt8>) -> Result<DateOffset, ValueError> {
    let digits = bytes.prefix(while: ASCII.isDigit).count
    guard digits > 0 else { return .failure(ValueError("the number is missing")) }
    guard digits <= maximumDigits else {
      return .failure(ValueError("the number has more than \(maximumDigits) digits"))
    }
    let rest = bytes.dropFirst(digits)
    guard let letter = rest.first else {
      return .failure(ValueError("the unit is missing: d, w, m or y"))
    }
    let unit: Unit
    switch ASCII.lowercased(letter) {
    case UInt8(ascii: "d"): unit = .days
    case UInt8(ascii: "w"): unit = .weeks
    case UInt8(ascii: "m"): unit = .months
    case UInt8(ascii: "y"): unit = .years
    default: return .failure(ValueError("the unit must be d, w, m or y"))
    }
    guard rest.count == 1, let amount = ASCII.number(bytes, at: 0, count: digits) else {
      return .failure(ValueError("the unit must be d, w, m or y"))
    }
    return .success(DateOffset(amount: amount, unit: unit))
  }

  /// The date this span after `date`; months and years end on the month's last day when it
  /// is shorter: 6m after 2026-08-31 is 2027-02-28.
  public func after(_ date: CivilDate) -> CivilDate {
    moving(date, by: amount)
  }

  /// The date this span before `date`, shortened to the month's last day like `after(_:)`.
  public func before(_ date: CivilDate) -> CivilDate {
    moving(date, by: -amount)
  }

  private func moving(_ date: CivilDate, by count: Int) -> CivilDate {
    switch unit {
    case .days: return date.adding(days: count)
    case .weeks: return date.adding(days: 7 * count)
    case .months: return date.adding(months: count)
    case .years: return date.adding(years: count)
    }
  }

  /// The span as written: `14d`.
  public var description: String { "\(amount)\(unit.rawValue)" }
}
