import Foundation
import SamverkanTestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// What commands leave behind, and what they can open (issue 20: F12–F15): a refused or
/// dry-run command creates nothing, a failed write leaves no staged files, and odd umasks
/// and read-only stores do not lock their owner out.
@Suite struct StoreLifecycleTests {
  private let asNobody =
    getuid() == 0 ? "exec setpriv --reuid=nobody --regid=nogroup --clear-groups" : "exec"

  private func nobodyOwns(_ path: String) {
    guard getuid() == 0, let user = getpwnam("nobody") else { return }
    chown(path, user.pointee.pw_uid, user.pointee.pw_gid)
  }

  // MARK: - F12: nothing created by a command that changes nothing

  @Test(arguments: [
    (["consent", "revoke", "CON-9", "--reason", "x", "--communicated", "by phone"], Int32(66)),
    (["consent", "show", "CON-1"], Int32(66)),
    (["consent", "list"], Int32(0)),
    // A store that does not exist is not a sound empty one: it may be a mistyped --store.
    (["store", "check"], Int32(1)),
  ])
  func aCommandThatChangesNothingCreatesNoStore(command: [String], code: Int32) throws {
    let store = TestStore()
    let result = store.run(command)
    #expect(result.code == code, "\(result)")
    #expect(!FileManager.default.fileExists(atPath: store.path), "\(command)")
  }

  @Test func aDryRunImportCreatesNoStore() throws {
    let store = TestStore()
    let result = store.run(
      ["consent", "import", "-", "--dry-run"], stdin: HostileInputTests.consentRows(2))
    #expect(result.code == 0, "\(result)")
    #expect(result.stderr.contains("would be 2 created"))
    #expect(!FileManager.default.fileExists(atPath: store.path))
  }

  @Test func anEmptyDirectoryIsLeftEmpty() throws {
    let store = TestStore()
    try FileManager.default.createDirectory(atPath: store.path, withIntermediateDirectories: true)
    #expect(store.run(["consent", "list"]).code == 0)
    #expect(store.run(["consent", "show", "CON-1"]).code == 66)
    #expect(try FileManager.default.contentsOfDirectory(atPath: store.path) == [])
  }

  @Test func aDirectoryThatIsNotAStoreIsNotListedAsEmpty() throws {
    let store = TestStore()
    try FileManager.default.createDirectory(atPath: store.path, withIntermediateDirectories: true)
    try Data("hello\n".utf8).write(to: URL(fileURLWithPath: store.path + "/notes.txt"))
    let result = store.run(["consent", "list"])
    #expect(result.code == 74, "\(result)")
    #expect(result.stderr.contains("holds no samverkan store"), "\(result.stderr)")
    #expect(try FileManager.default.contentsOfDirectory(atPath: store.path) == ["notes.txt"])
  }

  /// Failing commands remove the store folder they created while others wait to create
  /// the store in it: every change must still land, once, under one lock.
  @Test func failingAndChangingCommandsOnANewStoreAtOnce() throws {
    let directory = TemporaryDirectory()
    // A patient lock: on a loaded CI machine eight processes may queue for a long while.
    let env = binaryEnvironment(store: directory.file("store"), ["SAMVERKAN_LOCK_TIMEOUT": "300"])
    let grantLine = grant().map { "'\($0)'" }.joined(separator: " ")
    let script = """
      if [ $(($1 % 2)) = 0 ]; then
        for i in 1 2 3; do "$0" consent revoke CON-99 --reason x --communicated y; [ $? = 66 ] || exit 1; done
      else
        for i in 1 2 3; do "$0" \(grantLine) >/dev/null || exit 1; done
      fi
      """
    var processes: [Process] = []
    for writer in 0..<8 {
      let process = Process()
      process.executableURL = URL(fileURLWithPath: "/bin/sh")
      process.arguments = ["-c", script, samverkanBinary, String(writer)]
      process.environment = env
      process.standardOutput = FileHandle.nullDevice
      process.standardError = FileHandle.nullDevice
      processes.append(process)
    }
    for process in processes { try process.run() }
    for process in processes {
      process.waitUntilExit()
      #expect(process.terminationStatus == 0)
    }
    let list = try runBinary(["consent", "list", "--fields", "id"], environment: env)
    #expect(list.lines.count == 12, "\(list)")
    #expect(Set(list.lines).count == 12)
    #expect(try runBinary(["store", "check"], environment: env).code == 0)
  }

  // MARK: - F13: a failed write leaves no staged files

  @Test func aWriteThatFailsForSpaceLeavesTheStoreAsItWas() throws {
    let directory = TemporaryDirectory()
    let env = binaryEnvironment(store: directory.file("store"))
    #expect(try runBinary(grant(), environment: env).code == 0)
    let store = directory.file("store")
    let before = TestStoreFiles(store)
    // A file size limit stands in for a full disk: writing past it fails (EFBIG), as
    // ENOSPC would; SIGXFSZ is ignored so the write returns the error.
    let result = try runBinary(
      ["consent", "import", "-"], environment: env, stdin: HostileInputTests.consentRows(400),
      shell: "trap '' XFSZ; exec prlimit --fsize=60000 --")
    #expect(result.code == 74, "\(result)")
    #expect(TestStoreFiles(store) == before)
    let staged = (try? FileManager.default.contentsOfDirectory(atPath: store + "/tmp")) ?? []
    #expect(staged == [], "\(staged.count) staged files left")
  }

  // MARK: - F14, F15: umask and read-only stores

  @Test(arguments: ["200", "277", "777"])
  func anOddUmaskDoesNotLockTheOwnerOut(umask: String) throws {
    let directory = TemporaryDirectory()
    nobodyOwns(directory.path)
    let env = binaryEnvironment(store: directory.file("store"))
    let first = try runBinary(grant(), environment: env, shell: "umask \(umask); " + asNobody)
    #expect(first.code == 0, "\(first)")
    var info = stat()
    #expect(stat(directory.file("store/.lock"), &info) == 0)
    #expect(info.st_mode & 0o777 == 0o600)
    let second = try runBinary(grant(person: TestPerson.adult2), environment: env, shell: asNobody)
    #expect(second.code == 0, "\(second)")
    let list = try runBinary(
      ["consent", "list", "--fields", "id"], environment: env, shell: asNobody)
    #expect(list.lines == ["CON-1", "CON-2"], "\(list)")
  }

  @Test(arguments: [true, false])
  func aReadOnlyStoreCanBeRead(withLockFile: Bool) throws {
    let directory = TemporaryDirectory()
    nobodyOwns(directory.path)
    let env = binaryEnvironment(store: directory.file("store"))
    #expect(try runBinary(grant(), environment: env, shell: asNobody).code == 0)
    let store = directory.file("store")
    if !withLockFile { unlink(store + "/.lock") }
    // As a backup or snapshot: nothing in it may be written.
    let chmod = Process()
    chmod.executableURL = URL(fileURLWithPath: "/bin/chmod")
    chmod.arguments = ["-R", "a-w", store]
    try chmod.run()
    chmod.waitUntilExit()
    let before = TestStoreFiles(store)
    for command in [
      ["consent", "list", "--fields", "id"], ["store", "check"], ["consent", "show", "CON-1"],
    ] {
      let result = try runBinary(command, environment: env, shell: asNobody)
      #expect(result.code == 0, "\(command): \(result)")
    }
    let change = try runBinary(grant(person: TestPerson.adult2), environment: env, shell: asNobody)
    #expect(change.code == 74, "\(change)")
    #expect(TestStoreFiles(store) == before)
  }
}
