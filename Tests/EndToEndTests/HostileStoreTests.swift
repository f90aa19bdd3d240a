import Foundation
import SamverkanTestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// A store whose files were replaced by links, FIFOs or devices, or whose commit marker
/// names paths outside it (issue 20: F5, F9): nothing is written outside the store, no
/// command hangs or exhausts memory, and `store check` names what is wrong.
@Suite struct HostileStoreTests {
  /// A store with one consent, and a directory beside it that the store must never touch.
  private func setUp() throws -> (TestStore, String) {
    let store = TestStore()
    #expect(store.run(grant()).code == 0)
    let outside = store.directory.file("outside")
    try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
    try Data("victim\n".utf8).write(to: URL(fileURLWithPath: outside + "/victim"))
    chmod(outside + "/victim", 0o644)
    return (store, outside)
  }

  private func outsideFiles(_ outside: String) -> [String: String] {
    var files: [String: String] = [:]
    for name in (try? FileManager.default.contentsOfDirectory(atPath: outside)) ?? [] {
      var info = stat()
      lstat(outside + "/" + name, &info)
      let text = (try? String(contentsOfFile: outside + "/" + name, encoding: .utf8)) ?? ""
      files[name] = "\(String(info.st_mode & 0o7777, radix: 8)) \(text)"
    }
    return files
  }

  private func link(_ store: TestStore, _ file: String, to target: String) throws {
    let path = store.path + "/" + file
    try? FileManager.default.removeItem(atPath: path)
    try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: target)
  }

  /// Each row: what replaces a file of the store, then every command refuses with 74, the
  /// directory outside stays as it was, and `store check` reports the link.
  @Test(arguments: [
    ("consent/journal/000000.ndjson", "victim"),
    (".lock", "created-by-lock"),
    ("consent/records", ""),
    ("consent/records/000000.json", "victim"),
    ("index/persons", ""),
    ("index/due/consent", ""),
    ("tmp", ""),
    ("persons.json", "victim"),
  ])
  func aLinkInTheStoreIsRefused(file: String, target: String) throws {
    let (store, outside) = try setUp()
    try FileManager.default.createDirectory(
      atPath: store.path + "/tmp", withIntermediateDirectories: true)
    try link(store, file, to: target.isEmpty ? outside : outside + "/" + target)
    let before = store.snapshot()
    let outsideBefore = outsideFiles(outside)
    let result = store.run(grant(person: TestPerson.adult2))
    #expect(result.code == 74, "\(result)")
    #expect(result.stderr.contains("symbolic link"), "\(result.stderr)")
    #expect(result.stdout.isEmpty)
    #expect(outsideFiles(outside) == outsideBefore)
    #expect(store.changedFiles(since: before) == [])
    let check = store.run(["store", "check"])
    #expect(check.code == 1, "\(check)")
    #expect(check.stdout.contains("\(file): a symbolic link"), "\(check)")
    #expect(store.changedFiles(since: before) == [])
  }

  @Test(arguments: [
    #"{"renames":[{"from":"tmp/1-1","to":"../outside/x"}],"appends":[],"schemaVersion":1}"#,
    #"{"renames":[{"from":"tmp/1-1","to":"/tmp/samverkan-tests/outside-x"}],"appends":[],"schemaVersion":1}"#,
    #"{"renames":[{"from":"../outside/victim","to":"consent/x"}],"appends":[],"schemaVersion":1}"#,
    #"{"renames":[],"appends":[{"from":"tmp/1-1","to":"consent/../../outside/victim","size":0}],"schemaVersion":1}"#,
    #"{"renames":[],"appends":[{"from":"tmp/1-1","to":"consent/journal/000000.ndjson","size":99999999999}],"schemaVersion":1}"#,
  ])
  func aCommitMarkerNamingPathsOutsideTheStoreIsRefused(marker: String) throws {
    let (store, outside) = try setUp()
    try FileManager.default.createDirectory(
      atPath: store.path + "/tmp", withIntermediateDirectories: true)
    try Data("staged\n".utf8).write(to: URL(fileURLWithPath: store.path + "/tmp/1-1"))
    try overwrite(store, "commit.json", marker)
    let before = store.snapshot()
    let outsideBefore = outsideFiles(outside)
    for command in [grant(person: TestPerson.adult2), ["consent", "list"]] {
      let result = store.run(command)
      #expect(result.code == 74, "\(result)")
      #expect(result.stderr.contains("commit.json"), "\(result.stderr)")
    }
    let check = store.run(["store", "check"])
    #expect(check.code == 1, "\(check)")
    #expect(check.stdout.contains("commit.json: the unfinished commit's marker"), "\(check)")
    #expect(outsideFiles(outside) == outsideBefore)
    #expect(!FileManager.default.fileExists(atPath: "/tmp/samverkan-tests/outside-x"))
    #expect(store.changedFiles(since: before) == [])
  }

  /// Reading through a linked folder would show another store's records as this one's.
  @Test func aLinkedFolderIsNotReadThrough() throws {
    let (store, _) = try setUp()
    let other = TestStore()
    #expect(other.run(grant(person: TestPerson.adult2, ["--note", "the other store"])).code == 0)
    try FileManager.default.removeItem(atPath: store.path + "/consent/records")
    try FileManager.default.createSymbolicLink(
      atPath: store.path + "/consent/records", withDestinationPath: other.path + "/consent/records")
    for command in [["consent", "list"], ["consent", "show", "CON-1"]] {
      let result = store.run(command)
      #expect(result.code == 74, "\(result)")
      #expect(!result.stdout.contains("the other store"))
      #expect(result.stderr.contains("consent/records: it is a symbolic link"), "\(result.stderr)")
    }
  }

  // MARK: - F9: only plain files

  @Test func aFIFOAsTheProfileIsAConfigurationError() throws {
    let (store, _) = try setUp()
    #expect(mkfifo(store.path + "/profile.json", 0o600) == 0)
    // Opening it used to wait for a writer that never came.
    let result = store.run(grant(person: TestPerson.adult2))
    #expect(result.code == 78, "\(result)")
    #expect(result.stderr.contains("not a plain file"), "\(result.stderr)")
  }

  @Test(arguments: ["store.json", "consent/records/000000.json", "consent/meta.json", ".lock"])
  func aFIFOInTheStoreIsRefusedAtOnce(file: String) throws {
    let (store, _) = try setUp()
    try FileManager.default.removeItem(atPath: store.path + "/" + file)
    #expect(mkfifo(store.path + "/" + file, 0o600) == 0)
    // A hang here would stop the suite: opening the FIFO used to wait for a writer.
    let result = store.run(["consent", "show", "CON-1"])
    #expect(result.code == 74, "\(result)")
    #expect(result.stderr.contains("not a plain file"), "\(result.stderr)")
    let check = store.run(["store", "check"])
    #expect(check.code == 1, "\(check)")
    #expect(check.stdout.contains("\(file): not a plain file"), "\(check)")
  }

  @Test func aDeviceAsARecordFileIsRefused() throws {
    let (store, _) = try setUp()
    let file = store.path + "/consent/records/000000.json"
    try FileManager.default.removeItem(atPath: file)
    // /dev/zero's device numbers: reading it would never end.
    #expect(mknod(file, S_IFCHR | 0o600, dev_t((1 << 8) | 5)) == 0)
    let result = store.run(["consent", "list"])
    #expect(result.code == 74, "\(result)")
    #expect(result.stderr.contains("not a plain file"), "\(result.stderr)")
  }
}
