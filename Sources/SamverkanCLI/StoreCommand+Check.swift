import Foundation
import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanStore

extension StoreCommand {
  /// `store check`: whether every file parses, every reference resolves and the journal agrees.
  enum Check {
    static let spec = CommandSpec(
      name: "check",
      abstract: "Verify every file parses, every reference resolves and the journal is consistent.",
      discussion:
        "Exits 0 when the store is sound, 1 with one problem per line when it is not — also when there is no store at all (the directory does not exist; a mistyped --store looks like that). Like every command it first completes a change a killed process left half-done; it changes nothing else.",
      examples: [
        Example("samverkan store check", "Checks the default store."),
        Example("samverkan --store /backup/samverkan store check", "Checks a backup."),
      ]
    ) { call in try run(call) }

    static func run(_ call: Invocation) throws -> Int32 {
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
  }
}
