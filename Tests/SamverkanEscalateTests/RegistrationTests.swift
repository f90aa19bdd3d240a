import Foundation
import SamverkanDomain
import SamverkanEscalate
import SamverkanTestSupport
import Testing

/// What a registration must contain, when a matter may be registered, and the consent it
/// shares information under.
@Suite struct RegistrationTests {
  let meeting = ["--meeting", "2026-12-10"]

  @Test func anIncompleteRegistrationListsEverythingMissing() throws {
    let store = TestStore()
    try store.grantConsent()
    let id = store.ok([
      "escalate", "open", "--person", TestPerson.adult, "--parties", parties, "--responsible",
      youthUnit, "--question", "Vem ansvarar?",
    ])
    store.ok(["escalate", "attempt", id, "--note", "x"])
    store.ok(["escalate", "raise", id])
    let message = store.refused(["escalate", "register", id] + meeting)
    #expect(message.contains("ESC-1 cannot be registered for the meeting on 2026-12-10"))
    #expect(message.contains("  - name: the person's name (--name)"))
    #expect(
      message.contains("  - short background: diagnoses, earlier investigations (--background)"))
    #expect(
      message.contains("  - current situation: ongoing interventions, planning (--situation)"))
    #expect(!message.contains("  - the current problem and question"))
    // Given with the registration, it is complete.
    store.ok(
      [
        "escalate", "register", id, "--name", "Anna Andersson", "--background", "Autism.",
        "--situation", "Boendestöd.",
      ] + meeting)
    let matter = try store.matter(id)
    #expect(matter.personName == "Anna Andersson")
    #expect(matter.background == "Autism.")
    #expect(matter.situation == "Boendestöd.")
    #expect(matter.registrations.count == 1)
  }

  @Test func anAnonymousRegistrationNeedsNoNameButTheOtherParts() {
    let store = TestStore()
    let id = store.ok([
      "escalate", "open", "--anonymous", "--parties", parties, "--responsible", youthUnit,
      "--question", "Kan FFS hjälpa?",
    ])
    store.ok(["escalate", "attempt", id, "--note", "x"])
    store.ok(["escalate", "raise", id])
    let message = store.refused(["escalate", "register", id, "--question", " "] + meeting)
    #expect(!message.contains("  - name"))
    #expect(message.contains("short background"))
    #expect(message.contains("current situation"))
    #expect(message.contains("the current problem and question (--question)"))
    #expect(
      store.refused(["escalate", "register", id, "--name", "Anna"] + meeting, code: 64)
        .contains("anonymous consultation"))
    // No consent is needed for an anonymous consultation.
    store.ok(
      ["escalate", "register", id, "--background", "Missbruk.", "--situation", "Inga insatser."]
        + meeting)
  }

  @Test func onlyAMatterAtLevelTwoIsRegistered() throws {
    let store = TestStore()
    try store.grantConsent()
    let id = store.openNamed()
    let early = store.refused(["escalate", "register", id] + meeting)
    #expect(early.contains("ESC-1 is at level 1 (handläggare)"))
    #expect(early.contains("Raise it first: 'samverkan escalate raise ESC-1'"))
    store.ok(["escalate", "attempt", id, "--note", "x"])
    store.ok(["escalate", "raise", id])
    store.ok(["escalate", "register", id] + meeting)
    let twice = store.refused(["escalate", "register", id] + meeting)
    #expect(twice.contains("already registered for the meeting on 2026-12-10"))
    // Another meeting is fine: matters come back.
    store.ok(["escalate", "register", id, "--meeting", "2027-01-14", "--type", "reconciliation"])
    #expect(try store.matter(id).registrations.map(\.type) == [.collaboration, .reconciliation])
    store.refused(
      ["escalate", "register", id, "--meeting", "2027-02-11", "--type", "meeting"], code: 64)
  }

  @Test func aNamedMatterBetweenAdministrationsNeedsConsentForConsultation() throws {
    let store = TestStore()
    let id = store.namedAtLevel2()
    let none = store.refused(["escalate", "register", id] + meeting)
    #expect(none.contains("'escalate register' on ESC-1 is refused"))
    #expect(none.contains("the person has no recorded consent"))
    #expect(none.contains("--purpose consultation"))
    #expect(none.contains("escalate open --anonymous"))

    // A consent for another purpose does not cover it.
    try store.grantConsent(purposes: [.sip])
    #expect(
      store.refused(["escalate", "register", id] + meeting)
        .contains("does not cover the purpose 'consultation'"))
    // Nor one that leaves out a party.
    try store.grantConsent(parties: ["SF-NORDOST", "AVO"])
    #expect(store.refused(["escalate", "register", id] + meeting).contains("does not cover FFS"))

    let consent = try store.grantConsent(restrictions: "Inget om missbruket")
    let result = store.run(["escalate", "register", id] + meeting)
    #expect(result.code == 0, "\(result)")
    #expect(
      result.stderr.contains(
        "the person does not want this shared (\(consent)): Inget om missbruket"))
    let registration = try #require(try store.matter(id).registrations.first)
    #expect(registration.consent == consent)
    #expect(registration.restrictions == "Inget om missbruket")
  }

  @Test func aSecrecyBreakingGroundServesInsteadOfConsent() throws {
    let store = TestStore()
    let id = store.namedAtLevel2()
    store.refused(
      ["escalate", "register", id, "--legal-ground", "whim"] + meeting, code: 64)
    store.ok(
      [
        "escalate", "register", id, "--legal-ground", "emergency", "--legal-ground-note",
        "Akut fara för hälsan",
      ] + meeting)
    let registration = try #require(try store.matter(id).registrations.first)
    #expect(registration.consent == nil)
    #expect(registration.legalGround?.ground == "emergency")
    #expect(registration.legalGround?.note == "Akut fara för hälsan")
  }

  @Test func unitsOfOneAdministrationShareWithoutConsent() throws {
    // Within one nämnd only inner secrecy applies (seed 002): no consent is asked for.
    let store = TestStore()
    let id = store.namedAtLevel2(parties: "SF-NORDOST/BOU,SF-NORDOST/VUXEN")
    store.ok(["escalate", "register", id] + meeting)
    let registration = try #require(try store.matter(id).registrations.first)
    #expect(registration.consent == nil && registration.legalGround == nil)
  }

  @Test func theWrittenReportToLevelThreeIsASharingStepToo() throws {
    let store = TestStore()
    let consent = try store.grantConsent()
    let id = store.namedAtLevel2()
    store.ok(["escalate", "agree", id, "--party", youthUnit])
    store.ok(["escalate", "agree", id, "--party", "FFS"])
    store.ok(["escalate", "held", id])
    try store.revokeConsent(consent, on: try CivilDate(iso: "2026-11-20"))
    let refused = store.refused(["escalate", "raise", id, "--report", "-"], stdin: "Rapport")
    #expect(refused.contains("'escalate raise' on ESC-1 is refused"))
    #expect(refused.contains("\(consent) was revoked on 2026-11-20"))
    let renewed = try store.grantConsent()
    store.ok(["escalate", "raise", id, "--report", "-"], stdin: "Rapport")
    #expect(try store.matter(id).raises.last?.consent == renewed)
  }

  @Test func theReportIsReadFromAFileOrStandardInput() throws {
    let store = TestStore()
    let id = store.namedAtLevel2(parties: "SF-NORDOST/BOU,SF-NORDOST/VUXEN")
    store.ok(["escalate", "agree", id, "--party", youthUnit])
    store.ok(["escalate", "agree", id, "--party", "SF-NORDOST/VUXEN"])
    store.ok(["escalate", "held", id])
    store.refused(
      ["escalate", "raise", id, "--report", store.directory.file("saknas.txt")], code: 66)
    let latin1 = store.directory.file("latin1.txt")
    try Data([0x52, 0xE4, 0x74, 0x74]).write(to: URL(fileURLWithPath: latin1))
    #expect(
      store.refused(["escalate", "raise", id, "--report", latin1], code: 65).contains("UTF-8"))
    store.ok(
      ["escalate", "raise", id, "--report", "-"], stdin: "\u{FEFF}Skriftlig rapport om ärendet.")
    #expect(try store.matter(id).raises.last?.report == "Skriftlig rapport om ärendet.")
  }
}
