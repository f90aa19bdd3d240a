import SamverkanJSON

/// Personnummer or samordningsnummer, validated and kept in the long form YYYYMMDD-NNNN.
///
/// A samordningsnummer (coordination number, for people not registered in Sweden) is written
/// like a personnummer with 60 added to the day of birth. Its birth date may be incomplete:
/// Skatteverket issues them with month `00` (month unknown), day `60` (day unknown) and days
/// the month lacks (a date the requesting authority stated, e.g. "April 31"), and all three
/// are valid numbers (SPEC §2).
public struct PersonNumber: Hashable, Comparable, Sendable, Codable, StoredAsText,
  CustomStringConvertible
{
  /// The number as the store holds it: `YYYYMMDD-NNNN`, e.g. `19120211-9150`; for a
  /// samordningsnummer the day is the day of birth plus 60.
  public let longForm: String
  /// The day of birth; for a samordningsnummer, the written day minus 60. When the number's
  /// birth date is incomplete this is what is known of it: an unknown month or day counts as
  /// the first, and a day the month lacks as the month's last day (the month is what is
  /// known). `incompleteBirthDate` then says why.
  public let birthDate: CivilDate
  /// Whether this is a samordningsnummer (day of birth plus 60) rather than a personnummer.
  public let isCoordinationNumber: Bool
  /// Why `birthDate` is not the exact birthday, in a caseworker's words ("the month of birth
  /// is unknown (samordningsnummer month 00)"), or nil when it is exact. Anything that depends
  /// on the exact birthday (a handover on the 19th birthday) must ask for the date instead.
  public let incompleteBirthDate: String?

  /// Whether `birthDate` is the exact birthday.
  public var hasCompleteBirthDate: Bool { incompleteBirthDate == nil }

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
    // With the full year the + no longer picks the century, so it is a claim to check:
    // Skatteverket writes + from the 100th birthday on, and a + that disagrees is a typo.
    if dateLength == 8, separator?.byte == ASCII.plus, age(on: today) < 100 {
      throw ValueError(
        "+ means 100 years or older, but someone born \(birthDate) is \(age(on: today)) "
          + "on \(today); write YYYYMMDD-NNNN",
        expected: Self.expected)
    }
  }

  /// Reads the strict long form `YYYYMMDD-NNNN` that the store holds, with the same checks as
  /// `init(parsing:today:)` except the one against today's date.
  public init(longForm: String) throws(ValueError) {
    // The string's own bytes, not a copy: every record names a person.
    var longForm = longForm
    let fields = longForm.withUTF8 { bytes -> (Int, Int, Int, Int)? in
      guard bytes.count == 13, bytes[8] == ASCII.minus,
        let year = ASCII.number(bytes, at: 0, count: 4),
        let month = ASCII.number(bytes, at: 4, count: 2),
        let dayField = ASCII.number(bytes, at: 6, count: 2),
        let lastFour = ASCII.number(bytes, at: 9, count: 4)
      else { return nil }
      return (year, month, dayField, lastFour)
    }
    guard let (year, month, dayField, lastFour) = fields else {
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
    let isCoordinationNumber = dayField >= 60
    guard year >= CivilDate.textYears.lowerBound else {
      throw ValueError(
        "the birth year \(year) is before \(CivilDate.textYears.lowerBound)",
        expected: expected)
    }
    // A samordningsnummer's birth date is what the requesting authority knew: Skatteverket
    // writes month 00 and day 60 for what was unknown, and keeps a stated day the month
    // lacks. Only a personnummer's date must be a day of the calendar.
    var incomplete: [String] = []
    var knownMonth = month
    var knownDay = day
    if isCoordinationNumber {
      if month == 0 {
        incomplete.append("the month of birth is unknown (samordningsnummer month 00)")
        knownMonth = 1
      }
      if dayField == 60 {
        incomplete.append("the day of birth is unknown (samordningsnummer day 60)")
        knownDay = 1
      }
      let days = CivilDate.daysIn(month: knownMonth, year: year)
      if knownDay > days {
        var written: [UInt8] = []
        CivilDate.appendISO(year: year, month: month, day: day, to: &written)
        incomplete.append(
          "the stated birth date \(String(decoding: written, as: UTF8.self)) does not exist "
            + "(samordningsnummer day \(dayField))")
        knownDay = days
      }
    }
    guard let birthDate = CivilDate(year: year, month: knownMonth, day: knownDay) else {
      var written: [UInt8] = []
      CivilDate.appendISO(year: year, month: month, day: day, to: &written)
      let date = String(decoding: written, as: UTF8.self)
      let days = CivilDate.daysIn(month: month, year: year)
      let why =
        month == 2 && day == 29
        ? "\(year) is not a leap year"
        : "\(CivilDate.monthNames[month - 1]) \(year) has \(days) days"
      throw ValueError("\(date) does not exist (\(why))", expected: expected)
    }
    guard lastFour / 10 != 0 else {
      throw ValueError(
        "the birth number 000 (the three digits before the check digit) is never issued",
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
    self.incompleteBirthDate = incomplete.isEmpty ? nil : incomplete.joined(separator: "; ")
  }

  /// The day of the month a number's day field gives (0 for a samordningsnummer's unknown
  /// day 60), after checking the month (00 only in a samordningsnummer) and that the field is
  /// a day (1–31) or a samordningsnummer day (60–91).
  private static func dayOfMonth(
    month: Int, dayField: Int, expected: String
  ) throws(ValueError) -> Int {
    guard (1...12).contains(month) || (month == 0 && (60...91).contains(dayField)) else {
      if month == 0 {
        throw ValueError(
          "there is no month 0 (month 00, unknown, is written only in a samordningsnummer, "
            + "whose day is 60–91)",
          expected: expected)
      }
      throw ValueError("there is no month \(month)", expected: expected)
    }
    switch dayField {
    case 1...31: return dayField
    case 60...91: return dayField - 60
    case 0: throw ValueError("there is no day 0", expected: expected)
    default:
      throw ValueError(
        "day \(dayField) is neither a day of the month (01–31) nor a samordningsnummer day "
          + "(60–91)",
        expected: expected)
    }
  }

  /// Skatteverket's century for a two-digit year: the latest year ending in `yy` whose
  /// month and day are not after `today`.
  private static func century(yy: Int, month: Int, day: Int, today: CivilDate) -> Int {
    let year = today.year - today.year % 100 + yy
    // An unknown month or day (samordningsnummer 00 and 60) counts as the first.
    let (month, day) = (max(month, 1), max(day, 1))
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

  /// Why `date` cannot be this person's birth date, or nil when it agrees with what the
  /// number knows: the year always, the month unless it is 00, the day unless it is unknown
  /// (60) or one the month lacks. For a caseworker who gives the date from the person's
  /// papers when the number's is incomplete.
  public func disagreement(withBirthDate date: CivilDate) -> String? {
    let month = Int(longForm.dropFirst(4).prefix(2)) ?? 0
    let dayField = Int(longForm.dropFirst(6).prefix(2)) ?? 0
    let day = isCoordinationNumber ? dayField - 60 : dayField
    let known: String
    if date.year != birthDate.year {
      known = "born in \(birthDate.year)"
    } else if month != 0, date.month != month {
      known = "born in \(CivilDate.monthNames[month - 1]) \(birthDate.year)"
    } else if hasCompleteBirthDate, date != birthDate {
      known = "born on \(birthDate)"
    } else if day != 0, day <= CivilDate.daysIn(month: date.month, year: date.year),
      date.day != day
    {
      known = "born on day \(day) of the month"
    } else {
      return nil
    }
    return "\(longForm) says the person was \(known), not on \(date)"
  }

  /// The person's age in whole years on `date`; negative before the birth date. Someone born
  /// on 29 February turns a year older on 1 March when the year is not a leap year. With an
  /// incomplete birth date this is the age from what is known (`birthDate`).
  public func age(on date: CivilDate) -> Int {
    birthDate.age(on: date)
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

  /// Reads the stored long form, as `init(from:)` does.
  public init(storedText: String) throws { try self.init(longForm: storedText) }

  /// The stored string: what `encode(to:)` writes.
  public var storedText: String { longForm }

  /// Writes the long form.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(storedText)
  }
}
