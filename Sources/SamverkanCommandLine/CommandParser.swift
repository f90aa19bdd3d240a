import Foundation

import SamverkanDomain

/// What the command line asks for, once parsed.
public enum ParseOutcome {
  /// Run the verb at the end of `path` with these values.
  case run(path: [CommandSpec], values: ParsedValues)
  /// Show help for the command at the end of `path`.
  case help(path: [CommandSpec])
  /// Print the version.
  case version
}

/// The options and arguments given, as text, checked against the declarations.
public struct ParsedValues: Sendable {
  /// Option name → every value given, in order (list options split at commas); flags map
  /// to `[""]`.
  public var options: [String: [String]] = [:]
  /// Argument name → its value(s).
  public var arguments: [String: [String]] = [:]
  /// Values outside an option's accepted list, reported with the values that fail to
  /// convert, all at once, before the verb runs.
  public var invalid: [UsageFailure] = []

  public init() {}
}

/// A usage error with the command it happened in, for the `Help:` and `Usage:` lines.
public struct UsageFailure: Error {
  public var error: SamverkanError
  public var path: [CommandSpec]
  /// The option or argument the error is about, for the `Help:` line.
  public var label: String?
  public var help: String?
  /// The other bad values of the same command line, reported with this one.
  public var further: [UsageFailure] = []

  /// Several failures as one report, the first leading.
  static func combined(_ failures: [UsageFailure]) -> UsageFailure? {
    guard var first = failures.first else { return nil }
    first.further = Array(failures.dropFirst())
    return first
  }
}

/// The hand-written parser, following swift-argument-parser's conventions: git-style
/// subcommands, `--opt value` and `--opt=value`, repeated and comma-separated lists, global
/// options anywhere before `--`, and "did you mean" for mistyped names.
public struct CommandParser {
  public let root: CommandSpec
  /// Options every command accepts (`--store`, `--format`, …), declared on the root.
  public var globals: [OptionSpec] { root.options }

  public init(root: CommandSpec) {
    self.root = root
  }

  public func parse(_ arguments: [String]) throws(UsageFailure) -> ParseOutcome {
    var path = [root]
    var values = ParsedValues()
    var positionals: [String] = []
    var helpRequested = false
    var versionRequested = false
    var firstFailure: UsageFailure?
    var index = 0
    var afterSeparator = false

    func fail(_ error: SamverkanError, label: String? = nil, help: String? = nil) {
      if firstFailure == nil {
        firstFailure = UsageFailure(error: error, path: path, label: label, help: help)
      }
    }

    func record(_ spec: OptionSpec, _ value: String) {
      let parts =
        spec.isList && spec.splitsAtCommas
        ? value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        : [value]
      for part in parts where !(spec.isList && part.isEmpty) {
        if let allowed = spec.allowedValues {
          guard let canonical = allowed.first(where: { $0.lowercased() == part.lowercased() })
          else {
            // A likely typo gets the nearest value first, as an unknown option does.
            let nearest = EditDistance.closest(to: part.lowercased(), among: allowed)
            values.invalid.append(
              UsageFailure(
                error: .invalidValue(
                  part, option: spec.usage,
                  reason: (nearest.map { "Did you mean '\($0)'? " } ?? "")
                    + "Please provide one of \(quotedList(allowed))."),
                path: path, label: spec.label, help: spec.help))
            continue
          }
          values.options[spec.name, default: []].append(canonical)
        } else {
          values.options[spec.name, default: []].append(part)
        }
      }
    }

    while index < arguments.count {
      let argument = arguments[index]
      index += 1
      let command = path[path.count - 1]

      if !afterSeparator, argument == "--" {
        afterSeparator = true
        continue
      }
      if !afterSeparator, argument.hasPrefix("--") {
        let body = argument.dropFirst(2)
        let name = String(body.prefix { $0 != "=" })
        let inline = body.contains("=") ? String(body.drop { $0 != "=" }.dropFirst()) : nil
        if name == "help" {
          helpRequested = true
          continue
        }
        if name == "version" {
          versionRequested = true
          continue
        }
        guard let spec = lookup(long: name, in: command) else {
          let candidates =
            (command.options + globals).filter { !$0.isHidden }.map { "--\($0.name)" }
            + ["--help", "--version"]
          fail(
            .unknownOption(
              "--\(name)", suggestion: EditDistance.closest(to: "--\(name)", among: candidates)))
          continue
        }
        if spec.takesValue {
          if let inline {
            record(spec, inline)
          } else if index < arguments.count, !arguments[index].hasPrefix("--") {
            record(spec, arguments[index])
            index += 1
          } else {
            fail(.missingValue(option: spec.usage), label: spec.label, help: spec.help)
          }
        } else {
          if inline != nil {
            fail(.usage("The flag '--\(name)' takes no value."), label: spec.label, help: spec.help)
          }
          values.options[spec.name] = [""]
        }
        continue
      }
      if !afterSeparator, argument.hasPrefix("-"), argument.count > 1,
        !argument.dropFirst().allSatisfy(\.isNumber)
      {
        for letter in argument.dropFirst() {
          if letter == "h" {
            helpRequested = true
          } else if let spec = lookup(short: letter, in: command), !spec.takesValue {
            values.options[spec.name] = [""]
          } else {
            let candidates = (command.options + globals).compactMap { $0.short }.map { "-\($0)" }
            fail(
              .unknownOption(
                "-\(letter)",
                suggestion: candidates.count == 1
                  ? nil : EditDistance.closest(to: "-\(letter)", among: candidates)))
          }
        }
        continue
      }
      // A positional: the next subcommand's name while there are subcommands, else an argument.
      if !command.subcommands.isEmpty, positionals.isEmpty {
        if let subcommand = command.subcommand(named: argument) {
          path.append(subcommand)
        } else {
          let visible = command.subcommands.filter { !$0.isHidden }.map(\.name)
          fail(
            .unknownCommand(
              argument, known: visible,
              suggestion: EditDistance.closest(to: argument, among: visible)))
        }
        continue
      }
      positionals.append(argument)
    }

    if helpRequested {
      // As git: help for a command that does not exist is the error that it does not.
      if let firstFailure, case .unknownCommand = firstFailure.error { throw firstFailure }
      return .help(path: path)
    }
    if let firstFailure { throw firstFailure }
    if versionRequested { return .version }
    let command = path[path.count - 1]
    guard command.run != nil else {
      if let failure = UsageFailure.combined(values.invalid) { throw failure }
      return .help(path: path)
    }

    // Arguments in declaration order; a variadic one takes the rest.
    var remaining = positionals[...]
    for spec in command.arguments {
      if spec.isVariadic {
        values.arguments[spec.name] = Array(remaining)
        remaining = []
      } else if let first = remaining.first {
        values.arguments[spec.name] = [first]
        remaining = remaining.dropFirst()
      }
      if spec.isRequired, values.arguments[spec.name, default: []].isEmpty {
        throw UsageFailure(
          error: .missingArgument(spec.usage), path: path, label: spec.usage, help: spec.help)
      }
    }
    if let extra = remaining.first {
      throw UsageFailure(error: .unexpectedArgument(extra), path: path)
    }
    // An option given with a bad value was given: its value is reported, not its absence.
    let givenBadly = Set(values.invalid.compactMap(\.label))
    for spec in command.options
    where spec.isRequired && values.options[spec.name] == nil && !givenBadly.contains(spec.label) {
      throw UsageFailure(
        error: .missingOption(option: spec.usage), path: path, label: spec.label, help: spec.help)
    }
    return .run(path: path, values: values)
  }

  private func lookup(long name: String, in command: CommandSpec) -> OptionSpec? {
    command.options.first { $0.name == name } ?? globals.first { $0.name == name }
  }

  private func lookup(short letter: Character, in command: CommandSpec) -> OptionSpec? {
    command.options.first { $0.short == letter } ?? globals.first { $0.short == letter }
  }

  /// The commands named by `names` (for `samverkan help consent grant`).
  public func resolve(_ names: [String]) throws(UsageFailure) -> [CommandSpec] {
    var path = [root]
    for name in names {
      let command = path[path.count - 1]
      guard let subcommand = command.subcommand(named: name) else {
        let visible = command.subcommands.filter { !$0.isHidden }.map(\.name)
        throw UsageFailure(
          error: .unknownCommand(
            name, known: visible, suggestion: EditDistance.closest(to: name, among: visible)),
          path: path)
      }
      path.append(subcommand)
    }
    return path
  }
}
