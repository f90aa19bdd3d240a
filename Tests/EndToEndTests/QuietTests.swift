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
