import Foundation
import SamverkanDomain
import Testing

/// The pinned date the tests read numbers on.
private let today = civil("2026-11-25")

/// An edit that makes a test number invalid in one way, with the reason the parser must give.
struct NumberEdit: Sendable, CustomTestStringConvertible {
  var testDescription: String
  var apply: @Sendable (_ twelve: String) -> String
  var reason: String

  init(_ name: String, _ reason: String, _ apply: @escaping @Sendable (String) -> String) {
    self.testDescription = name
    self.reason = reason
    self.apply = apply
  }
}

@Suite struct PersonNumberTests {
  static let expected =
    "a personnummer or samordningsnummer such as YYYYMMDD-NNNN or YYMMDD-NNNN"

  // MARK: - Every test number

  @Test func everyTestNumberReadsInEveryFormToItsLongForm() throws {
    let numbers = try TestNumbers.all()
    #expect(numbers.count == 41_493)
    // On the pinned today, whoever was born on or before this date is 100 or older.
    let hundredYearsAgo = "19261125"
    var failures: [String] = []
    for twelve in numbers {
      let long = TestNumbers.longForm(twelve)
      let separator = twelve.prefix(8) <= hundredYearsAgo ? "+" : "-"
      let short = "\(twelve.dropFirst(2).prefix(6))\(separator)\(twelve.suffix(4))"
      var forms = [twelve, long, short]
      if separator == "-" { forms.append(String(twelve.dropFirst(2))) }
      for form in forms {
        do {
          let number = try PersonNumber(parsing: form, today: today)
          if number.longForm != long || number.isCoordinationNumber {
            failures.append("\(form) read as \(number.longForm)")
          }
        } catch {
          failures.append("\(form): \(error)")
        }
      }
    }
    #expect(failures.isEmpty, "\(failures.count) failed, e.g. \(failures.prefix(5))")
  }

  @Test func everyTestNumberReadsInTheLongFormTheStoreHolds() throws {
    var failures: [String] = []
    for twelve in try TestNumbers.all() {
      let long = TestNumbers.longForm(twelve)
      do {
        let number = try PersonNumber(longForm: long)
        let birth = twelve.prefix(8)
        let written = "\(birth.prefix(4))-\(birth.dropFirst(4).prefix(2))-\(birth.suffix(2))"
        if number.longForm != long || number.birthDate.description != written {
          failures.append("\(long) read as \(number.longForm) born \(number.birthDate)")
        }
      } catch {
        failures.append("\(long): \(error)")
      }
    }
    #expect(failures.isEmpty, "\(failures.count) failed, e.g. \(failures.prefix(5))")
  }

  @Test func surroundingWhitespaceIsIgnored() throws {
    let twelve = try TestNumbers.first("1995")
    let long = TestNumbers.longForm(twelve)
    for text in [" \(long)", "\(long) ", "\t\(twelve)\r\n"] {
      #expect(try PersonNumber(parsing: text, today: today).longForm == long)
    }
  }

  // MARK: - Refusals

  @Test func everyWrongCheckDigitIsNamedWithTheRightOne() throws {
    let numbers = try TestNumbers.all()
    // A spread of numbers over the whole list: every 997th.
    for twelve in stride(from: 0, to: numbers.count, by: 997).map({ numbers[$0] }) {
      let right = try #require(twelve.last?.wholeNumberValue)
      for wrong in 0...9 where wrong != right {
        let text = "\(TestNumbers.longForm(twelve).dropLast())\(wrong)"
        let error = #expect(throws: ValueError.self) {
          try PersonNumber(parsing: text, today: today)
        }
        #expect(error?.reason == "the check digit should be \(right), not \(wrong)")
        #expect(error?.expected == Self.expected)
      }
    }
  }

  /// Dates a number cannot have, each with the check digit made right so that the date is
  /// the only thing wrong.
  static let impossibleDates: [(date: String, reason: String)] = [
    ("19851301", "there is no month 13"),
    (
      "19850001",
      "there is no month 0 (month 00, unknown, is written only in a samordningsnummer, "
        + "whose day is 60–91)"
    ),
    ("19850100", "there is no day 0"),
    ("19850132", notADay(32)),
    ("19850159", notADay(59)),
    ("19850192", notADay(92)),
    ("19850431", "1985-04-31 does not exist (April 1985 has 30 days)"),
    ("19850230", "1985-02-30 does not exist (February 1985 has 28 days)"),
    ("19960230", "1996-02-30 does not exist (February 1996 has 29 days)"),
    ("19990229", "1999-02-29 does not exist (1999 is not a leap year)"),
    ("19000229", "1900-02-29 does not exist (1900 is not a leap year)"),
    ("17991231", "the birth year 1799 is before 1800"),
  ]

  static func notADay(_ day: Int) -> String {
    "day \(day) is neither a day of the month (01–31) nor a samordningsnummer day (60–91)"
  }

  @Test(arguments: impossibleDates)
  func impossibleDatesAreRefusedInEveryForm(date: String, reason: String) throws {
    let twelve = TestNumbers.withCheckDigit(date + (try TestNumbers.first("1995")).suffix(4))
    let long = TestNumbers.longForm(twelve)
    for form in [twelve, long] {
      let error = #expect(throws: ValueError.self) {
        try PersonNumber(parsing: form, today: today)
      }
      #expect(error?.reason == reason, "\(form)")
    }
    let error = #expect(throws: ValueError.self) { try PersonNumber(longForm: long) }
    #expect(error?.reason == reason)
    #expect(error?.expected == "a personnummer in the long form YYYYMMDD-NNNN")
  }

  @Test func twentyNinthOfFebruaryIsReadInTheCenturyThatHasIt() throws {
    // 29 February exists in 2000 but not in 1900, which + would mean.
    let twelve = try TestNumbers.first("20000229")
    let short = "\(twelve.dropFirst(2).prefix(6))-\(twelve.suffix(4))"
    #expect(try PersonNumber(parsing: short, today: today).birthDate == civil("2000-02-29"))
    let error = #expect(throws: ValueError.self) {
      try PersonNumber(parsing: short.replacingOccurrences(of: "-", with: "+"), today: today)
    }
    #expect(error?.reason == "1900-02-29 does not exist (1900 is not a leap year)")
  }

  @Test func aBirthDateAfterTodayIsRefused() throws {
    let twelve = try TestNumbers.first("2024")
    let born = try PersonNumber(parsing: twelve, today: today).birthDate
    for form in [twelve, TestNumbers.longForm(twelve)] {
      let error = #expect(throws: ValueError.self) {
        try PersonNumber(parsing: form, today: born.adding(days: -1))
      }
      #expect(error?.reason == "the birth date \(born) is in the future")
    }
    #expect(try PersonNumber(parsing: twelve, today: born).age(on: born) == 0)
    let future = TestNumbers.withCheckDigit(TestNumbers.replacing(twelve, at: 0, with: "2031"))
    let error = #expect(throws: ValueError.self) {
      try PersonNumber(parsing: future, today: today)
    }
    #expect(error?.reason.hasPrefix("the birth date 2031-") == true)
    #expect(error?.reason.hasSuffix(" is in the future") == true)
  }

  static let malformed: [NumberEdit] = [
    NumberEdit("empty", "it is empty") { _ in "" },
    NumberEdit("only spaces", "it is empty") { _ in "   " },
    NumberEdit(
      "+ with four-digit year under 100",
      "+ means 100 years or older, but someone born 1995-01-01 is 31 on 2026-11-25; write "
        + "YYYYMMDD-NNNN"
    ) { "\($0.prefix(8))+\($0.suffix(4))" },
    NumberEdit(
      "birth number 000",
      "the birth number 000 (the three digits before the check digit) is never issued"
    ) { TestNumbers.withCheckDigit(TestNumbers.replacing($0, at: 8, with: "0000")) },
    NumberEdit("space inside", "there is a space inside it") { "\($0.prefix(8)) \($0.suffix(4))" },
    NumberEdit("space in short form", "there is a space inside it") {
      "\($0.dropFirst(2).prefix(6)) \($0.suffix(4))"
    },
    NumberEdit("letter", "only digits are allowed, with a - or + before the last four") {
      TestNumbers.replacing($0, at: 9, with: "A")
    },
    NumberEdit("slash", "only digits are allowed, with a - or + before the last four") {
      "\($0.prefix(8))/\($0.suffix(4))"
    },
    NumberEdit("dot", "only digits are allowed, with a - or + before the last four") {
      "\($0.prefix(8)).\($0.suffix(4))"
    },
    NumberEdit("two separators", "there is more than one - or +") {
      "\($0.prefix(4))-\($0.dropFirst(4).prefix(4))-\($0.suffix(4))"
    },
    NumberEdit("separator misplaced", "the - or + goes just before the last four digits") {
      "\($0.prefix(6))-\($0.suffix(6))"
    },
    NumberEdit("trailing separator", "the - or + goes just before the last four digits") {
      "\($0)-"
    },
    NumberEdit("9 digits", "a personnummer has 10 or 12 digits, this has 9") {
      "\($0.dropFirst(3).prefix(5))-\($0.suffix(4))"
    },
    NumberEdit("11 digits", "a personnummer has 10 or 12 digits, this has 11") {
      String($0.dropFirst())
    },
    NumberEdit("13 digits", "a personnummer has 10 or 12 digits, this has 13") {
      "\($0.prefix(8))-\($0.suffix(5))"
    },
    NumberEdit("letters only", "only digits are allowed, with a - or + before the last four") {
      _ in "abc"
    },
    NumberEdit("just a dash", "a personnummer has 10 or 12 digits, this has 0") { _ in "-" },
  ]

  @Test(arguments: malformed)
  func malformedTextIsRefusedWithItsProblem(edit: NumberEdit) throws {
    let text = edit.apply(try TestNumbers.first("1995"))
    let error = #expect(throws: ValueError.self) {
      try PersonNumber(parsing: text, today: today)
    }
    #expect(error?.reason == edit.reason)
    #expect(error?.expected == Self.expected)
  }

  @Test(arguments: ["", "19850101", "199501012380", "950101-2380", " 19950101-2380"])
  func theLongFormIsStrict(text: String) {
    // Not the long form: these are refused whatever their digits are.
    let error = #expect(throws: ValueError.self) { try PersonNumber(longForm: text) }
    #expect(error?.reason == "it is not in the long form YYYYMMDD-NNNN")
  }

  // MARK: - Century

  /// Today relative to the birth date, the separator, and the birth year that must result
  /// relative to the test number's own.
  static let centuries: [(days: Int, years: Int, separator: String, shift: Int)] = [
    (0, 0, "-", 0),  // born today
    (0, 0, "", 0),
    (1, 0, "-", 0),
    (-1, 0, "-", -100),  // the date this century is still ahead: the last century's
    (-1, 0, "", -100),
    (0, 0, "+", -100),
    (0, 100, "+", 0),  // the 100th birthday
    (0, 100, "-", 100),
    (-1, 100, "+", -100),  // the day before it: 99 with -, so + means 199
    (-1, 100, "-", 0),
  ]

  @Test(arguments: centuries)
  func twoDigitYearsTakeTheLatestCenturyNotAfterToday(
    days: Int, years: Int, separator: String, shift: Int
  ) throws {
    // Born in 1995, so that the other centuries are people born long ago or not yet.
    let twelve = try TestNumbers.first("1995")
    let born = try PersonNumber(parsing: twelve, today: today).birthDate
    let pinned = born.adding(years: years).adding(days: days)
    let short = "\(twelve.dropFirst(2).prefix(6))\(separator)\(twelve.suffix(4))"
    let number = try PersonNumber(parsing: short, today: pinned)
    #expect(number.birthDate == born.adding(years: shift))
    #expect(number.birthDate <= pinned)
    #expect((number.age(on: pinned) >= 100) == (separator == "+"))
  }

  // MARK: - Samordningsnummer

  @Test func coordinationNumbersAreDayPlusSixty() throws {
    let twelve = try TestNumbers.first("1905")
    let person = try PersonNumber(parsing: twelve, today: today)
    let coordination = TestNumbers.coordinationNumber(twelve)
    let short = "\(coordination.dropFirst(2).prefix(6))+\(coordination.suffix(4))"
    for form in [coordination, TestNumbers.longForm(coordination), short] {
      let number = try PersonNumber(parsing: form, today: today)
      #expect(number.isCoordinationNumber)
      #expect(number.longForm == TestNumbers.longForm(coordination))
      #expect(number.birthDate == person.birthDate)
      #expect(number.age(on: today) == person.age(on: today))
      #expect(number != person)
    }
    #expect(!person.isCoordinationNumber)
    #expect(try PersonNumber(longForm: TestNumbers.longForm(coordination)).isCoordinationNumber)
  }

  @Test func aCoordinationNumberWithAWrongCheckDigitIsRefused() throws {
    let coordination = TestNumbers.coordinationNumber(try TestNumbers.first("1905"))
    let right = try #require(coordination.last?.wholeNumberValue)
    let wrong = (right + 1) % 10
    let error = #expect(throws: ValueError.self) {
      try PersonNumber(parsing: "\(coordination.dropLast())\(wrong)", today: today)
    }
    #expect(error?.reason == "the check digit should be \(right), not \(wrong)")
  }

  // MARK: - Incomplete and stated birth dates

  /// Skatteverket's published test samordningsnummer with month 00, day 60, or a day the
  /// month lacks, the birth date they stand for, and why it is not exact.
  static let incomplete: [(number: String, born: String, why: String)] = [
    ("194100892381", "1941-01-29", "the month of birth is unknown (samordningsnummer month 00)"),
    ("195302602395", "1953-02-01", "the day of birth is unknown (samordningsnummer day 60)"),
    (
      "194800802391", "1948-01-20",
      "the month of birth is unknown (samordningsnummer month 00)"
    ),
    (
      "201604912384", "2016-04-30",
      "the stated birth date 2016-04-31 does not exist (samordningsnummer day 91)"
    ),
    (
      "195102892386", "1951-02-28",
      "the stated birth date 1951-02-29 does not exist (samordningsnummer day 89)"
    ),
  ]

  @Test(arguments: incomplete)
  func publishedSamordningsnummerWithIncompleteDatesAreAccepted(
    number: String, born: String, why: String
  ) throws {
    let short = "\(number.dropFirst(2).prefix(6))-\(number.suffix(4))"
    for form in [number, TestNumbers.longForm(number), short] {
      let person = try PersonNumber(parsing: form, today: today)
      #expect(person.longForm == TestNumbers.longForm(number))
      #expect(person.isCoordinationNumber)
      #expect(person.birthDate == civil(born))
      #expect(person.incompleteBirthDate == why)
      #expect(!person.hasCompleteBirthDate)
    }
    #expect(try PersonNumber(longForm: TestNumbers.longForm(number)).birthDate == civil(born))
  }

  @Test func bothMonthAndDayMayBeUnknown() throws {
    // Skatteverket's test number from 1953 with month 02 and day 60, moved to month 00: the
    // check digit recomputed, it stands for a person born some day of 1953.
    let twelve = TestNumbers.withCheckDigit(
      TestNumbers.replacing("195302602395", at: 4, with: "00"))
    let person = try PersonNumber(parsing: twelve, today: today)
    #expect(person.birthDate == civil("1953-01-01"))
    #expect(
      person.incompleteBirthDate
        == "the month of birth is unknown (samordningsnummer month 00); the day of birth is "
        + "unknown (samordningsnummer day 60)")
  }

  @Test func everyPublishedTestSamordningsnummerIsAccepted() throws {
    var failures: [String] = []
    for twelve in try TestNumbers.coordinationNumbers() {
      do {
        let number = try PersonNumber(parsing: twelve, today: today)
        if number.longForm != TestNumbers.longForm(twelve) || !number.isCoordinationNumber {
          failures.append("\(twelve) read as \(number.longForm)")
        }
      } catch {
        failures.append("\(twelve): \(error)")
      }
    }
    #expect(failures.isEmpty, "\(failures.count) failed, e.g. \(failures.prefix(5))")
  }

  @Test func aPersonnummerHasCompleteBirthDates() throws {
    let person = try PersonNumber(parsing: try TestNumbers.first("1995"), today: today)
    #expect(person.hasCompleteBirthDate)
    #expect(person.incompleteBirthDate == nil)
  }

  // MARK: - The + with a full year

  @Test func aPlusWithTheFullYearIsAcceptedFromTheHundredthBirthday() throws {
    let twelve = try TestNumbers.first("19260104")
    let plus = "\(twelve.prefix(8))+\(twelve.suffix(4))"
    // 100 on the 100th birthday: the + agrees.
    let birthday = civil("2026-01-04")
    #expect(
      try PersonNumber(parsing: plus, today: birthday).longForm == TestNumbers.longForm(twelve))
    // The day before it does not.
    let error = #expect(throws: ValueError.self) {
      try PersonNumber(parsing: plus, today: civil("2026-01-03"))
    }
    #expect(
      error?.reason
        == "+ means 100 years or older, but someone born 1926-01-04 is 99 on 2026-01-03; write "
        + "YYYYMMDD-NNNN")
    // The - is always right with the full year: it is the form the store holds.
    let minus = TestNumbers.longForm(twelve)
    #expect(try PersonNumber(parsing: minus, today: birthday).longForm == minus)
  }

  @Test func birthNumberZeroIsRefusedInEveryForm() throws {
    let twelve = TestNumbers.withCheckDigit(
      TestNumbers.replacing(try TestNumbers.first("1995"), at: 8, with: "000"))
    #expect(twelve.dropFirst(8).prefix(3) == "000")
    let reason = "the birth number 000 (the three digits before the check digit) is never issued"
    for form in [twelve, TestNumbers.longForm(twelve), String(twelve.dropFirst(2))] {
      let error = #expect(throws: ValueError.self) { try PersonNumber(parsing: form, today: today) }
      #expect(error?.reason == reason, "\(form)")
    }
    let error = #expect(throws: ValueError.self) {
      try PersonNumber(longForm: TestNumbers.longForm(twelve))
    }
    #expect(error?.reason == reason)
  }

  // MARK: - Age

  /// Birth dates that test numbers have, a day, and the age on it.
  static let ages: [(born: String, on: String, age: Int)] = [
    ("19950101", "2025-12-31", 30),
    ("19950101", "2026-01-01", 31),
    ("19950101", "1995-01-01", 0),
    ("19950101", "1994-12-31", -1),
    ("20240229", "2025-02-28", 0),  // 29 February: a year older on 1 March in other years
    ("20240229", "2025-03-01", 1),
    ("20240229", "2028-02-28", 3),
    ("20240229", "2028-02-29", 4),
    ("20240229", "2100-02-28", 75),
    ("20240229", "2100-03-01", 76),
    ("20000229", "2100-02-28", 99),
    ("20000229", "2100-03-01", 100),
    ("18960229", "1900-02-28", 3),  // 1900 is not a leap year
    ("18960229", "1900-03-01", 4),
    ("18960229", "1904-02-28", 7),
    ("18960229", "1904-02-29", 8),
  ]

  @Test(arguments: ages)
  func ageCountsWholeYears(born: String, on day: String, age: Int) throws {
    let number = try PersonNumber(longForm: TestNumbers.longForm(try TestNumbers.first(born)))
    #expect(number.age(on: civil(day)) == age)
  }

  @Test(arguments: [
    ("1896-02-29", 0), ("1897-02-28", 0), ("1897-03-01", 1), ("1900-02-28", 3),
    ("1900-03-01", 4), ("1904-02-29", 8),
  ])
  func aCoordinationNumberBornOnTheTwentyNinthAgesLikeAPersonnummer(on day: String, age: Int)
    throws
  {
    let coordination = TestNumbers.coordinationNumber(try TestNumbers.first("18960229"))
    #expect(coordination.dropFirst(4).prefix(4) == "0289")
    let number = try PersonNumber(parsing: coordination, today: today)
    #expect(number.birthDate == civil("1896-02-29"))
    #expect(number.age(on: civil(day)) == age)
  }

  // MARK: - Protocols

  @Test func codableAsTheLongForm() throws {
    let long = TestNumbers.longForm(try TestNumbers.first("1995"))
    let number = try PersonNumber(longForm: long)
    let json = try JSONEncoder().encode([number])
    #expect(String(decoding: json, as: UTF8.self) == "[\"\(long)\"]")
    #expect(try JSONDecoder().decode([PersonNumber].self, from: json) == [number])
  }

  @Test func decodingValidatesTheLongForm() throws {
    let twelve = TestNumbers.withCheckDigit("19851301" + (try TestNumbers.first("1995")).suffix(4))
    let json = Data("[\"\(TestNumbers.longForm(twelve))\"]".utf8)
    do {
      _ = try JSONDecoder().decode([PersonNumber].self, from: json)
      Issue.record("decoded an impossible number")
    } catch DecodingError.dataCorrupted(let context) {
      #expect(
        context.debugDescription
          == "there is no month 13. Expected a personnummer in the long form YYYYMMDD-NNNN")
    }
  }

  @Test func ordersAndDescribesByTheLongForm() throws {
    let older = try PersonNumber(longForm: TestNumbers.longForm(try TestNumbers.first("1905")))
    let younger = try PersonNumber(longForm: TestNumbers.longForm(try TestNumbers.first("1995")))
    #expect(older < younger)
    #expect(younger.description == younger.longForm)
    #expect(Set([older, younger, older]).count == 2)
    #expect(PersonNumber.maskedForm == "********-****")
  }
}
