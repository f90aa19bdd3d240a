import SamverkanDomain
import SamverkanTestSupport
import Testing

/// The coverage rule alone: every reason a consent does not cover, and every boundary.
@Suite struct ConsentCoverageTests {
  let profile = Profile.goteborg
  let con1 = RecordID(kind: .consent, number: 1)

  func ask(
    _ consents: [Consent], between parties: [String] = ["SF-NORDOST", "FFS"],
    purpose: ConsentPurpose = .sp, on date: String, person: String = TestPerson.adult,
    profile: Profile = .goteborg
  ) -> SharingAnswer {
    ConsentCoverage.answer(
      SharingQuestion(
        person: pnr(person), parties: parties.map(org), purpose: purpose, date: day(date)),
      consents: consents, profile: profile)
  }

  // MARK: - None

  @Test func noConsentAtAll() {
    #expect(ask([], on: "2026-06-01") == .notCovered([.noConsent]))
  }

  @Test func anotherPersonsConsentDoesNotCount() {
    let answer = ask([consent(person: TestPerson.adult2)], on: "2026-06-01")
    #expect(answer == .notCovered([.noConsent]))
  }

  @Test func unsavedConsentDoesNotCount() {
    #expect(ask([consent(id: nil)], on: "2026-06-01") == .notCovered([.noConsent]))
  }

  // MARK: - Validity: first and last day

  @Test(arguments: [
    ("2025-12-31", false), ("2026-01-01", true), ("2026-12-31", true), ("2027-01-01", false),
  ])
  func validFromFirstToLastDay(date: String, covered: Bool) {
    #expect(ask([consent()], on: date).isCovered == covered)
  }

  @Test func beforeTheFirstDayIsNotYetValid() {
    let answer = ask([consent()], on: "2025-12-31")
    #expect(answer == .notCovered([.notYetValid(con1, from: day("2026-01-01"))]))
    guard case .notCovered(let reasons) = answer else { return }
    #expect(reasons[0].code == "not-yet-valid")
    #expect(reasons[0].message == "CON-1 is not valid until 2026-01-01")
  }

  @Test func afterTheLastDayIsExpired() {
    let answer = ask([consent()], on: "2027-01-01")
    #expect(answer == .notCovered([.expired(con1, on: day("2026-12-31"))]))
    guard case .notCovered(let reasons) = answer else { return }
    #expect(reasons[0].code == "expired")
    #expect(reasons[0].message.contains("2026-12-31"))
  }

  @Test func aOneDayConsentCoversThatDayOnly() {
    let one = consent(from: "2026-05-05", until: "2026-05-05")
    #expect(ask([one], on: "2026-05-05").isCovered)
    #expect(!ask([one], on: "2026-05-04").isCovered)
    #expect(!ask([one], on: "2026-05-06").isCovered)
  }

  // MARK: - Revocation

  @Test(arguments: [("2026-05-31", true), ("2026-06-01", false), ("2026-06-02", false)])
  func revokedFromTheRevocationDate(date: String, covered: Bool) {
    #expect(ask([consent(revoked: "2026-06-01")], on: date).isCovered == covered)
  }

  @Test func revocationIsTheReason() {
    let answer = ask([consent(revoked: "2026-06-01")], on: "2026-06-01")
    #expect(answer == .notCovered([.revoked(con1, on: day("2026-06-01"))]))
    guard case .notCovered(let reasons) = answer else { return }
    #expect(reasons[0].code == "revoked")
    #expect(reasons[0].consent == con1)
    #expect(reasons[0].message.contains("2026-06-01"))
  }

  @Test func revokedBeforeItBeganNeverCovers() {
    let early = consent(from: "2026-03-01", revoked: "2026-02-15")
    #expect(ask([early], on: "2026-03-01") == .notCovered([.revoked(con1, on: day("2026-02-15"))]))
  }

  // MARK: - Review of implied and presumed consent

  @Test(arguments: [ConsentType.implied, .presumed])
  func coveredUpToTheReviewDateThenOverdue(type: ConsentType) {
    let reviewed = consent(
      parties: ["SF-NORDOST/VUXEN", "SF-NORDOST/EKB"], type: type, review: "2026-03-31")
    let parties = ["SF-NORDOST/VUXEN", "SF-NORDOST/EKB"]
    #expect(ask([reviewed], between: parties, on: "2026-03-31").isCovered)
    let overdue = ask([reviewed], between: parties, on: "2026-04-01")
    #expect(overdue == .notCovered([.reviewOverdue(con1, since: day("2026-03-31"))]))
    guard case .notCovered(let reasons) = overdue else { return }
    #expect(reasons[0].code == "review-overdue")
    #expect(reasons[0].message.contains("consent review CON-1"))
  }

  @Test func explicitConsentHasNoReview() {
    #expect(ask([consent(review: "2026-03-31")], on: "2026-06-01").isCovered)
  }

  @Test func aReviewCoversAgainFromTheDayItWasMade() {
    let review = ConsentReview(
      date: day("2026-04-10"), by: "tester", due: day("2026-03-31"),
      nextReview: day("2026-07-09"))
    let reviewed = consent(type: .implied, review: "2026-07-09", reviews: [review])
    #expect(ask([reviewed], on: "2026-03-31").isCovered)
    // The days it was overdue stay uncovered: the review does not reach back.
    #expect(
      ask([reviewed], on: "2026-04-09")
        == .notCovered([.reviewOverdue(con1, since: day("2026-03-31"))]))
    #expect(ask([reviewed], on: "2026-04-10").isCovered)
    #expect(ask([reviewed], on: "2026-07-09").isCovered)
    #expect(
      ask([reviewed], on: "2026-07-10")
        == .notCovered([.reviewOverdue(con1, since: day("2026-07-09"))]))
  }

  @Test func reviewDateInForceFollowsEachReview() {
    let reviews = [
      ConsentReview(
        date: day("2026-03-01"), by: "a", due: day("2026-03-31"), nextReview: day("2026-05-31")),
      ConsentReview(
        date: day("2026-06-15"), by: "b", due: day("2026-05-31"), nextReview: day("2026-09-13")),
    ]
    let reviewed = consent(type: .implied, review: "2026-09-13", reviews: reviews)
    #expect(reviewed.reviewDate(on: day("2026-02-01")) == day("2026-03-31"))
    #expect(reviewed.reviewDate(on: day("2026-03-01")) == day("2026-05-31"))
    #expect(reviewed.reviewDate(on: day("2026-06-14")) == day("2026-05-31"))
    #expect(reviewed.reviewDate(on: day("2026-06-15")) == day("2026-09-13"))
    #expect(reviewed.status(on: day("2026-06-01")) == .reviewDue)
    #expect(reviewed.status(on: day("2026-06-15")) == .active)
    #expect(consent().reviewDate(on: day("2026-06-15")) == nil)
  }

  // MARK: - Parties

  @Test func aPartyNotNamedIsNamedInTheReason() {
    let answer = ask([consent()], between: ["SF-NORDOST", "AVO"], on: "2026-06-01")
    #expect(answer == .notCovered([.partiesNotCovered(con1, missing: [org("AVO")])]))
    guard case .notCovered(let reasons) = answer else { return }
    #expect(reasons[0].code == "party-not-covered")
    #expect(reasons[0].message == "CON-1 does not cover AVO")
  }

  @Test func everyMissingPartyIsNamed() {
    let answer = ask([consent()], between: ["AVO", "FFS", "REGION"], on: "2026-06-01")
    #expect(
      answer == .notCovered([.partiesNotCovered(con1, missing: [org("AVO"), org("REGION")])]))
  }

  @Test func aWholeOrganizationCoversItsUnits() {
    let whole = consent(parties: ["SF-NORDOST", "FFS"])
    #expect(ask([whole], between: ["SF-NORDOST/BOU", "FFS"], on: "2026-06-01").isCovered)
    #expect(
      ask([whole], between: ["SF-NORDOST/VUXEN", "SF-NORDOST/EKB"], on: "2026-06-01").isCovered)
  }

  @Test func aUnitDoesNotCoverItsOrganizationOrASiblingUnit() {
    let unit = consent(parties: ["SF-NORDOST/BOU", "FFS"])
    #expect(ask([unit], between: ["SF-NORDOST/BOU", "FFS"], on: "2026-06-01").isCovered)
    #expect(
      ask([unit], between: ["SF-NORDOST", "FFS"], on: "2026-06-01")
        == .notCovered([.partiesNotCovered(con1, missing: [org("SF-NORDOST")])]))
    #expect(
      ask([unit], between: ["SF-NORDOST/VUXEN", "FFS"], on: "2026-06-01")
        == .notCovered([.partiesNotCovered(con1, missing: [org("SF-NORDOST/VUXEN")])]))
  }

  @Test func anotherDistrictIsAnotherParty() {
    let answer = ask([consent()], between: ["SF-HISINGEN", "FFS"], on: "2026-06-01")
    #expect(answer == .notCovered([.partiesNotCovered(con1, missing: [org("SF-HISINGEN")])]))
  }

  @Test func aSubsetOfTheNamedPartiesIsCovered() {
    let three = consent(parties: ["SF-NORDOST", "FFS", "REGION"])
    #expect(ask([three], between: ["FFS", "REGION"], on: "2026-06-01").isCovered)
  }

  // MARK: - Purpose

  @Test func aPurposeNotNamedIsTheReason() {
    let answer = ask([consent()], purpose: .sip, on: "2026-06-01")
    #expect(answer == .notCovered([.purposeNotCovered(con1, purpose: .sip)]))
    guard case .notCovered(let reasons) = answer else { return }
    #expect(reasons[0].code == "purpose-not-covered")
    #expect(reasons[0].message.contains("'sip'"))
  }

  @Test func anyPurposeWhenNoneIsAsked() {
    let answer = ConsentCoverage.answer(
      person: pnr(), parties: [org("SF-NORDOST"), org("FFS")], purpose: nil,
      date: day("2026-06-01"), consents: [consent(purposes: [.transfer])], profile: profile)
    #expect(answer == .covered(by: con1, restrictions: nil))
  }

  // MARK: - Presumed consent between authorities

  @Test func presumedConsentDoesNotCoverExchangeBetweenAuthorities() {
    let presumed = consent(type: .presumed, review: "2026-12-31")
    let answer = ask([presumed], on: "2026-06-01")
    #expect(answer == .notCovered([.presumedBetweenAuthorities(con1)]))
    guard case .notCovered(let reasons) = answer else { return }
    #expect(reasons[0].code == "presumed-between-authorities")
    #expect(reasons[0].message.contains("between authorities"))
  }

  @Test func presumedConsentCoversUnitsOfOneAuthority() {
    let presumed = consent(type: .presumed, review: "2026-12-31")
    let within = ask([presumed], between: ["SF-NORDOST/BOU", "SF-NORDOST/VUXEN"], on: "2026-06-01")
    #expect(within == .covered(by: con1, restrictions: nil))
  }

  @Test func theProfileCanLetPresumedConsentCrossAuthorities() {
    var lenient = Profile.goteborg
    lenient.consent.presumedCoversAuthorities = true
    let presumed = consent(type: .presumed, review: "2026-12-31")
    #expect(ask([presumed], on: "2026-06-01", profile: lenient).isCovered)
  }

  @Test func impliedConsentCrossesAuthorities() {
    let implied = consent(type: .implied, review: "2026-12-31")
    #expect(ask([implied], on: "2026-06-01").isCovered)
  }

  // MARK: - Several consents

  @Test func theNewestCoveringConsentAnswersWithItsRestrictions() {
    let old = consent(id: 1)
    let new = consent(id: 2, restrictions: "Nothing about the father")
    let answer = ask([old, new], on: "2026-06-01")
    #expect(
      answer
        == .covered(
          by: RecordID(kind: .consent, number: 2), restrictions: "Nothing about the father"))
  }

  @Test func anOlderConsentCoversWhenTheNewerIsRevoked() {
    let old = consent(id: 1)
    let new = consent(id: 2, revoked: "2026-05-01")
    #expect(ask([old, new], on: "2026-06-01") == .covered(by: con1, restrictions: nil))
  }

  @Test func theMostTellingReasonComesFirst() {
    let otherParties = consent(id: 1, parties: ["REGION", "FFS"])
    let revoked = consent(id: 2, revoked: "2026-05-01")
    let otherPurpose = consent(id: 3, purposes: [.sip])
    let answer = ask([otherParties, revoked, otherPurpose], on: "2026-06-01")
    #expect(
      answer
        == .notCovered([
          .revoked(RecordID(kind: .consent, number: 2), on: day("2026-05-01")),
          .purposeNotCovered(RecordID(kind: .consent, number: 3), purpose: .sp),
          .partiesNotCovered(con1, missing: [org("SF-NORDOST")]),
        ]))
  }

  @Test func everyReasonHasAStableCode() {
    let reasons: [NotCoveredReason] = [
      .noConsent, .notYetValid(con1, from: day("2026-01-01")),
      .expired(con1, on: day("2026-01-01")), .revoked(con1, on: day("2026-01-01")),
      .reviewOverdue(con1, since: day("2026-01-01")),
      .partiesNotCovered(con1, missing: [org("AVO")]), .purposeNotCovered(con1, purpose: .sp),
      .presumedBetweenAuthorities(con1),
    ]
    #expect(
      reasons.map(\.code) == [
        "none", "not-yet-valid", "expired", "revoked", "review-overdue", "party-not-covered",
        "purpose-not-covered", "presumed-between-authorities",
      ])
    #expect(reasons.map(\.consent) == [nil] + Array(repeating: con1, count: 7))
    // Messages never name the person (they may have protected personal data).
    #expect(!reasons.contains { $0.message.contains(TestPerson.adult) })
  }
}
