import SamverkanCLI
import SamverkanCommandLine
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

  /// The whole command tree, walked from the root: every verb has a one-line abstract and
  /// an example of itself, its option and argument names are unique and none clashes with a
  /// global option, and every option says what it is for.
  @Test func everyVerbIsDeclaredCompletely() {
    let root = SamverkanCLI.root
    let globals = Set(root.options.map(\.name))
    let globalShorts = Set(root.options.compactMap(\.short))
    var verbs = 0
    func walk(_ command: CommandSpec, path: [String]) {
      let name = path.joined(separator: " ")
      #expect(!command.abstract.isEmpty, "\(name) has no abstract")
      let childNames = command.subcommands.map { $0.name.lowercased() }
      #expect(Set(childNames).count == childNames.count, "\(name) repeats a verb name")
      for child in command.subcommands { walk(child, path: path + [child.name]) }
      guard command.run != nil, !command.isHidden, path.count > 1 else { return }
      verbs += 1
      // `samverkan --store DIR store init` and `"$(samverkan store path)"` show the verb too.
      #expect(
        command.examples.contains { example in
          var words = example.command.split(separator: " ").map {
            $0.trimmingCharacters(in: ["\"", "$", "(", ")"])
          }[...]
          return path.allSatisfy { word in
            guard let index = words.firstIndex(of: word) else { return false }
            words = words[(index + 1)...]
            return true
          }
        }, "\(name) has no example of itself")
      let names = command.options.map(\.name)
      #expect(Set(names).count == names.count, "\(name) declares an option twice: \(names)")
      let shorts = command.options.compactMap(\.short)
      #expect(Set(shorts).count == shorts.count, "\(name) repeats a short option")
      for option in command.options {
        #expect(
          !globals.contains(option.name), "\(name) --\(option.name) clashes with a global option")
        #expect(
          option.short.map { !globalShorts.contains($0) } ?? true,
          "\(name) -\(option.short.map(String.init) ?? "") clashes with a global option")
        #expect(!option.help.isEmpty, "\(name) --\(option.name) has no help")
      }
      let arguments = command.arguments.map(\.name)
      #expect(Set(arguments).count == arguments.count, "\(name) repeats an argument")
      #expect(
        command.arguments.dropLast().allSatisfy { !$0.isVariadic },
        "\(name): only the last argument may take the rest")
    }
    walk(root, path: ["samverkan"])
    #expect(verbs > 60, "the walk found \(verbs) verbs")
  }

  /// Help for every verb prints and shows its examples.
  @Test func everyVerbsHelpPrints() {
    let store = TestStore()
    func walk(_ command: CommandSpec, path: [String]) {
      for child in command.subcommands where !child.isHidden {
        walk(child, path: path + [child.name])
      }
      guard command.run != nil, !command.isHidden, !path.isEmpty else { return }
      let help = store.run(path + ["--help"])
      #expect(help.code == 0, "\(path)")
      #expect(help.stdout.contains("EXAMPLES:"), "\(path) shows no example")
    }
    walk(SamverkanCLI.root, path: [])
  }
}
