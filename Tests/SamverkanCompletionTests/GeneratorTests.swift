import SamverkanCLI
import SamverkanCommandLine
import SamverkanKit
import Testing

/// The completion model and the three generators, on a small tree of their own.
@Suite struct GeneratorTests {
  /// `tool [--store <dir>] [--format <format>] [-q]` with `thing show <id>` (also writes
  /// Markdown), `thing add --tags <tag>,…` (declares its own `--store` flag) and a hidden
  /// command.
  static let root = CommandSpec(
    name: "tool", abstract: "A tool.",
    options: [
      Option<String>("store", value: "dir", help: "The store.", completion: .directory),
      GlobalOptions.format,
      Flag("quiet", short: "q", help: "Only IDs."),
    ],
    subcommands: [
      CommandSpec(
        name: "thing", abstract: "Things.",
        subcommands: [
          CommandSpec(
            name: "show", abstract: "Show one.",
            arguments: [Argument<String>("id", help: "The ID.", completion: .dynamic("ids:TH"))],
            documentFormats: [.md]
          ) { _ in 0 },
          CommandSpec(
            name: "add", abstract: "Add one.",
            options: [
              ListOption<String>(
                "tags", value: "tag", help: "Tags.", completion: .values(["red", "it's"])),
              Flag("store", help: "Store it at once."),
            ],
            arguments: [VariadicArgument<String>("files", help: "Files.", completion: .file)]
          ) { _ in 0 },
        ]),
      CommandSpec(name: "secret", abstract: "Hidden.", isHidden: true) { _ in 0 },
    ])

  static let model = CompletionModel(root: root)

  private func command(_ name: String) throws -> CompletionModel.Command {
    try #require(Self.model.commands.first { $0.name == name })
  }

  @Test func everyVisibleCommandRootFirst() {
    #expect(Self.model.commands.map(\.name) == ["", "thing", "thing show", "thing add"])
    #expect(Self.model.commands[0].subcommands.map(\.name) == ["thing"])
    #expect(Self.model.commands[1].subcommands.map(\.help) == ["Show one.", "Add one."])
  }

  @Test func globalOptionsApplyEverywhereUnlessRedeclared() throws {
    #expect(Self.model.globals.map(\.name) == ["store", "format", "quiet", "help"])
    #expect(try command("").listedOptions.map(\.name) == ["version"])
    let show = try command("thing show")
    #expect(show.options.map(\.name) == ["store", "format", "quiet", "help"])
    #expect(show.listedOptions.isEmpty && !show.redeclaresGlobal)
    // `thing add` declares a flag `--store`: the global option does not apply there.
    let add = try command("thing add")
    #expect(add.redeclaresGlobal)
    #expect(add.listedOptions.map(\.name) == ["tags", "store", "format", "quiet", "help"])
    #expect(add.options.first { $0.name == "store" }?.takesValue == false)
    // The parser reads a short name only for a flag.
    #expect(add.options.first { $0.name == "quiet" }?.spellings == ["--quiet", "-q"])
  }

  @Test func argumentsAndWhetherTheLastRepeats() throws {
    #expect(try command("thing show").arguments == [.dynamic("ids:TH")])
    #expect(try command("thing show").lastArgumentRepeats == false)
    #expect(try command("thing add").lastArgumentRepeats == true)
    #expect(
      Self.model.argumentValues.map { "\($0.command!) \($0.word)" }
        == ["thing show 1", "thing add 1"])
  }

  /// A global option's value completes once for all commands; a command gets its own line
  /// only where it completes differently (formats it writes, its own option).
  @Test func optionValuesOnceForTheGlobalOnes() {
    let values = Self.model.optionValues.map { ($0.command ?? "*") + " " + $0.word }
    #expect(values == ["thing show --format", "thing add --tags", "* --store", "* --format"])
    #expect(
      Self.model.optionValues[0].completion
        == .values(["table", "json", "ndjson", "csv", "tsv", "md"]))
    #expect(Self.model.optionValues[1].splitsAtCommas)
    #expect(
      Self.model.optionValues[3].completion == .values(["table", "json", "ndjson", "csv", "tsv"]))
  }

  @Test func bashScript() {
    let script = CompletionShell.bash.script(for: Self.root)
    #expect(script.contains("complete -F _tool tool\n"))
    #expect(script.contains("  options=(--store= --format= --quiet -q --help -h)\n"))
    #expect(
      script.contains(
        "  'thing add')\n    options=(--tags= --store --format= --quiet -q --help -h)\n"))
    #expect(
      script.contains("    'thing add --tags') __tool_list; __tool_words red 'it'\\''s' ;;\n"))
    #expect(script.contains("    *' --store') __tool_directories ;;\n"))
    #expect(script.contains("    'thing show 1') __tool_dynamic ids:TH ;;\n"))
    #expect(script.contains("    arguments=1 repeats=1\n"))
    #expect(!script.contains("secret"))
  }

  @Test func zshScript() {
    let script = CompletionShell.zsh.script(for: Self.root)
    #expect(script.hasPrefix("#compdef tool\n"))
    #expect(script.contains("  opts=(\n    '--store=:The store.'\n"))
    #expect(script.contains("    subcommands=(\n      'thing:Things.'\n    )\n"))
    #expect(
      script.contains("    'thing add --tags') compset -P '*,'; compadd -- red 'it'\\''s' ;;\n"))
    #expect(script.contains("    *' --store') _files -/ ;;\n"))
    #expect(script.contains("compdef _tool tool\n"))
    #expect(!script.contains("secret"))
  }

  @Test func fishScript() {
    let script = CompletionShell.fish.script(for: Self.root)
    #expect(script.contains("complete -c tool -f -a '(__tool_complete)'\n"))
    #expect(script.contains("    set opts \\\n        --store=\\t'The store.' \\\n"))
    #expect(script.contains("            set subcommands \\\n                thing\\t'Things.'\n"))
    #expect(
      script.contains(
        "        case 'thing add --tags'\n            __tool_list; set -a candidates red 'it\\'s'\n"
      ))
    #expect(script.contains("        case '* --store'\n"))
    #expect(!script.contains("secret"))
  }

  /// samverkan's own tree: every command module, `store`, `completions` and `help`, but
  /// never the hidden entry point the scripts call.
  @Test func samverkansTree() {
    let model = CompletionModel(root: SamverkanCLI.root)
    #expect(
      model.commands[0].subcommands.map(\.name)
        == [
          "agenda", "consent", "contacts", "deviation", "escalate", "sip", "sp", "transfer",
          "users", "person", "store",
          "completions", "help",
        ])
    #expect(!model.commands.contains { $0.path.contains("__complete") })
  }
}
