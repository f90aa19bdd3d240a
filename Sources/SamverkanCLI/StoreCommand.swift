import SamverkanCommandLine
import SamverkanDomain
import SamverkanJSON
import SamverkanStore

/// `samverkan store`: the store as a whole — where it is, whether it is sound, its profile.
enum StoreCommand {
  static let spec: CommandSpec = CommandSpec(
    name: "store", abstract: "Check the store, show where it is and the profile in force.",
    subcommands: [check, path, profile, export, importStore])

  static let export = CommandSpec(
    name: "export",
    abstract: "Write every record of every command as NDJSON, for a backup or another store.",
    discussion:
      "Persons with protected personal data are masked unless --reveal is given; a masked export cannot be imported back, so a complete backup needs --reveal. Rows of protected persons carry \"personProtected\": true, so the import keeps them protected.",
    examples: [
      Example(
        "samverkan store export --reveal > backup.ndjson",
        "A complete copy of the store's records."),
      Example(
        "samverkan store export --reveal | samverkan --store /srv/ny store import -",
        "Moves every record into another store."),
    ]
  ) { call in
    try StoreTransfer.export(call, types: SamverkanCLI.recordTypes)
  }

  static let importStore = CommandSpec(
    name: "import",
    abstract: "Read a whole-store export into the store, all or nothing.",
    discussion:
      "Each row goes to the kind of record its id names and is checked by that kind's rules, as '<command> import' does. If any row has a problem nothing is written (exit 65). Importing the same file again changes nothing.",
    examples: [
      Example("samverkan --store /srv/ny store import backup.ndjson", "Restores a backup."),
      Example("samverkan store import backup.ndjson --dry-run", "What would change."),
    ],
    options: [StandardVerbs.dryRunFlag, StandardVerbs.updateFlag],
    arguments: [StandardVerbs.importFileArgument]
  ) { call in
    try StoreTransfer.import(call, types: SamverkanCLI.recordTypes)
  }

  static let check = CommandSpec(
    name: "check",
    abstract: "Verify every file parses, every reference resolves and the journal is consistent.",
    discussion:
      "Exits 0 when the store is sound, 1 with one problem per line when it is not. Like every command it first completes a change a killed process left half-done; it changes nothing else.",
    examples: [
      Example("samverkan store check", "Checks the default store."),
      Example("samverkan --store /backup/samverkan store check", "Checks a backup."),
    ]
  ) { call in
    var report = try StoreCheck(
      store: try call.store(), kinds: SamverkanCLI.recordTypes.map(\.checked)
    ).run()
    report.problems += try call.disclosureLogProblems()
    for problem in report.problems { call.stdout.line(problem.description) }
    let summary = "\(report.records) records, \(report.journalLines) journal lines"
    if report.problems.isEmpty {
      call.note("The store at \(call.storeDirectory) is sound: \(summary).")
      return ExitCode.success
    }
    call.note(
      "The store at \(call.storeDirectory) has \(report.problems.count) problem\(report.problems.count == 1 ? "" : "s") (\(summary))."
    )
    return ExitCode.no
  }

  static let path = CommandSpec(
    name: "path", abstract: "Print the store directory in use.",
    examples: [Example("cp -r \"$(samverkan store path)\" /backup/", "Backs up the store.")]
  ) { call in
    call.stdout.line(call.storeDirectory)
    return ExitCode.success
  }

  static let profile = CommandSpec(
    name: "profile",
    abstract: "Print the profile in force (built-in Göteborg, with profile.json applied) as JSON.",
    discussion:
      "Copy what you need to change into profile.json in the store directory; keys you leave out keep the built-in values.",
    examples: [
      Example("samverkan store profile | jq .transfer", "The ages and notice period of transfers.")
    ]
  ) { call in
    call.stdout.line(
      JSONWriter.write(try JSONValueEncoder().encode(try call.profile()), style: .pretty))
    return ExitCode.success
  }
}
