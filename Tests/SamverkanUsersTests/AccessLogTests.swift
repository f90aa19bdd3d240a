import Foundation
import SamverkanDomain
import SamverkanStore
import SamverkanTestSupport
import Testing

/// The access log (SPEC §12): `--reveal` of a protected person is logged — who, when,
/// which command, which records — listed by `store access-log` and verified by `store check`.
@Suite struct AccessLogTests {
  static func grant(_ person: String, protected: Bool) -> [String] {
    [
      "consent", "grant", "--person", person, "--name", "Alva Ek", "--parties",
      "SF-NORDOST,FFS", "--purpose", "sp", "--type", "explicit", "--form", "written", "--until",
      "2027-11-30", "--informed",
    ] + (protected ? ["--protected"] : [])
  }

  func entries(_ store: TestStore) -> [String] {
    store.run(["store", "access-log"]).stdout.split(separator: "\n").map(String.init)
  }

  @Test func revealingAProtectedPersonIsLogged() throws {
    let store = TestStore()
    #expect(store.run(Self.grant(TestPerson.adult, protected: true)).code == 0)
    #expect(store.run(Self.grant(TestPerson.adult2, protected: false)).code == 0)
    // Masked output and revealing nobody protected log nothing.
    let before = store.snapshot()
    #expect(store.run(["consent", "list"]).code == 0)
    #expect(store.run(["consent", "show", "CON-2", "--reveal"]).code == 0)
    #expect(store.changedFiles(since: before) == [])

    let shown = store.run(["consent", "show", "CON-1", "--reveal", "--json"])
    #expect(shown.stdout.contains(TestPerson.adult))
    let log = store.run(["store", "access-log", "--format", "json", "--reveal"])
    #expect(log.code == 0)
    #expect(log.stdout.contains("\"actor\": \"tester\""))
    #expect(log.stdout.contains("\"command\": \"samverkan consent show\""))
    #expect(log.stdout.contains("\"records\": [\n      \"CON-1\"\n    ]"))
    #expect(log.stdout.contains(TestPerson.adult))
    // Listing the log masks the persons unless --reveal, which is logged in turn.
    let lines = entries(store)
    #expect(lines.count == 2)
    #expect(lines[0].hasPrefix("ACC-1\t"))
    #expect(lines[0].hasSuffix("\t********-****"))
    #expect(lines[1].contains("samverkan store access-log"))
    #expect(store.run(["store", "check"]).code == 0)
  }

  @Test(arguments: [
    ["consent", "history", "CON-1"], ["consent", "export"], ["store", "export"],
    ["consent", "list", "--format", "csv"],
  ])
  func everyWayOfShowingIsLogged(_ arguments: [String]) throws {
    let store = TestStore()
    #expect(store.run(Self.grant(TestPerson.adult, protected: true)).code == 0)
    let before = store.snapshot()
    #expect(store.run(arguments).code == 0)
    #expect(store.changedFiles(since: before) == [])
    let shown = store.run(arguments + ["--reveal"])
    #expect(shown.code == 0)
    #expect(shown.stdout.contains(TestPerson.adult))
    let log = entries(store)
    #expect(log.count == 1)
    #expect(log.first?.contains("\tsamverkan \(arguments[0]) \(arguments[1])\t") == true, "\(log)")
  }

  @Test func fromAndToChooseTheDays() throws {
    let store = TestStore()
    #expect(store.run(Self.grant(TestPerson.adult, protected: true)).code == 0)
    store.run(["consent", "list", "--reveal"], environment: ["SAMVERKAN_TODAY": "2026-11-20"])
    store.run(["consent", "list", "--reveal"], environment: ["SAMVERKAN_TODAY": "2026-11-24"])
    let november = store.run(["store", "access-log", "--from", "2026-11-21", "--to", "2026-11-24"])
    #expect(november.stdout.split(separator: "\n").count == 1)
    #expect(november.stdout.hasPrefix("ACC-2\t"))
    // A last day before the first is a mistake, as in the other lists of a period.
    store.expectRefused(
      ["store", "access-log", "--from", "2026-11-24", "--to", "2026-11-21"], code: 64,
      mentioning: ["2026-11-21 is before the first day 2026-11-24", "Help:  --to <date>"])
  }

  @Test func storeCheckVerifiesTheLog() throws {
    let store = TestStore()
    #expect(store.run(Self.grant(TestPerson.adult, protected: true)).code == 0)
    let direct = Store(directory: store.path, actor: "tester", commandLine: ["test"])
    _ = try direct.write { writer in
      try writer.insert(
        AccessEntry(
          recordedAt: "2026-11-25T10:00:00Z", date: try CivilDate(iso: "2026-11-25"),
          actor: "tester", login: nil, command: "samverkan consent show",
          records: [try RecordID(parsing: "CON-99")],
          persons: [try PersonNumber(longForm: TestPerson.adult)]),
        action: "reveal")
    }
    let check = store.run(["store", "check"])
    #expect(check.code == 1)
    #expect(check.stdout.contains("access-log/ACC-1: records: CON-99 is not in the store"))
  }

  @Test func withARegisterOnlyAControllerOrAdminReadsIt() throws {
    let store = try registerStore()
    let refused = runAs("per", ["store", "access-log"], store: store)
    #expect(refused.code == 77)
    #expect(refused.stderr.contains("only a user with the role controller or admin may"))
    #expect(
      runAs("anna", ["users", "update", "per", "--add-role", "controller"], store: store).code == 0)
    #expect(runAs("per", ["store", "access-log"], store: store).code == 0)
  }
}
