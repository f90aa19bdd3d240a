import SamverkanDomain
import Testing

/// The detector that keeps personnummer out of anonymous consultations.
@Suite struct PersonNumberDetectorTests {
  /// Born 1990-01-01: Skatteverket's test number 19900101-2385.
  static let twelve = "199001012385"

  /// Every common way of writing the test number, with the form the detector names.
  static let forms: [(text: String, form: String)] = [
    ("19900101-2385", "YYYYMMDD-NNNN"),
    ("199001012385", "YYYYMMDDNNNN"),
    ("900101-2385", "YYMMDD-NNNN"),
    ("900101+2385", "YYMMDD+NNNN"),
    ("9001012385", "YYMMDDNNNN"),
    ("900101 2385", "YYMMDD NNNN"),
    ("19900101 2385", "YYYYMMDD NNNN"),
    ("900101\u{00A0}2385", "YYMMDD NNNN"),
    ("900101\u{2013}2385", "YYMMDD-NNNN"),
    ("900101 - 2385", "YYMMDD-NNNN"),
    ("19900101+2385", "YYYYMMDD+NNNN"),
  ]

  @Test(arguments: forms)
  func findsEveryCommonForm(_ example: (text: String, form: String)) {
    let text = "Gäller \(example.text) enligt ansökan"
    let matches = PersonNumberDetector.matches(in: text)
    #expect(
      matches
        == [
          PersonNumberDetector.Match(
            position: 8, length: example.text.count, form: example.form)
        ])
  }

  @Test func theWholeTextMayBeTheNumber() {
    #expect(
      PersonNumberDetector.matches(in: "199001012385")
        == [PersonNumberDetector.Match(position: 1, length: 12, form: "YYYYMMDDNNNN")])
  }

  @Test func aWrongCheckDigitIsStillPersonalData() throws {
    let last = Int(String(Self.twelve.last!))!
    let typo = String(Self.twelve.dropLast()) + String((last + 1) % 10)
    #expect(PersonNumberDetector.containsPersonNumber(typo))
    #expect(
      PersonNumberDetector.containsPersonNumber("\(typo.dropFirst(2).prefix(6))-\(typo.suffix(4))"))
  }

  @Test func findsSamordningsnummer() throws {
    let number = TestNumbers.coordinationNumber(try TestNumbers.first("1890"))
    #expect(PersonNumberDetector.containsPersonNumber(number))
    #expect(PersonNumberDetector.containsPersonNumber(TestNumbers.longForm(number)))
    #expect(PersonNumberDetector.containsPersonNumber(String(number.dropFirst(2))))
  }

  @Test func positionsCountCharactersNotBytes() {
    let matches = PersonNumberDetector.matches(in: "Åsa, född 900101-2385, och 19900102-2384")
    #expect(matches.map(\.position) == [11, 28])
    #expect(
      matches.map(\.description) == [
        "characters 11–21 (YYMMDD-NNNN)", "characters 28–40 (YYYYMMDD-NNNN)",
      ])
  }

  /// Things that are not personnummer and must pass: dates, times, phone numbers, amounts,
  /// case numbers, impossible dates, and numbers longer than a personnummer.
  @Test(arguments: [
    "Mötet 2026-11-25 kl. 10.00",
    "Datum 20261125",
    "Ring 031-365 36 47 eller 0313653647",
    "Telefon +46313653647",
    "Kostnad 1 000 000 kr",
    "Ärende 2026-1234",
    "901301-2385",
    "900230-2385",
    "900100-2385",
    "1990010123851",
    "19900101-23851",
    "900101-238",
    "Ålder 36, 3 barn, 2 hundar",
  ])
  func passesWhatIsNotAPersonnummer(_ text: String) {
    #expect(PersonNumberDetector.matches(in: text).isEmpty)
  }

  @Test func leapDaysNeedALeapYearInSomeCentury() {
    // 29 February in a year ending 00 exists in 2000; in a year ending 01, in neither.
    #expect(PersonNumberDetector.containsPersonNumber("000229-1234"))
    #expect(!PersonNumberDetector.containsPersonNumber("010229-1235"))
    #expect(!PersonNumberDetector.containsPersonNumber("19000229-1234"))
  }
}
