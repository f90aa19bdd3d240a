import Foundation
import SamverkanCLI
import SamverkanCommandLine
import SamverkanDomain
import SamverkanKit
import SamverkanStore
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// What a run of samverkan produced.
public struct RunResult: Sendable, CustomStringConvertible {
  public var code: Int32
  public var stdout: String
  public var stderr: String

  public init(code: Int32, stdout: String, stderr: String) {
    self.code = code
    self.stdout = stdout
    self.stderr = stderr
  }

  public var description: String {
    "exit \(code)\n--- stdout\n\(stdout)--- stderr\n\(stderr)"
  }

  /// stdout's lines, without the final empty one.
  public var lines: [String] {
    stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
  }
}

/// The date every test pins unless it says otherwise.
public let testToday = "2026-11-25"

/// Skatteverket's test personnummer used across the tests (from `Tests/Fixtures/`).
public enum TestPerson {
  /// Born 1990-01-01: an adult.
  public static let adult = "19900101-2385"
  /// Born 1990-01-02.
  public static let adult2 = "19900102-2384"
  /// Born 1990-01-03.
  public static let adult3 = "19900103-2391"
  /// Born 2018-01-01: a child.
  public static let child = "20180101-2392"

  /// Every test number in the 12-digit form.
  public static func all() throws -> [String] {
    let url = repositoryRoot.appendingPathComponent(
      "Tests/Fixtures/skatteverket-testpersonnummer.txt")
    let text = try String(contentsOf: url, encoding: .utf8)
    return text.split(separator: "\n").map(String.init).filter { !$0.isEmpty }
  }

  /// The first test number (long form) born on a date, e.g. "20070601".
  public static func born(_ date: String) throws -> String {
    let twelve = try #require(try all().first { $0.hasPrefix(date) }, "no test number born \(date)")
    return "\(twelve.prefix(8))-\(twelve.suffix(4))"
  }
}

/// The repository's top directory.
public let repositoryRoot = URL(fileURLWithPath: #filePath)
  .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// A fresh directory under the system's temporary directory, removed when released.
public final class TemporaryDirectory: @unchecked Sendable {
  public let path: String

  public init(_ name: String = "samverkan-test") {
    let base = FileManager.default.temporaryDirectory.path + "/samverkan-tests"
    try? FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
    var template = Array("\(base)/\(name)-XXXXXX".utf8CString)
    // Read the name inside the closure: mkdtemp returns a pointer into `template`, which
    // may be freed as soon as the closure ends (a garbage name then lands in the current
    // directory).
    let created = template.withUnsafeMutableBufferPointer { buffer in
      buffer.baseAddress.flatMap(mkdtemp).map { String(cString: $0) }
    }
    path = created ?? "\(base)/\(name)-\(UUID().uuidString)"
    // Tests that drop privileges must be able to reach it.
    chmod(base, 0o777)
  }

  /// A path inside the directory.
  public func file(_ name: String) -> String { path + "/" + name }

  deinit { try? FileManager.default.removeItem(atPath: path) }
}

/// A temporary store: a directory the store is created in on first write.
public final class TestStore: @unchecked Sendable {
  public let directory: TemporaryDirectory
  public var path: String { directory.path + "/store" }

  public init() {
    directory = TemporaryDirectory("store")
  }

  /// Runs samverkan in process on this store with the test date pinned.
  @discardableResult
  public func run(
    _ arguments: [String], stdin: String = "", environment: [String: String] = [:]
  ) -> RunResult {
    runSamverkan(arguments, store: path, stdin: stdin, environment: environment)
  }

  /// The files added, removed or changed since a snapshot (names only, so a failing test
  /// prints something readable).
  public func changedFiles(since before: [String: [UInt8]]) -> [String] {
    let now = snapshot()
    return Set(before.keys).union(now.keys).filter { before[$0] != now[$0] }.sorted()
  }

  /// Every file of the store with its bytes (the lock file aside), to prove a refused
  /// command changed nothing.
  public func snapshot() -> [String: [UInt8]] {
    var files: [String: [UInt8]] = [:]
    guard let walker = FileManager.default.enumerator(atPath: path) else { return files }
    while let name = walker.nextObject() as? String {
      let full = path + "/" + name
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory),
        !isDirectory.boolValue, name != ".lock"
      else { continue }
      files[name] = Array(FileManager.default.contents(atPath: full) ?? Data())
    }
    return files
  }
}

/// Runs samverkan in process, with captured streams, a pinned date and a fixed user.
public func runSamverkan(
  _ arguments: [String], store: String, stdin: String = "",
  environment: [String: String] = [:], login: String? = nil
) -> RunResult {
  // The journal's actor comes from SAMVERKAN_USER: without a register it names anyone.
  var env = [
    "SAMVERKAN_STORE": store, "SAMVERKAN_TODAY": testToday, "USER": "tester",
    "SAMVERKAN_USER": "tester",
    "HOME": "/nonexistent", "COLUMNS": "80", "SAMVERKAN_LOCK_TIMEOUT": "5",
  ]
  env.merge(environment) { _, new in new }
  let stdout = OutputSink(capturingAsTerminal: false)
  let stderr = OutputSink(capturingAsTerminal: false)
  let input = Array(stdin.utf8)
  let code = SamverkanCLI.run(
    arguments: arguments, environment: env, stdout: stdout, stderr: stderr,
    standardInput: { input }, login: login)
  return RunResult(code: code, stdout: stdout.text, stderr: stderr.text)
}

// MARK: - The built binary

/// The `samverkan` executable next to the test bundle (`.build/debug/samverkan`).
public let samverkanBinary: String = {
  let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
  let candidates = [
    bundle.appendingPathComponent("samverkan").path,
    bundle.deletingLastPathComponent().appendingPathComponent("samverkan").path,
    repositoryRoot.appendingPathComponent(".build/debug/samverkan").path,
  ]
  return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates[2]
}()

/// Runs the built binary as its own process and waits for it. `shell` is run by /bin/sh
/// just before the binary (e.g. `umask 000`, or `exec setpriv … ` as a prefix command).
public func runBinary(
  _ arguments: [String], environment: [String: String], stdin: String = "",
  shell: String? = nil
) throws -> RunResult {
  let process = Process()
  if let shell {
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", shell + " \"$0\" \"$@\"", samverkanBinary] + arguments
  } else {
    process.executableURL = URL(fileURLWithPath: samverkanBinary)
    process.arguments = arguments
  }
  process.environment = environment
  let output = Pipe()
  let errors = Pipe()
  let input = Pipe()
  process.standardOutput = output
  process.standardError = errors
  process.standardInput = input
  try process.run()
  input.fileHandleForWriting.write(Data(stdin.utf8))
  try input.fileHandleForWriting.close()
  // Read both pipes while the process runs, so a large output cannot fill a pipe and stall it.
  let group = DispatchGroup()
  nonisolated(unsafe) var outData = Data()
  nonisolated(unsafe) var errData = Data()
  DispatchQueue.global().async(group: group) {
    outData = output.fileHandleForReading.readDataToEndOfFile()
  }
  DispatchQueue.global().async(group: group) {
    errData = errors.fileHandleForReading.readDataToEndOfFile()
  }
  process.waitUntilExit()
  group.wait()
  return RunResult(
    code: process.terminationReason == .uncaughtSignal
      ? 128 + process.terminationStatus : process.terminationStatus,
    stdout: String(decoding: outData, as: UTF8.self),
    stderr: String(decoding: errData, as: UTF8.self))
}

/// The environment for running the binary on a store with the test date pinned.
public func binaryEnvironment(store: String, _ extra: [String: String] = [:]) -> [String: String] {
  var env = [
    "SAMVERKAN_STORE": store, "SAMVERKAN_TODAY": testToday, "USER": "tester",
    "SAMVERKAN_USER": "tester", "HOME": "/nonexistent", "PATH": "/usr/bin:/bin",
    "COLUMNS": "80",
  ]
  env.merge(extra) { _, new in new }
  return env
}

// MARK: - Golden files

/// Compares text with `Snapshots/<name>` beside the calling test file. A missing golden file
/// is recorded and the test fails; `RECORD_SNAPSHOTS=1` records them all again.
public func assertGolden(
  _ text: String, named name: String, filePath: String = #filePath,
  sourceLocation: SourceLocation = #_sourceLocation
) {
  let directory = URL(fileURLWithPath: filePath).deletingLastPathComponent()
    .appendingPathComponent("Snapshots")
  let url = directory.appendingPathComponent(name)
  let record = ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1"
  if record || !FileManager.default.fileExists(atPath: url.path) {
    try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let previous = try? String(contentsOf: url, encoding: .utf8)
    try? Data(text.utf8).write(to: url)
    // A recording run fails, as swift-argument-parser's does, so that a run with
    // RECORD_SNAPSHOTS=1 left in the environment can never pass silently.
    if previous != text {
      Issue.record(
        "Recorded the golden file \(name); review the change and run again without RECORD_SNAPSHOTS.",
        sourceLocation: sourceLocation)
    } else {
      Issue.record(
        "RECORD_SNAPSHOTS=1 is set: \(name) is unchanged, but a recording run never passes.",
        sourceLocation: sourceLocation)
    }
    return
  }
  let expected = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
  if expected != text {
    let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let actualLines = text.split(separator: "\n", omittingEmptySubsequences: false)
    let first = zip(expectedLines, actualLines).enumerated().first { $0.element.0 != $0.element.1 }
    let where_ =
      first.map { "line \($0.offset + 1): expected '\($0.element.0)', got '\($0.element.1)'" }
      ?? "the lengths differ (\(expectedLines.count) vs \(actualLines.count) lines)"
    Issue.record(
      "\(name) differs from its golden file (\(where_)); RECORD_SNAPSHOTS=1 re-records.",
      sourceLocation: sourceLocation)
  }
}

/// A seeded random number generator (SplitMix64): small, fast, and the same sequence on
/// every machine, so a failing fuzz or property run repeats exactly.
public struct SeededGenerator: RandomNumberGenerator {
  public var state: UInt64

  public init(seed: UInt64) { state = seed }

  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

extension Array {
  /// An element chosen by `random`, from test data that is never empty.
  public func pick(using random: inout some RandomNumberGenerator) -> Element {
    self[Int.random(in: indices, using: &random)]
  }
}

/// A tool outside the toolchain that some tests drive (a shell, jq, Python's icalendar).
/// On a developer's machine without it those tests are skipped with a note saying how to
/// install it; `.ci/run` installs every one and sets `SAMVERKAN_REQUIRE_TOOLS=1`, so in CI a
/// missing tool fails instead of skipping.
public enum TestTool {
  /// Whether CI asked for every tool to be there.
  public static let required = ProcessInfo.processInfo.environment["SAMVERKAN_REQUIRE_TOOLS"] == "1"

  /// Whether an executable is on the PATH.
  public static func installed(_ name: String) -> Bool {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    return path.split(separator: ":").contains {
      FileManager.default.isExecutableFile(atPath: "\($0)/\(name)")
    }
  }

  /// Whether Python 3 can import a module.
  public static func pythonModule(_ name: String) -> Bool {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", "import \(name)"]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return false }
    process.waitUntilExit()
    return process.terminationStatus == 0
  }

  /// Run the test when the tools are there, or when CI requires them (to fail loudly).
  public static func runs(_ available: Bool) -> Bool { available || required }
}

// MARK: - Shared helpers of the command tests

/// A date written as YYYY-MM-DD in a test.
public func day(_ text: String) -> CivilDate {
  do { return try CivilDate(iso: text) } catch { preconditionFailure("\(text): \(error)") }
}

extension TestStore {
  /// The store as the test's own process opens it, to seed or read records directly.
  public var directStore: Store { Store(directory: path, actor: "tester", commandLine: ["test"]) }

  /// Saves an explicit, written, informed consent directly (as `consent grant` would), for
  /// the tests of the steps that rely on one.
  @discardableResult
  public func seedConsent(
    person: String = TestPerson.adult, parties: [String], purposes: [ConsentPurpose],
    type: ConsentType = .explicit, from: String = "2026-01-01", until: String = "2027-12-31",
    reviewDate: String? = nil, restrictions: String? = nil
  ) throws -> RecordID {
    try directStore.write { writer in
      let saved = try writer.insert(
        Consent(
          person: try PersonNumber(longForm: person),
          parties: parties.map { OrganizationID(unchecked: $0) }, purposes: purposes, type: type,
          form: .written, givenBy: .self_, validFrom: day(from), validUntil: day(until),
          reviewDate: reviewDate.map(day), informed: true, restrictions: restrictions,
          recordedBy: "tester", recordedOn: day(from)),
        action: "grant")
      guard let id = saved.id else { throw SamverkanError.internalError("no ID was given") }
      return id
    }
  }

  /// Records a consent's withdrawal directly (as `consent revoke` would), from `date`.
  public func seedRevocation(_ id: RecordID, on date: CivilDate) throws {
    try directStore.write { writer in
      var consent = try writer.require(id, as: Consent.self)
      consent.revocation = ConsentRevocation(
        date: date, reason: "Vill inte längre", communicated: "per telefon", recordedBy: "tester")
      try writer.update(consent, action: "revoke")
    }
  }

  /// Runs a command that must be refused with `code`: nothing on stdout, each of `parts` in
  /// the message, and the store byte for byte as before.
  @discardableResult
  public func expectRefused(
    _ arguments: [String], code: Int32 = 77, mentioning parts: [String] = [], stdin: String = "",
    environment: [String: String] = [:], sourceLocation: SourceLocation = #_sourceLocation
  ) -> RunResult {
    let before = snapshot()
    let result = run(arguments, stdin: stdin, environment: environment)
    #expect(
      result.code == code, "\(arguments.joined(separator: " "))\n\(result)",
      sourceLocation: sourceLocation)
    #expect(
      result.stdout.isEmpty, "a refused command prints nothing on stdout",
      sourceLocation: sourceLocation)
    for part in parts {
      #expect(
        result.stderr.contains(part), "missing '\(part)' in \(result)",
        sourceLocation: sourceLocation)
    }
    #expect(
      snapshot() == before, "a refused command changes nothing: \(changedFiles(since: before))",
      sourceLocation: sourceLocation)
    return result
  }
}

/// The smallest complete plan of an SP between SF-NORDOST and FFS, for tests of other areas
/// that walk an SP to its approval: the needs, own view, goal, an intervention with its
/// time and both administrations' contacts, then the responsibility split and follow-up.
public enum SPPlanFixture {
  public static func content(_ id: String = "SP-1", by: String = "2027-03-01") -> [[String]] {
    [
      ["sp", "need", id, "Stöd i vardagen."],
      ["sp", "own-view", id, "Vill ha en kontakt."],
      ["sp", "goal", id, "Ett eget boende."],
      ["sp", "intervention", id, "Boendestöd.", "--responsible", "FFS", "--by", by],
      ["sp", "contact", id, "--org", "SF-NORDOST", "--name", "Karin Lund"],
      ["sp", "contact", id, "--org", "FFS", "--name", "Anna Berg"],
    ]
  }

  public static func plan(_ id: String = "SP-1", followUp: String = "2027-03-01") -> [String] {
    [
      "sp", "plan", id, "--responsibility", "SF-NORDOST: Samordnar.", "--responsibility",
      "FFS: Utreder boendestöd.", "--follow-up", followUp,
    ]
  }

  /// The content, then the plan.
  public static func all(_ id: String = "SP-1") -> [[String]] { content(id) + [plan(id)] }
}
