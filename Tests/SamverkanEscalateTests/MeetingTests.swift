import Foundation
import SamverkanDomain
import SamverkanEscalate
import SamverkanStore
import SamverkanTestSupport
import Testing

/// The assistant unit managers' monthly meetings (seed 001): one a month, avstämningsmöte
/// and samverkansmöte taking turns, attendance, the rotating note-taker, the minutes, and
/// once a term the inventory of the coming transfers.
@Suite struct MeetingTests {
  static let karin = "SF-NORDOST/BOU=Karin Ek"
  static let per = "AVO=Per Holm"
  static let youth = "20080601-2399"

  /// Plans December's avstämningsmöte with two participants; returns its ID.
  @discardableResult
  func planDecember(_ store: TestStore) -> String {
    store.ok([
      "escalate", "meeting", "plan", "--date", "2026-12-10", "--participant", Self.karin,
      "--participant", Self.per, "--question", "Trender: fler unga med missbruk",
      "--place", "Angered, rum 3",
    ])
  }

  func meeting(_ store: TestStore, _ id: String) throws -> ManagersMeeting {
    let reader = Store(directory: store.path, actor: "tester", commandLine: ["test"])
    return try reader.read { reader in
      try reader.require(try RecordID(parsing: id), as: ManagersMeeting.self)
    }
  }

  @Test func oneMeetingAMonthAndTheKindsTakeTurns() throws {
    let store = TestStore()
    #expect(planDecember(store) == "MTG-1")
    var december = try meeting(store, "MTG-1")
    #expect(december.type == .reconciliation)
    #expect(december.noteTaker == "Karin Ek")
    #expect(december.inventory)

    // A second meeting in December is refused, whatever its kind.
    let second = store.refused([
      "escalate", "meeting", "plan", "--date", "2026-12-17", "--type", "collaboration",
    ])
    #expect(second.contains("MTG-1 is already the avstämningsmöte of that month (2026-12-10)"))
    // January after an avstämningsmöte is a samverkansmöte: the same kind is refused.
    let same = store.refused([
      "escalate", "meeting", "plan", "--date", "2027-01-14", "--type", "reconciliation",
    ])
    #expect(same.contains("take turns every other month"))
    #expect(same.contains("--type collaboration"))
    // Without --type it alternates, with December's participants, and the minutes rotate.
    #expect(store.ok(["escalate", "meeting", "plan", "--date", "2027-01-14"]) == "MTG-2")
    let january = try meeting(store, "MTG-2")
    #expect(january.type == .collaboration)
    #expect(january.participants == december.participants)
    #expect(january.noteTaker == "Per Holm")
    #expect(!january.inventory)

    // The note-taker is never the one who wrote the minutes the meeting before.
    let again = store.refused([
      "escalate", "meeting", "plan", "--date", "2027-02-11", "--note-taker", "Per Holm",
    ])
    #expect(
      again.contains("Per Holm wrote the minutes of the meeting before (MTG-2 on 2027-01-14)"))
    let stranger = store.refused([
      "escalate", "meeting", "plan", "--date", "2027-02-11", "--note-taker", "Eva Lind",
    ])
    #expect(stranger.contains("'Eva Lind' does not take part"))
    // February's avstämningsmöte is the first of the spring term: it holds the inventory.
    #expect(store.ok(["escalate", "meeting", "plan", "--date", "2027-02-11"]) == "MTG-3")
    let february = try meeting(store, "MTG-3")
    #expect(february.type == .reconciliation && february.inventory)
    #expect(february.noteTaker == "Karin Ek")
    // April's is not: the term has its inventory.
    store.ok([
      "escalate", "meeting", "plan", "--date", "2027-04-08", "--type", "reconciliation",
      "--note-taker", "Per Holm",
    ])
    #expect(try !meeting(store, "MTG-4").inventory)
    december = try meeting(store, "MTG-1")
    #expect(december.inventory)
  }

  @Test func planningIsRefusedWithoutParticipantsOrForADayPassed() throws {
    let store = TestStore()
    let none = store.refused(["escalate", "meeting", "plan", "--date", "2026-12-10"], code: 64)
    #expect(none.contains("--participant 'UNIT=Name'"))
    let past = store.refused(
      [
        "escalate", "meeting", "plan", "--date", "2026-11-24", "--participant", Self.karin,
        "--participant", Self.per,
      ], code: 64)
    #expect(past.contains("before today (2026-11-25)"))
    let alone = store.refused(
      ["escalate", "meeting", "plan", "--date", "2026-12-10", "--participant", Self.karin],
      code: 64)
    #expect(alone.contains("at least two participants"))
    let malformed = store.refused(
      ["escalate", "meeting", "plan", "--date", "2026-12-10", "--participant", "Karin Ek"],
      code: 64)
    #expect(malformed.contains("'UNIT=Name'"))
    let inventory = store.refused(
      ["escalate", "meeting", "import", "-"],
      code: 65,
      stdin:
        #"{"date":"2026-12-10","type":"collaboration","inventory":true,"participants":[{"name":"Karin Ek","unit":"SF-NORDOST/BOU"},{"name":"Per Holm","unit":"AVO"}],"noteTaker":"Karin Ek","plannedOn":"2026-11-25","plannedBy":"tester"}"#
    )
    #expect(inventory.contains("the inventory of coming transfers belongs to the avstämningsmöte"))
  }

  @Test func attendanceAndMinutesByTheNoteTaker() throws {
    let store = TestStore()
    let id = planDecember(store)
    // Not before the meeting has been held.
    let early = store.refused(["escalate", "meeting", "attend", id, "--present", "Karin Ek"])
    #expect(early.contains("has not been held yet"))
    let held = "2026-12-10"
    // The avstämningsmöte is mandatory: an absence needs its reason.
    let noReason = store.refused(
      ["escalate", "meeting", "attend", id, "--absent", "Per Holm"], today: held)
    #expect(noReason.contains("Per Holm was absent without a reason"))
    let stranger = store.refused(
      ["escalate", "meeting", "attend", id, "--present", "Eva Lind"], today: held)
    #expect(stranger.contains("'Eva Lind' is not a participant"))
    store.ok(["escalate", "meeting", "attend", id, "--present", "karin ek"], today: held)
    // The minutes wait for everyone's attendance.
    let incomplete = store.refused(
      ["escalate", "meeting", "minutes", id, "--text", "Gick igenom överlämningarna."], today: held)
    #expect(incomplete.contains("the attendance of Per Holm is not recorded"))
    store.ok(
      ["escalate", "meeting", "attend", id, "--absent", "Per Holm: sjuk"], today: held)
    // Only someone who was there writes them.
    let absentee = store.refused(
      ["escalate", "meeting", "minutes", id, "--text", "Anteckningar.", "--by", "Per Holm"],
      today: held)
    #expect(absentee.contains("Per Holm did not attend the meeting"))
    store.ok(
      ["escalate", "meeting", "minutes", id, "--file", "-"], stdin: "Överlämningar gicks igenom.\n",
      today: held)
    let stored = try meeting(store, id)
    #expect(stored.minutes?.by == "Karin Ek")
    #expect(stored.attendance.map(\.name) == ["Karin Ek", "Per Holm"])
    // Afterwards the meeting does not change.
    let locked = store.refused(
      ["escalate", "meeting", "attend", id, "--present", "Per Holm"], today: held)
    #expect(locked.contains("the minutes of MTG-1 were recorded on 2026-12-10"))
  }

  @Test func theNoteTakerWritesUnlessAbsent() throws {
    let store = TestStore()
    store.ok([
      "escalate", "meeting", "plan", "--date", "2026-12-10", "--type", "collaboration",
      "--participant", Self.karin, "--participant", Self.per,
    ])
    let held = "2026-12-10"
    store.ok(
      ["escalate", "meeting", "attend", "MTG-1", "--present", "Karin Ek", "--present", "Per Holm"],
      today: held)
    let other = store.refused(
      ["escalate", "meeting", "minutes", "MTG-1", "--text", "Anteckningar.", "--by", "Per Holm"],
      today: held)
    #expect(other.contains("Karin Ek takes the minutes of this meeting"))
    // At a samverkansmöte an absence needs no reason; an absent note-taker hands over.
    store.ok(["escalate", "meeting", "attend", "MTG-1", "--absent", "Karin Ek"], today: held)
    store.ok(
      ["escalate", "meeting", "minutes", "MTG-1", "--text", "Anteckningar.", "--by", "per holm"],
      today: held)
    #expect(try meeting(store, "MTG-1").minutes?.by == "Per Holm")
    // The next meeting's note-taker follows the one who wrote them.
    store.ok(["escalate", "meeting", "plan", "--date", "2027-01-14"], today: held)
    #expect(try meeting(store, "MTG-2").noteTaker == "Karin Ek")
  }

  @Test func theTermsInventoryListsTheComingTransfersAsTransferUpcomingDoes() throws {
    let store = TestStore()
    // A youth turning 19 on 2027-06-01: raising is due by the notice deadline 2026-12-01.
    store.ok(
      [
        "transfer", "plan", "--person", Self.youth, "--from", "SF-NORDOST/BOU", "--to",
        "SF-NORDOST/VUXEN", "--caseworker", "Karin Lund",
      ], today: "2026-11-20")
    let upcoming = store.run(["transfer", "upcoming", "--fields", "id,due,dueDate"])
    #expect(upcoming.stdout == "TRF-1\traise\t2026-12-01\n", "\(upcoming)")
    let id = planDecember(store)
    let matter = store.namedAtLevel2()
    _ = try store.grantConsent()
    store.ok(["escalate", "register", matter, "--meeting", "2026-12-10"])
    let document = store.run(["escalate", "meeting", "show", id, "--format", "md"])
    #expect(document.code == 0, "\(document)")
    #expect(!document.stdout.contains("Anna Andersson"))
    #expect(!document.stdout.contains(TestPerson.adult))
    #expect(!document.stdout.contains(Self.youth))
    assertGolden(document.stdout, named: "meeting-2026-12-10.md")

    // The minutes keep the inventory as it stood on the day.
    let held = "2026-12-10"
    store.ok(
      ["escalate", "meeting", "attend", id, "--present", "Karin Ek", "--present", "Per Holm"],
      today: held)
    store.ok(["escalate", "meeting", "minutes", id, "--text", "TRF-1 lyftes."], today: held)
    #expect(try meeting(store, id).inventoried.map(\.description) == ["TRF-1"])
    let json = store.run(["escalate", "meeting", "show", id, "--json"])
    #expect(json.stdout.contains("\"inventoried\""))
  }

  @Test func registrationFollowsThePlannedMeeting() throws {
    let store = TestStore()
    planDecember(store)
    let matter = store.anonymousAtLevel2()
    let otherDay = store.refused(["escalate", "register", matter, "--meeting", "2026-12-17"])
    #expect(otherDay.contains("meet on 2026-12-10 this month (MTG-1, avstämningsmöte)"))
    let otherKind = store.refused([
      "escalate", "register", matter, "--meeting", "2026-12-10", "--type", "collaboration",
    ])
    #expect(otherKind.contains("planned as avstämningsmöte, not samverkansmöte"))
    store.ok(["escalate", "register", matter, "--meeting", "2026-12-10"])
    #expect(try store.matter(matter).registrations.first?.type == .reconciliation)
    // A month without a planned meeting takes registrations as before.
    store.ok(["escalate", "register", matter, "--meeting", "2027-01-14"])
    #expect(try store.matter(matter).registrations.last?.type == .collaboration)
  }

  @Test func historyExportAndStoreCheck() throws {
    let store = TestStore()
    let id = planDecember(store)
    let history = store.run(["escalate", "meeting", "history", id])
    #expect(history.code == 0 && history.stdout.contains("avstämningsmöte planerat 2026-12-10"))
    let exported = store.run(["escalate", "meeting", "export"])
    #expect(exported.code == 0 && exported.stdout.contains("\"noteTaker\":\"Karin Ek\""))
    let list = store.run(["escalate", "meeting", "list", "--type", "reconciliation"])
    #expect(list.stdout.hasPrefix("MTG-1\t2026-12-10\treconciliation\tKarin Ek\ttrue\tplanned"))
    let check = store.run(["store", "check"])
    #expect(check.code == 0, "\(check)")
    // Re-importing the export changes nothing.
    let again = store.run(["escalate", "meeting", "import", "-"], stdin: exported.stdout)
    #expect(again.code == 0, "\(again)")
    let missing = store.refused(["escalate", "meeting", "show", "MTG-9"], code: 66)
    #expect(missing.contains("MTG-9"))
  }
}
