import SamverkanTestSupport
import Testing

/// Help screens in swift-argument-parser's layout, checked against golden files.
@Suite struct HelpTests {
  @Test(arguments: [
    (["--help"], "root.txt"),
    (["contacts", "--help"], "contacts.txt"),
    (["help", "contacts", "route"], "contacts-route.txt"),
    (["contacts", "add", "-h"], "contacts-add.txt"),
    (["help", "exit-codes"], "exit-codes.txt"),
  ])
  func helpScreens(arguments: [String], golden: String) {
    let result = TestStore().run(arguments)
    #expect(result.code == 0)
    #expect(result.stderr.isEmpty)
    assertGolden(result.stdout, named: golden)
  }

  @Test func helpWrapsToTheTerminalWidth() {
    let result = TestStore().run(["contacts", "route", "--help"], environment: ["COLUMNS": "60"])
    #expect(result.stdout.split(separator: "\n").allSatisfy { $0.count <= 60 })
  }

  @Test func everyVerbHasHelpWithAnExample() {
    let store = TestStore()
    let commands = store.run(["--help"]).stdout
      .components(separatedBy: "COMMANDS:\n")[1].components(separatedBy: "\n\n")[0]
      .split(separator: "\n").filter { $0.hasPrefix("  ") && !$0.hasPrefix("   ") }
      .compactMap { $0.split(separator: " ").first.map(String.init) }
    #expect(commands.contains("contacts"))
    for command in commands where command != "help" {
      let help = store.run([command, "--help"]).stdout
      guard let verbs = help.components(separatedBy: "VERBS:\n").dropFirst().first else { continue }
      // Verb names start at column 2; wrapped descriptions are indented further.
      let names = verbs.components(separatedBy: "\n\n")[0].split(separator: "\n")
        .filter { $0.hasPrefix("  ") && !$0.hasPrefix("   ") }
        .compactMap { $0.split(separator: " ").first.map(String.init) }
      for verb in names {
        let verbHelp = store.run([command, verb, "--help"])
        #expect(verbHelp.code == 0, "\(command) \(verb)")
        #expect(verbHelp.stdout.contains("EXAMPLES:"), "\(command) \(verb) has no example")
      }
    }
  }
}
