import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain

extension StoreCommand {
  /// `store import <file>`: a whole-store export read back, all or nothing.
  enum Import {
    static let spec = CommandSpec(
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
    ) { call in try run(call) }

    static func run(_ call: Invocation) throws -> Int32 {
      try StoreTransfer.import(call, types: SamverkanCLI.recordTypes)
    }
  }
}
