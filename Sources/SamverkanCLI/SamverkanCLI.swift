import Foundation
import SamverkanAgenda
import SamverkanCommandLine
import SamverkanKit
import SamverkanConsent
import SamverkanContacts
import SamverkanSIP
import SamverkanSP
import SamverkanDeviation
import SamverkanEscalate
import SamverkanPerson
import SamverkanDomain
import SamverkanStore
import SamverkanTransfer
import SamverkanUsers

#if canImport(Glibc)
  import Glibc
#endif

/// The root of the command tree: every command, and the function `main.swift` calls.
public enum SamverkanCLI {
  /// The toolkit's version, printed by `--version`.
  public static let version = "0.1.0"

  /// Every command module, in the order help lists them.
  static var modules: [any SamverkanCommand.Type] {
    [
      ConsentCommand.self,
      ContactsCommand.self,
      DeviationCommand.self,
      EscalateCommand.self,
      SIPCommand.self,
      SPCommand.self,
      TransferCommand.self,
      UsersCommand.self,
    ]
  }

  /// Every command's tree, and `agenda`, which gathers what each command says is due.
  static let commands: [CommandSpec] =
    [
      AgendaCommand.spec(
        sources: modules.map { module in
          { query, reader in try module.agendaItems(query, reader: reader) }
        })
    ]
    + modules.map { module in module.spec }
    + [PersonCommand.spec(types: modules.flatMap { module in module.recordTypes })]

  /// Every record type, for `store check`, `store export` and `store import`.
  static let recordTypes: [RecordType] =
    modules.flatMap { module in module.recordTypes } + [.of(AccessEntry.self)]

  /// `samverkan`: the commands, plus `store`, `help` and the completion entry point.
  public static let root = CommandSpec(
    name: "samverkan",
    abstract:
      "Run the collaboration routines of Swedish municipal social services: consent, SIP, SP, transfers, escalation, deviation reports and contact routes.",
    discussion:
      "Data goes to stdout and messages to stderr; exit codes follow sysexits.h (see 'samverkan help exit-codes').",
    examples: [
      Example(
        "samverkan contacts list --org FFS",
        "Lists the intake units of Förvaltningen för funktionsstöd."),
      Example("samverkan help contacts route", "Explains how to find whom to contact."),
    ],
    options: GlobalOptions.all,
    subcommands: commands + [
      StoreCommand.spec, CompletionsCommand.spec, HelpCommand.spec, CompleteCommand.spec,
      ManCommand.spec,
    ])

  /// The manual pages, from the command tree (`Scripts/man.sh` writes them).
  public static var manPages: ManPages { ManCommand.pages }

  /// The executable's entry: real streams, Ctrl-C handling; returns the exit code.
  public static func main(arguments: [String]) -> Int32 {
    Interruption.install()
    return run(
      arguments: arguments, stdout: OutputSink(fileDescriptor: STDOUT_FILENO),
      stderr: OutputSink(fileDescriptor: STDERR_FILENO),
      standardInput: { Array(FileHandle.standardInput.readDataToEndOfFile()) },
      standardInputIsTerminal: isatty(STDIN_FILENO) == 1, standardInputDescriptor: STDIN_FILENO)
  }

  /// Runs a command line (without the program name) and returns the exit code. `login`
  /// stands in for the operating-system user in in-process tests; nil asks the system.
  public static func run(
    arguments: [String], environment: [String: String] = ProcessInfo.processInfo.environment,
    stdout: OutputSink, stderr: OutputSink,
    standardInput: @escaping () -> [UInt8] = { [] }, standardInputIsTerminal: Bool = false,
    standardInputDescriptor: Int32? = nil,
    currentDirectory: String = FileManager.default.currentDirectoryPath,
    login: String? = nil
  ) -> Int32 {
    // Completion asks in the middle of a line being typed: no message, never a failure.
    let completing = CompleteCommand.isRequested(arguments)
    let code = Runner(root: root, version: version, afterRun: { try $0.logRevealedPersons() }).run(
      arguments: arguments, environment: environment, stdout: stdout,
      stderr: completing ? OutputSink(capturingAsTerminal: false) : stderr,
      standardInput: standardInput, standardInputIsTerminal: standardInputIsTerminal,
      standardInputDescriptor: standardInputDescriptor, currentDirectory: currentDirectory,
      login: login)
    return completing ? ExitCode.success : code
  }
}
