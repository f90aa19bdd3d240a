import Foundation
import SamverkanTestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// The built `samverkan` binary, run as a caseworker's shell would run it.
@Suite struct BinaryTests {
  @Test func theBuiltInDirectoryOnAFreshMachine() throws {
    let directory = TemporaryDirectory()
    // No store configured at all: the default under $HOME is used, and nothing is created.
    let result = try runBinary(
      ["contacts", "list", "--org", "FFS", "-q"],
      environment: ["HOME": directory.path, "PATH": "/usr/bin:/bin"])
    #expect(result.code == 0, "\(result)")
    #expect(result.lines == ["CT-1", "CT-2", "CT-3", "CT-4"])
    #expect(result.stderr.isEmpty)
    #expect(!FileManager.default.fileExists(atPath: directory.path + "/.local"))
    // The README's first command: the built-in directory, and a note that no store exists
    // yet (not an error: a fresh machine has none).
    let readme = try runBinary(
      ["contacts", "list"], environment: ["HOME": directory.path, "PATH": "/usr/bin:/bin"])
    #expect(readme.code == 0, "\(readme)")
    #expect(readme.lines.count == 20, "\(readme)")
    #expect(
      readme.stderr.contains(
        "there is no store at \(directory.path)/.local/share/samverkan (the default) yet"))
    #expect(!FileManager.default.fileExists(atPath: directory.path + "/.local"))
  }

  @Test func theDefaultStoreFollowsXDG() throws {
    let directory = TemporaryDirectory()
    let result = try runBinary(
      [
        "contacts", "assign", "--person", TestPerson.adult, "--org", "FFS", "--caseworker",
        "Anna Berg",
      ],
      environment: [
        "HOME": directory.path, "XDG_DATA_HOME": directory.path + "/data",
        "SAMVERKAN_TODAY": testToday,
      ])
    #expect(result.code == 0, "\(result)")
    #expect(FileManager.default.fileExists(atPath: directory.path + "/data/samverkan/store.json"))
    let path = try runBinary(
      ["store", "path"],
      environment: ["HOME": directory.path, "XDG_DATA_HOME": directory.path + "/data"])
    #expect(path.stdout == directory.path + "/data/samverkan\n")
  }

  @Test func versionAndHelp() throws {
    let version = try runBinary(["--version"], environment: [:])
    #expect(version.stdout.hasPrefix("samverkan "))
    #expect(version.code == 0)
    let help = try runBinary(["contacts", "route", "--help"], environment: ["COLUMNS": "80"])
    #expect(help.code == 0)
    #expect(help.stdout.hasPrefix("OVERVIEW: Whom to contact about a person"))
    #expect(help.stdout.contains("EXAMPLES:"))
    #expect(help.stderr.isEmpty)
  }

  @Test func errorsGoToStderrWithTheDocumentedCodes() throws {
    let directory = TemporaryDirectory()
    let env = binaryEnvironment(store: directory.file("store"))
    let cases: [([String], Int32, String)] = [
      (["contacts", "lst"], 64, "Unknown command 'lst'. Did you mean 'list'?"),
      (
        ["contacts", "list", "--orgg", "FFS"], 64, "Unknown option '--orgg'. Did you mean '--org'?"
      ),
      (["contacts", "list", "--org"], 64, "Missing value for '--org <org>'"),
      (["contacts", "show", "CT-99"], 66, "No record 'CT-99'"),
      (["contacts", "import", directory.file("missing.csv")], 66, "No such file"),
      (
        ["contacts", "route", "--person", "19900101-2386", "--org", "FFS"], 64,
        "the check digit should be 5, not 6"
      ),
      (
        [
          "contacts", "assign", "--person", TestPerson.adult, "--org", "FFS", "--caseworker", "A",
          "--since", "2026-02-30",
        ], 64, "February 2026 has 28 days"
      ),
      (["--today", "2026-13-01", "contacts", "list"], 64, "there is no month 13"),
    ]
    for (arguments, code, message) in cases {
      let result = try runBinary(arguments, environment: env)
      #expect(result.code == code, "\(arguments): \(result)")
      #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
      #expect(result.stdout.isEmpty, "\(arguments)")
    }
    // Refused commands wrote no store (at most the lock file of a first attempt).
    #expect(!FileManager.default.fileExists(atPath: directory.file("store/store.json")))
  }

  @Test func aBadProfileIsAConfigurationError() throws {
    let directory = TemporaryDirectory()
    try FileManager.default.createDirectory(
      atPath: directory.file("store"), withIntermediateDirectories: true)
    try #"{"transfer": {"adultAge": "nineteen"}}"#.write(
      toFile: directory.file("store/profile.json"), atomically: true, encoding: .utf8)
    let result = try runBinary(
      ["contacts", "list"], environment: binaryEnvironment(store: directory.file("store")))
    #expect(result.code == 78, "\(result)")
    #expect(result.stderr.contains("transfer.adultAge"), "\(result.stderr)")
    try #"{"transfr": {}}"#.write(
      toFile: directory.file("store/profile.json"), atomically: true, encoding: .utf8)
    let unknown = try runBinary(
      ["contacts", "list"], environment: binaryEnvironment(store: directory.file("store")))
    #expect(unknown.code == 78)
    #expect(unknown.stderr.contains("unknown key 'transfr'"), "\(unknown.stderr)")
  }

  @Test func aProfileOverridesTheBuiltInRules() throws {
    let directory = TemporaryDirectory()
    try FileManager.default.createDirectory(
      atPath: directory.file("store"), withIntermediateDirectories: true)
    try #"{"transfer": {"adultAge": 18}}"#.write(
      toFile: directory.file("store/profile.json"), atomically: true, encoding: .utf8)
    let result = try runBinary(
      ["store", "profile"], environment: binaryEnvironment(store: directory.file("store")))
    #expect(result.code == 0)
    let profile = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
    let transfer = profile?["transfer"] as? [String: Any]
    #expect(transfer?["adultAge"] as? Int == 18)
    #expect(transfer?["familyHomeAge"] as? Int == 21)
  }

  @Test func aDamagedFileIsReportedNotMisread() throws {
    let directory = TemporaryDirectory()
    let env = binaryEnvironment(store: directory.file("store"))
    _ = try runBinary(["contacts", "update", "CT-1", "--note", "x"], environment: env)
    try "{\"collection\":".write(
      toFile: directory.file("store/contacts/records/000000.json"), atomically: true,
      encoding: .utf8)
    let result = try runBinary(["contacts", "list"], environment: env)
    #expect(result.code == 74, "\(result)")
    #expect(result.stderr.contains("the file is damaged"))
    let check = try runBinary(["store", "check"], environment: env)
    #expect(check.code == 1)
    #expect(check.stdout.contains("contacts/records/000000.json"))
  }

  @Test func aBusyStoreEndsWithSeventyFive() throws {
    let directory = TemporaryDirectory()
    let env = binaryEnvironment(store: directory.file("store"), ["SAMVERKAN_LOCK_TIMEOUT": "0.3"])
    _ = try runBinary(["contacts", "update", "CT-1", "--note", "x"], environment: env)
    let before = TestStoreFiles(directory.file("store"))
    let fd = open(directory.file("store/.lock"), O_RDWR)
    defer { close(fd) }
    #expect(flock(fd, LOCK_EX) == 0)
    let result = try runBinary(["contacts", "update", "CT-1", "--note", "y"], environment: env)
    #expect(result.code == 75, "\(result)")
    #expect(result.stderr.contains("busy"))
    #expect(TestStoreFiles(directory.file("store")) == before)
  }

  @Test func filesStayPrivateWhateverTheUmask() throws {
    let directory = TemporaryDirectory()
    let store = directory.file("store")
    let result = try runBinary(
      ["contacts", "update", "CT-2", "--note", "x"], environment: binaryEnvironment(store: store),
      shell: "umask 000; exec")
    #expect(result.code == 0, "\(result)")
    let find = Process()
    find.executableURL = URL(fileURLWithPath: "/usr/bin/find")
    find.arguments = [store, "-printf", "%m %y\\n"]
    let pipe = Pipe()
    find.standardOutput = pipe
    try find.run()
    find.waitUntilExit()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    // Every directory 700 and every file 600.
    #expect(Set(output.split(separator: "\n").map(String.init)) == ["700 d", "600 f"], "\(output)")
  }
}

/// The store's files and bytes (lock aside), compared by equality.
struct TestStoreFiles: Equatable {
  var files: [String: Data] = [:]

  init(_ path: String) {
    let walker = FileManager.default.enumerator(atPath: path)
    while let name = walker?.nextObject() as? String {
      if name != ".lock", let data = FileManager.default.contents(atPath: path + "/" + name) {
        files[name] = data
      }
    }
  }
}
