import Foundation
import SamverkanStore
import SamverkanTestSupport
import Testing

/// `samverkan __complete`: the candidates the scripts ask for while a line is typed. It must
/// be right, quiet, quick, and never change a store.
@Suite struct CompleteCommandTests {
  static let builtInContacts = (1...20).map { "CT-\($0)" }

  private func complete(_ arguments: [String], store: String, environment: [String: String] = [:])
    -> RunResult
  {
    runSamverkan(["__complete", "--"] + arguments, store: store, environment: environment)
  }

  @Test func aFreshStoreShowsTheBuiltInContactsAndCreatesNothing() throws {
    let store = TestStore()
    let contacts = complete(["ids:CT"], store: store.path)
    #expect(contacts.code == 0)
    #expect(contacts.lines == Self.builtInContacts)
    #expect(complete(["ids:CT,ASG", "CT-2"], store: store.path).lines == ["CT-2", "CT-20"])
    #expect(complete(["ids:SIP"], store: store.path).lines == [])
    #expect(!FileManager.default.fileExists(atPath: store.path))
  }

  @Test func aFolderThatHoldsNoStoreGetsNoLockFile() throws {
    let directory = TemporaryDirectory()
    try "notes".write(toFile: directory.file("notes.txt"), atomically: true, encoding: .utf8)
    let result = complete(["ids:SIP,CT", "CT-1"], store: directory.path)
    #expect(result.code == 0)
    #expect(result.lines == ["CT-1"] + (10...19).map { "CT-\($0)" })
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["notes.txt"])
  }

  @Test func recordIDsOfTheKindsAskedForInOrderAndNothingChanges() throws {
    let store = TestStore()
    for person in try TestPerson.all().prefix(3) {
      let created = store.run([
        "sip", "create", "--person", person, "--trigger", "need", "--initiator", "FFS",
      ])
      try #require(created.code == 0, "\(created)")
    }
    store.run([
      "contacts", "assign", "--person", TestPerson.adult, "--org", "FFS", "--caseworker",
      "Anna Berg",
    ])
    let before = store.snapshot()
    #expect(complete(["ids:SIP"], store: store.path).lines == ["SIP-1", "SIP-2", "SIP-3"])
    #expect(complete(["ids:SIP", "SIP-2"], store: store.path).lines == ["SIP-2"])
    // IDs are read ignoring case: what is typed in lower case completes in lower case.
    #expect(complete(["ids:SIP", "sip-"], store: store.path).lines == ["sip-1", "sip-2", "sip-3"])
    #expect(complete(["ids:ASG,SIP", "A"], store: store.path).lines == ["ASG-1"])
    // Contacts were never changed: still the built-in directory, beside the assignment.
    #expect(complete(["ids:CT,ASG"], store: store.path).lines == Self.builtInContacts + ["ASG-1"])
    #expect(complete(["ids:XYZ"], store: store.path).lines == [])
    #expect(store.snapshot() == before)
    #expect(store.changedFiles(since: before) == [])
  }

  /// With digits typed, only the numbers starting with them are looked up.
  @Test func theDigitsTypedNarrowTheLookup() throws {
    let store = TestStore()
    for _ in 1...12 {
      let created = store.run([
        "sip", "create", "--person", TestPerson.adult, "--trigger", "need", "--initiator", "FFS",
      ])
      try #require(created.code == 0, "\(created)")
    }
    #expect(
      complete(["ids:SIP", "SIP-1"], store: store.path).lines
        == ["SIP-1", "SIP-10", "SIP-11", "SIP-12"])
    #expect(complete(["ids:SP,SIP", "sip-12"], store: store.path).lines == ["sip-12"])
    #expect(complete(["ids:SIP", "SIP-13"], store: store.path).lines == [])
    #expect(complete(["ids:SIP", "SIP-0"], store: store.path).lines == [])
    #expect(complete(["ids:SIP", "SIP-99999999999999999999"], store: store.path).lines == [])
    #expect(complete(["ids:SIP", "S"], store: store.path).lines.count == 12)
  }

  @Test func organizationsFromTheProfile() {
    let store = TestStore()
    let result = complete(["organizations", "SF-NORDOST"], store: store.path)
    #expect(
      result.lines == ["SF-NORDOST", "SF-NORDOST/BOU", "SF-NORDOST/VUXEN", "SF-NORDOST/EKB"])
    #expect(complete(["organizations", "ff"], store: store.path).lines == ["ffs"])
  }

  @Test func fieldsOfTheCommandsRecords() {
    let store = TestStore()
    let consent = complete(["fields", "", "consent", "list"], store: store.path).lines
    #expect(consent.contains("validUntil"))
    #expect(!consent.contains("trigger"))
    let sip = complete(["fields", "tr", "sip", "show"], store: store.path).lines
    #expect(sip == ["trigger"])
    // At the top, or in a command without records of its own: every record's fields.
    let all = complete(["fields"], store: store.path).lines
    #expect(all.contains("validUntil") && all.contains("trigger"))
    #expect(Set(all).count == all.count)
    #expect(complete(["fields", "", "store", "check"], store: store.path).lines == all)
  }

  @Test(arguments: [["nonsense"], [], ["ids:"], ["ids:NOPE,ALSO", ""]])
  func anythingElseGivesNothingQuietly(_ arguments: [String]) {
    let result = complete(arguments, store: TestStore().path)
    #expect(result.code == 0 && result.stdout == "" && result.stderr == "")
  }

  @Test func aBrokenProfileOrClockGivesNothingQuietly() throws {
    let store = TestStore()
    try FileManager.default.createDirectory(atPath: store.path, withIntermediateDirectories: true)
    try #"{"organisations": []}"#.write(
      toFile: store.path + "/profile.json", atomically: true, encoding: .utf8)
    let broken = complete(["organizations"], store: store.path)
    #expect(broken.code == 0 && broken.stdout == "" && broken.stderr == "")
    let clock = complete(
      ["ids:CT"], store: TestStore().path, environment: ["SAMVERKAN_TODAY": "soon"])
    #expect(clock.code == 0 && clock.stdout == "" && clock.stderr == "")
  }

  /// A store another process is writing: the binary gives up after a moment, with nothing.
  @Test func aBusyStoreIsNotWaitedFor() throws {
    let store = TestStore()
    store.run([
      "sip", "create", "--person", TestPerson.adult, "--trigger", "need", "--initiator", "FFS",
    ])
    let locked = DispatchSemaphore(value: 0)
    let release = DispatchSemaphore(value: 0)
    let writer = Store(directory: store.path, actor: "tester", commandLine: ["test"])
    DispatchQueue.global().async {
      try? writer.write(dryRun: true) { _ in
        locked.signal()
        _ = release.wait(timeout: .now() + 10)
      }
    }
    locked.wait()
    let start = Date()
    let busy = try runBinary(
      ["__complete", "--", "ids:SIP"], environment: binaryEnvironment(store: store.path))
    let seconds = Date().timeIntervalSince(start)
    release.signal()
    #expect(busy.code == 0 && busy.stdout == "" && busy.stderr == "")
    #expect(seconds < 2, "took \(seconds) s")
    let free = try runBinary(
      ["__complete", "--", "ids:SIP"], environment: binaryEnvironment(store: store.path))
    #expect(free.lines == ["SIP-1"])
  }

  @Test func hiddenFromHelp() {
    let help = runSamverkan(["--help"], store: TestStore().path)
    #expect(help.stdout.contains("completions"))
    #expect(!help.stdout.contains("__complete"))
  }
}
