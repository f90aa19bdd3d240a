import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain

extension StoreCommand {
  /// `store export`: every record of every command as NDJSON.
  enum Export {
    static let spec = CommandSpec(
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
    ) { call in try run(call) }

    static func run(_ call: Invocation) throws -> Int32 {
      try StoreTransfer.export(call, types: SamverkanCLI.recordTypes)
    }
  }
}
