import Foundation
import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanJSON
import SamverkanStore

/// `samverkan store`: the store as a whole — where it is, whether it is sound, its profile.
enum StoreCommand {
  static let spec: CommandSpec = CommandSpec(
    name: "store", abstract: "Check the store, show where it is and the profile in force.",
    subcommands: [initStore, check, path, profile, export, importStore, gallra, accessLog])

  static let from = Option<CivilDate>(
    "from", value: "date", help: "Only entries on or after this day.")
  static let to = Option<CivilDate>(
    "to", value: "date", help: "Only entries on or before this day.")

  static let accessLog = CommandSpec(
    name: "access-log",
    abstract: "List who saw protected persons' data (--reveal), when, and in which records.",
    discussion:
      "Every command that shows the name or number of a person with protected personal data because --reveal was given appends an entry: who (and the login, when an admin acted as someone), when, the command, the records and the persons. The persons are masked here too unless --reveal is given (which is logged in turn). With a user register only a controller or an admin may list it.",
    examples: [
      Example(
        "samverkan store access-log --from 2026-11-01 --to 2026-11-30",
        "November's entries, for the controller's review.")
    ],
    options: [from, to]
  ) { call in
    try call.authorize(step: "store access-log", action: "read the access log")
    let first = try call.value(from)
    let last = try call.value(to)
    try call.store().read { reader in
      let masking = try call.masking(reader)
      try call.writeList(
        columns: AccessEntry.listColumns, fields: AccessEntry.fieldNames, masking: .none
      ) { emit in
        for entry in try reader.records(AccessEntry.self)
        where (first.map { entry.date >= $0 } ?? true) && (last.map { entry.date <= $0 } ?? true) {
          guard case .object(var row) = try entry.json else { continue }
          row["persons"] = .array(entry.persons.map { .string(masking.show($0)) })
          try emit(.object(row))
        }
      }
    }
    return ExitCode.success
  }

  /// Whom a store is for.
  enum Sharing: String, CaseIterable, ArgumentValue {
    /// One user: 0700 and 0600.
    case `private`
    /// A team: the group's members, 2770 and 0660.
    case group
  }

  static let shared = Option<Sharing>(
    "shared", value: "mode",
    help:
      "'group' for a team's store (setgid 2770, files 0660); 'private' (the default) for yours alone."
  )
  static let group = Option<String>(
    "group", value: "group",
    help: "The team's group (default: the directory's group, else your primary group).")

  static let initStore = CommandSpec(
    name: "init",
    abstract: "Make a store, private or shared by a team's group; or convert an existing one.",
    discussion:
      "A store is made private (0700/0600) on first write anyway; 'init' is needed for a team's store. With --shared=group every directory is setgid 2770 in the group and every file 0660, whatever the umask of whoever writes, as git's core.sharedRepository=group. Run it again to repair modes 'store check' reports, or on an existing store to convert it. Users outside the group get exit 74 and nothing is written. The file system must support flock between users (a local disk, or NFSv4); sshfs does not.",
    examples: [
      Example(
        "samverkan --store /srv/samverkan/nordost store init --shared=group --group sf-nordost",
        "A store the members of the group sf-nordost share.")
    ],
    options: [shared, group]
  ) { call in
    let mode = try call.value(shared) ?? .private
    let store = try call.store()
    if store.exists {
      try call.authorize(step: "store init", action: "change how the store is shared")
    }
    let outcome = try store.initialize(shared: mode == .group, group: try call.value(group))
    let kind = mode == .group ? "shared by its group (2770/0660)" : "private (0700/0600)"
    switch outcome {
    case .created: call.note("Made a store \(kind) at \(call.storeDirectory).")
    case .converted: call.note("The store at \(call.storeDirectory) is now \(kind).")
    case .unchanged:
      call.note("The store at \(call.storeDirectory) is already \(kind); nothing changed.")
    }
    return ExitCode.success
  }

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
      "Exits 0 when the store is sound, 1 with one problem per line when it is not — also when there is no store at all (the directory does not exist; a mistyped --store looks like that). Like every command it first completes a change a killed process left half-done; it changes nothing else.",
    examples: [
      Example("samverkan store check", "Checks the default store."),
      Example("samverkan --store /backup/samverkan store check", "Checks a backup."),
    ]
  ) { call in
    // Before the store is opened at all, so nothing else notes that it is missing.
    guard FileManager.default.fileExists(atPath: call.storeDirectory) else {
      call.stdout.line("\(call.storeDirectory): \(StoreCheck.missingStore)")
      return ExitCode.no
    }
    var report = try StoreCheck(
      store: try call.storeToCheck(), kinds: SamverkanCLI.recordTypes.map(\.checked)
    ).run()
    // The logs are read against the records they name, and the modes checked; a store too
    // damaged to read them has said why already.
    do {
      report.problems += try call.disclosureLogProblems()
      report.problems += try call.accessLogProblems()
      report.problems += try call.store().permissionProblems()
    } catch  where !report.problems.isEmpty {}
    for problem in report.problems { call.stdout.line(problem.description) }
    let summary = "\(report.records) records, \(report.journalLines) journal lines"
    if report.problems.isEmpty {
      call.note("The store at \(call.storeDirectory) is sound: \(summary).")
      // The files kept from before the move to the person register are no longer needed.
      if try call.storeToCheck().removeSchema1Backup() {
        call.note(
          "Removed the copy of the schema-1 files kept since the migration (\(Store.schema1Backup))."
        )
      }
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
