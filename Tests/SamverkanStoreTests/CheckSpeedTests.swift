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
