import Foundation
import SamverkanTestSupport
import Testing

/// A store written by the previous version (schema 1, names in every record), committed as
/// a fixture, is migrated to the person register on its first change (SPEC §14).
@Suite struct MigrationTests {
  /// A copy of the fixture: CON-1 and SIP-1 (with a disclosure) name Anna Andersson, SP-1
  /// Bo Berg, CON-2 the protected Sara Skyddad.
  func oldStore() throws -> TestStore {
    let store = TestStore()
    let fixture = repositoryRoot.appendingPathComponent("Tests/Fixtures/store-schema-1").path
    try FileManager.default.copyItem(atPath: fixture, toPath: store.path)
    return store
  }

  func version(_ store: TestStore) throws -> Int? {
    let data = try Data(contentsOf: URL(fileURLWithPath: store.path + "/store.json"))
    return (try JSONSerialization.jsonObject(with: data) as? [String: Any])?["schemaVersion"]
      as? Int
  }

  func text(_ store: TestStore, _ file: String) throws -> String {
    try String(contentsOfFile: store.path + "/" + file, encoding: .utf8)
  }

  @Test func anOldStoreIsReadAsItIsAndMigratedOnItsFirstChange() throws {
    let store = try oldStore()
    // Reading needs no migration, and the names show.
    #expect(store.run(["store", "check"]).code == 0)
    #expect(
      store.run(["person", "list", "anna"]).lines == ["\(TestPerson.adult)\tAnna Andersson\t2"])
    #expect(try version(store) == 1)
    // The first change moves every name into the register, in the same commit.
    let grant = store.run([
      "consent", "grant", "--person", TestPerson.adult2, "--parties", "SF-NORDOST,FFS",
      "--purpose", "sp", "--form", "written", "--until", "+1y", "--informed",
    ])
    #expect(grant.code == 0, "\(grant)")
    #expect(try version(store) == 2)
    for file in [
      "consent/records/000000.json", "sip/records/000000.json", "sp/records/000000.json",
    ] {
      #expect(!(try text(store, file)).contains("personName"), "\(file)")
    }
    // The names are once per person in the register, and every record shows them.
    let shown = store.run(["person", "show", TestPerson.adult, "--json"]).stdout
    #expect(shown.contains("\"personName\": \"Anna Andersson\""))
    #expect(store.run(["sp", "show", "SP-1", "--json"]).stdout.contains("Bo Berg"))
    #expect(store.run(["consent", "show", "CON-3", "--json"]).stdout.contains("Bo Berg"))
    // A protected person stays protected.
    let protected = store.run(["consent", "show", "CON-2", "--json"]).stdout
    #expect(!protected.contains("Sara") && protected.contains("********-****"))
    // Journaled: each record's history says its name moved.
    let history = store.run(["consent", "history", "CON-1", "--format", "ndjson"]).stdout
    #expect(history.contains("\"action\":\"migrate\""))
    // The old files are kept until the store checks out sound; then they go.
    #expect(
      FileManager.default.fileExists(
        atPath: store.path + "/backup/schema-1/consent/records/000000.json"))
    let check = store.run(["store", "check"])
    #expect(check.code == 0, "\(check)")
    #expect(check.stderr.contains("Removed the copy of the schema-1 files"))
    #expect(!FileManager.default.fileExists(atPath: store.path + "/backup"))
    // And the migrated store exports and imports back whole.
    let exported = store.run(["store", "export", "--reveal"])
    let copy = TestStore()
    #expect(copy.run(["store", "import", "-"], stdin: exported.stdout).code == 0)
    #expect(copy.run(["person", "list", "bo"]).lines == ["\(TestPerson.adult2)\tBo Berg\t2"])
    #expect(copy.run(["store", "check"]).code == 0)
  }

  @Test func aConflictingNameIsRefusedAndAnImportedOneIsAProblem() throws {
    let store = try oldStore()
    let before = store.snapshot()
    let verb = store.run([
      "sp", "create", "--person", TestPerson.adult, "--name", "Anna Anderson", "--by",
      "SF-NORDOST", "--with", "FFS",
    ])
    #expect(verb.code == 77, "\(verb)")
    #expect(verb.stderr.contains("differs from the one the person register holds"))
    #expect(!verb.stderr.contains("Anna"))
    #expect(store.changedFiles(since: before) == [])
    let row =
      #"{"person":"\#(TestPerson.adult)","personName":"A. Andersson","parties":["SF-NORDOST","FFS"],"purposes":["sp"],"type":"explicit","form":"written","givenBy":"self","validFrom":"2026-11-25","validUntil":"2027-06-30","informed":true,"recordedBy":"tester","recordedOn":"2026-11-25"}"#
    let imported = store.run(["consent", "import", "-"], stdin: row + "\n")
    #expect(imported.code == 65, "\(imported)")
    #expect(imported.stderr.contains("-:1: personName: the name given differs"))
    #expect(store.changedFiles(since: before) == [])
    // The same name, or none, is fine; the register is corrected in one place.
    #expect(
      store.run([
        "sp", "create", "--person", TestPerson.adult, "--by", "SF-NORDOST", "--with", "FFS",
      ]).code == 0)
    let corrected = store.run([
      "person", "correct", TestPerson.adult, "--name", "Anna Anderzon", "--reason", "Stavning",
    ])
    #expect(corrected.code == 0, "\(corrected)")
    #expect(store.run(["sip", "show", "SIP-1", "--json"]).stdout.contains("Anna Anderzon"))
    #expect(store.run(["store", "check"]).code == 0)
  }
}
