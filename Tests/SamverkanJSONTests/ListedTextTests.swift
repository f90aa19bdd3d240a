import SamverkanJSON
import Testing

@Suite struct ListedTextTests {
  @Test(arguments: [
    ([], ""), (["a"], "a"), (["a", "b"], "a or b"), (["a", "b", "c"], "a, b or c"),
  ])
  func listsItemsAsASentence(items: [String], expected: String) {
    #expect(items.listed("or") == expected)
  }

  @Test func takesTheConjunctionOfTheLanguage() {
    #expect(["5", "15", "25"].listed("eller") == "5, 15 eller 25")
  }
}
