import SamverkanDomain

// MARK: - Completion

/// How a shell completes a value; declared once beside the option, read by the generators.
public enum CompletionKind: Sendable, Equatable {
  /// No suggestions.
  case none
  /// One of a fixed set of words.
  case values([String])
  /// A file path (import files, reports).
  case file
  /// A directory path (`--store`).
  case directory
  /// Candidates the binary prints at completion time: `samverkan __complete <source>`.
  /// Sources: `ids:<PREFIX>` (record IDs of one kind), `organizations`, `units`, `fields`.
  case dynamic(String)
}

// MARK: - Specifications

/// One option as declared: the single source for parsing, help and completion.
public struct OptionSpec: Sendable {
  /// The long name without dashes: `person` for `--person`.
  public var name: String
  /// A one-letter short name (`-q`), if any.
  public var short: Character?
  /// The value's placeholder in usage (`pnr` for `--person <pnr>`); nil for a flag.
  public var valueName: String?
  public var help: String
  public var isRequired: Bool
  /// Repeatable and comma-separated: `--parties A,B` is `--parties A --parties B`.
  public var isList: Bool
  /// The only values accepted (checked by the parser), or nil for free text.
  public var allowedValues: [String]?
  public var completion: CompletionKind
  /// Left out of help (but still parsed and completed).
  public var isHidden: Bool
  /// For a list: whether one value may hold several, separated by commas. False for free
  /// text that may itself contain commas (each repetition is then one value).
  public var splitsAtCommas: Bool
  /// Reads one value into the option's type, run on every value given before the verb
  /// runs (so each bad value is reported, all at once, in one layout); nil for text.
  public var convert: ValueConverter?

  public init(
    name: String, short: Character? = nil, valueName: String?, help: String,
    isRequired: Bool = false, isList: Bool = false, allowedValues: [String]? = nil,
    completion: CompletionKind = .none, isHidden: Bool = false, splitsAtCommas: Bool = true,
    convert: ValueConverter? = nil
  ) {
    self.name = name
    self.short = short
    self.valueName = valueName
    self.help = help
    self.isRequired = isRequired
    self.isList = isList
    self.allowedValues = allowedValues
    self.completion = completion
    self.isHidden = isHidden
    self.splitsAtCommas = splitsAtCommas
    self.convert = convert
  }

  /// Whether the option takes a value (false for flags).
  public var takesValue: Bool { valueName != nil }

  /// The option as usage shows it: `--person <pnr>`, `-q, --quiet`.
  public var usage: String {
    var text = "--\(name)"
    if let valueName { text += " <\(valueName)>" }
    return text
  }

  /// The label in an OPTIONS section: `-q, --quiet`, `--parties <org> ...`.
  public var label: String {
    var text = ""
    if let short { text += "-\(short), " }
    text += usage
    if isList { text += " ..." }
    return text
  }
}

/// One positional argument as declared.
public struct ArgumentSpec: Sendable {
  /// The name shown in usage: `id` for `<id>`.
  public var name: String
  public var help: String
  public var isRequired: Bool
  /// Takes all remaining positional arguments.
  public var isVariadic: Bool
  public var completion: CompletionKind
  /// Reads one value into the argument's type before the verb runs; nil for text.
  public var convert: ValueConverter?

  public init(
    name: String, help: String, isRequired: Bool = true, isVariadic: Bool = false,
    completion: CompletionKind = .none, convert: ValueConverter? = nil
  ) {
    self.name = name
    self.help = help
    self.isRequired = isRequired
    self.isVariadic = isVariadic
    self.completion = completion
    self.convert = convert
  }

  /// The argument as usage shows it: `<id>`, `[<file>]`, `<ids> ...`.
  public var usage: String {
    var text = "<\(name)>"
    if isVariadic { text += " ..." }
    return isRequired ? text : "[\(text)]"
  }
}

/// A worked example shown in help: the command line and what it does.
public struct Example: Sendable {
  public var command: String
  public var explanation: String

  public init(_ command: String, _ explanation: String) {
    self.command = command
    self.explanation = explanation
  }
}

/// A command or verb: its name, help, options, arguments, and either subcommands or a body.
public struct CommandSpec: Sendable {
  public var name: String
  /// One line for lists: "Record a new consent."
  public var abstract: String
  /// Paragraphs shown after the overview in `--help`.
  public var discussion: String?
  public var examples: [Example]
  public var options: [OptionSpec]
  public var arguments: [ArgumentSpec]
  public var subcommands: [CommandSpec]
  /// Left out of help and command lists (the completion entry point).
  public var isHidden: Bool
  /// Output formats this verb writes beyond the data formats, e.g. `md` for documents.
  public var documentFormats: [OutputFormat]
  /// Whether the verb works on the store, so needs its profile: every verb but help and
  /// the completion scripts. A bad `profile.json` refuses each one that does (78).
  public var usesStore: Bool
  /// What the verb does; nil for a group of verbs.
  public var run: (@Sendable (Invocation) throws -> Int32)?

  public init(
    name: String, abstract: String, discussion: String? = nil, examples: [Example] = [],
    options: [any OptionDeclaration] = [], arguments: [any ArgumentDeclaration] = [],
    subcommands: [CommandSpec] = [], isHidden: Bool = false,
    documentFormats: [OutputFormat] = [], usesStore: Bool = true,
    run: (@Sendable (Invocation) throws -> Int32)? = nil
  ) {
    self.name = name
    self.abstract = abstract
    self.discussion = discussion
    self.examples = examples
    self.options = options.map(\.spec)
    self.arguments = arguments.map(\.spec)
    self.subcommands = subcommands
    self.isHidden = isHidden
    self.documentFormats = documentFormats
    self.usesStore = usesStore
    self.run = run
  }

  /// The subcommand with this name (case-insensitive), if any.
  public func subcommand(named name: String) -> CommandSpec? {
    subcommands.first { $0.name.lowercased() == name.lowercased() }
  }

  /// The option with this long name, if declared here.
  public func option(named name: String) -> OptionSpec? {
    options.first { $0.name == name }
  }
}

// MARK: - Typed declarations

/// Anything that declares an option: typed options, list options and flags.
public protocol OptionDeclaration: Sendable {
  var spec: OptionSpec { get }
}

/// Anything that declares a positional argument.
public protocol ArgumentDeclaration: Sendable {
  var spec: ArgumentSpec { get }
}

/// An option taking one value of a type the command line can read: `--until <date>`.
public struct Option<Value: ArgumentValue>: OptionDeclaration {
  public let spec: OptionSpec

  public init(
    _ name: String, short: Character? = nil, value valueName: String, help: String,
    required: Bool = false, completion: CompletionKind? = nil, hidden: Bool = false
  ) {
    spec = OptionSpec(
      name: name, short: short, valueName: valueName, help: help, isRequired: required,
      allowedValues: Value.allowedValues,
      completion: completion ?? Value.completion, isHidden: hidden, convert: Value.converter)
  }

  private init(spec: OptionSpec) { self.spec = spec }

  /// The same option with the help line this verb gives it: a shared declaration
  /// (`--person`, `--reason`) says what it means here.
  public func help(_ text: String) -> Option {
    var spec = self.spec
    spec.help = text
    return Option(spec: spec)
  }

  /// The same option, required: the parser refuses the command without it, and help and
  /// completion show it as required — one modifier, so they cannot disagree.
  public var required: Option {
    var spec = self.spec
    spec.isRequired = true
    return Option(spec: spec)
  }
}

/// An option that may be repeated or given comma-separated: `--parties SF-NORDOST,FFS`.
/// With `commaSeparated: false` it is only repeated, for free text that holds commas:
/// `--intervention 'FFS: Boendestöd, två dagar i veckan'`.
public struct ListOption<Value: ArgumentValue>: OptionDeclaration {
  public let spec: OptionSpec

  public init(
    _ name: String, value valueName: String, help: String, required: Bool = false,
    completion: CompletionKind? = nil, commaSeparated: Bool = true
  ) {
    spec = OptionSpec(
      name: name, valueName: valueName, help: help, isRequired: required, isList: true,
      allowedValues: Value.allowedValues, completion: completion ?? Value.completion,
      splitsAtCommas: commaSeparated, convert: Value.converter)
  }
}

/// An option without a value: `--informed`.
public struct Flag: OptionDeclaration {
  public let spec: OptionSpec

  public init(_ name: String, short: Character? = nil, help: String, hidden: Bool = false) {
    spec = OptionSpec(name: name, short: short, valueName: nil, help: help, isHidden: hidden)
  }

  private init(spec: OptionSpec) { self.spec = spec }

  /// The same flag with the help line this verb gives it.
  public func help(_ text: String) -> Flag {
    var spec = self.spec
    spec.help = text
    return Flag(spec: spec)
  }
}

/// A positional argument of a readable type: `<id>`.
public struct Argument<Value: ArgumentValue>: ArgumentDeclaration {
  public let spec: ArgumentSpec

  public init(
    _ name: String, help: String, required: Bool = true, completion: CompletionKind? = nil
  ) {
    spec = ArgumentSpec(
      name: name, help: help, isRequired: required,
      completion: completion ?? Value.completion, convert: Value.converter)
  }

  private init(spec: ArgumentSpec) { self.spec = spec }

  /// The same argument with the help line this verb gives it.
  public func help(_ text: String) -> Argument {
    var spec = self.spec
    spec.help = text
    return Argument(spec: spec)
  }
}

extension Argument where Value == String {
  /// The same argument, read as a record ID of one of `kinds` (the first when the text has
  /// no prefix): a malformed ID is refused with the other bad values, before the verb runs.
  public func recordID(of kinds: [RecordKind]) -> Argument {
    var spec = self.spec
    spec.convert = RecordID.converter(kinds: kinds)
    return Argument(spec: spec)
  }
}

/// A positional argument that takes every remaining argument: `<ids> ...`.
public struct VariadicArgument<Value: ArgumentValue>: ArgumentDeclaration {
  public let spec: ArgumentSpec

  public init(
    _ name: String, help: String, required: Bool = true, completion: CompletionKind? = nil
  ) {
    spec = ArgumentSpec(
      name: name, help: help, isRequired: required, isVariadic: true,
      completion: completion ?? Value.completion, convert: Value.converter)
  }

  private init(spec: ArgumentSpec) { self.spec = spec }

  /// The same argument with the help line this verb gives it.
  public func help(_ text: String) -> VariadicArgument {
    var spec = self.spec
    spec.help = text
    return VariadicArgument(spec: spec)
  }
}

extension VariadicArgument where Value == String {
  /// The same argument, each value read as a record ID of one of `kinds` (the first when
  /// the text has no prefix), before the verb runs.
  public func recordIDs(of kinds: [RecordKind]) -> VariadicArgument {
    var spec = self.spec
    spec.convert = RecordID.converter(kinds: kinds)
    return VariadicArgument(spec: spec)
  }
}
