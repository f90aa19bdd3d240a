import SamverkanDomain
import SamverkanTestSupport
import Testing

/// The sharing gate as a pure rule (SPEC §11): asked without a store or a command line.
/// The walk of every command's steps through the same cases is in `SharingMatrixTests`.
@Suite struct SharingGateTests {
  static let today = day("2026-11-25")
  static let spSummon = SharingStep("sp summon", purpose: .sp)
  static let sipInvite = SharingStep("sip invite", purpose: .sip, consentAlwaysRequired: true)

  func request(
    _ step: SharingStep = spSummon, person: String = TestPerson.adult,
    from: String = "SF-NORDOST", to: [String] = ["FFS"], on date: String = "2026-11-25",
    ground: String? = nil, note: String? = "Skäl", condition: String? = nil
  ) -> SharingRequest {
    SharingRequest(
      step: step, person: pnr(person), from: org(from), to: to.map(org), date: day(date),
      today: Self.today,
      ground: ground.map {
        GroundClaim(ground: $0, note: note, condition: condition, recordedBy: "anna")
      })
  }

  func decide(_ request: SharingRequest, _ consents: [Consent] = [])
    -> Result<SharingPassage, SharingRefusal>
  {
    SharingGate.decide(request, consents: consents, profile: .goteborg)
  }

  @Test func aCoveringConsentIsTheBasis() throws {
    let passage = try decide(request(), [consent()]).get()
    #expect(passage.basis == .consent(RecordID(kind: .consent, number: 1), restrictions: nil))
    #expect(!passage.recordedLate)
  }

  @Test func restrictionsAreTheUnionOfEveryConsentThatNamesTheParties() throws {
    let consents = [
      consent(id: 1, restrictions: "Inget om pappans missbruk"),
      consent(id: 2, restrictions: "Ingenting om tidigare LVM-vård"),
      consent(id: 3, parties: ["SF-NORDOST", "REGION"], purposes: [.sip], restrictions: "Annat"),
    ]
    let passage = try decide(request(), consents).get()
    #expect(passage.consents.map(\.description) == ["CON-2", "CON-1"])
    #expect(
      passage.restrictions == ["Inget om pappans missbruk", "Ingenting om tidigare LVM-vård"])
  }

  @Test func aStepDatedBeforeAWithdrawalRecordedAfterItIsFlaggedLate() throws {
    let passage = try decide(request(on: "2026-11-10"), [consent(revoked: "2026-11-20")]).get()
    #expect(passage.recordedLate)
    if case .failure(let refusal) = decide(
      request(on: "2026-11-20"), [consent(revoked: "2026-11-20")])
    {
      #expect(refusal.code == "revoked")
    } else {
      Issue.record("a step on the withdrawal day passed")
    }
  }

  struct GroundCase: CustomTestStringConvertible, Sendable {
    var ground: String
    var step: SharingStep = SharingGateTests.spSummon
    var person = TestPerson.adult
    var to = ["FFS"]
    var condition: String? = nil
    var note: String? = "Skäl"
    /// nil when the ground applies, else the refusal's code.
    var refused: String?
    var testDescription: String { "\(ground) \(step) to \(to) → \(refused ?? "passes")" }
  }

  static let groundCases: [GroundCase] = [
    GroundCase(ground: "emergency", refused: nil),
    GroundCase(ground: "emergency", note: nil, refused: "ground-note-missing"),
    GroundCase(ground: "emergency", note: "  ", refused: "ground-note-missing"),
    GroundCase(ground: "hunch", refused: "unknown-ground"),
    GroundCase(
      ground: "emergency", step: sipInvite, to: ["REGION"], refused: "consent-always-required"),
    GroundCase(ground: "general-clause", refused: "ground-conditions-not-met"),
    GroundCase(ground: "necessary-disclosure", refused: nil),
    GroundCase(
      ground: "necessary-disclosure", step: SharingStep("transfer notify", purpose: .transfer),
      refused: "ground-conditions-not-met"),
    GroundCase(
      ground: "crime-against-child", person: TestPerson.child, refused: "ground-conditions-not-met"),
    GroundCase(ground: "care-provision", person: TestPerson.child, to: ["REGION"], refused: nil),
    GroundCase(ground: "care-provision", to: ["REGION"], refused: "ground-conditions-not-met"),
    GroundCase(
      ground: "care-provision", to: ["REGION"], condition: "compulsory-care", refused: nil),
    GroundCase(
      ground: "care-provision", to: ["REGION"], condition: "hunch",
      refused: "ground-conditions-not-met"),
    GroundCase(
      ground: "care-provision", person: TestPerson.child, to: ["FFS"],
      refused: "ground-conditions-not-met"),
  ]

  @Test(arguments: groundCases)
  func aGroundPassesOnlyWhenItsConditionsHold(_ test: GroundCase) {
    let asked = request(
      test.step, person: test.person, to: test.to, ground: test.ground, note: test.note,
      condition: test.condition)
    switch decide(asked) {
    case .success(let passage):
      #expect(test.refused == nil, "passed on \(passage.basis)")
      #expect(passage.consents.isEmpty)
    case .failure(let refusal):
      #expect(refusal.code == test.refused, "\(refusal.message)")
    }
  }

  @Test func anAgeConditionSaysWhenTheBirthDateIsIncomplete() {
    // Skatteverket's test samordningsnummer with month 00: born in 2008, month unknown.
    let asked = request(
      person: "20080066-2397", to: ["REGION"], ground: "care-provision")
    guard case .failure(let refusal) = decide(asked) else {
      Issue.record("passed though the person may be 18")
      return
    }
    #expect(refusal.code == "ground-conditions-not-met")
    #expect(
      refusal.message.contains(
        "the person is 18 on 2026-11-25, not under 18 as far as the samordningsnummer tells (the month of birth is unknown (samordningsnummer month 00); counted from 2008-01-06)"
      ), "\(refusal.message)")
  }

  @Test func aWithdrawnConsentBlocksTheRecordFromItsWithdrawal() {
    let block = SharingGate.block(
      reliedOn: RecordID(kind: .consent, number: 1), request: request(),
      consents: [consent(revoked: "2026-11-20")], until: Self.today, profile: .goteborg)
    #expect(block?.since == day("2026-11-20"))
    #expect(block?.withdrawn == true)
    let wording = SharingGate.documentWording(
      consent: RecordID(kind: .consent, number: 1), consents: [consent(revoked: "2026-11-20")],
      today: Self.today)
    #expect(
      wording
        == "Samtycket CON-1 återkallades 2026-11-20; inga fler uppgifter får lämnas med stöd av det."
    )
  }

  @Test func anonymousTextFindsNumbersNamesAddressesAndPhones() {
    let text =
      "Gäller Bertil Testsson, 19900101-2385, bertil@example.se, 070-123 45 67, möte 2026-11-30"
    let findings = AnonymousText.findings(in: text, knownNames: ["Bertil Testsson", "Ek"])
    #expect(findings.count == 4, "\(findings)")
    #expect(!findings.joined().contains("Bertil"))
    #expect(
      AnonymousText.findings(in: "Möte 2026-11-30 kl 10, Ek-gården", knownNames: ["Ek"]).isEmpty)
  }
}
