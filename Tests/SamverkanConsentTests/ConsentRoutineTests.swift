import Foundation
import SamverkanTestSupport
import Testing

/// Seed 002's consent rules, each on both sides: how long a consent may last, who may give
/// it for whom, and what presumed consent needs; and the person numbers `--person` takes
/// (SPEC §2). The clock is pinned to 2026-11-25; every refusal leaves stdout empty and the
/// store byte for byte as it was.
@Suite struct ConsentRoutineTests {
  /// A child who turns 18 on 2027-06-01, inside the longest validity.
  static let nearlyAdult = "20090601-2380"

  func refused(
    _ extra: [String], person: String = TestPerson.adult, code: Int32 = 77, saying text: String,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let store = TestStore()
    store.run(grantArguments(person: TestPerson.adult2))
    let before = store.snapshot()
    let result = store.run(grantArguments(extra, person: person))
    #expect(result.code == code, "\(result)", sourceLocation: sourceLocation)
    #expect(result.stderr.contains(text), "\(result.stderr)", sourceLocation: sourceLocation)
    #expect(result.stdout.isEmpty, sourceLocation: sourceLocation)
    #expect(store.snapshot() == before, "the store changed", sourceLocation: sourceLocation)
  }

  func accepted(
    _ extra: [String], person: String = TestPerson.adult,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let store = TestStore()
    let result = store.run(grantArguments(extra, person: person))
    #expect(result.code == 0, "\(result)", sourceLocation: sourceLocation)
    #expect(result.stdout == "CON-1\n", sourceLocation: sourceLocation)
  }

  // MARK: - Validity

  @Test func aConsentLastsAtMostTheProfilesMaximum() {
    refused(
      ["--until", "2099-12-31"],
      saying:
        "a consent is time-limited: it may last at most 36 months (the profile's consent.maxValidityMonths), so one from 2026-11-25 ends by 2029-11-25, not 2099-12-31"
    )
    refused(["--until", "2029-11-26"], saying: "ends by 2029-11-25, not 2029-11-26")
    accepted(["--until", "2029-11-25"])
  }

  @Test func theMaximumComesFromTheProfile() throws {
    let store = TestStore()
    try FileManager.default.createDirectory(atPath: store.path, withIntermediateDirectories: true)
    try Data(#"{"consent": {"maxValidityMonths": 12}}"#.utf8).write(
      to: URL(fileURLWithPath: store.path + "/profile.json"))
    let long = store.run(grantArguments(["--until", "2027-11-26"]))
    #expect(long.code == 77)
    #expect(long.stderr.contains("at most 12 months"))
    #expect(store.run(grantArguments(["--until", "2027-11-25"])).code == 0)
  }

  // MARK: - Who gives it

  @Test func aGuardianConsentsOnlyForAChild() {
    refused(
      [
        "--given-by", "guardian", "--given-by-name", "Eva Berg", "--sole-guardian", "--child-view",
        "x",
      ],
      saying:
        "a guardian (vårdnadshavare) consents only for a child under 18; the person (born 1990-01-01) is 36 on 2026-11-25"
    )
  }

  @Test func bothGuardiansConsentWhenThereAreTwo() {
    let one = ["--given-by", "guardian", "--given-by-name", "Eva Berg", "--child-view", "Vill"]
    refused(
      one, person: TestPerson.child,
      saying: "a child with two guardians needs the consent of both")
    accepted(one + ["--sole-guardian"], person: TestPerson.child)
    accepted(
      one + ["--given-by", "guardian", "--given-by-name", "Olle Berg"], person: TestPerson.child)
    refused(
      one + ["--given-by", "guardian", "--given-by-name", "Olle Berg", "--sole-guardian"],
      person: TestPerson.child, code: 64,
      saying:
        "--sole-guardian says the child has one guardian, but two are named (Eva Berg, Olle Berg)")
    refused(
      ["--given-by", "guardian", "--given-by-name", "Eva Berg", "--sole-guardian"],
      person: TestPerson.child, saying: "record the child's own view (barnets inställning)")
  }

  @Test func aGuardiansConsentEndsBeforeTheChildTurnsEighteen() {
    let guardian = [
      "--given-by", "guardian", "--given-by-name", "Eva Berg", "--sole-guardian", "--child-view",
      "Vill ha stöd",
    ]
    refused(
      guardian + ["--until", "2027-06-01"], person: Self.nearlyAdult,
      saying:
        "a guardian's consent ends before the child turns 18 on 2027-06-01: give --until 2027-05-31 at the latest"
    )
    accepted(guardian + ["--until", "2027-05-31"], person: Self.nearlyAdult)
  }

  @Test func aRepresentativeConsentsForAnAdult() {
    let representative = ["--given-by", "representative", "--given-by-name", "Per God Man"]
    refused(
      representative, person: TestPerson.child,
      saying: "a god man or förvaltare represents an adult; the person (born 2018-01-01) is 8")
    accepted(representative)
  }

  @Test func oneConsentHasOneKindOfGiver() {
    refused(
      ["--given-by", "guardian", "--given-by", "representative"], person: TestPerson.child,
      code: 64, saying: "one consent has one kind of giver")
    refused(
      ["--given-by", "self", "--given-by-name", "A", "--given-by-name", "B"], code: 64,
      saying: "Only a child's two guardians give one consent together")
  }

  // MARK: - Presumed consent

  @Test func presumedConsentNeedsANoteButNotInformed() {
    let presumed = [
      "consent", "grant", "--person", TestPerson.adult, "--parties", "SF-NORDOST,FFS",
      "--purpose", "sp", "--type", "presumed", "--until", "2027-11-30",
    ]
    let store = TestStore()
    let before = store.snapshot()
    let missing = store.run(presumed)
    #expect(missing.code == 77, "\(missing)")
    #expect(missing.stderr.contains("say how their view was presumed (--note …)"))
    #expect(!missing.stderr.contains("--informed"))
    #expect(missing.stdout.isEmpty)
    #expect(store.snapshot() == before)
    let noted = store.run(presumed + ["--note", "Anhöriga beskriver hennes vilja"])
    #expect(noted.code == 0, "\(noted)")
    // Explicit consent still needs --informed.
    let explicit = store.run(grantArguments().filter { $0 != "--informed" })
    #expect(explicit.code == 77)
    #expect(explicit.stderr.contains("Tell them, then record the consent with --informed"))
  }

  // MARK: - Person numbers (SPEC §2)

  @Test(arguments: [
    "19410089-2381",  // month 00: month of birth unknown
    "19530260-2395",  // day 60: day of birth unknown
    "20160491-2384",  // "April 31": a stated date the month lacks
  ])
  func publishedSamordningsnummerWithIncompleteDatesAreAccepted(number: String) throws {
    let store = TestStore()
    let result = store.run(grantArguments(person: number))
    #expect(result.code == 0, "\(result)")
    let shown = store.run(["consent", "show", "CON-1", "--json"])
    #expect(shown.stdout.contains("\"person\" : \"\(number)\"") || shown.stdout.contains(number))
  }

  @Test func birthNumberZeroIsRefused() throws {
    // Skatteverket's test number for 1990-01-01 with its birth number made 000 and the check
    // digit recomputed: a number that can never be issued.
    let digits = Array("900101000")
    var sum = 0
    for (index, character) in digits.enumerated() {
      let product = character.wholeNumberValue! * (index % 2 == 0 ? 2 : 1)
      sum += product / 10 + product % 10
    }
    let number = "19900101-000\((10 - sum % 10) % 10)"
    refused(
      [], person: number, code: 64,
      saying: "the birth number 000 (the three digits before the check digit) is never issued")
  }

  @Test func aPlusWithTheFullYearMustAgreeWithTheAge() {
    refused(
      [], person: "19900101+2385", code: 64,
      saying: "+ means 100 years or older, but someone born 1990-01-01 is 36 on 2026-11-25")
  }
}
