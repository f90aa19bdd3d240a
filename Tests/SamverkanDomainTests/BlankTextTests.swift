import Foundation
import SamverkanDomain
import Testing

@Suite struct BlankTextTests {
  @Test(arguments: [
    "SF-NORDOST", " SF-NORDOST", "SF-NORDOST ", "\tFFS\t", "\u{00A0}2026-01-02\u{2009}",
    "   ", "", "a b", "\nrad\n", " å ", "\u{3000}x",
  ])
  func trimsAsFoundationTrimsSpaces(text: String) {
    #expect(text.trimmingSpaces == text.trimmingCharacters(in: .whitespaces))
  }

  @Test func keepsLineBreaksWhichAreNoSpaces() {
    #expect(" rad\n ".trimmingSpaces == "rad\n")
  }
}
