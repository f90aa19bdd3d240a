import Foundation
import SamverkanJSON
import SamverkanTestSupport
import Testing

/// `consent grant`: what it records, its defaults, and every refusal leaving the store as it was.
@Suite struct GrantTests {
  func record(_ store: TestStore, _ id: String) throws -> JSONValue {
    let shown = store.run(["consent", "show", id, "--json", "--reveal"])
    #expect(shown.code == 0, "\(shown)")
    return try JSONParser.parse(Array(shown.stdout.utf8))
  }

  @Test func grantPrintsTheNewIDAndRecordsEveryField() throws {
    let store = TestStore()
    let result = store.run(
      grantArguments([
        "--name", "Anna Andersson", "--from", "2026-11-20", "--restrict",
        "Nothing about the father", "--ref", "TRESERVA-881", "--note", "Signed at the office",
      ]))
    #expect(result.code == 0, "\(result)")
    #expect(result.stdout == "CON-1\n")
    let json = try record(store, "CON-1")
    #expect(json["person"] == .string(TestPerson.adult))
    #expect(json["personName"] == .string("Anna Andersson"))
    #expect(json["parties"] == .array([.string("SF-NORDOST"), .string("FFS")]))
    #expect(json["purposes"] == .array([.string("sp")]))
    #expect(json["type"] == .string("explicit"))
    #expect(json["form"] == .string("written"))
    #expect(json["givenBy"] == .string("self"))
    #expect(json["validFrom"] == .string("2026-11-20"))
    #expect(json["validUntil"] == .string("2027-11-30"))
    #expect(json["reviewDate"] == nil)
    #expect(json["informed"] == .bool(true))
    #expect(json["restrictions"] == .string("Nothing about the father"))
    #expect(json["recordedBy"] == .string("tester"))
    #expect(json["recordedOn"] == .string(testToday))
    #expect(json["ref"] == .string("TRESERVA-881"))
    #expect(json["note"] == .string("Signed at the office"))
    #expect(store.run(grantArguments()).stdout == "CON-2\n")
  }

  @Test func startsTodayByDefaultAndAcceptsOtherFormsOfTheNumber() throws {
    let store = TestStore()
    #expect(store.run(grantArguments(person: "900101-2385")).code == 0)
    let json = try record(store, "CON-1")
    #expect(json["person"] == .string(TestPerson.adult))
    #expect(json["validFrom"] == .string(testToday))
  }

  @Test func grantWithJSONPrintsTheRecord() throws {
    let store = TestStore()
    let result = store.run(grantArguments(["--json"]))
    let json = try JSONParser.parse(Array(result.stdout.utf8))
    #expect(json["id"] == .string("CON-1"))
    #expect(json["validUntil"] == .string("2027-11-30"))
  }

  @Test(arguments: ["implied", "presumed"])
  func impliedAndPresumedGetTheProfilesReviewDate(type: String) throws {
    let store = TestStore()
    let result = store.run([
      "consent", "grant", "--person", TestPerson.adult, "--parties",
      "SF-NORDOST/VUXEN,SF-NORDOST/EKB", "--purpose", "information-exchange", "--type", type,
      "--until", "2027-11-30", "--informed", "--note", "Visar tydligt att hon vill ha stödet",
    ])
    #expect(result.code == 0, "\(result)")
    let json = try record(store, "CON-1")
    // 2026-11-25 + 90 days.
    #expect(json["reviewDate"] == .string("2027-02-23"))
    #expect(json["form"] == nil)
    #expect(result.stderr.contains("re-examine it by 2027-02-23"))
  }

  @Test func theReviewIntervalRunsFromALaterStart() throws {
    let store = TestStore()
    store.run([
      "consent", "grant", "--person", TestPerson.adult, "--parties", "SF-NORDOST,FFS",
      "--purpose", "sp", "--type", "implied", "--from", "2027-01-01", "--until", "2027-11-30",
      "--informed",
    ])
    #expect(try record(store, "CON-1")["reviewDate"] == .string("2027-04-01"))
  }

  @Test func aChosenReviewDateAndAProfileInterval() throws {
    let store = TestStore()
    let chosen = store.run(
      grantArguments(["--type", "implied", "--form", "oral", "--review", "2027-01-15"]))
    #expect(chosen.code == 64, "implied consent has no form")
    let ok = store.run([
      "consent", "grant", "--person", TestPerson.adult, "--parties", "SF-NORDOST,FFS",
      "--purpose", "sp", "--type", "implied", "--review", "2027-01-15", "--until", "2027-11-30",
      "--informed",
    ])
    #expect(ok.code == 0, "\(ok)")
    #expect(try record(store, "CON-1")["reviewDate"] == .string("2027-01-15"))

    try FileManager.default.createDirectory(atPath: store.path, withIntermediateDirectories: true)
    try Data(#"{"consent": {"reviewIntervalDays": 30}}"#.utf8).write(
      to: URL(fileURLWithPath: store.path + "/profile.json"))
    store.run([
      "consent", "grant", "--person", TestPerson.adult, "--parties", "SF-NORDOST,FFS",
      "--purpose", "sp", "--type", "presumed", "--until", "2027-11-30", "--note",
      "Enligt anhöriga skulle hon vilja det",
    ])
    #expect(try record(store, "CON-2")["reviewDate"] == .string("2026-12-25"))
  }

  @Test func aGuardianIsNamed() throws {
    let store = TestStore()
    let child = TestPerson.child
    let missing = store.run(grantArguments(["--given-by", "guardian"], person: child))
    #expect(missing.code == 77)
    #expect(missing.stderr.contains("givenByName"))
    #expect(missing.stderr.contains("--given-by-name"))
    #expect(store.snapshot().isEmpty)
    let named = store.run(
      grantArguments(
        [
          "--given-by", "guardian", "--given-by-name", "Eva Berg", "--given-by", "guardian",
          "--given-by-name", "Olle Berg", "--child-view", "Vill att skolan får veta",
        ], person: child))
    #expect(named.code == 0, "\(named)")
    let json = try record(store, "CON-1")
    #expect(json["givenBy"] == .string("guardian"))
    #expect(json["givenByName"] == .string("Eva Berg"))
    #expect(json["otherGuardianName"] == .string("Olle Berg"))
    #expect(json["childView"] == .string("Vill att skolan får veta"))
  }

  @Test func protectedMarksThePersonAndMasksTheOutput() throws {
    let store = TestStore()
    let result = store.run(grantArguments(["--protected", "--name", "Anna Andersson", "--json"]))
    #expect(result.code == 0)
    #expect(!result.stdout.contains(TestPerson.adult))
    #expect(!result.stdout.contains("Anna Andersson"))
    #expect(result.stdout.contains("********-****"))
    #expect(result.stdout.contains("(skyddade personuppgifter)"))
  }

  // MARK: - Refusals change nothing

  /// Every invalid grant of the issue, with the exit code SPEC §2 gives and words the
  /// message must contain.
  static let refusals: [(name: String, change: [String], code: Int32, says: [String])] = [
    ("bad personnummer", ["--person", "19900101-2386"], 64, ["19900101-2386", "--person"]),
    ("impossible date", ["--until", "2027-02-30"], 64, ["2027-02-30", "--until"]),
    (
      "end before start", ["--from", "2026-12-01", "--until", "2026-11-30"], 64,
      ["2026-11-30 is before the start date 2026-12-01"]
    ),
    ("unknown party", ["--parties", "SF-NORDOST,FSS"], 64, ["FSS", "did you mean 'FFS'"]),
    ("unknown unit", ["--parties", "SF-NORDOST/XYZ,FFS"], 64, ["XYZ", "SF-NORDOST/BOU"]),
    ("unknown purpose", ["--purpose", "sp,therapy"], 64, ["therapy", "support-contact"]),
    ("one party only", ["--parties", "SF-NORDOST"], 64, ["at least two parties"]),
    ("the same party twice", ["--parties", "FFS,FFS"], 64, ["at least two parties"]),
    (
      "unknown type", ["--type", "general"], 64, ["general", "'explicit', 'implied' or 'presumed'"]
    ),
    ("review of explicit consent", ["--review", "2027-01-01"], 64, ["only implied and presumed"]),
    ("self named as giver", ["--given-by-name", "Eva Berg"], 64, ["given by the person themself"]),
  ]

  @Test(arguments: refusals.indices)
  func invalidInputIsRefusedAndChangesNothing(index: Int) throws {
    let refusal = Self.refusals[index]
    let store = TestStore()
    #expect(store.run(grantArguments()).code == 0)
    let before = store.snapshot()
    let result = store.run(grantArguments(refusal.change))
    #expect(result.code == refusal.code, "\(refusal.name): \(result)")
    #expect(result.stdout.isEmpty, "\(refusal.name)")
    for words in refusal.says {
      #expect(result.stderr.contains(words), "\(refusal.name): \(result.stderr)")
    }
    #expect(store.snapshot() == before, "\(refusal.name) changed the store")
  }

  @Test func withoutInformedTheRoutineRefusesAndExplainsWhy() {
    let store = TestStore()
    #expect(store.run(grantArguments()).code == 0)
    let before = store.snapshot()
    let arguments = grantArguments().filter { $0 != "--informed" }
    let result = store.run(arguments + ["--protected"])
    #expect(result.code == 77, "\(result)")
    #expect(result.stderr.contains("The consent cannot be recorded"))
    #expect(result.stderr.contains("told that they can withdraw the consent and how"))
    #expect(result.stderr.contains("routine requires"))
    #expect(result.stderr.contains("--informed"))
    #expect(store.snapshot() == before, "nothing written, not even the protected mark")
  }

  @Test func missingRequiredOptionsAreUsageErrors() {
    let store = TestStore()
    let noUntil = store.run(grantArguments().filter { $0 != "--until" && $0 != "2027-11-30" })
    #expect(noUntil.code == 64)
    #expect(noUntil.stderr.contains("Missing expected argument '--until <date>'"))
    let noPurpose = store.run([
      "consent", "grant", "--person", TestPerson.adult, "--parties", "SF-NORDOST,FFS",
      "--until", "2027-11-30", "--informed",
    ])
    #expect(noPurpose.code == 64)
    #expect(noPurpose.stderr.contains("--purpose"))
    #expect(store.snapshot().isEmpty)
  }

  @Test func everyProblemIsReportedAtOnce() {
    let store = TestStore()
    let result = store.run([
      "consent", "grant", "--person", TestPerson.adult, "--parties", "FFS", "--purpose", "sp",
      "--from", "2027-01-01", "--until", "2026-12-31", "--given-by", "guardian",
    ])
    #expect(result.code == 64)
    for field in ["parties:", "validUntil:", "form:", "givenByName:", "informed:"] {
      #expect(result.stderr.contains(field), "\(field) missing from \(result.stderr)")
    }
    #expect(store.snapshot().isEmpty)
  }

  @Test func aConsentThatHasAlreadyEndedIsRecordedWithANote() {
    let store = TestStore()
    let result = store.run(grantArguments(["--from", "2025-01-01", "--until", "2025-12-31"]))
    #expect(result.code == 0)
    #expect(result.stderr.contains("covers nothing from today"))
  }
}
