import SamverkanDomain
import SamverkanTestSupport
import Testing

@testable import SamverkanEscalate

@Suite struct PersonNumberSearchTests {
  let today = CivilDate(year: 2026, month: 11, day: 25)!

  @Test(arguments: [
    ("Gäller 19900101-2385 i Nordost", ["19900101-2385"]),
    ("pnr 900101-2385.", ["900101-2385"]),
    ("199001012385 och 9001012385", ["199001012385", "9001012385"]),
    ("Ring 031-365 36 47 eller 0313653647", []),
    ("Född 1990-01-01, 36 år", []),
    ("Fel kontrollsiffra 19900101-2386", []),
    ("Inget nummer alls", []),
  ])
  func findsPersonNumbersInText(_ text: String, _ expected: [String]) {
    #expect(PersonNumberSearch.find(in: text, today: today) == expected)
  }
}
