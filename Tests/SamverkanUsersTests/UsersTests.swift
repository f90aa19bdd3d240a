import Foundation
import SamverkanDomain
import SamverkanTestSupport
import Testing

@testable import SamverkanCLI

/// Runs samverkan in process as the operating-system login `login`.
func runAs(
  _ login: String, _ arguments: [String], store: TestStore, stdin: String = ""
) -> RunResult {
  runSamverkan(
    arguments, store: store.path, stdin: stdin, environment: ["SAMVERKAN_USER": ""],
    login: login)
}

/// A store whose register holds an admin (anna, SF-NORDOST), a caseworker at FFS (per)
/// and a unit manager at FFS (eva).
func registerStore() throws -> TestStore {
  let store = TestStore()
  let add = [
    [
      "users", "add", "--login", "anna", "--name", "Anna Berg", "--org", "SF-NORDOST/BOU",
      "--title", "bitr. enhetschef", "--role", "manager",
    ],
    [
      "users", "add", "--login", "per", "--name", "Per Holm", "--org", "FFS", "--title",
      "socialsekreterare",
    ],
    [
      "users", "add", "--login", "eva", "--name", "Eva Ek", "--org", "FFS", "--title",
      "enhetschef", "--role", "manager",
    ],
  ]
  for arguments in add {
    let result = runAs("anna", arguments, store: store)
    try #require(result.code == 0, "\(result.stderr)")
  }
  return store
}

@Suite struct UsersTests {
  @Test func firstUserIsTheCreatorAndBecomesAdmin() throws {
    let store = TestStore()
    let refused = runAs(
      "anna",
      [
        "users", "add", "--login", "per", "--name", "Per Holm", "--org", "FFS", "--title",
        "socialsekreterare",
      ], store: store)
    #expect(refused.code == 77)
    #expect(refused.stderr.contains("first user must be you (login 'anna')"))
    #expect(refused.stdout.isEmpty)
    let added = runAs(
      "anna",
      [
        "users", "add", "--login", "anna", "--name", "Anna Berg", "--org", "SF-NORDOST",
        "--title", "Bitr. Enhetschef", "--json",
      ], store: store)
    #expect(added.code == 0, "\(added.stderr)")
    #expect(added.stdout.contains("\"title\": \"biträdande enhetschef\""))
    #expect(added.stdout.contains("\"admin\""))
    #expect(added.stdout.contains("\"caseworker\""))
  }

  @Test(arguments: [
    ("bitr. enhetschef", "biträdande enhetschef"),
    ("bitr.enhetschef", "biträdande enhetschef"),
    ("BITRADANDE  ENHETSCHEF", "biträdande enhetschef"),
    ("1:e socialsekreterare", "1:e socialsekreterare"),
    ("avd.chef", "avdelningschef"),
    ("enhetschef", "enhetschef"),
  ])
  func titlesAreNormalised(_ written: String, _ expected: String) {
    #expect(Profile.goteborg.normalizedTitle(written) == expected)
  }

  @Test func unknownTitleIsAUsageError() throws {
    let store = TestStore()
    let result = runAs(
      "anna",
      [
        "users", "add", "--login", "anna", "--name", "Anna Berg", "--org", "FFS", "--title",
        "kung",
      ], store: store)
    #expect(result.code == 64)
    #expect(result.stderr.contains("'kung' is invalid for '--title <title>'"))
  }

  @Test func listShowUpdateRemoveKeepHistory() throws {
    let store = try registerStore()
    let list = runAs("per", ["users", "list"], store: store)
    #expect(list.code == 0)
    #expect(list.stdout.split(separator: "\n").count == 3)
    let shown = runAs("per", ["users", "show", "eva"], store: store)
    #expect(shown.code == 0)
    #expect(shown.stdout.contains("title\tenhetschef"))
    #expect(runAs("per", ["users", "show", "USR-3"], store: store).stdout == shown.stdout)
    #expect(runAs("per", ["users", "show", "nobody"], store: store).code == 66)
    let update = runAs(
      "anna", ["users", "update", "per", "--title", "1:e socialsekreterare"], store: store)
    #expect(update.code == 0, "\(update.stderr)")
    let before = store.snapshot()
    let notAdmin = runAs("per", ["users", "remove", "eva", "--yes"], store: store)
    #expect(notAdmin.code == 77)
    #expect(notAdmin.stderr.contains("only a user with the role admin may"))
    #expect(store.snapshot() == before)
    let remove = runAs("anna", ["users", "remove", "per", "--yes"], store: store)
    #expect(remove.code == 0, "\(remove.stderr)")
    #expect(
      runAs("anna", ["users", "list"], store: store).stdout.split(separator: "\n").count == 2)
    let all = runAs("anna", ["users", "list", "--all"], store: store)
    #expect(all.stdout.contains("per\tPer Holm"))
    let history = runAs("anna", ["users", "history", "USR-2"], store: store)
    #expect(history.stdout.contains("remove"))
    #expect(history.stdout.contains("add"))
    // A removed user can no longer use the store.
    let gone = runAs("per", ["users", "list"], store: store)
    #expect(gone.code == 77)
    #expect(gone.stderr.contains("'per' is not in this store's user register"))
  }

  @Test func theLastAdminStays() throws {
    let store = try registerStore()
    let before = store.snapshot()
    let result = runAs("anna", ["users", "update", "anna", "--remove-role", "admin"], store: store)
    #expect(result.code == 77)
    #expect(result.stderr.contains("last admin"))
    #expect(store.snapshot() == before)
  }

  @Test func exportImportRoundTrip() throws {
    let store = try registerStore()
    let export = runAs("anna", ["users", "export"], store: store)
    #expect(export.code == 0)
    let again = runAs("anna", ["users", "import", "-"], store: store, stdin: export.stdout)
    #expect(again.code == 0, "\(again.stderr)")
    let other = TestStore()
    // Into an empty register only after its first user: else it could lock everyone out.
    let empty = runAs("anna", ["users", "import", "-"], store: other, stdin: export.stdout)
    #expect(empty.code == 77)
    #expect(empty.stderr.contains("add yourself first"))
    #expect(other.snapshot().isEmpty)
    #expect(
      runAs(
        "anna",
        [
          "users", "add", "--login", "anna", "--name", "Anna Berg", "--org", "SF-NORDOST/BOU",
          "--title", "bitr. enhetschef", "--role", "manager",
        ], store: other
      ).code == 0)
    let fresh = runAs("anna", ["users", "import", "-"], store: other, stdin: export.stdout)
    #expect(fresh.code == 0, "\(fresh.stderr)")
    #expect(runAs("eva", ["users", "list"], store: other).stdout.split(separator: "\n").count == 3)
    let before = store.snapshot()
    let notAdmin = runAs("per", ["users", "import", "-"], store: store, stdin: export.stdout)
    #expect(notAdmin.code == 77)
    #expect(store.snapshot() == before)
  }

  @Test func unregisteredLoginAndAsAreRefused() throws {
    let store = try registerStore()
    let before = store.snapshot()
    let stranger = runAs("mallory", ["consent", "list"], store: store)
    #expect(stranger.code == 77)
    #expect(stranger.stderr.contains("samverkan users add --login mallory"))
    let asOther = runAs("per", ["--as", "eva", "users", "list"], store: store)
    #expect(asOther.code == 77)
    #expect(asOther.stderr.contains("act as 'eva'"))
    #expect(store.snapshot() == before)
    let admin = runAs(
      "anna",
      [
        "--as", "eva", "contacts", "add", "--org", "FFS", "--district", "Centrum", "--function",
        "vuxen", "--name", "Mottag", "--phone", "031-365 00 00",
      ], store: store)
    #expect(admin.code == 0, "\(admin.stderr)")
    let history = runAs(
      "anna",
      [
        "contacts", "history", admin.stdout.trimmingCharacters(in: .whitespacesAndNewlines),
        "--format", "json",
      ], store: store)
    #expect(history.stdout.contains("\"actor\": \"eva\""))
    // Acting as someone the register does not hold (or no longer holds) is refused too.
    let before2 = store.snapshot()
    let ghost = runAs("anna", ["--as", "ghost", "users", "list"], store: store)
    #expect(ghost.code == 77)
    #expect(ghost.stderr.contains("'ghost' is not in this store's user register"))
    #expect(store.snapshot() == before2)
    #expect(history.stdout.contains("\"login\": \"anna\""))
  }

  @Test(arguments: [["users", "--help"], ["users", "add", "--help"]])
  func helpScreens(_ arguments: [String]) throws {
    let result = TestStore().run(arguments)
    #expect(result.code == 0)
    assertGolden(result.stdout, named: arguments.dropLast().joined(separator: "-") + "-help.txt")
  }
}
