/// The shells `samverkan completions` writes a script for.
public enum CompletionShell: String, CaseIterable, Sendable, ArgumentValue {
  case bash
  case zsh
  case fish

  /// The completion script for a command tree.
  public func script(for root: CommandSpec) -> String {
    let model = CompletionModel(root: root)
    switch self {
    case .bash: return BashCompletion(model: model).script
    case .zsh: return ZshCompletion(model: model).script
    case .fish: return FishCompletion(model: model).script
    }
  }
}

/// The command tree as the completion scripts see it: one entry per visible command, with
/// the global options merged in and every value's completion resolved for that command.
///
/// The scripts walk the words typed so far by the parser's rules (`CommandParser`): global
/// options anywhere before `--`, `--opt value` and `--opt=value`, a value never starting
/// with `--`, a word naming a subcommand only before the first positional argument. The
/// three generators only differ in how they write this model down.
public struct CompletionModel: Sendable {
  /// A word the shell offers, with the help a shell may show beside it.
  public struct Word: Sendable, Equatable {
    public var name: String
    public var help: String
  }

  /// An option as completion needs it.
  public struct Option: Sendable, Equatable {
    /// The long name without dashes: `store`.
    public var name: String
    /// The one-letter name; the parser reads one only for a flag (`-q`).
    public var short: Character?
    public var help: String
    public var takesValue: Bool
    /// Whether it is a global option (declared on the root) rather than the command's own.
    public var isGlobal: Bool
    /// Whether one value may hold several, separated by commas (`--parties A,B`).
    public var splitsAtCommas: Bool
    /// How its value completes, resolved for the command (the formats it writes).
    public var completion: CompletionKind

    /// `--store`, and `-q` when it has a short name.
    public var spellings: [String] {
      ["--\(name)"] + (short.map { ["-\($0)"] } ?? [])
    }
  }

  /// One command or verb: where it is and what may follow it.
  public struct Command: Sendable {
    /// The names from the root: `[]` for the root, `["consent", "grant"]` for a verb.
    public var path: [String]
    public var subcommands: [Word]
    /// Its own options, then the global ones it does not redeclare (with `--help`).
    public var options: [Option]
    /// How each positional argument completes, in order.
    public var arguments: [CompletionKind]
    /// Whether the last argument takes every remaining word.
    public var lastArgumentRepeats: Bool

    /// The path as one string: `consent grant`, empty for the root.
    public var name: String { path.joined(separator: " ") }

    /// The options a script lists for it beside the global ones: its own (`--version` at
    /// the root), or all of them when it redeclares a global one.
    public var listedOptions: [Option] {
      redeclaresGlobal ? options : options.filter { !$0.isGlobal }
    }

    /// Whether it declares an option of the same name as a global one, which then does not
    /// apply to it: the scripts list all its options instead of adding its own to the globals.
    public var redeclaresGlobal: Bool
  }

  /// A value that completes in a fixed way after an option, or as a positional argument.
  public struct ValueCompletion: Sendable, Equatable {
    /// The command, or nil for a global option in every command that does not redeclare it.
    public var command: String?
    /// The option (`--store`), or the argument's position from 1 (`1`).
    public var word: String
    public var completion: CompletionKind
    /// Whether to complete after the last comma (`--parties SF-NORDOST,F`).
    public var splitsAtCommas: Bool

    /// The `case` pattern bash and zsh match the command and word against:
    /// `'consent grant --type'`, or `*' --store'` for a global option.
    var casePattern: String {
      command.map { "\($0) \(word)".singleQuoted } ?? "*" + " \(word)".singleQuoted
    }
  }

  /// The program's name: `samverkan`.
  public let program: String
  /// The global options, accepted before or after any command, with `--help`.
  public let globals: [Option]
  /// Every visible command, the root first, each before its subcommands.
  public let commands: [Command]

  public init(root: CommandSpec) {
    program = root.name
    var commands: [Command] = []
    func visit(_ command: CommandSpec, path: [String]) {
      commands.append(Self.command(command, path: path, globals: root.options))
      for subcommand in command.subcommands where !subcommand.isHidden {
        visit(subcommand, path: path + [subcommand.name])
      }
    }
    visit(root, path: [])
    self.commands = commands
    globals = commands[0].options.filter(\.isGlobal)
  }

  /// The options' value completions: each command's own first, then the global ones once.
  /// A global option appears under a command only where it completes differently there
  /// (`--format` where a verb also writes Markdown).
  public var optionValues: [ValueCompletion] {
    let globals = globals.filter(\.takesValue)
    var specific: [ValueCompletion] = []
    for command in commands.dropFirst() {
      for option in command.options where option.takesValue {
        // Where the global line completes it the same, the command needs no line of its own.
        let global = globals.first { $0.name == option.name }?.completion ?? .none
        if option.completion == global { continue }
        specific.append(
          ValueCompletion(
            command: command.name, word: "--\(option.name)", completion: option.completion,
            splitsAtCommas: option.splitsAtCommas))
      }
    }
    let everywhere = globals.map {
      ValueCompletion(
        command: nil, word: "--\($0.name)", completion: $0.completion,
        splitsAtCommas: $0.splitsAtCommas)
    }
    return specific + everywhere.filter { $0.completion != .none }
  }

  /// The positional arguments' completions, by command and position.
  public var argumentValues: [ValueCompletion] {
    commands.flatMap { command in
      command.arguments.enumerated().compactMap { index, completion in
        completion == .none
          ? nil
          : ValueCompletion(
            command: command.name, word: String(index + 1), completion: completion,
            splitsAtCommas: false)
      }
    }
  }

  /// `--help` and `-h` are the parser's own, accepted everywhere; `--version` too, but it
  /// is only worth offering at the root.
  package static let help = Option(
    name: "help", short: "h", help: "Show help information.", takesValue: false,
    isGlobal: true, splitsAtCommas: false, completion: .none)
  static let version = Option(
    name: "version", short: nil, help: "Show the version.", takesValue: false,
    isGlobal: false, splitsAtCommas: false, completion: .none)

  private static func command(_ spec: CommandSpec, path: [String], globals: [OptionSpec])
    -> Command
  {
    // The root's options are the global ones; a command may declare one of the same name.
    let own = path.isEmpty ? [] : spec.options
    let redeclared = Set(own.map(\.name))
    let declared =
      own.map { ($0, false) } + globals.filter { !redeclared.contains($0.name) }.map { ($0, true) }
    var options = declared.map { option, isGlobal in
      Option(
        name: option.name, short: option.takesValue ? nil : option.short, help: option.help,
        takesValue: option.takesValue, isGlobal: isGlobal,
        splitsAtCommas: option.isList && option.splitsAtCommas,
        completion: completion(of: option, in: spec))
    }
    if !redeclared.contains(help.name) { options.append(help) }
    if path.isEmpty { options.append(version) }
    return Command(
      path: path,
      subcommands: spec.subcommands.filter { !$0.isHidden }.map {
        Word(name: $0.name, help: $0.abstract)
      },
      options: options, arguments: spec.arguments.map(\.completion),
      lastArgumentRepeats: spec.arguments.last?.isVariadic ?? false,
      redeclaresGlobal: !redeclared.isDisjoint(with: globals.map(\.name) + [help.name]))
  }

  /// An option's completion for one command: `--format` offers the formats it writes.
  private static func completion(of option: OptionSpec, in command: CommandSpec)
    -> CompletionKind
  {
    guard option.name == GlobalOptions.format.spec.name else { return option.completion }
    let formats = OutputFormat.dataFormats + command.documentFormats
    return .values(OutputFormat.allCases.filter(formats.contains).map(\.rawValue))
  }
}

// MARK: - Shell quoting

extension String {
  /// Whether the text reads the same unquoted in bash, zsh and fish.
  var isPlainWord: Bool {
    !isEmpty && !hasPrefix("=")
      && allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_./,:+@%=".contains($0)) }
  }

  /// The text as one word for bash and zsh: as it is when that is safe, else quoted.
  var shellWord: String { isPlainWord ? self : singleQuoted }

  /// The text as one word for fish.
  var fishWord: String { isPlainWord ? self : fishQuoted }

  /// The text in single quotes for bash and zsh: `'it'\''s'`.
  var singleQuoted: String {
    "'" + replacing("'", with: #"'\''"#) + "'"
  }
}
