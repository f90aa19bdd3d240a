import Foundation
import SamverkanDomain

/// Runs a command tree on a command line: parse, dispatch, and turn every error into a
/// message on stderr and an exit code (SPEC §2). Nothing here calls `exit()`.
public struct Runner {
  public let root: CommandSpec
  public let version: String

  public init(root: CommandSpec, version: String) {
    self.root = root
    self.version = version
  }

  /// Runs `arguments` (without the program name) and returns the exit code.
  public func run(
    arguments: [String], environment: [String: String], stdout: OutputSink,
    stderr: OutputSink, standardInput: @escaping () -> [UInt8] = { [] },
    standardInputIsTerminal: Bool = false,
    currentDirectory: String = FileManager.default.currentDirectoryPath,
    systemNow: Date = Date(), login: String? = nil
  ) -> Int32 {
    defer {
      stdout.flush()
      stderr.flush()
    }
    let width = environment["COLUMNS"].flatMap(Int.init) ?? 80
    let formatter = HelpFormatter(width: width, globals: root.options)
    let parser = CommandParser(root: root)
    let outcome: ParseOutcome
    do {
      outcome = try parser.parse(arguments)
    } catch {
      stderr.write(formatter.usageError(error))
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
      do {
        let invocation = try Invocation(
          path: path, values: values, environment: environment,
          commandLine: ["samverkan"] + arguments, stdout: stdout, stderr: stderr,
          readStandardInput: standardInput, standardInputIsTerminal: standardInputIsTerminal,
          currentDirectory: currentDirectory,
          systemNow: systemNow, login: login)
        let code = try path[path.count - 1].run!(invocation)
        try invocation.logRevealedPersons()
        return code
      } catch let error as SamverkanError {
        if error.isUsageError {
          stderr.write(
            formatter.usageError(UsageFailure(error: error, path: path, label: nil, help: nil)))
        } else {
          stderr.line("Error: " + error.message)
        }
        return error.exitCode
      } catch let failure as UsageFailure {
        stderr.write(formatter.usageError(failure))
        return failure.error.exitCode
      } catch {
        stderr.line("Error: " + SamverkanError.internalError("\(error)").message)
        return ExitCode.software
      }
    }
  }
}
