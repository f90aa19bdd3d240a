import Foundation
import SamverkanTestSupport
import Testing

/// `-q`: only the data (IDs), no guidance on stderr — but what the caseworker must see at a
/// sharing step stays, and errors still print.
@Suite struct QuietTests {
  @Test func quietLeavesOnlyTheData() throws {
    let store = TestStore()
    let grant = store.run([
      "consent", "grant", "--person", TestPerson.adult, "--parties", "SF-NORDOST,FFS",
      "--purpose", "sp", "--type", "implied", "--review", "+30d", "--until", "+1y", "--informed",
      "--restrict", "Inget om pappan", "-q",
    ])
    #expect(grant.code == 0 && grant.stdout == "CON-1\n", "\(grant)")
    #expect(grant.stderr.isEmpty, "\(grant.stderr)")
    let loud = store.run([
      "sp", "create", "--person", TestPerson.adult, "--by", "SF-NORDOST", "--with", "FFS",
    ])
    #expect(!loud.stderr.isEmpty)
    let quiet = store.run([
      "sp", "create", "--person", TestPerson.adult, "--by", "SF-NORDOST", "--with", "FFS", "-q",
    ])
    #expect(quiet.stdout == "SP-2\n" && quiet.stderr.isEmpty, "\(quiet)")
  }

  @Test func whatMustBeSeenIsShownEvenWhenQuiet() throws {
    let store = TestStore()
    store.run([
      "consent", "grant", "--person", TestPerson.adult, "--parties", "SF-NORDOST,FFS",
      "--purpose", "sp", "--form", "written", "--until", "+1y", "--informed", "--restrict",
      "Inget om pappan",
    ])
    let acute = store.run([
      "sp", "create", "--person", TestPerson.adult, "--by", "SF-NORDOST", "--with", "FFS",
      "--acute-concern", "-q",
    ])
    #expect(acute.stderr.contains("OROSANMÄLAN"), "\(acute)")
    let summon = store.run([
      "sp", "summon", "SP-1", "--recipient", "FFS=Anna Berg", "--title", "socialsekreterare",
      "--phone", "031-365 00 00", "--email", "karin.ek@socialnordost.goteborg.se", "--reply-by",
      "2026-11-30", "--needs", "Stöd.", "--purpose", "Ansvar.", "--why", "Båda.", "--questions",
      "Vem?", "--hoped-outcome", "En plan.", "--proposed-time", "2026-12-02T10:00",
      "--meeting-form", "video", "--caseworker", "Karin Ek", "-q",
    ])
    #expect(summon.code == 0 && summon.stdout == "SP-1\n", "\(summon)")
    #expect(summon.stderr.contains("does not want this shared (CON-1): Inget om pappan"))
    #expect(!summon.stderr.contains("Summoned"))
    // Errors are never silenced.
    let refused = store.run(["sp", "summon", "SP-9", "-q"])
    #expect(refused.code != 0 && refused.stderr.hasPrefix("Error: "))
  }
}

/// Typos get the nearest value, as options and commands do; help for a command that does
/// not exist is the error that it does not (as git).
@Suite struct TypoTests {
  @Test(arguments: [
    (["consent", "list", "--status", "activ"], "Did you mean 'active'?"),
    (["--format", "jsno", "consent", "list"], "Did you mean 'json'?"),
    (["consent", "list", "--purpose", "tranfer"], "Did you mean 'transfer'?"),
  ])
  func aMistypedValueGetsTheNearestOne(arguments: [String], saying: String) {
    let store = TestStore()
    let result = store.run(arguments)
    #expect(result.code == 64, "\(result)")
    #expect(result.stderr.contains(saying), "\(result.stderr)")
    #expect(store.snapshot().isEmpty)
  }

  @Test func helpForACommandThatDoesNotExistIsAnError() {
    let result = TestStore().run(["consnt", "--help"])
    #expect(result.code == 64)
    #expect(result.stdout.isEmpty)
    #expect(result.stderr.contains("Unknown command 'consnt'. Did you mean 'consent'?"))
    #expect(TestStore().run(["consent", "--help"]).code == 0)
  }
}
