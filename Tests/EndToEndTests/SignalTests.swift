import Foundation
import SamverkanTestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Ctrl-C and Ctrl-\ during an import (issue 20: F11, F22): whenever the signal lands, the
/// exit code tells the truth — 130 only if the store is as before, 0 if the import was
/// stored — and Ctrl-\ is an interruption like Ctrl-C, not a crash report.
@Suite struct SignalTests {
  private func contactRows(_ round: Int, count: Int) -> String {
    (0..<count).map { n in
      #"{"ref":"s\#(round)-\#(n)","organization":"AVO","district":"Nordost","function":"myndighet","name":"Rad \#(n)","emails":["rad\#(n)@aldrevardomsorg.se"]}"#
    }.joined(separator: "\n")
  }

  /// Starts `contacts import -` with the rows on its standard input; its stderr is piped.
  private func startImport(_ rows: String, _ env: [String: String]) throws -> (Process, Pipe) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: samverkanBinary)
    process.arguments = ["contacts", "import", "-"]
    process.environment = env
    let input = Pipe()
    let errors = Pipe()
    process.standardInput = input
    process.standardOutput = FileHandle.nullDevice
    process.standardError = errors
    try process.run()
    input.fileHandleForWriting.write(Data(rows.utf8))
    try input.fileHandleForWriting.close()
    return (process, errors)
  }

  /// Reads the interrupted import's stderr and waits for it to end: within 30 seconds, or
  /// it is killed and the test fails (a handler that waits for a lock the interrupted code
  /// holds, such as `malloc`'s, would hang the command forever).
  private func ending(_ process: Process, _ errors: Pipe) -> (stderr: String, hung: Bool) {
    let pid = process.processIdentifier
    // Only this kills with SIGKILL: the import ends so only when it hung.
    let watchdog = DispatchWorkItem { kill(pid, SIGKILL) }
    DispatchQueue.global().asyncAfter(deadline: .now() + 30, execute: watchdog)
    let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    watchdog.cancel()
    let killed =
      process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL
    return (stderr, killed)
  }

  @Test(arguments: [SIGINT, SIGTERM, SIGQUIT])
  func theExitCodeSaysWhetherTheImportWasStored(signal: Int32) throws {
    let directory = TemporaryDirectory()
    let env = binaryEnvironment(store: directory.file("store"))
    #expect(
      try runBinary(["contacts", "update", "CT-1", "--note", "x"], environment: env).code == 0)
    var generator = SystemRandomNumberGenerator()
    var outcomes: [Int32: Int] = [:]
    for round in 0..<5 {
      let batch = 300
      let (process, errors) = try startImport(contactRows(round, count: batch), env)
      // Early, late, or after the end: every outcome must be told truthfully.
      usleep(UInt32.random(in: 0...200_000, using: &generator))
      kill(process.processIdentifier, signal)
      let (stderr, hung) = ending(process, errors)
      #expect(!hung, "round \(round): the interrupted import did not end")
      let code =
        process.terminationReason == .uncaughtSignal
        ? 128 + process.terminationStatus : process.terminationStatus
      outcomes[code, default: 0] += 1
      let list = try runBinary(
        ["contacts", "list", "--search", "Rad ", "--format", "ndjson", "--fields", "ref"],
        environment: env)
      let stored = list.lines.filter { $0.contains("\"s\(round)-") }.count
      #expect(code == 0 || code == 130, "round \(round): exit \(code)\n\(stderr)")
      if code == 130 {
        #expect(stored == 0, "round \(round): exit 130 but \(stored) rows stored")
        #expect(stderr.contains("the store is as it was before the command"))
        // Nor are staged files left behind for the next command to clear.
        let staged =
          (try? FileManager.default.contentsOfDirectory(atPath: directory.file("store/tmp"))) ?? []
        #expect(staged == [], "round \(round): \(staged.count) staged files left")
      } else {
        #expect(stored == batch, "round \(round): exit \(code) with \(stored) of \(batch) rows")
      }
      #expect(!stderr.contains("Backtracing") && !stderr.contains("crashed"), "\(stderr)")
    }
  }

  /// A large import writes finished record files ahead to `tmp/` long before its commit;
  /// Ctrl-C then removes them at once, not only the next command.
  @Test func ctrlCRemovesWhatALargeImportWroteAhead() throws {
    let directory = TemporaryDirectory()
    let env = binaryEnvironment(store: directory.file("store"))
    #expect(
      try runBinary(["contacts", "update", "CT-1", "--note", "x"], environment: env).code == 0)
    let tmp = directory.file("store/tmp")
    // More rows than a change holds before it writes record files ahead (8,192).
    let (process, errors) = try startImport(contactRows(99, count: 12_000), env)
    let wroteAhead = { () -> Bool in
      let names = (try? FileManager.default.contentsOfDirectory(atPath: tmp)) ?? []
      return names.contains { $0.contains("-ahead-") }
    }
    let deadline = Date().addingTimeInterval(120)
    while process.isRunning, !wroteAhead(), Date() < deadline { usleep(2_000) }
    let sawWriteAhead = wroteAhead()
    kill(process.processIdentifier, SIGINT)
    let (stderr, hung) = ending(process, errors)
    #expect(!hung, "the interrupted import did not end")
    #expect(sawWriteAhead, "the import wrote nothing ahead before it ended\n\(stderr)")
    let left = (try? FileManager.default.contentsOfDirectory(atPath: tmp)) ?? []
    #expect(left == [], "\(left.count) files left in tmp/: \(left.prefix(5))")
    // Thousands of rows were still to come when the first file was written ahead.
    #expect(process.terminationStatus == 130, "\(stderr)")
    #expect(stderr.contains("the store is as it was before the command"))
    let list = try runBinary(
      ["contacts", "list", "--search", "Rad ", "--format", "ndjson", "--fields", "ref"],
      environment: env)
    #expect(list.lines.isEmpty, "interrupted, yet \(list.lines.count) rows stored")
  }
}
