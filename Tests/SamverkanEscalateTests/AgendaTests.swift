import Foundation
import SamverkanDomain
import SamverkanEscalate
import SamverkanJSON
import SamverkanStore
import SamverkanTestSupport
import Testing

/// The meeting's agenda: every registered matter with its four parts, in registration order.
@Suite struct AgendaTests {
  /// A store with four matters registered for 2026-12-10 (one of them acute and late) and
  /// one for another meeting, registered at different times.
  func meetingStore() throws -> TestStore {
    let store = TestStore()
    try store.grantConsent(restrictions: "Inget om missbruket")
    let today = "2026-11-30"
    // ESC-1: named, between administrations, on consent; registered second.
    let named = store.namedAtLevel2(today: today)
    // ESC-2: an anonymous consultation; registered third.
    let anonymous = store.ok(
      [
        "escalate", "open", "--anonymous", "--parties", "SF-HISINGEN/VUXEN,AVO", "--responsible",
        "SF-HISINGEN/VUXEN", "--question",
        "Kan ÄVO erbjuda stöd till en person över 65 år med pågående missbruk?",
        "--background", "Långvarigt alkoholberoende. Ingen utredning av kognitiv svikt.",
        "--situation", "Öppenvård via SF Hisingen.\nPlanering saknas för boendet.",
      ], today: today)
    store.ok(["escalate", "attempt", anonymous, "--note", "x"], today: today)
    store.ok(["escalate", "raise", anonymous], today: today)
    // ESC-3: named, within one administration (no consent needed); registered first.
    let young = try TestPerson.born("20070601")
    let sameAdministration = store.ok(
      [
        "escalate", "open", "--person", young, "--name", "Elias Berg", "--parties",
        "SF-NORDOST/BOU,SF-NORDOST/VUXEN", "--responsible", "SF-NORDOST/BOU", "--question",
        "Ska ärendet överföras till vuxenenheten vid 19 år?", "--background",
        "ADHD, utredd 2015.", "--situation", "Placerad i familjehem; kontaktperson.",
      ], today: today)
    store.ok(["escalate", "attempt", sameAdministration, "--note", "x"], today: today)
    store.ok(["escalate", "raise", sameAdministration], today: today)
    // ESC-4: acute, registered after the deadline.
    let acute = store.namedAtLevel2(
      person: TestPerson.adult2, name: "Omar Said", parties: "SF-NORDOST/BOU,REGION", today: today)
    // ESC-5: registered for another meeting.
    let other = store.anonymousAtLevel2(today: today)

    func register(_ id: String, at now: String, _ extra: [String] = []) {
      store.ok(["--now", now, "escalate", "register", id, "--meeting", "2026-12-10"] + extra)
    }
    register(sameAdministration, at: "2026-12-01T08:05")
    register(named, at: "2026-12-01T09:15")
    register(anonymous, at: "2026-12-02T16:40", ["--type", "collaboration"])
    register(
      acute, at: "2026-12-09T14:30",
      ["--acute", "--legal-ground", "emergency", "--legal-ground-note", "Akut fara för hälsan"])
    store.ok([
      "--now", "2026-12-01T10:00", "escalate", "register", other, "--meeting", "2027-01-14",
    ])
    return store
  }

  @Test func rendersTheAgendaInSwedish() throws {
    let store = try meetingStore()
    let result = store.run(["escalate", "agenda", "--meeting", "2026-12-10"])
    #expect(result.code == 0, "\(result)")
    #expect(result.stderr.isEmpty)
    assertGolden(result.stdout, named: "agenda-2026-12-10.md")
    // Registration order, not ID order; the other meeting's matter is not there.
    let headings = result.lines.filter { $0.hasPrefix("## ") }
    #expect(
      headings.map { $0.split(separator: " ")[2] } == ["ESC-3:", "ESC-1:", "ESC-2:", "ESC-4:"])
    #expect(!result.stdout.contains("ESC-5"))
  }

  @Test func anEmptyMeetingSaysSo() {
    let store = TestStore()
    let result = store.run(["escalate", "agenda", "--meeting", "2026-12-10"])
    #expect(result.code == 0)
    #expect(result.stdout.contains("# Dagordning: möte 2026-12-10"))
    #expect(result.stdout.contains("Anmälan stängde 2026-12-09 kl. 12:00."))
    #expect(result.stdout.contains("Inga ärenden är anmälda till mötet."))
  }

  @Test func listsTheMattersAsData() throws {
    let store = try meetingStore()
    let result = store.run(["escalate", "agenda", "--meeting", "2026-12-10", "--format", "ndjson"])
    #expect(result.code == 0, "\(result)")
    let rows = try result.lines.map { try JSONParser.parse(Array($0.utf8)) }
    #expect(rows.map { $0["id"]?.stringValue } == ["ESC-3", "ESC-1", "ESC-2", "ESC-4"])
    #expect(rows.map { $0["order"] } == [.integer(1), .integer(2), .integer(3), .integer(4)])
    #expect(rows[0]["age"] == .integer(19))
    #expect(rows[0]["responsibleUnit"]?.stringValue == "SF-NORDOST/BOU")
    #expect(rows[2]["personName"]?.stringValue == "(anonym)")
    #expect(rows[3]["acute"] == .bool(true))
  }

  @Test func masksAPersonWithProtectedPersonalData() throws {
    let store = TestStore()
    let id = store.ok([
      "escalate", "open", "--person", TestPerson.adult3, "--name", "Sara Skyddad", "--parties",
      "SF-NORDOST/BOU,SF-NORDOST/VUXEN", "--responsible", youthUnit, "--question", "Fråga",
      "--background", "Bakgrund", "--situation", "Situation", "--protected",
    ])
    store.ok(["escalate", "attempt", id, "--note", "x"])
    store.ok(["escalate", "raise", id])
    store.ok(["escalate", "register", id, "--meeting", "2026-12-10"])
    let masked = store.run(["escalate", "agenda", "--meeting", "2026-12-10"])
    #expect(!masked.stdout.contains("Sara"))
    #expect(masked.stdout.contains("## 1. ESC-1: (skyddade personuppgifter)"))
    let list = store.run(["escalate", "list"])
    #expect(!list.stdout.contains("Sara") && !list.stdout.contains(TestPerson.adult3))
    let revealed = store.run(["--reveal", "escalate", "agenda", "--meeting", "2026-12-10"])
    #expect(revealed.stdout.contains("## 1. ESC-1: Sara Skyddad, 36 år"))
  }

  @Test func leavesOutAPersonWhoseConsentWasWithdrawn() throws {
    let store = TestStore()
    let consent = try store.grantConsent()
    let id = store.namedAtLevel2()
    store.ok(["escalate", "register", id, "--meeting", "2026-12-10"])
    try store.revokeConsent(consent, on: try CivilDate(iso: "2026-11-25"))
    let result = store.run(["escalate", "agenda", "--meeting", "2026-12-10"])
    #expect(result.code == 0)
    #expect(result.stdout.contains("## 1. ESC-1: uppgifterna visas inte"))
    #expect(
      result.stdout.contains(
        "Samtycket \(consent) återkallades 2026-11-25; inga fler uppgifter får lämnas med stöd av det."
      ))
    #expect(!result.stdout.contains("Anna"))
    #expect(!result.stdout.contains("Autism"))
    #expect(!result.stdout.contains("boendestödet"))
    // The responsible unit is still shown: the support goes on.
    #expect(result.stdout.contains("Ansvar för pågående insatser: SF-NORDOST/BOU"))
  }

  @Test func leavesOutWithdrawnMattersAndMarksDecidedOnes() throws {
    let store = try meetingStore()
    store.ok(["escalate", "withdraw", "ESC-2", "--reason", "Löst"], today: "2026-12-10")
    store.ok(
      ["--now", "2026-12-10T10:00", "escalate", "resolve", "ESC-3", "--decision", "Överförs"])
    let result = store.run(["escalate", "agenda", "--meeting", "2026-12-10"])
    #expect(result.code == 0)
    #expect(!result.stdout.contains("ESC-2"))
    #expect(result.stdout.contains("3 ärenden i anmälningsordning"))
    #expect(result.stdout.contains("- Avgjort: 2026-12-10 på nivå 2 (biträdande enhetschef)"))
  }
}

/// The agenda's "name, age" for a person whose samordningsnummer lacks the birth month.
@Suite struct AgendaIncompleteBirthDateTests {
  @Test func theAgeSaysTheBirthDateIsIncomplete() {
    let store = TestStore()
    // Skatteverket's test samordningsnummer with month 00 (born in 2008); one administration,
    // so no consent is needed to register it.
    let id = store.ok([
      "escalate", "open", "--person", "20080066-2397", "--name", "Sam Exempel", "--parties",
      "SF-NORDOST/BOU,SF-NORDOST/VUXEN", "--responsible", "SF-NORDOST/BOU", "--question",
      "Ska ärendet överföras?", "--background", "Ingen utredning.", "--situation", "Stöd.",
    ])
    store.ok(["escalate", "attempt", id, "--note", "x"])
    store.ok(["escalate", "raise", id])
    store.ok(["--now", "2026-12-01T08:00", "escalate", "register", id, "--meeting", "2026-12-10"])
    let agenda = store.run(["escalate", "agenda", "--meeting", "2026-12-10"])
    #expect(agenda.code == 0, "\(agenda)")
    #expect(
      agenda.stdout.contains("Sam Exempel, 18 år (födelsedatum ofullständigt)"), "\(agenda.stdout)")
  }
}
