import Foundation
import SamverkanDomain
import SamverkanStore
import SamverkanTestSupport
import Testing

/// `consent disclosures`, `consent grounds` and the log in `store check`, `store export` and
/// `store import` (SPEC §11).
@Suite struct DisclosureLogTests {
  static let summon = [
    "sp", "summon", "SP-1", "--recipient", "FFS=Anna Berg", "--title", "socialsekreterare",
    "--phone", "031-365 00 00", "--email", "karin.ek@socialnordost.goteborg.se", "--reply-by",
    "2026-12-01", "--needs", "Stöd i vardagen.",
    "--purpose", "Fördela ansvaret.", "--why", "Båda förvaltningarnas insatser.", "--questions",
    "Vem utreder?", "--hoped-outcome", "En gemensam plan.", "--proposed-time",
    "2026-12-02T10:00", "--meeting-form", "video", "--caseworker", "Karin Ek",
  ]

  /// A store with two disclosures about the adult: an SP summons on consent CON-1, and a
  /// named escalation registered on a ground.
  func storeWithDisclosures() throws -> TestStore {
    let store = TestStore()
    try insert([consent(id: nil, restrictions: "Inget om pappan")], into: store)
    for arguments in [
      ["sp", "create", "--person", TestPerson.adult, "--by", "SF-NORDOST", "--with", "FFS"],
      Self.summon,
      [
        "escalate", "open", "--person", TestPerson.adult, "--name", "Anna Andersson",
        "--parties", "SF-NORDOST/BOU,FFS", "--responsible", "SF-NORDOST/BOU", "--question",
        "Vem ansvarar?", "--background", "Autism.", "--situation", "Boendestöd.",
      ],
      ["escalate", "attempt", "ESC-1", "--note", "Utan att enas."],
      ["escalate", "raise", "ESC-1"],
      [
        "--now", "2026-11-25T09:00", "escalate", "register", "ESC-1", "--meeting", "2026-12-10",
        "--legal-ground", "emergency", "--legal-ground-note", "Akut fara för hälsan",
      ],
    ] {
      let result = store.run(arguments)
      try #require(result.code == 0, "\(arguments): \(result)")
    }
    return store
  }

  @Test func aPersonsDisclosuresInEveryFormat() throws {
    let store = try storeWithDisclosures()
    let tsv = store.run(["consent", "disclosures", "--person", TestPerson.adult])
    #expect(tsv.code == 0, "\(tsv)")
    #expect(tsv.lines.count == 2)
    #expect(
      tsv.lines[0].hasPrefix(
        "UTL-1\t2026-11-25\tSP-1\tsp summon\tSF-NORDOST\tFFS\tsp\tconsent CON-1\t"))
    #expect(tsv.lines[1].contains("\tescalate register\t"))
    #expect(tsv.lines[1].contains("\tground emergency\t"))
    let json = store.run(["consent", "disclosures", "--person", TestPerson.adult, "--json"])
    let entries = try #require(
      JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
    #expect(entries.count == 2)
    #expect(entries[0]["restrictions"] as? [String] == ["Inget om pappan"])
    #expect(entries[0]["actor"] as? String == "tester")
    #expect(entries[1]["legalGround"] != nil)
    let csv = store.run(["consent", "disclosures", "--person", TestPerson.adult, "--format", "csv"])
    #expect(csv.stdout.hasPrefix("id,person,record,step,date"), "\(csv)")
    let ndjson = store.run([
      "consent", "disclosures", "--person", TestPerson.adult, "--format", "ndjson",
    ])
    #expect(ndjson.lines.count == 2)
    // Another person has none; an empty list is a success.
    let other = store.run(["consent", "disclosures", "--person", TestPerson.adult2])
    #expect(other.code == 0 && other.stdout.isEmpty)
  }

  @Test func theSupervisorsListOfDisclosuresWithoutConsent() throws {
    let store = try storeWithDisclosures()
    let result = store.run(["consent", "disclosures", "--without-consent"])
    #expect(result.code == 0, "\(result)")
    #expect(result.lines.count == 1)
    #expect(result.stdout.contains("ground emergency"))
    let window = store.run([
      "consent", "disclosures", "--without-consent", "--from", "2026-11-26", "--to", "2026-12-31",
    ])
    #expect(window.code == 0 && window.stdout.isEmpty, "\(window)")
  }

  @Test(arguments: [
    (["consent", "disclosures"], 64, "--without-consent"),
    (["consent", "disclosures", "--person", "19900101-2384"], 64, "--person"),
    (
      [
        "consent", "disclosures", "--without-consent", "--from", "2026-12-01", "--to", "2026-11-01",
      ],
      64, "is before the first day"
    ),
    (["consent", "disclosures", "--without-consent", "--from", "2026-02-30"], 64, "2026-02-30"),
  ])
  func badQuestionsAreRefusedAndChangeNothing(arguments: [String], code: Int32, saying: String)
    throws
  {
    let store = try storeWithDisclosures()
    let before = store.snapshot()
    let result = store.run(arguments)
    #expect(result.code == code, "\(result)")
    #expect(result.stdout.isEmpty)
    #expect(result.stderr.contains(saying), "\(result)")
    #expect(store.changedFiles(since: before) == [])
  }

  @Test func theLogTravelsWithAWholeStoreExportAndChecksOut() throws {
    let store = try storeWithDisclosures()
    #expect(store.run(["store", "check"]).code == 0)
    let exported = store.run(["store", "export"])
    #expect(exported.code == 0)
    #expect(exported.stdout.contains("\"id\":\"UTL-2\""))
    let copy = TestStore()
    let imported = copy.run(["store", "import", "-"], stdin: exported.stdout)
    #expect(imported.code == 0, "\(imported)")
    let log = copy.run(["consent", "disclosures", "--person", TestPerson.adult])
    #expect(
      log.stdout == store.run(["consent", "disclosures", "--person", TestPerson.adult]).stdout)
    #expect(copy.run(["store", "check"]).code == 0)
  }

  @Test func anImportedEntryMustMatchWhatItNames() throws {
    let store = try storeWithDisclosures()
    let exported = store.run(["store", "export"]).stdout.split(separator: "\n")
    // The first entry, moved to another consent and renumbered: CON-9 does not exist.
    let entry = try #require(exported.first { $0.contains("\"id\":\"UTL-1\"") })
    let forged = entry.replacingOccurrences(of: "\"UTL-1\"", with: "\"UTL-7\"")
      .replacingOccurrences(of: "\"CON-1\"", with: "\"CON-9\"")
    let before = store.snapshot()
    let result = store.run(["store", "import", "-"], stdin: forged + "\n")
    #expect(result.code == 65, "\(result)")
    #expect(result.stderr.contains("CON-9 is not in the store"))
    #expect(store.changedFiles(since: before) == [])
  }

  @Test func aDamagedLogIsReportedByStoreCheck() throws {
    let store = try storeWithDisclosures()
    // The consent the first entry names is removed behind the tool's back.
    let direct = Store(directory: store.path, actor: "tester", commandLine: ["test"])
    try direct.write { writer in
      try writer.remove(Consent.self, id: RecordID(kind: .consent, number: 1), action: "test")
    }
    let check = store.run(["store", "check"])
    #expect(check.code == 1, "\(check)")
    #expect(check.stdout.contains("disclosures/UTL-1: consents: CON-1 is not in the store"))
  }

  @Test func theGroundsListTheirConditions() throws {
    let result = TestStore().run(["consent", "grounds", "--json"])
    let grounds = try #require(
      JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
    func conditions(_ id: String) -> [String] {
      grounds.first { $0["id"] as? String == id }?["conditions"] as? [String] ?? []
    }
    #expect(conditions("general-clause").contains { $0.contains("never for social-services data") })
    #expect(conditions("crime-against-child").contains("only to polis eller åklagare"))
    #expect(conditions("crime-against-child").contains("the person: under 18 on the step's day"))
    #expect(
      conditions("care-provision").contains {
        $0.contains("--legal-ground-condition compulsory-care")
      })
    #expect(conditions("emergency") == ["any step that takes a ground"])
  }

  @Test(arguments: [
    (
      "Gäller Anna Andersson i Hammarkullen",
      "characters 8–21 are the name of a person recorded in the store"
    ),
    ("Gäller ANNA  andersson", "are the name of a person recorded in the store"),
    ("Ring 070-123 45 67", "characters 6–18 look like a phone number"),
    ("Mejla anna.a@example.se", "are an e-mail address"),
    ("Pnr 900101-2385", "looks like a personnummer or samordningsnummer"),
  ])
  func anonymousTextIsRefusedWhenItIdentifiesSomeone(text: String, saying: String) throws {
    let store = try storeWithDisclosures()
    for arguments in [
      [
        "sp", "consult", "--by", "SF-NORDOST", "--with", "FFS", "--question", text, "--advice",
        "Ansök om boendestöd.",
      ],
      [
        "escalate", "open", "--anonymous", "--parties", "SF-NORDOST/BOU,FFS", "--responsible",
        "SF-NORDOST/BOU", "--question", text,
      ],
    ] {
      let before = store.snapshot()
      let result = store.run(arguments)
      #expect(result.code == 77, "\(arguments): \(result)")
      #expect(result.stderr.contains(saying), "\(result)")
      // What was found is named by where it is, never repeated.
      #expect(!result.stderr.contains("Anna"), "\(result)")
      #expect(store.changedFiles(since: before) == [])
    }
    // The same question without the identifying part goes through.
    let fine = store.run([
      "sp", "consult", "--by", "SF-NORDOST", "--with", "FFS", "--question",
      "En ung vuxen med autism i Nordost, möte 2026-12-01", "--advice", "Ansök om boendestöd.",
    ])
    #expect(fine.code == 0, "\(fine)")
  }
}
