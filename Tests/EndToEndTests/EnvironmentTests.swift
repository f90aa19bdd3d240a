import Foundation
import SamverkanTestSupport
import Testing

/// Environment variables with values that cannot be used are a configuration error (78)
/// naming the accepted form (issue 20: F10, F21), never a silent default or an endless wait.
@Suite struct EnvironmentTests {
  @Test(arguments: [
    "nan", "inf", "infinity", "1e400", "abc", "2s", " 2", "-1", "1e3", "0x10", "3601", "1.", ".5",
  ])
  func anUnusableLockTimeoutIsAConfigurationError(value: String) throws {
    let store = TestStore()
    #expect(store.run(grant()).code == 0)
    let before = store.snapshot()
    for command in [["consent", "list"], grant(person: TestPerson.adult2)] {
      let result = store.run(command, environment: ["SAMVERKAN_LOCK_TIMEOUT": value])
      #expect(result.code == 78, "\(value): \(result)")
      #expect(result.stderr.contains("SAMVERKAN_LOCK_TIMEOUT"), "\(result.stderr)")
      #expect(result.stderr.contains("e.g. 10 or 0.5"))
      #expect(result.stdout.isEmpty)
    }
    #expect(store.changedFiles(since: before) == [])
  }

  @Test(arguments: ["0", "0.5", "10", "3600", ""])
  func aLockTimeoutInSecondsIsAccepted(value: String) throws {
    let store = TestStore()
    let result = store.run(grant(), environment: ["SAMVERKAN_LOCK_TIMEOUT": value])
    #expect(result.code == 0, "\(value): \(result)")
  }

  @Test(arguments: ["", "relative/home"])
  func anEmptyHomeGivesNoDefaultStore(home: String) throws {
    let result = runSamverkan(
      ["consent", "list"], store: "",
      environment: ["HOME": home, "XDG_DATA_HOME": ""])
    #expect(result.code == 78, "\(result)")
    #expect(result.stderr.contains("--store <dir> or SAMVERKAN_STORE"), "\(result.stderr)")
    #expect(!FileManager.default.fileExists(atPath: "/.local/share/samverkan"))
  }

  @Test func anEmptyDataHomeFallsBackToHome() throws {
    let directory = TemporaryDirectory()
    let result = runSamverkan(
      ["store", "path"], store: "", environment: ["HOME": directory.path, "XDG_DATA_HOME": ""])
    #expect(result.code == 0, "\(result)")
    #expect(result.stdout == directory.path + "/.local/share/samverkan\n")
  }
}
