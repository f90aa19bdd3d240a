import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain

/// `samverkan help [<command> [<verb>]]` and `samverkan help exit-codes`.
enum HelpCommand {
  static let names = VariadicArgument<String>(
    "command", help: "The command and verb to explain, or 'exit-codes'.", required: false)

  static let spec: CommandSpec = CommandSpec(
    name: "help", abstract: "Show help for a command or verb, or the exit codes.",
    examples: [
      Example("samverkan help contacts route", "The help of 'contacts route'."),
      Example("samverkan help exit-codes", "What each exit code means."),
    ],
    arguments: [names], usesStore: false
  ) { call in
    let names = try call.values(names)
    if names == ["exit-codes"] {
      call.stdout.write(exitCodes)
      return ExitCode.success
    }
    let parser = CommandParser(root: SamverkanCLI.root)
    let path = try parser.resolve(names)
    call.stdout.write(
      HelpFormatter(width: call.columns, globals: SamverkanCLI.root.options).help(path))
    return ExitCode.success
  }

  /// The exit codes of SPEC §2, as `help exit-codes` prints them.
  static let exitCodes = """
    EXIT CODES (BSD sysexits.h):
       0  success; an empty list is a success too
       1  a check answered "no" (consent check finds no covering consent; store check finds problems)
      64  usage error: unknown command or option, missing argument, invalid value
          (bad personnummer, impossible date, unknown organization)
      65  invalid input data read from a file or stdin: malformed or conflicting import rows
      66  not found: no such record, or no such input file
      70  internal error (a bug)
      74  the store cannot be read or written: damaged file, disk full, no permission
      75  store busy: another process held the lock past the timeout; safe to retry
      77  refused by a routine rule: consent missing, wrong state, deadline passed, locked plan,
          a login not in the store's user register, a user the rule does not allow
      78  bad profile or configuration file, or an environment variable that cannot be used
     130  interrupted (Ctrl-C); the store is as before the command

    """
}
