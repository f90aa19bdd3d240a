import Foundation
import SamverkanDomain
import SamverkanStore
import SamverkanTransfer
import SamverkanTestSupport
import Testing

/// The transfer routine as seed 001 writes it: birthdays counted from the birth date the
/// caseworker knows, the six months' notice only at the age limits, the direction of a
/// transfer, and the receiving unit's steps before completion. Each rule on both sides,
/// with the clock pinned and the store unchanged on every refusal.
@Suite struct TransferRoutineTests {
  /// Skatteverket's published test samordningsnummer with month 00: born in 2008, on the
  /// 6th of an unknown month.
  static let unknownMonth = "20080066-2397"

  func shown(_ store: TestStore, _ id: String) throws -> [String: Any] {
    let result = store.run(["transfer", "show", id, "--json"])
    return try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
  }

  // MARK: - An incomplete birth date

  @Test func aBirthdayHandoverWithAnUnknownBirthMonthNeedsTheBirthDate() throws {
    let store = TestStore()
    let plan = [
      "transfer", "plan", "--person", Self.unknownMonth, "--from", youthUnit, "--to", adultUnit,
    ]
    store.refused(
      plan, code: 64,
      saying:
        "The handover on the 19th birthday needs the exact birth date, and 20080066-2397's is incomplete: the month of birth is unknown (samordningsnummer month 00). Give the birth date from the person's papers with --birth-date YYYY-MM-DD"
    )
    // A date that disagrees with what the number knows: the year, or the day of the month.
    store.refused(
      plan + ["--birth-date", "2009-03-06"], code: 64,
      saying: "20080066-2397 says the person was born in 2008, not on 2009-03-06")
    store.refused(
      plan + ["--birth-date", "2008-03-07"], code: 64,
      saying: "20080066-2397 says the person was born on day 6 of the month, not on 2008-03-07")

    let accepted = store.run(plan + ["--birth-date", "2008-03-06"])
    #expect(accepted.code == 0, "\(accepted)")
    #expect(accepted.stderr.contains("TRF-1: handover on 2027-03-06 (the 19th birthday"))
    #expect(
      accepted.stderr.contains(
        "TRF-1: the birthday is counted from 2008-03-06, the birth date given with --birth-date"))
    let record = try shown(store, "TRF-1")
    #expect(record["birthDate"] as? String == "2008-03-06")
    #expect(record["noticeDeadline"] as? String == "2026-09-06")
  }

  @Test func aDecidedDateNeedsNoBirthDate() throws {
    let store = TestStore()
    let result = store.run([
      "transfer", "plan", "--person", Self.unknownMonth, "--from", youthUnit, "--to", adultUnit,
      "--on", "2027-01-15", "--decided-at", "2026-11-20",
    ])
    #expect(result.code == 0, "\(result)")
    #expect(result.stderr.contains("the 19th birthday cannot be told exactly"))
  }

  @Test func aPersonnummerNeedsNoBirthDateAndRefusesAnotherOne() throws {
    let store = TestStore()
    let person = try TestPerson.born("20080601")
    store.refused(
      [
        "transfer", "plan", "--person", person, "--from", youthUnit, "--to", adultUnit,
        "--birth-date", "2008-06-02",
      ], code: 64, saying: "says the person was born on 2008-06-01, not on 2008-06-02")
    let plain = store.run([
      "transfer", "plan", "--person", person, "--from", youthUnit, "--to", adultUnit,
    ])
    #expect(plain.code == 0, "\(plain)")
  }

  // MARK: - The notice of a decided transfer

  @Test func aDecidedTransferIsNotLateFromTheMomentItIsPlanned() throws {
    let store = TestStore()
    let plan = store.run([
      "transfer", "plan", "--person", TestPerson.adult, "--from", adultUnit, "--to", "FFS",
      "--on", "2027-01-15", "--decided-at", "2026-11-20", "--caseworker", "Karin Lund",
    ])
    #expect(plan.code == 0, "\(plan)")
    #expect(!plan.stderr.contains("Warning"))
    #expect(plan.stderr.contains("handover on 2027-01-15 (the date decided at 2026-11-20"))
    store.fillPackage("TRF-1")
    try store.grantConsent(person: TestPerson.adult, parties: [adultUnit, "FFS"])
    let notify = store.run(["transfer", "notify", "TRF-1"])
    #expect(notify.code == 0, "\(notify)")
    #expect(!notify.stderr.contains("late"))
    let record = try shown(store, "TRF-1")
    #expect(record["late"] as? Bool == false)
    #expect(record["decidedAt"] as? String == "2026-11-20")
    #expect(record["noticeDeadline"] as? String == "2027-01-15")
    let document = store.run(["transfer", "show", "TRF-1", "--format", "md"]).stdout
    #expect(document.contains("2027-01-15, enligt beslut på samverkansmöte 2026-11-20"))
  }

  @Test func aBirthdayTransferKeepsTheSixMonthsNotice() throws {
    let store = TestStore()
    let plan = store.run([
      "transfer", "plan", "--person", try TestPerson.born("20080601"), "--from", youthUnit,
      "--to", adultUnit,
    ])
    #expect(plan.code == 0, "\(plan)")
    #expect(plan.stderr.contains("notify the receiving unit by 2026-12-01 (6 months before"))
  }

  @Test func theDecisionMustBeNamedWell() throws {
    let store = TestStore()
    let plan = [
      "transfer", "plan", "--person", TestPerson.adult, "--from", adultUnit, "--to", "FFS",
      "--on", "2027-01-15",
    ]
    store.refused(
      plan + ["--decided-at", "2026-12-01"], code: 64,
      saying: "The value '2026-12-01' is invalid for '--decided-at <ESC-n|date>'")
    store.refused(
      plan + ["--decided-at", "SP-1"], code: 64,
      saying: "The value 'SP-1' is invalid for '--decided-at <ESC-n|date>'")
    store.refused(
      Array(plan.dropLast(2)) + ["--decided-at", "2026-11-20"], code: 64,
      saying: "--decided-at names where a handover date was decided: give that date with --on DATE")
    store.refused(
      plan + ["--decided-at", "ESC-1"], code: 64,
      saying: "there is no escalation ESC-1 in the store")
  }

  @Test func anEscalationDecidesBetweenItsOwnParties() throws {
    let store = TestStore()
    let opened = store.run([
      "escalate", "open", "--person", TestPerson.adult, "--name", "Anna Andersson", "--parties",
      "SF-NORDOST/VUXEN,FFS", "--responsible", "SF-NORDOST/VUXEN", "--question",
      "Vem ansvarar för boendestödet?",
    ])
    #expect(opened.code == 0, "\(opened)")
    let plan = [
      "transfer", "plan", "--person", TestPerson.adult, "--from", adultUnit, "--to", "FFS",
      "--on", "2027-01-15", "--decided-at", "ESC-1",
    ]
    store.refused(plan, saying: "ESC-1 has not been decided (it is open)")
    let resolved = store.run(["escalate", "resolve", "ESC-1", "--decision", "FFS tar över."])
    #expect(resolved.code == 0, "\(resolved)")
    store.refused(
      [
        "transfer", "plan", "--person", TestPerson.adult, "--from", adultUnit, "--to", "AVO",
        "--on", "2027-01-15", "--decided-at", "ESC-1",
      ], saying: "ESC-1 was decided between SF-NORDOST/VUXEN, FFS; AVO is not one of them")
    let accepted = store.run(plan)
    #expect(accepted.code == 0, "\(accepted)")
    let document = store.run(["transfer", "show", "TRF-1", "--format", "md"]).stdout
    #expect(document.contains("2027-01-15, enligt beslut i eskaleringsärende ESC-1"))
  }

  // MARK: - Direction

  @Test func atTheAgeLimitACaseGoesFromYouthToAdult() throws {
    let store = TestStore()
    let person = try TestPerson.born("20080601")
    store.refused(
      ["transfer", "plan", "--person", person, "--from", adultUnit, "--to", youthUnit],
      saying: "at the age limit a case leaves a barn och unga unit (…/BOU), not SF-NORDOST/VUXEN")
    store.refused(
      ["transfer", "plan", "--person", person, "--from", adultUnit, "--to", youthUnit],
      saying:
        "at the age limit a case goes to an adult unit (e.g. SF-NORDOST/VUXEN or FFS), not to SF-NORDOST/BOU"
    )
    store.refused(
      ["transfer", "plan", "--person", person, "--from", youthUnit, "--to", "REGION"],
      saying: "REGION is not one of the city's administrations")
    for to in [adultUnit, "FFS"] {
      let fresh = TestStore()
      let result = fresh.run([
        "transfer", "plan", "--person", person, "--from", youthUnit, "--to", to,
      ])
      #expect(result.code == 0, "\(result)")
    }
  }

  // MARK: - Raised at the samverkansmöte

  @Test func aYouthCaseIsListedUntilItIsRaisedAtTheSamverkansmote() throws {
    let store = TestStore()
    let person = try TestPerson.born("20080601")
    #expect(
      store.run(["transfer", "plan", "--person", person, "--from", youthUnit, "--to", adultUnit])
        .code == 0)
    func due() -> String {
      store.run(["transfer", "upcoming", "--format", "tsv", "--fields", "id,due,dueDate"]).stdout
    }
    #expect(due() == "TRF-1\traise\t2026-12-01\n")
    // An escalation about someone else, or none at all, is not where this case was raised.
    #expect(
      store.run([
        "escalate", "open", "--person", TestPerson.adult, "--parties", "\(youthUnit),\(adultUnit)",
        "--responsible", youthUnit, "--question", "Annan person",
      ]).code == 0)
    store.refused(
      ["transfer", "raised", "TRF-1", "--at", "ESC-1"],
      saying: "ESC-1 is not about this person")
    store.refused(
      ["transfer", "raised", "TRF-1", "--at", "ESC-9"], code: 64,
      saying: "there is no escalation ESC-9 in the store")
    #expect(
      store.run([
        "escalate", "open", "--person", person, "--parties", "\(youthUnit),\(adultUnit)",
        "--responsible", youthUnit, "--question", "Behöver stöd efter 19 år",
      ]).code == 0)
    let raised = store.run(["transfer", "raised", "TRF-1", "--at", "ESC-2"])
    #expect(raised.code == 0, "\(raised)")
    #expect(due() == "TRF-1\tnotice\t2026-12-01\n")
    // Planned with --raised-at, a case is never listed as still to be raised.
    let other = try TestPerson.born("20080801")
    #expect(
      store.run([
        "escalate", "open", "--person", other, "--parties", "\(youthUnit),\(adultUnit)",
        "--responsible", youthUnit, "--question", "Stöd efter 19 år",
      ]).code == 0)
    let planned = store.run([
      "transfer", "plan", "--person", other, "--from", youthUnit, "--to", adultUnit,
      "--raised-at", "ESC-3",
    ])
    #expect(planned.code == 0, "\(planned)")
    #expect(!planned.stderr.contains("raise the case"))
    #expect(due().contains("TRF-2\tnotice\t"))
  }

  // MARK: - Steps in order and in time

  @Test func completionIsNotDatedBeforeTheReceivingUnitsSteps() throws {
    let store = TestStore()
    let person = try TestPerson.born("20080601")
    #expect(
      store.run([
        "transfer", "plan", "--person", person, "--from", youthUnit, "--to", adultUnit,
        "--caseworker", "Karin Lund",
      ]).code == 0)
    store.fillPackage("TRF-1")
    try store.grantConsent(person: person)
    #expect(store.run(["transfer", "notify", "TRF-1"]).code == 0)
    let after = "2027-06-10"
    #expect(
      store.run(
        ["transfer", "acknowledge", "TRF-1", "--by", "Eva Ek", "--on", "2027-06-03"], on: after
      ).code == 0)
    #expect(
      store.run(
        ["transfer", "assign", "TRF-1", "--caseworker", "Per Berg", "--on", "2027-06-03"],
        on: after
      ).code == 0)
    #expect(
      store.run(
        [
          "transfer", "meeting", "TRF-1", "--participants", "Karin Lund,Per Berg", "--on",
          "2027-06-05",
        ],
        on: after
      ).code == 0)
    // On the handover date, but before the receipt and the meeting.
    store.refused(
      ["transfer", "complete", "TRF-1", "--on", "2027-06-01"], on: after,
      saying: "the completion on 2027-06-01 is before the receipt was confirmed (2027-06-03)")
    store.refused(
      ["transfer", "complete", "TRF-1", "--on", "2027-06-04"], on: after,
      saying: "the completion on 2027-06-04 is before the officials' meeting was held (2027-06-05)")
    let complete = store.run(["transfer", "complete", "TRF-1", "--on", "2027-06-05"], on: after)
    #expect(complete.code == 0, "\(complete)")
  }
}

/// `transfer route` answers with a real unit of the directory and its intake unit.
@Suite struct TransferRouteDirectoryTests {
  func route(_ store: TestStore, _ arguments: [String], fields: String) -> RunResult {
    store.run(["transfer", "route"] + arguments + ["--fields", fields])
  }

  @Test func theAnswerIsARealUnitWithItsIntake() {
    let store = TestStore()
    let adult = route(
      store, ["--age", "23", "--district", "nordost"], fields: "directoryUnits,intake,district")
    #expect(adult.code == 0, "\(adult)")
    #expect(
      adult.lines == [
        "directoryUnits\tFFS",
        "intake\tFFS Mottag funktionsstöd Nordost Nordost: myndighet.nordost@funktionsstod.goteborg.se, +46313653367",
        "district\tNordost",
      ])
    let youth = route(store, ["--age", "17", "--district", "Centrum"], fields: "directoryUnits")
    #expect(youth.lines == ["directoryUnits\tSF-CENTRUM/BOU"])
    let exception = route(
      store, ["--age", "30", "--needs", "substance-abuse", "--district", "Sydväst"],
      fields: "directoryUnits")
    #expect(exception.lines == ["directoryUnits\tSF-SYDVAST/VUXEN"])
    let elderly = route(store, ["--age", "80", "--district", "Hisingen"], fields: "directoryUnits")
    #expect(elderly.lines == ["directoryUnits\tAVO"])
  }

  @Test func withoutADistrictTheAnswerSaysWhatItNeeds() {
    let store = TestStore()
    let unknown = route(
      store, ["--age", "30", "--needs", "substance-abuse"], fields: "directoryUnits,missing")
    #expect(unknown.code == 0)
    #expect(
      unknown.lines == [
        "directoryUnits\t",
        "missing\tthe district: the VUXEN unit of the social-services administration of the person's district (give --district, or record an assignment with 'samverkan contacts assign')",
      ])
    let bad = store.run(["transfer", "route", "--age", "30", "--district", "Nordväst"])
    #expect(bad.code == 64)
    #expect(bad.stderr.contains("'Nordväst' is invalid for '--district <district>'"))
  }

  @Test func theDistrictComesFromAnAssignment() {
    let store = TestStore()
    #expect(
      store.run([
        "contacts", "assign", "--person", TestPerson.adult, "--org", "SF-HISINGEN/VUXEN",
        "--caseworker", "Anna Berg",
      ]).code == 0)
    let routed = route(
      store, ["--person", TestPerson.adult], fields: "directoryUnits,district,districtFrom")
    #expect(
      routed.lines == [
        "directoryUnits\tFFS", "district\tHisingen",
        "districtFrom\tassignment ASG-1 (SF-HISINGEN/VUXEN)",
      ], "\(routed)")
  }

  @Test func theCostRuleForElderlyInHomelessness() {
    let store = TestStore()
    let elderly = route(store, ["--age", "70", "--needs", "homelessness"], fields: "costRule")
    #expect(
      elderly.stdout.contains(
        "behandling av missbruk och beroende beslutas och bekostas alltid av IoF"))
    let younger = route(store, ["--age", "40", "--needs", "homelessness"], fields: "costRule")
    #expect(younger.stdout.isEmpty || younger.lines == ["costRule\t"])
  }
}

/// A decided transfer stored with the six months' notice it used to get keeps it.
@Suite struct TransferStoredBeforeTests {
  @Test func aDecidedTransferFromBeforeKeepsItsDeadline() throws {
    let store = TestStore()
    let row =
      #"{"person":"19900101-2385","from":"SF-NORDOST/VUXEN","to":"FFS","basis":"decision","handoverDate":"2027-01-15","noticeDeadline":"2026-07-15","state":"planned","plannedOn":"2026-06-01","referringCaseworker":"Karin Lund"}"#
    // Imported as new, the old deadline is refused: a decided transfer is notified by its
    // handover now.
    let imported = store.run(["transfer", "import", "-"], stdin: row + "\n")
    #expect(imported.code == 65, "\(imported)")
    #expect(imported.stderr.contains("the notice deadline is 2027-01-15"))
    // Stored before the change (written directly), it keeps its deadline through its steps.
    let direct = Store(directory: store.path, actor: "tester", commandLine: ["test"])
    try direct.write { writer in
      var transfer = Transfer(
        person: try PersonNumber(longForm: TestPerson.adult),
        from: OrganizationID(unchecked: adultUnit),
        to: OrganizationID(unchecked: "FFS"),
        schedule: TransferSchedule(
          basis: .decision, handoverAge: nil, handoverDate: day("2027-01-15"),
          noticeDeadline: day("2026-07-15")),
        referringCaseworker: "Karin Lund", plannedOn: day("2026-06-01"))
      transfer = try writer.insert(transfer, action: "plan")
    }
    let packaged = store.fillPackage("TRF-1")
    #expect(packaged.code == 0, "\(packaged)")
  }
}
