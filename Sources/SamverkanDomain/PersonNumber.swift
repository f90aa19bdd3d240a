/// Personnummer or samordningsnummer, validated and kept in the long form YYYYMMDD-NNNN.
///
/// A samordningsnummer (coordination number, for people not registered in Sweden) is written
/// like a personnummer with 60 added to the day of birth.
public struct PersonNumber: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
  /// The number as the store holds it: `YYYYMMDD-NNNN`, e.g. `19120211-9150`; for a
  /// samordningsnummer the day is the day of birth plus 60.
  public let longForm: String
  /// The day of birth; for a samordningsnummer, the written day minus 60.
  public let birthDate: CivilDate
  /// Whether this is a samordningsnummer (day of birth plus 60) rather than a personnummer.
  public let isCoordinationNumber: Bool

  /// What a person number is written as in the masked output for people with protected
  /// personal data (skyddade personuppgifter).
  public static let maskedForm = "********-****"

  static let expected =
    "a personnummer or samordningsnummer such as YYYYMMDD-NNNN or YYMMDD-NNNN"

  static let longFormExpected = "a personnummer in the long form YYYYMMDD-NNNN"

  // MARK: - Reading

  /// Reads a personnummer or samordningsnummer in any common form: `YYMMDD-NNNN`,
  /// `YYMMDD+NNNN` (100 years or older), `YYMMDDNNNN`, `YYYYMMDD-NNNN` or `YYYYMMDDNNNN`,
  /// with any whitespace around it.
  ///
  /// With two digits for the year the century is Skatteverket's: the latest year ending in
  /// those digits whose date is not after `today`, and with `+` a hundred years before that.
  /// The birth date must exist, must not be after `today`, and the last digit must be the
  /// Luhn check digit of the other nine of the ten-digit form.
  public init(parsing text: String, today: CivilDate) throws(ValueError) {
    var bytes = Array(text.utf8)[...]
    while let first = bytes.first, ASCII.isWhitespace(first) { bytes.removeFirst() }
    while let last = bytes.last, ASCII.isWhitespace(last) { bytes.removeLast() }
    guard !bytes.isEmpty else { throw ValueError("it is empty", expected: Self.expected) }

    var separator: (byte: UInt8, offset: Int)?
    for (offset, byte) in bytes.enumerated() where !ASCII.isDigit(byte) {
      if ASCII.isWhitespace(byte) {
        throw ValueError("there is a space inside it", expected: Self.expected)
      }
      guard byte == ASCII.minus || byte == ASCII.plus else {
        throw ValueError(
          "only digits are allowed, with a - or + before the last four", expected: Self.expected)
      }
      guard separator == nil else {
        throw ValueError("there is more than one - or +", expected: Self.expected)
      }
      separator = (byte, offset)
    }
    let digitCount = bytes.count - (separator == nil ? 0 : 1)
    guard digitCount == 10 || digitCount == 12 else {
      throw ValueError(
        "a personnummer has 10 or 12 digits, this has \(digitCount)", expected: Self.expected)
    }
    if let separator {
      guard separator.offset == bytes.count - 5 else {
        throw ValueError(
          "the - or + goes just before the last four digits", expected: Self.expected)
      }
      guard separator.byte == ASCII.minus || digitCount == 10 else {
        throw ValueError(
          "+ (100 years or older) belongs only to the short form YYMMDD+NNNN; with the full "
            + "year write YYYYMMDD-NNNN",
          expected: Self.expected)
      }
    }

    // Every byte but the separator is a digit now, and the separator sits between the date
    // (6 or 8 digits) and the last four.
    let dateLength = digitCount - 4
    func digits(at offset: Int, count: Int) -> Int {
      ASCII.number(bytes, at: offset, count: count) ?? 0
    }
    let month = digits(at: dateLength - 4, count: 2)
    let dayField = digits(at: dateLength - 2, count: 2)
    let lastFour = digits(at: bytes.count - 4, count: 4)
    let day = try Self.dayOfMonth(month: month, dayField: dayField, expected: Self.expected)

    let year: Int
    if dateLength == 8 {
      year = digits(at: 0, count: 4)
    } else {
      year =
        Self.century(yy: digits(at: 0, count: 2), month: month, day: day, today: today)
        - (separator?.byte == ASCII.plus ? 100 : 0)
    }

    try self.init(
      year: year, month: month, dayField: dayField, day: day, lastFour: lastFour,
      expected: Self.expected)
    guard birthDate <= today else {
      throw ValueError("the birth date \(birthDate) is in the future", expected: Self.expected)
    }
  }

  /// Reads the strict long form `YYYYMMDD-NNNN` that the store holds, with the same checks as
  /// `init(parsing:today:)` except the one against today's date.
  public init(longForm: String) throws(ValueError) {
    let bytes = Array(longForm.utf8)[...]
    guard bytes.count == 13, bytes[bytes.startIndex + 8] == ASCII.minus,
      let year = ASCII.number(bytes, at: 0, count: 4),
      let month = ASCII.number(bytes, at: 4, count: 2),
      let dayField = ASCII.number(bytes, at: 6, count: 2),
      let lastFour = ASCII.number(bytes, at: 9, count: 4)
    else {
      throw ValueError("it is not in the long form YYYYMMDD-NNNN", expected: Self.longFormExpected)
    }
    let day = try Self.dayOfMonth(
      month: month, dayField: dayField, expected: Self.longFormExpected)
    try self.init(
      year: year, month: month, dayField: dayField, day: day, lastFour: lastFour,
      expected: Self.longFormExpected)
  }

  /// Checks what the two forms share once the century is known: the date exists, and the
  /// check digit is right.
  private init(
    year: Int, month: Int, dayField: Int, day: Int, lastFour: Int, expected: String
  ) throws(ValueError) {
    let isCoordinationNumber = dayField != day
    guard year >= CivilDate.textYears.lowerBound else {
      throw ValueError(
        "the birth year \(year) is before \(CivilDate.textYears.lowerBound)",
        expected: expected)
    }
    guard let birthDate = CivilDate(year: year, month: month, day: day) else {
      var written: [UInt8] = []
      CivilDate.appendISO(year: year, month: month, day: day, to: &written)
      let date = String(decoding: written, as: UTF8.self)
      let days = CivilDate.daysIn(month: month, year: year)
      let why =
        month == 2 && day == 29
        ? "\(year) is not a leap year"
        : "\(CivilDate.monthNames[month - 1]) \(year) has \(days) days"
      throw ValueError(
        isCoordinationNumber
          ? "the samordningsnummer day \(dayField) means \(date), which does not exist (\(why))"
          : "\(date) does not exist (\(why))",
        expected: expected)
    }
    let check = Self.checkDigit(
      year % 100 * 10_000_000 + month * 100_000 + dayField * 1_000 + lastFour / 10)
    guard check == lastFour % 10 else {
      throw ValueError(
        "the check digit should be \(check), not \(lastFour % 10)", expected: expected)
    }

    var bytes: [UInt8] = []
    bytes.reserveCapacity(13)
    ASCII.appendDigits(year, width: 4, to: &bytes)
    ASCII.appendDigits(month, width: 2, to: &bytes)
    ASCII.appendDigits(dayField, width: 2, to: &bytes)
    bytes.append(ASCII.minus)
    ASCII.appendDigits(lastFour, width: 4, to: &bytes)
    self.longForm = String(decoding: bytes, as: UTF8.self)
    self.birthDate = birthDate
    self.isCoordinationNumber = isCoordinationNumber
  }

  /// The day of the month a number's day field gives, after checking the month and that the
  /// field is a day (1–31) or a samordningsnummer day (61–91).
  private static func dayOfMonth(
    month: Int, dayField: Int, expected: String
  ) throws(ValueError) -> Int {
    guard (1...12).contains(month) else {
      throw ValueError("there is no month \(month)", expected: expected)
    }
    switch dayField {
    case 1...31: return dayField
    case 61...91: return dayField - 60
    case 0: throw ValueError("there is no day 0", expected: expected)
    default:
      throw ValueError(
        "day \(dayField) is neither a day of the month (01–31) nor a samordningsnummer day "
          + "(61–91)",
        expected: expected)
    }
  }

  /// Skatteverket's century for a two-digit year: the latest year ending in `yy` whose
  /// month and day are not after `today`.
  private static func century(yy: Int, month: Int, day: Int, today: CivilDate) -> Int {
    let year = today.year - today.year % 100 + yy
    let isAfterToday =
      year > today.year || (year == today.year && (month, day) > (today.month, today.day))
    return isAfterToday ? year - 100 : year
  }

  /// The Luhn check digit of nine digits (YYMMDDNNN): every other digit from the first
  /// doubled, the digits of the products summed, and what is needed up to a multiple of ten.
  static func checkDigit(_ nineDigits: Int) -> Int {
    var rest = nineDigits
    var sum = 0
    // From the last digit, which is doubled, backwards.
    for position in 0..<9 {
      let digit = rest % 10
      rest /= 10
      let product = position % 2 == 0 ? digit * 2 : digit
      sum += product > 9 ? product - 9 : product
    }
    return (10 - sum % 10) % 10
  }

  // MARK: - Age

  /// The person's age in whole years on `date`; negative before the birth date. Someone born
  /// on 29 February turns a year older on 1 March when the year is not a leap year.
  public func age(on date: CivilDate) -> Int {
    let years = date.year - birthDate.year
    return date < birthDate.anniversary(years) ? years - 1 : years
  }

  // MARK: - Protocols

  /// Equal when the long forms are.
  public static func == (lhs: PersonNumber, rhs: PersonNumber) -> Bool {
    lhs.longForm == rhs.longForm
  }

  /// Hashes the long form.
  public func hash(into hasher: inout Hasher) {
    hasher.combine(longForm)
  }

  /// In the order of the long forms: by written birth date, then the last four digits.
  public static func < (lhs: PersonNumber, rhs: PersonNumber) -> Bool {
    lhs.longForm < rhs.longForm
  }

  /// The long form `YYYYMMDD-NNNN`.
  public var description: String { longForm }

  /// Reads the long form, strictly, as `init(longForm:)` does.
  public init(from decoder: any Decoder) throws {
    self = try decoder.decodeText(PersonNumber.init(longForm:))
  }

  /// Writes the long form.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(longForm)
  }
}
