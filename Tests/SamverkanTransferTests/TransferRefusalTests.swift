import Foundation
import SamverkanDomain
import SamverkanTestSupport
import Testing

/// Every refusal: its exit code, a message naming the reason, and the store byte for byte
/// as it was.
@Suite struct TransferRefusalTests {
  /// A store with TRF-1 planned for a person born 2008-06-01 (handover 2027-06-01, notify
  /// by 2026-12-01), its package written.
  func planned(package: Bool = true) throws -> (TestStore, String) {
    let store = TestStore()
    let person = try TestPerson.born("20080601")
    let plan = store.run([
      "transfer", "plan", "--person", person, "--from", youthUnit, "--to", adultUnit,
    ])
    #expect(plan.code == 0, "\(plan)")
    if package { #expect(store.fillPackage("TRF-1").code == 0) }
    return (store, person)
  }

  // MARK: - plan

  @Test func planningForAPersonPastTheAgeIsRefused() throws {
    let store = TestStore()
    store.refused(
      ["transfer", "plan", "--person", TestPerson.adult, "--from", youthUnit, "--to", adultUnit],
      saying: "turned 19 on 2009-01-01 and is 36 today (2026-11-25)")
    #expect(store.snapshot().isEmpty)
    let decided = store.run([
      "transfer", "plan", "--person", TestPerson.adult, "--from", adultUnit, "--to", "FFS", "--on",
      "2027-01-15",
    ])
    #expect(decided.code == 0, "\(decided)")
    #expect(decided.stderr.contains("handover on 2027-01-15 (the date decided; in 51 days)"))
    #expect(
      decided.stderr.contains(
        "notify the receiving unit by the handover 2027-01-15 (a decided transfer has no six months' notice"
      ))
    #expect(!decided.stderr.contains("Warning"))
  }

  @Test func aSamordningsnummerIsReadForItsBirthDate() throws {
    let store = TestStore()
    let number = coordinationNumber(try TestPerson.born("18960229"))
    store.refused(
      ["transfer", "plan", "--person", number, "--from", youthUnit, "--to", adultUnit],
      saying: "The person (born 1896-02-29) turned 19 on 1915-03-01")
    let decided = store.run([
      "transfer", "plan", "--person", number, "--from", adultUnit, "--to", "AVO", "--on", "+3m",
    ])
    #expect(decided.code == 0, "\(decided)")
    let record = try shown(store, "TRF-1")
    #expect(record["person"] as? String == number)
    #expect(record["handoverDate"] as? String == "2027-02-25")
    #expect(record["basis"] as? String == "decision")
  }

  @Test func aDecidedDateInThePastIsRefused() throws {
    TestStore().refused(
      [
        "transfer", "plan", "--person", TestPerson.adult, "--from", adultUnit, "--to", "FFS",
        "--on", "yesterday",
      ],
      saying: "The handover date 2026-11-24 is before today (2026-11-25)")
  }

  @Test func aSecondOpenTransferBetweenTheSameUnitsIsRefused() throws {
    let (store, person) = try planned()
    store.refused(
      ["transfer", "plan", "--person", person, "--from", youthUnit, "--to", adultUnit],
      saying:
        "TRF-1 is already an open transfer of the person from SF-NORDOST/BOU to SF-NORDOST/VUXEN")
    // To another unit it is a transfer of its own.
    #expect(
      store.run(["transfer", "plan", "--person", person, "--from", youthUnit, "--to", "FFS"]).code
        == 0)
  }

  @Test func theSameUnitOnBothSidesOrAnUnknownUnitIsAUsageError() throws {
    let store = TestStore()
    let person = try TestPerson.born("20080601")
    store.refused(
      ["transfer", "plan", "--person", person, "--from", youthUnit, "--to", youthUnit],
      code: 64, saying: "the receiving unit must differ from the unit handing over")
    store.refused(
      ["transfer", "plan", "--person", person, "--from", youthUnit, "--to", "SF-NORDOST/VUXN"],
      code: 64, saying: "SF-NORDOST has no unit 'VUXN'")
  }

  // MARK: - notify

  @Test func notifyWithoutConsentIsRefused() throws {
    let (store, _) = try planned()
    let result = store.refused(
      ["transfer", "notify", "TRF-1"],
      saying: "'transfer notify' on TRF-1 is refused: no consent covers")
    #expect(result.stderr.contains("--purpose transfer"))
  }

  @Test func aConsentForAnotherPurposeOrOnlyOneUnitDoesNotCover() throws {
    let (store, person) = try planned()
    try store.grantConsent(person: person, purposes: [.sip])
    store.refused(
      ["transfer", "notify", "TRF-1"], saying: "CON-1 does not cover the purpose 'transfer'")
    try store.grantConsent(person: person, parties: [youthUnit, "FFS"])
    store.refused(["transfer", "notify", "TRF-1"], saying: "CON-2 does not cover SF-NORDOST/VUXEN")
    // The whole administration covers its units.
    try store.grantConsent(person: person, parties: ["SF-NORDOST", "FFS"])
    #expect(store.run(["transfer", "notify", "TRF-1"]).code == 0)
  }

  @Test func anExpiredOrRevokedConsentDoesNotCover() throws {
    let (store, person) = try planned()
    try store.grantConsent(person: person, until: "2026-11-24")
    store.refused(["transfer", "notify", "TRF-1"], saying: "CON-1 expired after 2026-11-24")
    let revoked = try store.grantConsent(person: person)
    try store.revokeConsent(revoked, on: "2026-11-20")
    store.refused(["transfer", "notify", "TRF-1"], saying: "CON-2 was revoked on 2026-11-20")
  }

  @Test func notifyWithAnIncompletePackageListsEachEmptyPart() throws {
    let (store, person) = try planned(package: false)
    try store.grantConsent(person: person)
    store.run([
      "transfer", "package", "TRF-1", "--background", "Bor hemma.", "--caseworker", "Karin Lund",
      "--guardian", "ingen",
    ])
    let result = store.refused(
      ["transfer", "notify", "TRF-1"],
      saying:
        "TRF-1 cannot be notified: the receiving unit is sent the whole transfer package; missing:")
    let missing = result.stderr.split(separator: "\n").filter { $0.hasPrefix("  - ") }
    #expect(
      missing == [
        "  - current situation: 'samverkan transfer package TRF-1 --current-situation …'",
        "  - disability or problems, earlier investigations and diagnoses: 'samverkan transfer package TRF-1 --disability …'",
        "  - ongoing interventions and planning: 'samverkan transfer package TRF-1 --interventions …'",
      ])
  }

  @Test func aPartOfOnlySpacesIsEmpty() throws {
    let (store, person) = try planned()
    try store.grantConsent(person: person)
    store.run(["transfer", "package", "TRF-1", "--interventions", "  \n "])
    store.refused(["transfer", "notify", "TRF-1"], saying: "ongoing interventions and planning")
  }

  @Test func noLegalGroundStandsInForThePersonsConsent() throws {
    // Seed 001: the individual is asked and consent obtained before any contact.
    let (store, _) = try planned()
    store.refused(
      ["transfer", "notify", "TRF-1", "--legal-ground", "nope"], code: 64,
      saying: "there is no such ground")
    store.refused(
      [
        "transfer", "notify", "TRF-1", "--legal-ground", "emergency", "--legal-ground-note",
        "Akut fara",
      ], saying: "no secrecy-breaking ground can stand in for it")
  }

  @Test func aSecondNoticeIsRefused() throws {
    let (store, person) = try planned()
    try store.grantConsent(person: person)
    #expect(store.run(["transfer", "notify", "TRF-1"]).code == 0)
    store.refused(
      ["transfer", "notify", "TRF-1"], saying: "TRF-1 was notified on 2026-11-25 already")
  }

  // MARK: - The receiving unit's steps

  @Test func theReceivingUnitsStepsWaitForTheNotice() throws {
    let (store, _) = try planned()
    store.refused(["transfer", "acknowledge", "TRF-1"], saying: "TRF-1 has not been notified yet")
    store.refused(
      ["transfer", "assign", "TRF-1", "--caseworker", "Per Berg"],
      saying: "the receiving unit cannot assign a caseworker")
    store.refused(["transfer", "meeting", "TRF-1"], saying: "TRF-1 has not been notified yet")
  }

  @Test func theMeetingWaitsForTheReceiptAndStopsWhenConsentIsWithdrawn() throws {
    let (store, person) = try planned()
    let consent = try store.grantConsent(person: person)
    #expect(store.run(["transfer", "notify", "TRF-1"]).code == 0)
    store.refused(
      ["transfer", "meeting", "TRF-1"],
      saying: "record that first with 'samverkan transfer acknowledge TRF-1'")
    #expect(store.run(["transfer", "acknowledge", "TRF-1"], on: "2026-11-26").code == 0)
    store.refused(
      ["transfer", "acknowledge", "TRF-1"], on: "2026-11-27",
      saying: "confirmed receipt on 2026-11-26 already")
    try store.revokeConsent(consent, on: "2026-11-27")
    store.refused(
      ["transfer", "meeting", "TRF-1"], on: "2026-11-27",
      saying: "CON-1 was revoked on 2026-11-27")
    // A package change after the notice shares again, and is stopped as well.
    store.refused(
      ["transfer", "package", "TRF-1", "--current-situation", "Ny"], on: "2026-11-27",
      saying: "'transfer package' on TRF-1 is refused")
    // New consent lets the work go on.
    try store.grantConsent(person: person, from: "2026-11-27")
    #expect(store.run(["transfer", "meeting", "TRF-1"], on: "2026-11-27").code == 0)
  }

  @Test func aConsentWithdrawnOnTheDayOfTheNoticeStopsOnlyTheNextSharingStep() throws {
    let (store, person) = try planned()
    let consent = try store.grantConsent(person: person)
    #expect(store.run(["transfer", "notify", "TRF-1"]).code == 0)
    try store.revokeConsent(consent, on: testToday)
    // The notice already made stays valid, but the receiving unit may not go on to
    // contact the person: acknowledging and assigning pass the gate too.
    store.refused(["transfer", "acknowledge", "TRF-1"], saying: "CON-1 was revoked on 2026-11-25")
    store.refused(
      ["transfer", "assign", "TRF-1", "--caseworker", "Per Berg"],
      saying: "CON-1 was revoked on 2026-11-25")
    // The store still exports and imports back as it is.
    let exported = store.run(["transfer", "export"])
    let target = TestStore()
    let copy = try target.grantConsent(person: person)
    try target.revokeConsent(copy, on: testToday)
    let file = target.directory.file("copy.ndjson")
    try Data(exported.stdout.utf8).write(to: URL(fileURLWithPath: file))
    let imported = target.run(["transfer", "import", file])
    #expect(imported.code == 0, "\(imported)")
    // And a transfer that will not happen can be cancelled.
    #expect(
      store.run(["transfer", "cancel", "TRF-1", "--reason", "Samtycket återkallat"]).code == 0)
  }

  @Test func receiptCannotBeBeforeTheNotice() throws {
    let (store, person) = try planned()
    try store.grantConsent(person: person)
    #expect(store.run(["transfer", "notify", "TRF-1"]).code == 0)
    store.refused(
      ["transfer", "acknowledge", "TRF-1", "--on", "yesterday"],
      saying: "receipt on 2026-11-24 would be before the notice on 2026-11-25")
  }

  // MARK: - complete

  @Test func completionBeforeTheHandoverNamesTheDate() throws {
    let (store, person) = try planned()
    try store.grantConsent(person: person)
    store.run(["transfer", "notify", "TRF-1"])
    store.run(["transfer", "acknowledge", "TRF-1"])
    store.run(["transfer", "assign", "TRF-1", "--caseworker", "Per Berg"])
    store.run(["transfer", "meeting", "TRF-1"])
    store.refused(
      ["transfer", "complete", "TRF-1"],
      saying:
        "TRF-1 cannot be completed before the handover date 2027-06-01 (the 19th birthday): until then SF-NORDOST/BOU is responsible"
    )
    store.refused(
      ["transfer", "complete", "TRF-1"], on: "2027-05-31",
      saying: "Complete it on or after 2027-06-01, 1 day after 2027-05-31.")
    // Recorded later for the day it happened, but not for a day before the handover.
    store.refused(
      ["transfer", "complete", "TRF-1", "--on", "2027-05-31"], on: "2027-06-03",
      saying: "before the handover date 2027-06-01")
    #expect(
      store.run(["transfer", "complete", "TRF-1", "--on", "2027-06-01"], on: "2027-06-03").code == 0
    )
  }

  @Test func completionListsEveryStepStillMissing() throws {
    let (store, _) = try planned()
    let result = store.refused(
      ["transfer", "complete", "TRF-1"], on: "2027-05-01",
      saying: "TRF-1 cannot be completed yet; missing:")
    let missing = result.stderr.split(separator: "\n").filter { $0.hasPrefix("  - ") }
    #expect(missing.count == 5)
    #expect(
      missing[0].contains(
        "responsibility passes on 2027-06-01 (the 19th birthday), 31 days after 2027-05-01"))
    #expect(missing[1].contains("'samverkan transfer notify TRF-1'"))
    #expect(missing[4].contains("tjänstemannamöte"))
  }

  @Test func completionAfterConsentRanOutIsRefused() throws {
    let (store, person) = try planned()
    try store.grantConsent(person: person, until: "2027-05-31")
    store.run(["transfer", "notify", "TRF-1"])
    store.run(["transfer", "acknowledge", "TRF-1"])
    store.run(["transfer", "assign", "TRF-1", "--caseworker", "Per Berg"])
    store.run(["transfer", "meeting", "TRF-1"])
    store.refused(
      ["transfer", "complete", "TRF-1"], on: "2027-06-01",
      saying: "'transfer complete' on TRF-1 is refused")
  }

  // MARK: - cancel

  @Test func aCancelledTransferIsClosed() throws {
    let (store, _) = try planned()
    store.refused(
      ["transfer", "cancel", "TRF-1", "--reason", " "], code: 64,
      saying: "the reason is empty")
    let cancel = store.run([
      "transfer", "cancel", "TRF-1", "--reason", "Behöver inget stöd efter 19.",
    ])
    #expect(cancel.code == 0)
    #expect(cancel.stderr.contains("the case stays with SF-NORDOST/BOU"))
    store.refused(
      ["transfer", "package", "TRF-1", "--guardian", "x"],
      saying:
        "TRF-1 cannot be changed: it was cancelled on 2026-11-25 (Behöver inget stöd efter 19.)")
    store.refused(["transfer", "notify", "TRF-1"], saying: "it was cancelled")
  }

  @Test func aCancellationCannotPredateTheNotice() throws {
    let (store, person) = try planned()
    try store.grantConsent(person: person)
    #expect(store.run(["transfer", "notify", "TRF-1"]).code == 0)
    store.refused(
      ["transfer", "cancel", "TRF-1", "--reason", "Flyttar", "--on", "yesterday"],
      saying: "cancelledOn: the cancellation on 2026-11-24 is before the last step (2026-11-25)")
  }

  @Test func aPackageChangedAfterTheNoticeIsSentAgainUnderConsent() throws {
    let (store, person) = try planned()
    let consent = try store.grantConsent(person: person)
    #expect(store.run(["transfer", "notify", "TRF-1"]).code == 0)
    let changed = store.run(
      ["transfer", "package", "TRF-1", "--current-situation", "Har fått eget boende."],
      on: "2026-11-30")
    #expect(changed.code == 0, "\(changed)")
    let record = try shown(store, "TRF-1")
    #expect(record["currentSituation"] as? String == "Har fått eget boende.")
    let steps = try #require(record["sharing"] as? [[String: Any]])
    #expect(steps.map { $0["step"] as? String } == ["notify", "package"])
    #expect(steps.last?["consent"] as? String == consent.description)
    let history = store.run(["transfer", "history", "TRF-1", "--format", "tsv"])
    #expect(history.stdout.contains("Ändrat överföringspaket skickat till mottagande enhet"))
    // Emptying a part after the notice would leave the receiving unit without it.
    store.refused(
      ["transfer", "package", "TRF-1", "--guardian", ""], on: "2026-11-30",
      saying: "guardian: the transfer package needs the guardian")
  }

  @Test func anUnknownTransferIsNotFound() throws {
    let (store, _) = try planned()
    store.refused(["transfer", "notify", "TRF-9"], code: 66, saying: "No record 'TRF-9'")
    store.refused(["transfer", "show", "SIP-1"], code: 64, saying: "not 'transfer'")
  }

  @Test func packageNeedsSomethingToWrite() throws {
    let (store, _) = try planned()
    store.refused(["transfer", "package", "TRF-1"], code: 64, saying: "Give at least one part")
  }
}
