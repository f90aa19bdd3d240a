import Foundation
import SamverkanDomain

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The options every command accepts, before or after the command (SPEC §2).
public enum GlobalOptions {
  public static let store = Option<String>(
    "store", value: "dir",
    help:
      "The store directory (env SAMVERKAN_STORE; default $XDG_DATA_HOME/samverkan or ~/.local/share/samverkan).",
    completion: .directory)
  public static let format = Option<OutputFormat>(
    "format", value: "format",
    help: "Output format; a table on a terminal, tab-separated lines otherwise.")
  public static let json = Flag("json", help: "Same as --format json.")
  public static let fields = ListOption<String>(
    "fields", value: "field", help: "Show only these fields, in this order.",
    completion: .dynamic("fields"))
  public static let actor = Option<String>(
    "as", value: "user",
    help:
      "Who is written to the journal (env SAMVERKAN_USER; default your login). With a user register, admins only."
  )
  public static let today = Option<String>(
    "today", value: "date",
    help: "Pin today's date, for reproducible scripts (env SAMVERKAN_TODAY).")
  public static let now = Option<String>(
    "now", value: "datetime",
    help: "Pin the time as YYYY-MM-DDTHH:MM Stockholm time (env SAMVERKAN_NOW).")
  public static let quiet = Flag("quiet", short: "q", help: "Print only IDs.")
  public static let wide = Flag(
    "wide",
    help:
      "Show every value of a table in full; on a terminal long values are otherwise shortened with … to fit its width (COLUMNS)."
  )
  public static let noColor = Flag("no-color", help: "No colour (also when NO_COLOR is set).")
  public static let reveal = Flag(
    "reveal",
    help:
      "Show the names and numbers of persons with protected personal data (skyddade personuppgifter)."
  )

  public static let csvSeparator = Option<CSVSeparator>(
    "csv-separator", value: "sep",
    help:
      "The separator of CSV written and read: ',' (default) or ';' (what Swedish Excel opens with a double click); import tells it from the header without this."
  )
  public static let bom = Flag(
    "bom",
    help:
      "Begin CSV output with a UTF-8 byte order mark, so that Excel reads å, ä and ö correctly.")

  /// Every global option, in the order help lists them.
  public static let all: [any OptionDeclaration] = [
    store, format, json, fields, wide, actor, today, now, quiet, noColor, reveal, csvSeparator,
    bom,
  ]
}

/// The separators CSV may have: `,` or `;` (Swedish Excel).
public enum CSVSeparator: String, CaseIterable, Sendable, ArgumentValue {
  case comma = ","
  case semicolon = ";"

  public var byte: UInt8 {
    switch self {
    case .comma: UInt8(ascii: ",")
    case .semicolon: UInt8(ascii: ";")
    }
  }
}

extension Invocation {
  /// The separator CSV output uses (`--csv-separator`, default `,`).
  var csvOutputSeparator: UInt8 {
    ((try? value(GlobalOptions.csvSeparator)) ?? nil)?.byte ?? UInt8(ascii: ",")
  }

  /// A CSV header line for output, after a byte order mark with `--bom`.
  package func csvHeader(_ fields: [String]) -> [UInt8] {
    var bytes = isSet(GlobalOptions.bom) ? CSVWriter.byteOrderMark : []
    CSVWriter.record(fields, separator: csvOutputSeparator, into: &bytes)
    return bytes
  }
}

/// One run of one verb: its options and arguments, the streams, the clock, the store's
/// location and the output settings. Verbs read typed values from it and write through it.
public final class Invocation: @unchecked Sendable {
  /// The commands from the root to this verb.
  public let path: [CommandSpec]
  let values: ParsedValues
  public let stdout: OutputSink
  public let stderr: OutputSink
  public let environment: [String: String]
  /// The whole command line, program name first, as the journal records it.
  public let commandLine: [String]
  public let clock: Clock
  public let storeDirectory: String
  /// Who is written to the journal: `--as`, `SAMVERKAN_USER`, else the login. With a user
  /// register only an admin may name someone else (checked when the store is first opened).
  public package(set) var actor: String
  /// The operating-system user running the command (`getpwuid(geteuid())`, not `$USER`,
  /// which a script can leave unset or set to anything).
  public let login: String
  /// `--as` or `SAMVERKAN_USER`, when given.
  package let requestedActor: String?
  /// The protected persons this command showed with `--reveal`, for the access log.
  package let revealed = RevealedPersons()
  /// What the register said about this command's users, once looked up.
  package var authentication: Authentication?
  /// Colour on stdout: a terminal, no `NO_COLOR`, not `TERM=dumb`, no `--no-color`.
  public let useColor: Bool
  /// The width help and tables wrap to.
  public let columns: Int
  private let readStandardInput: () -> [UInt8]
  /// Standard input as a descriptor an import can stream from (the executable's); nil in
  /// process, where `standardInput()` gives the bytes.
  public let standardInputDescriptor: Int32?
  /// Whether standard input is a terminal a person can answer on.
  public let standardInputIsTerminal: Bool
  private var loadedProfile: Profile?
  /// Each typed option's values, converted before the verb ran (`convertValues`).
  private var convertedOptions: [String: [any Sendable]] = [:]
  /// Each typed argument's values, converted before the verb ran.
  private var convertedArguments: [String: [any Sendable]] = [:]
  /// Whether the command read the store while its directory did not exist.
  package var readMissingStore = false

  init(
    path: [CommandSpec], values: ParsedValues, environment: [String: String],
    commandLine: [String], stdout: OutputSink, stderr: OutputSink,
    readStandardInput: @escaping () -> [UInt8], standardInputIsTerminal: Bool,
    standardInputDescriptor: Int32? = nil, currentDirectory: String, systemNow: Date,
    login: String? = nil
  ) throws {
    self.standardInputDescriptor = standardInputDescriptor
    self.standardInputIsTerminal = standardInputIsTerminal
    self.path = path
    self.values = values
    self.stdout = stdout
    self.stderr = stderr
    self.environment = environment
    self.commandLine = commandLine
    self.readStandardInput = readStandardInput
    clock = try Clock.resolve(
      todayOption: values.options[GlobalOptions.today.spec.name]?.last,
      nowOption: values.options[GlobalOptions.now.spec.name]?.last,
      environment: environment, systemNow: systemNow)
    storeDirectory = try Invocation.storeDirectory(
      option: values.options[GlobalOptions.store.spec.name]?.last, environment: environment,
      currentDirectory: currentDirectory)
    lockTimeout = try Invocation.lockTimeout(environment["SAMVERKAN_LOCK_TIMEOUT"])
    self.login = login ?? Invocation.operatingSystemLogin()
    requestedActor =
      values.options[GlobalOptions.actor.spec.name]?.last
      ?? environment["SAMVERKAN_USER"].flatMap { $0.isEmpty ? nil : $0 }
    actor = requestedActor ?? self.login
    let noColorRequested = !(environment["NO_COLOR"] ?? "").isEmpty
    useColor =
      stdout.isTerminal && !noColorRequested && environment["TERM"] != "dumb"
      && values.options[GlobalOptions.noColor.spec.name] == nil
    columns = Invocation.width(environment: environment, stdout: stdout)
  }

  /// The width help and tables fit: `COLUMNS`, else the terminal's width, else 80.
  public static func width(environment: [String: String], stdout: OutputSink) -> Int {
    let width = environment["COLUMNS"].flatMap(Int.init) ?? stdout.terminalColumns ?? 80
    return max(width, 40)
  }

  /// `--store`, else `SAMVERKAN_STORE`, else `$XDG_DATA_HOME/samverkan`, else
  /// `~/.local/share/samverkan`; relative paths are taken from the current directory.
  static func storeDirectory(
    option: String?, environment: [String: String], currentDirectory: String
  ) throws(SamverkanError) -> String {
    var path: String
    if let option, !option.isEmpty {
      path = option
    } else if let variable = environment["SAMVERKAN_STORE"], !variable.isEmpty {
      path = variable
    } else if let data = environment["XDG_DATA_HOME"], data.hasPrefix("/") {
      path = data + "/samverkan"
    } else if let home = environment["HOME"], home.hasPrefix("/") {
      path = home + "/.local/share/samverkan"
    } else {
      // An empty or relative HOME would put the store at /.local/share or below the current
      // directory: no default is better than a surprising one.
      throw .badEnvironment(
        name: "HOME", value: environment["HOME"] ?? "",
        reason:
          "it is not an absolute path (nor is XDG_DATA_HOME), so there is no default store; give the store with --store <dir> or SAMVERKAN_STORE"
      )
    }
    if !path.hasPrefix("/") { path = currentDirectory + "/" + path }
    return path
  }

  // MARK: - Shared things

  /// The profile: built in, overridden by `profile.json` in the store (exit 78 if bad).
  public func profile() throws -> Profile {
    if let loadedProfile { return loadedProfile }
    let profile = try Profile.load(storeDirectory: storeDirectory)
    loadedProfile = profile
    return profile
  }

  /// What reading typed values needs.
  public func valueContext() throws -> ValueContext {
    ValueContext(today: clock.today, profile: try profile())
  }

  /// Says on stderr that the command read a store that does not exist, when it still does
  /// not: an empty answer from a mistyped `--store` must not pass for an empty store. Shown
  /// with `-q` too, as it may be a mistake rather than guidance.
  ///
  /// The default store missing on a fresh machine is expected, and only noted (not with
  /// `-q`); one named with `--store` or `SAMVERKAN_STORE` may be a typo, so that is said
  /// even with `-q`.
  func noteMissingStore() {
    guard readMissingStore, !FileManager.default.fileExists(atPath: storeDirectory) else { return }
    let named = isGiven(GlobalOptions.store) || !(environment["SAMVERKAN_STORE"] ?? "").isEmpty
    let text =
      "Note: there is no store at \(storeDirectory)\(named ? "" : " (the default) yet"); this command read it as empty. A command that changes something creates it"
    if named {
      warn(text + "; if you expected a store there, check --store or SAMVERKAN_STORE.")
    } else {
      note(text + ".")
    }
  }

  /// The login of the process's effective user; its uid when it has no name.
  static func operatingSystemLogin() -> String {
    let uid = geteuid()
    guard let entry = getpwuid(uid), let name = entry.pointee.pw_name else { return "uid-\(uid)" }
    return String(cString: name)
  }

  /// Seconds to wait for the store's lock: `SAMVERKAN_LOCK_TIMEOUT`, else 10.
  public let lockTimeout: Double

  /// The longest lock timeout accepted: an hour is already longer than anyone waits.
  static let maximumLockTimeout = 3600.0

  /// Reads `SAMVERKAN_LOCK_TIMEOUT`: seconds as digits with an optional fraction (`10`,
  /// `0.5`); empty is unset. `Double(_:)` alone took `nan`, `inf` and `1e400` (a wait
  /// without end) and turned `abc` silently into the default.
  static func lockTimeout(_ text: String?) throws(SamverkanError) -> Double {
    guard let text, !text.isEmpty else { return 10 }
    let parts = text.split(separator: ".", omittingEmptySubsequences: false)
    let digits = parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }
    guard parts.count <= 2, digits, let seconds = Double(text), seconds <= maximumLockTimeout
    else {
      throw .badEnvironment(
        name: "SAMVERKAN_LOCK_TIMEOUT", value: text,
        reason:
          "expected the seconds to wait for the store's lock, from 0 to \(Int(maximumLockTimeout)), e.g. 10 or 0.5"
      )
    }
    return seconds
  }

  /// Everything on standard input (for `import -` and `--report -`).
  public func standardInput() -> [UInt8] { readStandardInput() }

  /// The verb's name as the user typed it: `samverkan consent grant`.
  public var commandName: String {
    (["samverkan"] + path.dropFirst().map(\.name)).joined(separator: " ")
  }

  /// Whether `--reveal` was given.
  public var reveal: Bool { isSet(GlobalOptions.reveal) }

  /// Whether `-q/--quiet` was given.
  public var quiet: Bool { isSet(GlobalOptions.quiet) }

  /// Asks before a change that cannot be undone: passes with `--yes`, asks on a terminal,
  /// and without a terminal refuses with exit 64 (no prompts in scripts).
  public func confirm(_ question: String, yes: Flag) throws {
    if isSet(yes) { return }
    guard standardInputIsTerminal else {
      throw SamverkanError.confirmationRequired(question.trimmingCharacters(in: ["?"]))
    }
    stderr.write(question + " [y/N] ")
    stderr.flush()
    let answer = (readLine() ?? "").trimmingCharacters(in: .whitespaces).lowercased()
    guard ["y", "yes", "j", "ja"].contains(answer) else {
      throw SamverkanError.refused("Not confirmed; nothing was changed.")
    }
  }

  /// A warning or note on stderr.
  /// Guidance on stderr (what happened, what to do next); `-q` silences it, leaving only
  /// the data (and errors).
  public func note(_ text: String) {
    guard !quiet else { return }
    warn(text)
  }

  /// What the caseworker must see even with `-q`: the person's restrictions at a sharing
  /// step, a withdrawn consent, acute concern.
  public func warn(_ text: String) {
    // Notes quote the store (names, restrictions): nothing in them may drive the terminal.
    stderr.line(VisibleText.escape(text, keeping: ["\n"]))
  }

  // MARK: - Reading options and arguments

  /// Whether an option or flag was given on the command line.
  public func isGiven(_ option: some OptionDeclaration) -> Bool {
    values.options[option.spec.name] != nil
  }

  /// Whether a flag was given.
  public func isSet(_ flag: Flag) -> Bool {
    values.options[flag.spec.name] != nil
  }

  /// The option's text as typed (the last one when repeated).
  public func text(_ option: some OptionDeclaration) -> String? {
    values.options[option.spec.name]?.last
  }

  /// Converts every typed value given, before the verb runs: a bad value is refused with
  /// its option's `Help:` line, and every bad value of the command line is reported at
  /// once (with those the parser found outside an option's accepted list).
  func convertValues() throws {
    let verb = path[path.count - 1]
    // A verb without a store reads values against the built-in profile; one with a store
    // has already refused a bad profile.json.
    let context =
      verb.usesStore
      ? try valueContext()
      : ValueContext(today: clock.today, profile: (try? profile()) ?? .goteborg)
    var failures = values.invalid
    func convert(
      _ texts: [String], _ convert: ValueConverter, label: String, usage: String, help: String
    ) -> [any Sendable] {
      var converted: [any Sendable] = []
      for text in texts {
        do throws(ValueError) {
          converted.append(try convert(text, context))
        } catch {
          failures.append(
            UsageFailure(
              error: .invalidValue(text, option: usage, reason: error.description), path: path,
              label: label, help: help))
        }
      }
      return converted
    }
    for spec in verb.options + (path.first?.options ?? []) {
      guard let converter = spec.convert, let texts = values.options[spec.name] else { continue }
      convertedOptions[spec.name] = convert(
        texts, converter, label: spec.label, usage: spec.usage, help: spec.help)
    }
    for spec in verb.arguments {
      guard let converter = spec.convert, let texts = values.arguments[spec.name] else {
        continue
      }
      convertedArguments[spec.name] = convert(
        texts, converter, label: spec.usage, usage: spec.usage, help: spec.help)
    }
    if let failure = UsageFailure.combined(failures) { throw failure }
  }

  /// An option's value, or nil when it was not given.
  public func value<V>(_ option: Option<V>) throws -> V? {
    guard let text = values.options[option.spec.name]?.last else { return nil }
    if let value = convertedOptions[option.spec.name]?.last as? V { return value }
    return try read(V.self, text, label: option.spec.usage)
  }

  /// The days a `--from`/`--to` pair names, each defaulting as given; a last day before
  /// the first is refused (64), whichever of them was typed.
  public func period(
    _ from: Option<CivilDate>, _ to: Option<CivilDate>, defaultFrom: CivilDate? = nil,
    defaultTo: CivilDate? = nil
  ) throws -> (first: CivilDate?, last: CivilDate?) {
    let first = try value(from) ?? defaultFrom
    let last = try value(to) ?? defaultTo
    if let first, let last, last < first {
      throw SamverkanError.invalidValue(
        text(to) ?? last.description, option: to.spec.usage,
        reason: "\(last) is before the first day \(first)")
    }
    return (first, last)
  }

  /// An option's value; a usage error (64) naming it when it was not given.
  public func require<V>(_ option: Option<V>) throws -> V {
    guard let value = try value(option) else {
      throw SamverkanError.missingOption(option: option.spec.usage)
    }
    return value
  }

  /// Every value of a list option, in order.
  public func values<V>(_ option: ListOption<V>) throws -> [V] {
    if let converted = convertedOptions[option.spec.name] as? [V] { return converted }
    return try (values.options[option.spec.name] ?? []).map {
      try read(V.self, $0, label: option.spec.usage)
    }
  }

  /// An argument's value, or nil when it was not given.
  public func value<V>(_ argument: Argument<V>) throws -> V? {
    guard let text = values.arguments[argument.spec.name]?.first else { return nil }
    if let value = convertedArguments[argument.spec.name]?.first as? V { return value }
    return try read(V.self, text, label: argument.spec.usage)
  }

  /// A required argument's value.
  public func require<V>(_ argument: Argument<V>) throws -> V {
    guard let value = try value(argument) else {
      throw SamverkanError.missingArgument(argument.spec.usage)
    }
    return value
  }

  /// Every value of a variadic argument.
  public func values<V>(_ argument: VariadicArgument<V>) throws -> [V] {
    if let converted = convertedArguments[argument.spec.name] as? [V] { return converted }
    return try (values.arguments[argument.spec.name] ?? []).map {
      try read(V.self, $0, label: argument.spec.usage)
    }
  }

  /// A record ID argument of one kind: `CON-12`, `con-12` or just `12`.
  public func recordID(_ argument: Argument<String>, kind: RecordKind) throws -> RecordID {
    try recordID(try require(argument), kind: kind, label: argument.spec.usage)
  }

  private func recordID(_ text: String, kind: RecordKind, label: String) throws -> RecordID {
    do {
      return try RecordID(parsing: text, expected: kind)
    } catch {
      throw SamverkanError.invalidValue(text, option: label, reason: error.description)
    }
  }

  /// Record IDs given as `<id> ...`, each of the kind its prefix names among `kinds` (the
  /// first when it has none: `12` is `CON-12`); an ID given twice counts once.
  public func recordIDs(_ argument: VariadicArgument<String>, kinds: [RecordKind]) throws
    -> [RecordID]
  {
    var ids: [RecordID] = []
    for text in try values(argument) {
      let id = try recordID(
        text, kind: RecordID.kindOf(text, among: kinds) ?? kinds[0], label: argument.spec.usage)
      if !ids.contains(id) { ids.append(id) }
    }
    guard !ids.isEmpty else { throw SamverkanError.missingArgument(argument.spec.usage) }
    return ids
  }

  private func read<V: ArgumentValue>(_ type: V.Type, _ text: String, label: String) throws -> V {
    // Text needs no profile: help must work beside a broken profile.json.
    if let text = text as? V { return text }
    let context = try valueContext()
    do {
      return try V.parse(text, in: context)
    } catch {
      throw SamverkanError.invalidValue(text, option: label, reason: error.description)
    }
  }
}

/// What the user register says about one command's users: who runs it and whom it acts as.
package struct Authentication {
  /// The user the command acts as; nil when the store has no register (single-user).
  package var user: User?

  package init(user: User?) { self.user = user }
}
