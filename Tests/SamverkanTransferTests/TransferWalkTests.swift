import Foundation
import SamverkanDomain
import SamverkanStore
import SamverkanTestSupport
import SamverkanTransfer
import Testing

/// Parses JSON output.
func json(_ text: String) throws -> Any {
  try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
}

/// One transfer's stored fields, as `show --json` prints them.
func shown(_ store: TestStore, _ id: String) throws -> [String: Any] {
  let result = store.run(["transfer", "show", id, "--json"])
  #expect(result.code == 0, "\(result)")
  return try #require(try json(result.stdout) as? [String: Any])
}

/// The whole routine in process: plan, package, notify, the receiving unit's steps and
/// completion, with every refusal on the way leaving the store as it was.
@Suite struct TransferWalkTests {
  @Test func aTransferWalksFromPlanToComplete() throws {
    let store = TestStore()
    let alva = try TestPerson.born("20080229")

    // Plan: the 19th birthday falls on 1 March 2027; the deadline passed in September.
    let plan = store.run([
      "transfer", "plan", "--person", alva, "--name", "Alva Exempel", "--from", youthUnit,
      "--to", adultUnit,
    ])
    #expect(plan.code == 0, "\(plan)")
    #expect(plan.stdout == "TRF-1\n")
    #expect(
      plan.stderr.contains("TRF-1: handover on 2027-03-01 (the 19th birthday; born on 29 February"))
    #expect(
      plan.stderr.contains("notify the receiving unit by 2026-09-01 (6 months before; 85 days ago)")
    )
    #expect(plan.stderr.contains("Warning: the notice deadline 2026-09-01 has passed already"))

    // Notify: refused without consent and while the package is empty, all listed at once.
    var before = store.snapshot()
    let empty = store.run(["transfer", "notify", "TRF-1"])
    #expect(empty.code == 77)
    for option in [
      "--background", "--guardian", "--current-situation", "--disability", "--interventions",
      "--caseworker",
    ] {
      #expect(empty.stderr.contains("'samverkan transfer package TRF-1 \(option) …'"), "\(option)")
    }
    #expect(empty.stderr.contains("consent: 'transfer notify' on TRF-1 is refused"))
    #expect(store.snapshot() == before)

    // A complete package, but still no consent.
    #expect(store.fillPackage("TRF-1").code == 0)
    before = store.snapshot()
    let noConsent = store.run(["transfer", "notify", "TRF-1"])
    #expect(noConsent.code == 77)
    #expect(
      noConsent.stderr.contains(
        "no consent covers sharing information about the person between SF-NORDOST/BOU, SF-NORDOST/VUXEN for 'transfer' on 2026-11-25"
      ))
    #expect(!noConsent.stderr.contains("missing:"))
    #expect(store.snapshot() == before)

    // With consent the notice goes, late.
    let consent = try store.grantConsent(person: alva)
    let notify = store.run(["transfer", "notify", "TRF-1"])
    #expect(notify.code == 0, "\(notify)")
    #expect(notify.stdout == "TRF-1\n")
    #expect(
      notify.stderr.contains(
        "Warning: the notice is late: the deadline was 2026-09-01 (85 days before the notice)"))
    var record = try shown(store, "TRF-1")
    #expect(record["state"] as? String == "notified")
    #expect(record["late"] as? Bool == true)
    #expect(record["notifiedOn"] as? String == "2026-11-25")
    let sharing = try #require(record["sharing"] as? [[String: Any]])
    #expect(sharing.count == 1)
    #expect(sharing[0]["step"] as? String == "notify")
    #expect(sharing[0]["consent"] as? String == consent.description)

    // `consent revoke` finds the open transfer through its references.
    var references = try store.references(to: consent)
    #expect(references.map(\.id.description) == ["TRF-1"])
    #expect(references.first?.isOpen == true)
    #expect(references.first?.state == "notified (late)")

    // The receiving unit: receipt, a caseworker, the officials' meeting.
    #expect(store.run(["transfer", "acknowledge", "TRF-1", "--by", "Eva Ek"]).code == 0)
    #expect(
      store.run([
        "transfer", "assign", "TRF-1", "--caseworker", "Per Berg", "--email",
        "per.berg@socialnordost.goteborg.se",
      ]).code == 0)
    let meeting = store.run([
      "transfer", "meeting", "TRF-1", "--participants", "Karin Lund,Per Berg,Eva Ek",
    ])
    #expect(meeting.code == 0, "\(meeting)")

    // Complete: refused before the handover date, with the date; the day before too.
    for today in ["2026-11-25", "2027-02-28"] {
      before = store.snapshot()
      let early = store.run(["transfer", "complete", "TRF-1"], on: today)
      #expect(early.code == 77)
      #expect(
        early.stderr.contains(
          "TRF-1 cannot be completed before the handover date 2027-03-01 (the 19th birthday)"))
      #expect(store.snapshot() == before)
    }
    let complete = store.run(["transfer", "complete", "TRF-1"], on: "2027-03-01")
    #expect(complete.code == 0, "\(complete)")
    record = try shown(store, "TRF-1")
    #expect(record["state"] as? String == "completed")
    #expect(record["completedOn"] as? String == "2027-03-01")
    #expect(
      (record["sharing"] as? [[String: Any]])?.map { $0["step"] as? String } == [
        "notify", "acknowledge", "assign", "meeting", "complete",
      ])
    references = try store.references(to: consent)
    #expect(references.first?.isOpen == false)
    #expect(references.first?.state == "completed (late)")

    // The journal registers each step as an event.
    let history = store.run(["transfer", "history", "TRF-1", "--format", "tsv"])
    #expect(history.code == 0)
    for event in [
      "Överföring planerad", "Ärendet aviserat för sent (sista dag 2026-09-01)",
      "Mottagandet bekräftat", "Handläggare utsedd på mottagande enhet", "Tjänstemannamöte hållet",
      "Ärendeansvaret överfört till mottagande enhet",
    ] {
      #expect(history.stdout.contains(event), "\(event)")
    }

    // A completed transfer is closed.
    before = store.snapshot()
    let closed = store.run(["transfer", "cancel", "TRF-1", "--reason", "Fel"], on: "2027-03-02")
    #expect(closed.code == 77)
    #expect(closed.stderr.contains("TRF-1 cannot be changed: it was completed on 2027-03-01"))
    #expect(store.snapshot() == before)
    // The store is sound: indexes, references to the consent, the journal replaying.
    let report = try StoreCheck(
      store: Store(directory: store.path, actor: "tester", commandLine: ["test"]),
      kinds: [.of(Transfer.self), .of(Consent.self), .of(Disclosure.self)]
    ).run()
    #expect(report.problems.isEmpty, "\(report.problems)")
  }

  @Test func aNoticeInTimeIsNotLateAndTheDeadlineIsNoWarning() throws {
    let store = TestStore()
    let person = try TestPerson.born("20080601")
    let plan = store.run([
      "transfer", "plan", "--person", person, "--from", youthUnit, "--to", adultUnit,
    ])
    #expect(plan.code == 0)
    #expect(
      plan.stderr.contains("notify the receiving unit by 2026-12-01 (6 months before; in 6 days)"))
    #expect(!plan.stderr.contains("Warning"))
    try store.grantConsent(person: person)
    store.fillPackage("TRF-1")
    let notify = store.run(["transfer", "notify", "TRF-1"])
    #expect(notify.code == 0)
    #expect(!notify.stderr.contains("late"))
    #expect(try shown(store, "TRF-1")["late"] as? Bool == false)
  }

  @Test(arguments: [
    ("2026-11-24", false),  // the day before the deadline
    ("2026-11-25", false),  // on the deadline
    ("2026-11-26", true),  // the day after
  ])
  func theNoticeDeadlinesBoundaries(noticeDay: String, late: Bool) throws {
    // Born 2008-05-25: handover 2027-05-25, notify by 2026-11-25.
    let store = TestStore()
    let person = try TestPerson.born("20080525")
    let plan = store.run(
      ["transfer", "plan", "--person", person, "--from", youthUnit, "--to", adultUnit],
      on: "2026-11-20")
    #expect(plan.stderr.contains("by 2026-11-25"))
    try store.grantConsent(person: person)
    store.fillPackage("TRF-1", on: "2026-11-20")
    let notify = store.run(["transfer", "notify", "TRF-1"], on: noticeDay)
    #expect(notify.code == 0, "\(notify)")
    #expect(notify.stderr.contains("Warning: the notice is late") == late)
    #expect(try shown(store, "TRF-1")["late"] as? Bool == late)
    let list = store.run(["transfer", "list", "--format", "tsv"], on: noticeDay)
    #expect(list.stdout.hasSuffix(late ? "\tnotified (late)\n" : "\tnotified\n"))
    #expect(
      store.run(["transfer", "list", "--late", "-q"], on: noticeDay).stdout
        == (late ? "TRF-1\n" : ""))
  }

  @Test func aNoticeMayBeRecordedForAnEarlierDayButNotALaterOne() throws {
    let store = TestStore()
    let person = try TestPerson.born("20080525")
    store.run(
      ["transfer", "plan", "--person", person, "--from", youthUnit, "--to", adultUnit],
      on: "2026-11-20")
    try store.grantConsent(person: person)
    store.fillPackage("TRF-1", on: "2026-11-20")
    let before = store.snapshot()
    let future = store.run(["transfer", "notify", "TRF-1", "--on", "tomorrow"], on: "2026-11-26")
    #expect(future.code == 64)
    #expect(future.stderr.contains("2026-11-27 is in the future (today is 2026-11-26)"))
    #expect(store.snapshot() == before)
    let earlier = store.run(["transfer", "notify", "TRF-1", "--on", "yesterday"], on: "2026-11-26")
    #expect(earlier.code == 0)
    #expect(try shown(store, "TRF-1")["late"] as? Bool == false)
  }
}
