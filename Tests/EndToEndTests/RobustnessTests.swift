import Foundation
import SamverkanTestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Many writers at once, writers killed mid-change, and a store the user may not touch.
@Suite struct RobustnessTests {
  /// Starts the binary without waiting for it.
  private func start(_ arguments: [String], environment: [String: String], stdin: String? = nil)
    throws -> Process
  {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: samverkanBinary)
    process.arguments = arguments
    process.environment = environment
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    if let stdin {
      let pipe = Pipe()
      process.standardInput = pipe
      try process.run()
      pipe.fileHandleForWriting.write(Data(stdin.utf8))
      try pipe.fileHandleForWriting.close()
    } else {
      process.standardInput = FileHandle.nullDevice
      try process.run()
    }
    return process
  }

  @Test func eightProcessesAddingAtOnceLoseNothing() throws {
    let directory = TemporaryDirectory()
    let env = binaryEnvironment(store: directory.file("store"), ["SAMVERKAN_LOCK_TIMEOUT": "30"])
    let writers = 8
    let each = 4
    // Each process adds its contacts one after another; all processes run at once, starting
    // on a store that does not exist yet.
    let script = (0..<each).map { j in
      "\"$0\" contacts add --org FFS --district Centrum --function myndighet --name \"Writer $1 entry \(j)\" --phone '031-365 00 0\(j)' || exit 1"
    }.joined(separator: "; ")
    var processes: [Process] = []
    for writer in 0..<writers {
      let process = Process()
      process.executableURL = URL(fileURLWithPath: "/bin/sh")
      process.arguments = ["-c", script, samverkanBinary, String(writer)]
      process.environment = env
      process.standardOutput = FileHandle.nullDevice
      processes.append(process)
    }
    for process in processes { try process.run() }
    for process in processes {
      process.waitUntilExit()
      #expect(process.terminationStatus == 0)
    }
    let list = try runBinary(
      ["contacts", "list", "--format", "ndjson", "--fields", "id,name"], environment: env)
    let rows = list.lines.compactMap {
      try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: String]
    }
    let added = rows.filter { $0["name"]?.hasPrefix("Writer ") == true }
    #expect(added.count == writers * each)
    #expect(Set(added.map { $0["name"]! }).count == writers * each)
    #expect(Set(rows.map { $0["id"]! }).count == rows.count, "IDs are unique")
    #expect(rows.count == 20 + writers * each, "the built-in entries are all there too")
    for row in added {
      let history = try runBinary(
        ["contacts", "history", row["id"]!, "--fields", "action"], environment: env)
      #expect(history.lines == ["add"], "\(row)")
    }
    let check = try runBinary(["store", "check"], environment: env)
    #expect(check.code == 0, "\(check)")
  }

  /// Runs `rounds` imports of `rows(round)` with `arguments`, each killed at a random moment
  /// (every other round early, before it can have committed, so the test is sure to catch
  /// writers mid-way; the others at any moment up to 120 ms). After each, the next command
  /// finishes or discards what the killed one left, and the store is sound (a writer killed
  /// before the store's first commit leaves no store, which check reports as missing).
  /// `expect` judges how many of the round's rows (refs `<prefix><round>-n`) `listing` shows.
  private func killImports(
    _ arguments: [String], rounds: Int, rows: (Int) -> String, listing: [String],
    refs prefix: String, expect: (Int, Int) -> Void
  ) throws {
    let directory = TemporaryDirectory()
    let env = binaryEnvironment(store: directory.file("store"))
    var generator = SystemRandomNumberGenerator()
    for round in 0..<rounds {
      let process = try start(arguments, environment: env, stdin: rows(round))
      let window: UInt32 = round.isMultiple(of: 2) ? 5_000 : 120_000
      usleep(UInt32.random(in: 0...window, using: &generator))
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
      let check = try runBinary(["store", "check"], environment: env)
      let missing = !FileManager.default.fileExists(atPath: directory.file("store"))
      #expect(check.code == (missing ? 1 : 0), "round \(round): \(check)")
      let listed = try runBinary(
        listing + ["--format", "ndjson", "--fields", "ref"], environment: env)
      expect(round, listed.lines.filter { $0.contains("\"\(prefix)\(round)-") }.count)
    }
  }

  @Test func aWriterKilledAtAnyMomentLeavesAllOrNothing() throws {
    let batch = 150
    var interrupted = 0
    try killImports(
      ["contacts", "import", "-"], rounds: 24,
      rows: { round in
        (0..<batch).map { n in
          #"{"ref":"r\#(round)-\#(n)","organization":"AVO","district":"Nordost","function":"myndighet","name":"Rad \#(n)","emails":["rad\#(n)@aldrevardomsorg.se"]}"#
        }.joined(separator: "\n")
      },
      listing: ["contacts", "list", "--search", "Rad "], refs: "r",
      expect: { round, count in
        #expect(count == 0 || count == batch, "round \(round): \(count) of \(batch) rows")
        if count == 0 { interrupted += 1 }
      })
    // Had no kill ever landed before the commit, this test would prove nothing.
    #expect(interrupted > 0, "no writer was killed before it finished")
  }

  /// The index of due dates is written in the same commit as the records: a writer killed
  /// at any moment leaves both as before or both as after, which `store check` verifies.
  @Test func aWriterKilledAtAnyMomentLeavesTheIndexOfDueDatesWithItsRecords() throws {
    let batch = 150
    try killImports(
      ["deviation", "import", "-"], rounds: 12,
      rows: { round in
        (0..<batch).map { n in
          let answered =
            n.isMultiple(of: 3)
            ? #","summary":"Vi kallar tidigare.","respondedOn":"2026-10-01""# : ""
          return
            #"{"ref":"d\#(round)-\#(n)","state":"reported","reportingUnit":"SF-NORDOST/BOU","units":["SF-NORDOST/BOU","FFS"],"category":"late-notice","event":"Sent.","perception":"Svårt.","improvement":"Tidigare.","reporterName":"Eva Ek","reporterTitle":"biträdande enhetschef","reportedOn":"2026-0\#(1 + n % 9)-10"\#(answered)}"#
        }.joined(separator: "\n")
      },
      listing: ["deviation", "due", "--within", "1y"], refs: "d",
      expect: { round, count in
        #expect(count == 0 || count == batch - batch / 3, "round \(round): \(count) due")
      })
  }
}

/// Permission tests: CI runs as root, whom file permissions do not stop, so these run the
/// binary as `nobody` through setpriv (as any other user, they run it directly).
@Suite struct PermissionTests {
  private let asNobody =
    getuid() == 0 ? "exec setpriv --reuid=nobody --regid=nogroup --clear-groups" : "exec"

  private func nobodyOwns(_ path: String) {
    guard getuid() == 0, let user = getpwnam("nobody") else { return }
    chown(path, user.pointee.pw_uid, user.pointee.pw_gid)
  }

  @Test func aDirectoryWithoutPermissionIsAStoreError() throws {
    let directory = TemporaryDirectory()
    // Owned by root, mode 0700: nobody may not create the store inside it.
    chmod(directory.path, 0o700)
    let result = try runBinary(
      ["contacts", "update", "CT-1", "--note", "x"],
      environment: binaryEnvironment(store: directory.file("store")), shell: asNobody)
    #expect(result.code == 74, "\(result)")
    #expect(result.stderr.contains("Permission denied"), "\(result.stderr)")
    #expect(result.stderr.contains(directory.path))
  }

  @Test func anotherUsersStoreCannotBeRead() throws {
    let directory = TemporaryDirectory()
    chmod(directory.path, 0o755)
    let env = binaryEnvironment(store: directory.file("store"))
    #expect(
      try runBinary(["contacts", "update", "CT-1", "--note", "x"], environment: env).code == 0)
    let before = TestStoreFiles(directory.file("store"))
    let list = try runBinary(["contacts", "list"], environment: env, shell: asNobody)
    #expect(list.code == 74, "\(list)")
    #expect(list.stderr.contains("Permission denied"))
    let change = try runBinary(
      ["contacts", "update", "CT-1", "--note", "y"], environment: env, shell: asNobody)
    #expect(change.code == 74)
    #expect(TestStoreFiles(directory.file("store")) == before)
  }

  @Test func anUnreadableFileInTheStoreIsAStoreError() throws {
    let directory = TemporaryDirectory()
    nobodyOwns(directory.path)
    let env = binaryEnvironment(store: directory.file("store"))
    let created = try runBinary(
      ["contacts", "update", "CT-1", "--note", "x"], environment: env, shell: asNobody)
    #expect(created.code == 0, "\(created)")
    let records = directory.file("store/contacts/records/000000.json")
    chmod(records, 0o000)
    let before = TestStoreFiles(directory.file("store"))
    let result = try runBinary(
      ["contacts", "update", "CT-1", "--note", "y"], environment: env, shell: asNobody)
    #expect(result.code == 74, "\(result)")
    #expect(result.stderr.contains("000000.json"), "\(result.stderr)")
    chmod(records, 0o600)
    #expect(TestStoreFiles(directory.file("store")) == before)
  }
}
