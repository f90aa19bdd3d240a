import SamverkanCommandLine
import SamverkanKit
import SamverkanConsent
import SamverkanDomain
import SamverkanStore
import SamverkanTestSupport
import Testing

/// The record's rules (`Consent.problems`) and its status, without a command line.
@Suite struct ConsentRulesTests {
  let profile = Profile.goteborg

  func fields(_ consent: Consent) -> [String] {
    consent.problems(profile: profile).map(\.field)
  }

  @Test func aCompleteConsentHasNoProblems() {
    #expect(consent().problems(profile: profile).isEmpty)
    #expect(consent(type: .implied, review: "2026-03-31").problems(profile: profile).isEmpty)
    #expect(
      consent(givenBy: .guardian, givenByName: "Eva Berg").problems(profile: profile).isEmpty)
  }

  @Test func atLeastTwoDistinctParties() {
    #expect(fields(consent(parties: ["SF-NORDOST"])) == ["parties"])
    #expect(fields(consent(parties: [])) == ["parties"])
    #expect(fields(consent(parties: ["FFS", "FFS"])) == ["parties", "parties"])
  }

  @Test func partiesMustBeInTheDirectory() {
    let problems = consent(parties: ["SF-NORDOST", "XYZ", "FFS/NOPE"]).problems(profile: profile)
    #expect(problems.map(\.field) == ["parties", "parties"])
    #expect(problems[0].message.contains("XYZ"))
    #expect(problems[1].message.contains("FFS has no unit 'NOPE'"))
    #expect(!problems.contains { $0.isRule })
  }

  @Test func atLeastOnePurposeEachOnce() {
    #expect(fields(consent(purposes: [])) == ["purposes"])
    #expect(fields(consent(purposes: [.sp, .sp])) == ["purposes"])
  }

  @Test func theEndMayNotPrecedeTheStart() {
    let problems = consent(from: "2026-06-01", until: "2026-05-31").problems(profile: profile)
    #expect(problems.map(\.field) == ["validUntil"])
    #expect(problems[0].message.contains("2026-05-31 is before the start date 2026-06-01"))
    #expect(consent(from: "2026-06-01", until: "2026-06-01").problems(profile: profile).isEmpty)
  }

  @Test func explicitConsentIsWrittenOrOralOtherTypesHaveNoForm() {
    #expect(fields(consent(form: nil)) == ["form"])
    var implied = consent(type: .implied, review: "2026-03-31")
    implied.form = .oral
    #expect(fields(implied) == ["form"])
  }

  @Test func impliedAndPresumedConsentNeedAReviewDate() {
    for type in [ConsentType.implied, .presumed] {
      var subject = consent(type: type)
      subject.note = "Har visat att hon vill ha stödet"
      let problems = subject.problems(profile: profile)
      #expect(problems.map(\.field) == ["reviewDate"])
      #expect(problems[0].isRule)
    }
    #expect(fields(consent(review: "2026-03-31")) == ["reviewDate"])
    #expect(fields(consent(type: .implied, review: "2025-12-31")) == ["reviewDate"])
  }

  @Test func reviewsMustAgreeWithTheReviewDate() {
    let review = ConsentReview(
      date: day("2026-03-01"), by: "a", due: day("2026-03-31"), nextReview: day("2026-05-31"))
    #expect(fields(consent(type: .implied, review: "2026-05-31", reviews: [review])).isEmpty)
    #expect(
      fields(consent(type: .implied, review: "2026-06-30", reviews: [review])) == ["reviewDate"])
    let backwards = ConsentReview(
      date: day("2026-03-01"), by: "a", nextReview: day("2026-02-01"))
    #expect(
      fields(consent(type: .implied, review: "2026-02-01", reviews: [backwards])) == ["reviews"])
    #expect(fields(consent(reviews: [review])) == ["reviews"])
  }

  @Test func aGuardianOrRepresentativeIsNamed() {
    for giver in [ConsentGiver.guardian, .representative] {
      let problems = consent(givenBy: giver).problems(profile: profile)
      #expect(problems.map(\.field) == ["givenByName"])
      #expect(problems[0].isRule)
      #expect(fields(consent(givenBy: giver, givenByName: "  ")) == ["givenByName"])
    }
    let selfNamed = consent(givenBy: .self_, givenByName: "Eva Berg").problems(profile: profile)
    #expect(selfNamed.map(\.field) == ["givenByName"])
    #expect(!selfNamed[0].isRule)
  }

  @Test func thePersonMustHaveBeenToldHowToWithdraw() {
    let problems = consent(informed: false).problems(profile: profile)
    #expect(problems.map(\.field) == ["informed"])
    #expect(problems[0].isRule)
    #expect(problems[0].message.contains("withdraw"))
    #expect(problems[0].message.contains("routine requires"))
  }

  @Test func aRevocationHasADateReasonAndHowItWasCommunicated() {
    var revoked = consent(from: "2026-03-01", revoked: "2026-03-01")
    #expect(revoked.problems(profile: profile).isEmpty)
    revoked.revocation!.reason = " "
    revoked.revocation!.communicated = ""
    #expect(revoked.problems(profile: profile).map(\.field) == ["revocation", "revocation"])
    // Withdrawn before it began (it was given earlier, to start later): allowed.
    var early = consent(from: "2026-03-01", revoked: "2026-02-20")
    early.recordedOn = day("2026-02-01")
    #expect(early.problems(profile: profile).isEmpty)
    // Withdrawn before it was given at all: not possible.
    #expect(fields(consent(from: "2026-03-01", revoked: "2026-02-28")) == ["revocation"])
  }

  @Test func problemsAreReportedAllAtOnce() {
    let bad = consent(
      parties: ["FFS"], purposes: [], form: nil, from: "2026-06-01", until: "2026-01-01",
      informed: false)
    #expect(Set(fields(bad)) == ["parties", "purposes", "validUntil", "form", "informed"])
  }

  @Test func statusOnADate() {
    let c = consent(type: .implied, review: "2026-06-30", revoked: "2026-10-01")
    #expect(c.status(on: day("2025-12-31")) == .notYetValid)
    #expect(c.status(on: day("2026-01-01")) == .active)
    #expect(c.status(on: day("2026-06-30")) == .active)
    #expect(c.status(on: day("2026-07-01")) == .reviewDue)
    #expect(c.status(on: day("2026-10-01")) == .revoked)
    #expect(consent().status(on: day("2027-01-01")) == .expired)
    #expect(ConsentStatus.allCases.map(\.swedish).allSatisfy { !$0.isEmpty })
  }

  // MARK: - Changing a stored consent

  @Test func aWithdrawalCannotBeUndoneByAnImport() throws {
    let store = TestStore()
    let revoked = consent(revoked: "2026-06-01")
    try insert([revoked], into: store)
    let direct = Store(directory: store.path, actor: "tester", commandLine: ["test"])
    try direct.read { reader in
      let context = RuleContext(profile: profile, clock: Clock(now: .now), reader: reader)
      var undone = revoked
      undone.revocation = nil
      let problems = undone.problems(previous: revoked, in: context)
      #expect(problems.map(\.field) == ["revocation"])
      #expect(problems[0].isRule)
      var moved = revoked
      moved.person = pnr(TestPerson.adult2)
      #expect(moved.problems(previous: revoked, in: context).map(\.field) == ["person"])
      var corrected = revoked
      corrected.note = "scanned copy in Treserva"
      #expect(corrected.problems(previous: revoked, in: context).isEmpty)
    }
  }

  // MARK: - Secrecy-breaking grounds

  @Test func theBuiltInGroundsOfTheSpec() {
    let grounds = profile.consent.legalGrounds
    #expect(
      grounds.map(\.id) == [
        "emergency", "duty-to-inform", "necessary-disclosure", "general-clause", "care-provision",
        "crime-against-child",
      ])
    #expect(grounds.allSatisfy { !$0.label.isEmpty && !$0.law.isEmpty && !$0.summary.isEmpty })
    #expect(profile.consent.legalGround("EMERGENCY")?.title == "Nöd (24 kap. 4 § brottsbalken)")
    #expect(profile.consent.legalGround("duty-to-inform")?.law == "10 kap. 28 § OSL")
    #expect(profile.consent.legalGround("necessary-disclosure")?.law == "10 kap. 2 § OSL")
    #expect(profile.consent.legalGround("general-clause")?.law == "10 kap. 27 § OSL")
    #expect(profile.consent.legalGround("nope") == nil)
    #expect(profile.consistencyProblems().isEmpty)
  }

  @Test func aRecordedGroundReadsWithItsSwedishNameAndLaw() {
    let use = LegalGroundUse(
      ground: "emergency", recordedBy: "anna", date: day("2026-11-25"), note: "Akut suicidrisk")
    #expect(
      profile.consent.describe(use)
        == "Nöd (24 kap. 4 § brottsbalken), recorded by anna on 2026-11-25: Akut suicidrisk")
    let gone = LegalGroundUse(ground: "old-ground", recordedBy: "anna", date: day("2026-11-25"))
    #expect(profile.consent.describe(gone).contains("'old-ground' (not in the profile's list)"))
  }

  @Test func aProfileWithBrokenGroundsIsRefused() {
    var broken = profile
    broken.consent.legalGrounds.append(broken.consent.legalGrounds[0])
    broken.consent.legalGrounds.append(
      LegalGround(id: "Bad Id", label: "x", law: "y", summary: "z"))
    let problems = broken.consistencyProblems()
    #expect(problems.count == 2)
    #expect(problems.allSatisfy { $0.hasPrefix("consent.legalGrounds") })
  }
}
