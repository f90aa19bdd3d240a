import Foundation
import SamverkanDomain

/// Runs a command tree on a command line: parse, dispatch, and turn every error into a
/// message on stderr and an exit code (SPEC §2). Nothing here calls `exit()`.
public struct Runner {
  public let root: CommandSpec
  public let version: String
  /// Runs after a verb has succeeded, before the exit code is returned (the access log of
  /// what it revealed); its error is the command's.
  public let afterRun: (Invocation) throws -> Void

  public init(
    root: CommandSpec, version: String, afterRun: @escaping (Invocation) throws -> Void = { _ in }
  ) {
    self.root = root
    self.version = version
    self.afterRun = afterRun
  }

  /// A usage error a verb found, with the `Help:` line of the option or argument a bad
  /// value was given to (a period whose last day is before its first), as the parser's.
  static func failure(_ error: SamverkanError, path: [CommandSpec]) -> UsageFailure {
    var failure = UsageFailure(error: error, path: path, label: nil, help: nil)
    guard case .invalidValue(_, let option, _) = error, let verb = path.last else { return failure }
    if let spec = (verb.options + (path.first?.options ?? [])).first(where: { $0.usage == option })
    {
      (failure.label, failure.help) = (spec.label, spec.help)
    } else if let spec = verb.arguments.first(where: { $0.usage == option }) {
      (failure.label, failure.help) = (spec.usage, spec.help)
    }
    return failure
  }

  /// Runs `arguments` (without the program name) and returns the exit code.
  public func run(
    arguments: [String], environment: [String: String], stdout: OutputSink,
    stderr: OutputSink, standardInput: @escaping () -> [UInt8] = { [] },
    standardInputIsTerminal: Bool = false, standardInputDescriptor: Int32? = nil,
    currentDirectory: String = FileManager.default.currentDirectoryPath,
    systemNow: Date = Date(), login: String? = nil
  ) -> Int32 {
    defer {
      stdout.flush()
      stderr.flush()
    }
    let width = Invocation.width(environment: environment, stdout: stdout)
    let formatter = HelpFormatter(width: width, globals: root.options)
    let parser = CommandParser(root: root)
    let outcome: ParseOutcome
    do {
      outcome = try parser.parse(arguments)
    } catch {
      stderr.write(VisibleText.escape(formatter.usageError(error), keeping: ["\n"]))
      return error.error.exitCode
    }
    switch outcome {
    case .version:
      stdout.line("samverkan \(version)")
      return ExitCode.success
    case .help(let path):
      stdout.write(formatter.help(path))
      return ExitCode.success
    case .run(let path, let values):
      var started: Invocation?
      // Said after the command's own output or error.
      defer { started?.noteMissingStore() }
      do {
        let invocation = try Invocation(
          path: path, values: values, environment: environment,
          commandLine: ["samverkan"] + arguments, stdout: stdout, stderr: stderr,
          readStandardInput: standardInput, standardInputIsTerminal: standardInputIsTerminal,
          standardInputDescriptor: standardInputDescriptor, currentDirectory: currentDirectory,
          systemNow: systemNow, login: login)
        started = invocation
        let verb = path[path.count - 1]
        // Every verb on the store refuses a bad profile.json, whether or not its own work
        // would have read it: a half-applied profile is worse than none.
        if verb.usesStore { _ = try invocation.profile() }
        try invocation.convertValues()
        guard let run = verb.run else {
          throw SamverkanError.internalError("'\(verb.name)' was run but has nothing to run")
        }
        let code = try run(invocation)
        try afterRun(invocation)
        return code
      } catch let error as SamverkanError {
        if error.isUsageError {
          stderr.write(
            VisibleText.escape(
              formatter.usageError(Self.failure(error, path: path)), keeping: ["\n"]))
        } else {
          // Values from the command line or the store, printed on a terminal.
          stderr.line(VisibleText.escape("Error: " + error.message, keeping: ["\n"]))
        }
        return error.exitCode
      } catch let failure as UsageFailure {
        stderr.write(VisibleText.escape(formatter.usageError(failure), keeping: ["\n"]))
        return failure.error.exitCode
      } catch {
        stderr.line("Error: " + SamverkanError.internalError("\(error)").message)
        return ExitCode.software
      }
    }
  }
}
