import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import Testing

/// A small command tree, independent of the real commands, to test parsing alone.
private enum Fixture {
  static let person = Option<String>("person", value: "pnr", help: "The person.", required: true)
  static let parties = ListOption<String>("parties", value: "org", help: "The parties.")
  static let type = Option<Kind>("type", value: "type", help: "The type.")
  static let informed = Flag("informed", help: "Told how to withdraw.")
  static let id = Argument<String>("id", help: "The ID.")
  static let files = VariadicArgument<String>("files", help: "Files.", required: false)

  enum Kind: String, CaseIterable, ArgumentValue { case explicit, implied, presumed }

  static let grant = CommandSpec(
    name: "grant", abstract: "Grant.", options: [person, parties, type, informed]
  ) { _ in 0 }
  static let show = CommandSpec(name: "show", abstract: "Show.", arguments: [id]) { _ in 0 }
  static let load = CommandSpec(name: "load", abstract: "Load.", arguments: [files]) { _ in 0 }
  static let consent = CommandSpec(
    name: "consent", abstract: "Consent.", subcommands: [grant, show, load])
  static let root = CommandSpec(
    name: "samverkan", abstract: "Root.", options: GlobalOptions.all, subcommands: [consent])

  static func parse(_ arguments: [String]) throws(UsageFailure) -> ParseOutcome {
    try CommandParser(root: root).parse(arguments)
  }

  static func values(_ arguments: [String]) throws -> ParsedValues {
    guard case .run(_, let values) = try parse(arguments) else {
      Issue.record("expected a command to run for \(arguments)")
      return ParsedValues()
    }
    return values
  }

  static func failure(_ arguments: [String]) -> SamverkanError? {
    do {
      _ = try parse(arguments)
      return nil
    } catch {
      return error.error
    }
  }
}

@Suite struct ParserTests {
  @Test func optionsTakeValuesSeparatelyOrAfterEquals() throws {
    let values = try Fixture.values(["consent", "grant", "--person", "X", "--type=implied"])
    #expect(values.options["person"] == ["X"])
    #expect(values.options["type"] == ["implied"])
  }

  @Test func globalOptionsWorkBeforeAndAfterTheCommand() throws {
    let before = try Fixture.values(["--store", "/s", "consent", "grant", "--person", "X"])
    let after = try Fixture.values(["consent", "grant", "--person", "X", "--store=/s", "-q"])
    #expect(before.options["store"] == ["/s"])
    #expect(after.options["store"] == ["/s"])
    #expect(after.options["quiet"] == [""])
  }

  @Test func listOptionsRepeatAndSplitAtCommas() throws {
    let values = try Fixture.values([
      "consent", "grant", "--person", "X", "--parties", "A,B", "--parties", "C", "--parties=D, E",
    ])
    #expect(values.options["parties"] == ["A", "B", "C", "D", "E"])
  }

  @Test func valuesMayStartWithASingleDash() throws {
    let values = try Fixture.values(["consent", "grant", "--person", "-2w"])
    #expect(values.options["person"] == ["-2w"])
  }

  @Test func enumeratedValuesAreCheckedAndCanonical() throws {
    let values = try Fixture.values(["consent", "grant", "--person", "X", "--type", "IMPLIED"])
    #expect(values.options["type"] == ["implied"])
    // Reported with the values that fail to convert, before the verb runs.
    let bad = try Fixture.values(["consent", "grant", "--person", "X", "--type", "sometimes"])
    #expect(
      bad.invalid.map(\.error.message) == [
        "The value 'sometimes' is invalid for '--type <type>': Please provide one of 'explicit', 'implied' or 'presumed'."
      ])
  }

  @Test func doubleDashEndsOptions() throws {
    let values = try Fixture.values(["consent", "show", "--", "--odd-id"])
    #expect(values.arguments["id"] == ["--odd-id"])
  }

  @Test func variadicArgumentsTakeTheRest() throws {
    let values = try Fixture.values(["consent", "load", "a", "b", "c"])
    #expect(values.arguments["files"] == ["a", "b", "c"])
  }

  @Test(arguments: [
    (["consent", "grant", "--persn", "X"], "Unknown option '--persn'. Did you mean '--person'?"),
    (
      ["consent", "grant", "--person", "X", "--stor", "/s"],
      "Unknown option '--stor'. Did you mean '--store'?"
    ),
    (
      ["consent", "grnt"], "Unknown command 'grnt'. Did you mean 'grant'? Known: grant, show, load."
    ),
    (["consnt"], "Unknown command 'consnt'. Did you mean 'consent'? Known: consent."),
    (["consent", "grant", "--person"], "Missing value for '--person <pnr>'"),
    (["consent", "grant"], "Missing expected argument '--person <pnr>'"),
    (["consent", "show"], "Missing expected argument '<id>'"),
    (["consent", "show", "A", "B"], "Unexpected argument 'B'"),
    (
      ["consent", "grant", "--person", "X", "--informed=yes"],
      "The flag '--informed' takes no value."
    ),
    (["consent", "grant", "--person", "X", "-z"], "Unknown option '-z'."),
  ])
  func mistakesAreUsageErrorsWithSuggestions(arguments: [String], message: String) {
    let error = Fixture.failure(arguments)
    #expect(error?.message == message)
    #expect(error?.exitCode == 64)
  }

  @Test func helpWinsAnywhereAndNamesTheDeepestCommand() throws {
    guard case .help(let path) = try Fixture.parse(["consent", "--help", "grant"]) else {
      Issue.record("expected help")
      return
    }
    #expect(path.map(\.name) == ["samverkan", "consent", "grant"])
    // Help is shown even when the rest of the line has mistakes.
    guard case .help = try Fixture.parse(["consent", "grant", "--bogus", "-h"]) else {
      Issue.record("expected help despite the unknown option")
      return
    }
  }

  @Test func aGroupWithoutVerbShowsHelp() throws {
    guard case .help(let path) = try Fixture.parse(["consent"]) else {
      Issue.record("expected help")
      return
    }
    #expect(path.last?.name == "consent")
  }

  @Test func versionIsRecognized() throws {
    guard case .version = try Fixture.parse(["--version"]) else {
      Issue.record("expected version")
      return
    }
  }

  @Test func usageFailuresCarryTheOptionsHelp() {
    do {
      _ = try Fixture.parse(["consent", "grant"])
      Issue.record("expected a failure")
    } catch {
      #expect(error.label == "--person <pnr>")
      #expect(error.help == "The person.")
      #expect(error.path.map(\.name) == ["samverkan", "consent", "grant"])
    }
  }
}

@Suite struct EditDistanceTests {
  @Test(arguments: [
    ("", "", 0), ("list", "list", 0), ("lst", "list", 1), ("lsit", "list", 1),
    ("grant", "revoke", 6), ("--stor", "--store", 1), ("Sydvast", "sydvast", 0),
  ])
  func distances(a: String, b: String, expected: Int) {
    #expect(EditDistance.distance(a, b) == expected)
  }

  @Test func suggestsOnlyCloseNames() {
    #expect(EditDistance.closest(to: "lst", among: ["list", "show"]) == "list")
    #expect(EditDistance.closest(to: "xyz", among: ["list", "show"]) == nil)
    #expect(EditDistance.closest(to: "as", among: ["assign", "list"]) == "assign")
  }
}
