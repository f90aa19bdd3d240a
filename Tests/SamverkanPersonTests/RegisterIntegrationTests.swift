import Foundation
import SamverkanTestSupport
import Testing

/// The person's rights with a user register: extracts in the access log, gallring by an
/// admin only, the agenda of the user who asks.
@Suite struct RegisterIntegrationTests {
  func run(_ login: String, _ store: TestStore, _ arguments: [String]) -> RunResult {
    runSamverkan(
      arguments, store: store.path, environment: ["SAMVERKAN_USER": ""], login: login)
  }

  /// Anna (admin, SF-NORDOST/BOU) and Per (caseworker, FFS); a consent and an SP the SP's
  /// caseworker is Per Holm.
  func store() -> TestStore {
    let store = TestStore()
    for (login, arguments) in [
      (
        "anna",
        [
          "users", "add", "--login", "anna", "--name", "Anna Berg", "--org", "SF-NORDOST/BOU",
          "--title", "socialsekreterare",
        ]
      ),
      (
        "anna",
        [
          "users", "add", "--login", "per", "--name", "Per Holm", "--org", "FFS", "--title",
          "socialsekreterare",
        ]
      ),
      (
        "anna",
        [
          "consent", "grant", "--person", TestPerson.adult, "--name", "Anna Andersson",
          "--parties", "SF-NORDOST,FFS", "--purpose", "sp", "--form", "written", "--until",
          "+1y", "--informed",
        ]
      ),
      (
        "per",
        [
          "sp", "create", "--person", TestPerson.adult, "--by", "FFS", "--with", "SF-NORDOST",
          "--caseworker", "Per Holm",
        ]
      ),
    ] {
      let result = run(login, store, arguments)
      #expect(result.code == 0, "\(arguments): \(result)")
    }
    return store
  }

  @Test func everyExtractIsInTheAccessLog() throws {
    let store = store()
    #expect(run("per", store, ["person", "extract", TestPerson.adult]).code == 0)
    let log = run("anna", store, ["store", "access-log", "--json"])
    #expect(log.code == 0, "\(log)")
    #expect(log.stdout.contains("\"command\": \"samverkan person extract\""), "\(log)")
    #expect(log.stdout.contains("\"actor\": \"per\""))
    #expect(run("anna", store, ["store", "check"]).code == 0)
  }

  @Test func gallringIsForAnAdmin() throws {
    let store = store()
    let before = store.snapshot()
    let refused = run("per", store, ["store", "gallra", "--apply"])
    #expect(refused.code == 77, "\(refused)")
    #expect(store.changedFiles(since: before) == [])
    // Listing what would go is not a change.
    #expect(run("per", store, ["store", "gallra"]).code == 0)
    #expect(run("anna", store, ["store", "gallra", "--apply"]).code == 0)
  }

  @Test func theAgendaIsTheUsersOwnUnlessAskedOtherwise() throws {
    let store = store()
    let per = run("per", store, ["agenda", "--json"])
    #expect(per.stdout.contains("\"id\": \"SP-1\""), "\(per)")
    let anna = run("anna", store, ["agenda", "--json"])
    #expect(!anna.stdout.contains("\"id\": \"SP-1\""), "\(anna)")
    let all = run("anna", store, ["agenda", "--for", "all", "--json"])
    #expect(all.stdout.contains("\"id\": \"SP-1\""))
    let forPer = run("anna", store, ["agenda", "--for", "per", "--json"])
    #expect(forPer.stdout.contains("\"id\": \"SP-1\""))
  }
}
