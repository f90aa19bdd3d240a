import SamverkanDomain
import Testing

@testable import SamverkanStore

@Suite struct BothCoresTests {
  struct Odd: Error, Equatable { let number: Int }

  @Test(arguments: [0, 1, 1_999, 2_000, 10_001])
  func keepsTheItemsOrder(count: Int) throws {
    let numbers = Array(0..<count)
    #expect(try BothCores.map(numbers) { $0 * 2 } == numbers.map { $0 * 2 })
  }

  @Test func rethrowsTheFirstErrorInTheItemsOrder() {
    let numbers = Array(0..<10_000)
    #expect(throws: Odd(number: 4_001)) {
      try BothCores.map(numbers) { number in
        if number > 4_000, number % 2 == 1 { throw Odd(number: number) }
        return number
      }
    }
  }
}

@Suite struct DigestFeedTests {
  static let days: [CivilDate?] = [
    nil, try? CivilDate(iso: "2027-01-31"), try? CivilDate(iso: "2026-12-01"),
    try? CivilDate(iso: "0999-03-04"),
  ]

  @Test(arguments: days, days)
  func aDueEntrysHashIsTheHashOfItsFileIDAndWindow(from: CivilDate?, through: CivilDate?) {
    let window = DueWindow(from: from, through: through)
    for number in [1, 7, 16, 255, 99_999] {
      for kind in [RecordKind.consent, .sip] {
        let id = RecordID(kind: kind, number: number)
        #expect(
          IndexDigests.dueHash(kind, window, key: id.description)
            == IndexDigests.hash(
              StorePaths.due(kind, window, id), id.description, window.description))
      }
    }
  }
}
