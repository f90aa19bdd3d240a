import SamverkanCommandLine
import SamverkanDomain
import SamverkanStore
import SamverkanTestSupport
import Testing

/// The gate other commands call before a sharing step (`Invocation.sharingBasis`), through a
/// stand-in verb `share` that asks it as `sip invite` will.
@Suite struct SharingGateTests {
  static let person = Option<PersonNumber>("person", value: "pnr", help: "The person.")
  static let parties = ListOption<OrganizationID>("parties", value: "org", help: "The parties.")

  static let share = CommandSpec(
    name: "share", abstract: "A sharing step.",
    options: [person, parties, legalGroundOption, legalGroundNoteOption]
  ) { call in
    let question = SharingQuestion(
      person: try call.require(person), parties: try call.values(parties), purpose: .sip,
      date: call.clock.today)
    let basis = try call.store().read { reader in
      try call.sharingBasis(question, reader: reader, step: "Inviting", hint: "Or consult.")
    }
    switch basis {
    case .consent(let id, let restrictions):
      call.stdout.line("consent \(id) \(restrictions ?? "-")")
    case .legalGround(let use):
      call.stdout.line(
        "ground \(use.ground) by \(use.recordedBy) on \(use.date): \(use.note ?? "-")")
    }
    return ExitCode.success
  }

  static let root = CommandSpec(
    name: "samverkan", abstract: "Test root.", options: GlobalOptions.all, subcommands: [share])

  struct Result: CustomStringConvertible {
    var code: Int32
    var stdout: String
    var stderr: String
    var description: String { "exit \(code)\n\(stdout)\(stderr)" }
  }

  func run(_ store: TestStore, _ arguments: [String]) -> Result {
    let stdout = OutputSink()
    let stderr = OutputSink()
    let code = Runner(root: Self.root, version: "test").run(
      arguments: ["share", "--person", TestPerson.adult] + arguments,
      environment: ["SAMVERKAN_STORE": store.path, "SAMVERKAN_TODAY": testToday, "USER": "anna"],
      stdout: stdout, stderr: stderr)
    return Result(code: code, stdout: stdout.text, stderr: stderr.text)
  }

  func storeWithConsent(revoked: String? = nil) throws -> TestStore {
    let store = TestStore()
    try insert(
      [
        consent(
          id: nil, parties: ["SF-NORDOST", "REGION"], purposes: [.sip], until: "2027-12-31",
          restrictions: "Nothing about the father", revoked: revoked)
      ], into: store)
    return store
  }

  @Test func aCoveringConsentIsTheBasisAndItsRestrictionIsShown() throws {
    let store = try storeWithConsent()
    let result = run(store, ["--parties", "SF-NORDOST/BOU,REGION"])
    #expect(result.code == 0, "\(result)")
    #expect(result.stdout == "consent CON-1 Nothing about the father\n")
    #expect(result.stderr.contains("CON-1 restricts what may be shared: Nothing about the father"))
  }

  @Test func withoutCoveringConsentTheStepIsRefusedWithTheReasons() throws {
    let store = try storeWithConsent()
    let result = run(store, ["--parties", "SF-NORDOST,REGION,FK"])
    #expect(result.code == 77)
    #expect(result.stderr.contains("Inviting is refused"))
    #expect(result.stderr.contains("CON-1 does not cover FK"))
    #expect(result.stderr.contains("consent grant --person … --parties SF-NORDOST,REGION,FK"))
    #expect(result.stderr.contains("--legal-ground"))
    #expect(result.stderr.contains("Or consult."))
    #expect(!result.stderr.contains(TestPerson.adult))
  }

  @Test func aWithdrawnConsentStopsTheNextStep() throws {
    let store = try storeWithConsent(revoked: "2026-11-25")
    let result = run(store, ["--parties", "SF-NORDOST,REGION"])
    #expect(result.code == 77)
    #expect(result.stderr.contains("CON-1 was revoked on 2026-11-25"))
  }

  @Test func aSecrecyBreakingGroundIsRecordedInstead() throws {
    let store = TestStore()
    let result = run(
      store,
      [
        "--parties", "SF-NORDOST,REGION", "--legal-ground", "Emergency", "--legal-ground-note",
        "Akut fara",
      ])
    #expect(result.code == 0, "\(result)")
    #expect(result.stdout == "ground emergency by anna on 2026-11-25: Akut fara\n")
  }

  @Test func anUnknownGroundIsAUsageErrorListingTheGrounds() {
    let store = TestStore()
    let result = run(store, ["--parties", "SF-NORDOST,REGION", "--legal-ground", "hunch"])
    #expect(result.code == 64)
    #expect(result.stderr.contains("'hunch'"))
    #expect(result.stderr.contains("'emergency'"))
    #expect(result.stderr.contains("'crime-against-child'"))
  }
}
