import SamverkanCommandLine
import SamverkanKit
import Testing

/// Repeated options: comma-separated lists, and free text that keeps its commas.
@Suite struct ListOptionTests {
  static let parties = ListOption<String>("parties", value: "org", help: "Parties.")
  static let intervention = ListOption<String>(
    "intervention", value: "text", help: "An intervention.", commaSeparated: false)
  static let root = CommandSpec(
    name: "samverkan", abstract: "Test root.",
    subcommands: [
      CommandSpec(
        name: "verb", abstract: "A verb.", options: [parties, intervention]
      ) { _ in 0 }
    ])

  func values(_ arguments: [String]) throws -> ParsedValues {
    guard case .run(_, let values) = try CommandParser(root: Self.root).parse(arguments) else {
      Issue.record("expected a verb to run")
      return ParsedValues()
    }
    return values
  }

  @Test func aListSplitsAtCommasAndRepeats() throws {
    let values = try values(["verb", "--parties", "SF-NORDOST, FFS", "--parties", "AVO"])
    #expect(values.options["parties"] == ["SF-NORDOST", "FFS", "AVO"])
  }

  @Test func freeTextKeepsItsCommasAndRepeats() throws {
    let values = try values([
      "verb", "--intervention", "FFS: Boendestöd, två dagar i veckan",
      "--intervention=SF-NORDOST: Samtal",
    ])
    #expect(
      values.options["intervention"] == [
        "FFS: Boendestöd, två dagar i veckan", "SF-NORDOST: Samtal",
      ])
    #expect(Self.intervention.spec.label == "--intervention <text> ...")
  }
}
