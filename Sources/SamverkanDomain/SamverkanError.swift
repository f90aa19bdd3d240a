import Foundation

/// Why a piece of text could not be read as a typed value (a date, a personnummer, an
/// organization ID). The caller adds where the text came from — an option on the command
/// line, or a field on an import row — so the same parser serves both.
public struct ValueError: Error, Equatable, Sendable, CustomStringConvertible {
  /// What was wrong, without repeating the value: "February 2026 has 28 days".
  public var reason: String
  /// What would have been accepted: "a date as YYYY-MM-DD, today, tomorrow, …".
  public var expected: String?

  public init(_ reason: String, expected: String? = nil) {
    self.reason = reason
    self.expected = expected
  }

  /// The reason and, when known, what would be accepted, as one sentence.
  public var description: String {
    guard let expected else { return reason }
    return "\(reason). Expected \(expected)"
  }
}

/// One problem with one field of one input row, reported as `file:line: field: message`.
public struct InputProblem: Equatable, Sendable, CustomStringConvertible {
  /// The input's name as the user gave it; standard input is `-`.
  public var source: String
  /// The 1-based line where the row starts, when the input has lines.
  public var line: Int?
  /// The field (column) the problem is in, when it belongs to one.
  public var field: String?
  public var message: String
  /// The value found, as the input has it, when the problem is about one.
  public var value: String?

  /// Problems listed on the terminal before the rest are only counted.
  public static let terminalLimit = 50

  public init(source: String, line: Int?, field: String?, message: String, value: String? = nil) {
    self.source = source
    self.line = line
    self.field = field
    self.message = message
    self.value = value
  }

  public var description: String {
    var text = source
    if let line { text += ":\(line)" }
    text += ": "
    if let field { text += "\(field): " }
    return text + message
  }
}

/// A problem with one field of a record, found by the rules every way of creating or
/// changing a record shares (a verb's options, an import row).
public struct FieldProblem: Equatable, Sendable, CustomStringConvertible {
  /// The record field as it is named in JSON and CSV, e.g. `validUntil`.
  public var field: String
  public var message: String
  /// Whether a routine rule refuses the record (exit 77 from a verb), rather than a value
  /// being malformed or out of range (exit 64).
  public var isRule: Bool

  public init(_ field: String, _ message: String, rule: Bool = false) {
    self.field = field
    self.message = message
    self.isRule = rule
  }

  public var description: String { "\(field): \(message)" }
}

extension [FieldProblem] {
  /// Throws the problems a verb found, all at once: exit 64 when a value is malformed,
  /// exit 77 when only routine rules refuse.
  public func throwIfAny(_ what: String) throws(SamverkanError) {
    guard !isEmpty else { return }
    let list = map { "  - \($0.description)" }.joined(separator: "\n")
    if allSatisfy(\.isRule) {
      throw .refused("\(what):\n" + list)
    }
    throw .usage("\(what):\n" + list)
  }
}

/// Every way a command can fail, each mapped to an exit code from BSD `sysexits.h` (SPEC §2).
///
/// Messages name what was wrong, the value given, and what would be accepted or what to do
/// next. Usage errors (64) are rendered by the command line with help and usage lines.
public enum SamverkanError: Error, Equatable, Sendable {
  // MARK: 64 — usage

  /// A command or verb that does not exist, with the nearest known name when one is close.
  case unknownCommand(String, known: [String], suggestion: String?)
  /// An option the command does not take, with the nearest known option when one is close.
  case unknownOption(String, suggestion: String?)
  /// An option given without its value: `--store` at the end of the line.
  case missingValue(option: String)
  /// A required option that was not given.
  case missingOption(option: String)
  /// A positional argument that was not given.
  case missingArgument(String)
  /// More positional arguments than the verb takes.
  case unexpectedArgument(String)
  /// A value that could not be read: a bad personnummer, an impossible date, an unknown
  /// organization. `option` is the option as shown in usage, e.g. `--until <date>`.
  case invalidValue(String, option: String, reason: String)
  /// Options that contradict each other, or any other misuse the parser cannot name alone.
  case usage(String)
  /// A change that needs `--yes`, asked for without a terminal to confirm on.
  case confirmationRequired(String)

  // MARK: 65 — input data

  /// Import rows that are malformed or conflict; `omitted` counts problems not listed.
  case invalidInput([InputProblem], omitted: Int)

  // MARK: 66 — not found

  /// No record with this ID in the store.
  case recordNotFound(String)
  /// No input file at this path.
  case fileNotFound(String)

  // MARK: 70 — internal

  /// A bug: something the program assumed turned out false.
  case internalError(String)

  // MARK: 74, 75 — store

  /// The store cannot be read or written: damaged file, disk full, no permission.
  case storeUnavailable(path: String, reason: String)
  /// Another process held the store's lock past the timeout; safe to retry.
  case storeBusy(path: String, seconds: Double)

  // MARK: 77 — refused by a routine rule

  /// A routine rule forbids this: consent missing, wrong state, deadline passed.
  case refused(String)
  /// A step refused until every listed part is in place (all listed at once).
  case incomplete(String, missing: [String])
  /// A record that can no longer change: an established SP, a filed deviation report.
  case locked(id: String, reason: String)
  /// The store has a user register and the operating-system login is not in it (SPEC §12).
  case notRegistered(login: String)
  /// The user may not take this step: `who` says who may (SPEC §12).
  case notAuthorized(user: String, step: String, who: String)

  // MARK: 78 — configuration

  /// `profile.json` (or another configuration file) cannot be used.
  case badConfiguration(path: String, reason: String)
  /// An environment variable holds a value that cannot be used; `reason` says what would be.
  case badEnvironment(name: String, value: String, reason: String)

  // MARK: 130

  /// Interrupted by a signal before anything was written.
  case interrupted

  /// The process exit code for this error (SPEC §2).
  public var exitCode: Int32 {
    switch self {
    case .unknownCommand, .unknownOption, .missingValue, .missingOption, .missingArgument,
      .unexpectedArgument, .invalidValue, .usage, .confirmationRequired:
      return ExitCode.usage
    case .invalidInput: return ExitCode.dataError
    case .recordNotFound, .fileNotFound: return ExitCode.notFound
    case .internalError: return ExitCode.software
    case .storeUnavailable: return ExitCode.ioError
    case .storeBusy: return ExitCode.tempFailure
    case .refused, .incomplete, .locked, .notRegistered, .notAuthorized: return ExitCode.refused
    case .badConfiguration, .badEnvironment: return ExitCode.configuration
    case .interrupted: return ExitCode.interrupted
    }
  }

  /// Whether this is a usage error, shown with the verb's help and usage lines.
  public var isUsageError: Bool { exitCode == ExitCode.usage }
}

extension SamverkanError: LocalizedError {
  public var errorDescription: String? { message }

  /// The message shown after `Error: ` on stderr.
  public var message: String {
    switch self {
    case .unknownCommand(let name, let known, let suggestion):
      var text = "Unknown command '\(shown(name))'."
      if let suggestion { text += " Did you mean '\(suggestion)'?" }
      if !known.isEmpty { text += " Known: \(known.joined(separator: ", "))." }
      return text
    case .unknownOption(let name, let suggestion):
      if let suggestion {
        return "Unknown option '\(shown(name))'. Did you mean '\(suggestion)'?"
      }
      return "Unknown option '\(shown(name))'."
    case .missingValue(let option):
      return "Missing value for '\(option)'"
    case .missingOption(let option):
      return "Missing expected argument '\(option)'"
    case .missingArgument(let argument):
      return "Missing expected argument '\(argument)'"
    case .unexpectedArgument(let argument):
      return "Unexpected argument '\(shown(argument))'"
    case .invalidValue(let value, let option, let reason):
      return "The value '\(shown(value))' is invalid for '\(option)': \(reason)"
    case .usage(let text):
      return text
    case .confirmationRequired(let what):
      return "\(what) needs confirmation: add --yes (there is no terminal to ask on)."
    case .invalidInput(let problems, let omitted):
      var lines = problems.map(\.description)
      if omitted > 0 { lines.append("… and \(omitted) more problem\(omitted == 1 ? "" : "s")") }
      let count = problems.count + omitted
      let header =
        "The input has \(count) problem\(count == 1 ? "" : "s"); nothing was written."
      return ([header] + lines).joined(separator: "\n")
    case .recordNotFound(let id):
      return "No record '\(shown(id))' in the store. 'list' shows the IDs there are."
    case .fileNotFound(let path):
      return "No such file: '\(shown(path))'."
    case .internalError(let text):
      return "Internal error (a bug in samverkan, please report it): \(text)"
    case .storeUnavailable(let path, let reason):
      return "The store cannot be used: \(path): \(reason)"
    case .storeBusy(let path, let seconds):
      let waited = String(format: "%.1f", seconds)
      return
        "The store at \(path) is busy: another samverkan process held its lock for \(waited) s. Nothing was changed; try again."
    case .refused(let text):
      return text
    case .incomplete(let what, let missing):
      return "\(what); missing:\n" + missing.map { "  - \($0)" }.joined(separator: "\n")
    case .locked(let id, let reason):
      return "\(id) cannot be changed: \(reason)"
    case .notRegistered(let login):
      return
        "The login '\(login)' is not in this store's user register, so it cannot use the store. Ask an admin to add you: 'samverkan users add --login \(login) --name … --org … --title …'."
    case .notAuthorized(let user, let step, let who):
      return "\(user) may not \(step): \(who)."
    case .badConfiguration(let path, let reason):
      return "The configuration in \(path) cannot be used: \(reason)"
    case .badEnvironment(let name, let value, let reason):
      let shown = value.count > 80 ? String(value.prefix(80)) + "…" : value
      return "The environment variable \(name)='\(shown)' cannot be used: \(reason)"
    case .interrupted:
      return "Interrupted; the store is as it was before the command."
    }
  }
}

/// A value from the user as a message repeats it: at most 80 characters, so a 128 KB
/// argument is not echoed back whole.
func shown(_ value: String) -> String {
  value.count <= 80 ? value : String(value.prefix(80)) + "… (\(value.count) characters)"
}

/// The exit codes of SPEC §2, from BSD `sysexits.h`.
public enum ExitCode {
  public static let success: Int32 = 0
  /// A check answered "no".
  public static let no: Int32 = 1
  public static let usage: Int32 = 64
  public static let dataError: Int32 = 65
  public static let notFound: Int32 = 66
  public static let software: Int32 = 70
  public static let ioError: Int32 = 74
  public static let tempFailure: Int32 = 75
  public static let refused: Int32 = 77
  public static let configuration: Int32 = 78
  public static let interrupted: Int32 = 130
}
