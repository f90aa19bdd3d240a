import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain

extension StoreCommand {
  /// `store path`: the store directory in use.
  enum Path {
    static let spec = CommandSpec(
      name: "path", abstract: "Print the store directory in use.",
      examples: [Example("cp -r \"$(samverkan store path)\" /backup/", "Backs up the store.")]
    ) { call in try run(call) }

    static func run(_ call: Invocation) throws -> Int32 {
      call.stdout.line(call.storeDirectory)
      return ExitCode.success
    }
  }
}
