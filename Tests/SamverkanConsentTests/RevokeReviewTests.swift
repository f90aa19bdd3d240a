import SamverkanDomain
import SamverkanJSON
import SamverkanStore
import SamverkanTestSupport
import Testing

/// `consent revoke` and `consent review`.
@Suite struct RevokeReviewTests {
  func revoke(_ store: TestStore, _ id: String = "CON-1", _ extra: [String] = []) -> RunResult {
    store.run(
      [
        "consent", "revoke", id, "--reason", "Does not want FFS involved", "--communicated",
        "by phone to the caseworker",
      ] + extra)
  }

  func implied(_ store: TestStore, _ extra: [String] = []) {
    let result = store.run(
      [
        "consent", "grant", "--person", TestPerson.adult, "--parties", "SF-NORDOST,FFS",
        "--purpose", "sp", "--type", "implied", "--until", "2027-11-30", "--informed",
      ] + extra)
    #expect(result.code == 0, "\(result)")
  }

  // MARK: - revoke

  @Test func revokeRecordsDateReasonAndHowItWasCommunicated() throws {
    let store = TestStore()
    store.run(grantArguments())
    let result = revoke(store)
    #expect(result.code == 0, "\(result)")
    #expect(result.stdout.isEmpty, "no records relied on it")
    #expect(result.stderr.contains("Withdrew CON-1 from 2026-11-25. No open records relied on it."))
    let json = try JSONParser.parse(
      Array(store.run(["consent", "show", "CON-1", "--json"]).stdout.utf8))
    #expect(
      json["revocation"]
        == .object([
          "date": .string("2026-11-25"), "reason": .string("Does not want FFS involved"),
          "communicated": .string("by phone to the caseworker"), "recordedBy": .string("tester"),
        ]))
    let history = store.run(["consent", "history", "CON-1", "--format", "ndjson"])
    #expect(history.lines.count == 2)
    #expect(history.lines[1].contains("\"action\":\"revoke\""))
    #expect(history.lines[1].contains("Samtycke återkallat"))
  }

  @Test func revokeListsTheOpenRecordsThatReliedOnIt() throws {
    let store = TestStore()
    store.run(grantArguments())
    store.run(grantArguments())
    let con1 = RecordID(kind: .consent, number: 1)
    let con2 = RecordID(kind: .consent, number: 2)
    try insert(
      [
        FakePlan(person: pnr(), consent: con1, closed: false),
        FakePlan(person: pnr(), consent: con1, closed: true),
        FakePlan(person: pnr(), consent: con2, closed: false),
        FakePlan(person: pnr(), consent: con1, closed: false),
      ], into: store)
    let result = revoke(store)
    #expect(result.code == 0, "\(result)")
    #expect(result.stdout == "SIP-1\tSIP\tinvited\nSIP-4\tSIP\tinvited\n")
    #expect(result.stderr.contains("2 open records relied on it"))
    #expect(result.stderr.contains("SIP-1, SIP-4"))

    let json = revoke(store, "CON-2", ["--json"])
    let list = try JSONParser.parse(Array(json.stdout.utf8))
    #expect(
      list
        == .array([
          .object(["id": .string("SIP-3"), "kind": .string("SIP"), "state": .string("invited")])
        ]))
  }

  @Test func aRevokedConsentCoversNothingFromThatDay() {
    let store = TestStore()
    store.run(grantArguments(["--from", "2026-11-01"]))
    #expect(revoke(store, "CON-1", ["--on", "2026-11-20"]).code == 0)
    let check = ["consent", "check", "--person", TestPerson.adult, "--between", "SF-NORDOST,FFS"]
    #expect(store.run(check + ["--on", "2026-11-19"]).code == 0)
    let on = store.run(check + ["--on", "2026-11-20"])
    #expect(on.code == 1)
    #expect(on.stderr.contains("CON-1 was revoked on 2026-11-20"))
  }

  @Test func refusedRevocationsChangeNothing() {
    let store = TestStore()
    store.run(grantArguments(["--from", "2026-11-01"]))
    #expect(revoke(store).code == 0)
    let revoked = store.snapshot()
    let again = revoke(store)
    #expect(again.code == 77)
    #expect(again.stderr.contains("CON-1 was already withdrawn on 2026-11-25"))
    #expect(store.snapshot() == revoked)

    store.run(grantArguments(["--from", "2026-11-01"]))
    let afterGrant = store.snapshot()
    let future = revoke(store, "CON-2", ["--on", "2026-12-01"])
    #expect(future.code == 64)
    #expect(future.stderr.contains("is in the future (today is 2026-11-25)"))
    let beforeGiven = revoke(store, "CON-2", ["--on", "2026-10-31"])
    #expect(beforeGiven.code == 64)
    #expect(beforeGiven.stderr.contains("before the consent was given"))
    #expect(revoke(store, "CON-9").code == 66)
    #expect(revoke(store, "SIP-2").code == 64)
    let noReason = store.run([
      "consent", "revoke", "CON-2", "--communicated", "by phone",
    ])
    #expect(noReason.code == 64)
    #expect(noReason.stderr.contains("--reason"))
    #expect(store.snapshot() == afterGrant)
  }

  // MARK: - review

  @Test func anImpliedConsentPastItsReviewDateCoversNothingUntilReviewed() {
    let store = TestStore()
    // Begun in August but recorded today, so examined today: the review is due 2027-02-23.
    implied(store, ["--from", "2026-08-01"])
    let check = ["consent", "check", "--person", TestPerson.adult, "--between", "SF-NORDOST,FFS"]
    #expect(store.run(check + ["--on", "2027-02-23"]).code == 0)
    let overdue = store.run(check + ["--today", "2027-02-24"])
    #expect(overdue.code == 1)
    #expect(overdue.stderr.contains("should have been reviewed by 2027-02-23"))
    let reviewed = store.run(["consent", "review", "CON-1", "--today", "2027-03-01"])
    #expect(reviewed.code == 0, "\(reviewed)")
    #expect(reviewed.stdout == "CON-1\n")
    #expect(reviewed.stderr.contains("next review by 2027-05-30"))
    #expect(store.run(check + ["--today", "2027-03-01"]).code == 0)
    // The overdue days stay uncovered.
    #expect(store.run(check + ["--on", "2027-02-28", "--today", "2027-03-01"]).code == 1)
  }

  @Test func reviewWithAChosenNextDateAndNote() throws {
    let store = TestStore()
    implied(store)
    let result = store.run([
      "consent", "review", "CON-1", "--next", "2027-01-31", "--note", "Still comes to meetings",
      "--json",
    ])
    #expect(result.code == 0, "\(result)")
    let json = try JSONParser.parse(Array(result.stdout.utf8))
    #expect(json["reviewDate"] == .string("2027-01-31"))
    #expect(
      json["reviews"]
        == .array([
          .object([
            "date": .string("2026-11-25"), "by": .string("tester"), "due": .string("2027-02-23"),
            "nextReview": .string("2027-01-31"), "note": .string("Still comes to meetings"),
          ])
        ]))
    let history = store.run(["consent", "history", "CON-1"])
    #expect(history.stdout.contains("Samtycke omprövat"))
  }

  @Test func refusedReviewsChangeNothing() {
    let store = TestStore()
    store.run(grantArguments())
    implied(store)
    implied(store, ["--from", "2025-01-01", "--until", "2025-12-31"])
    implied(store)
    #expect(revoke(store, "CON-4").code == 0)
    let before = store.snapshot()

    let explicit = store.run(["consent", "review", "CON-1"])
    #expect(explicit.code == 77)
    #expect(
      explicit.stderr.contains("explicit consent (uttryckligt samtycke), which is not re-examined"))
    let expired = store.run(["consent", "review", "CON-3"])
    #expect(expired.code == 77)
    #expect(expired.stderr.contains("expired"))
    let revoked = store.run(["consent", "review", "CON-4"])
    #expect(revoked.code == 77)
    #expect(revoked.stderr.contains("withdrawn"))
    let past = store.run(["consent", "review", "CON-2", "--next", "2026-11-25"])
    #expect(past.code == 64)
    #expect(past.stderr.contains("must come after today"))
    #expect(store.run(["consent", "review", "CON-99"]).code == 66)
    #expect(store.snapshot() == before)
  }
}
