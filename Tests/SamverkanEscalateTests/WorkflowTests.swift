import Foundation
import SamverkanDomain
import SamverkanEscalate
import SamverkanTestSupport
import Testing

/// A matter walked from level 1 to a decision at level 3, with every refusal on the way.
@Suite struct WorkflowTests {
  @Test func walksFromLevelOneToADecisionAtLevelThree() throws {
    let store = TestStore()
    let consent = try store.grantConsent()
    let id = store.openNamed()
    #expect(id == "ESC-1")
    var matter = try store.matter(id)
    #expect(matter.level == 1 && matter.state == .open)
    #expect(matter.responsibleUnit.value == youthUnit)
    #expect(matter.openedOn.description == testToday)

    // Level 2 needs the caseworkers' own attempt.
    let noAttempt = store.refused(["escalate", "raise", id])
    #expect(noAttempt.contains("cannot be raised to level 2 (biträdande enhetschef)"))
    #expect(noAttempt.contains("escalate attempt ESC-1"))
    #expect(store.ok(["escalate", "attempt", id, "--note", "Telefonmöte utan lösning."]) == id)
    #expect(store.ok(["escalate", "raise", id]) == id)
    #expect(try store.matter(id).level == 2)

    // Registered for the meeting, with the consent it relies on.
    let registered = store.run(
      ["escalate", "register", id, "--meeting", "2026-12-10"], environment: [:])
    #expect(registered.code == 0, "\(registered)")
    #expect(registered.stderr.contains("Registered ESC-1 for the samverkansmöte on 2026-12-10"))
    #expect(registered.stderr.contains("Ongoing interventions stay with SF-NORDOST/BOU"))
    matter = try store.matter(id)
    #expect(matter.registrations.first?.consent == consent)
    #expect(matter.references == [consent])

    // Level 3 needs a written report and every party's agreement, all listed at once.
    let nothing = store.refused(["escalate", "raise", id])
    #expect(nothing.contains("cannot be raised to level 3 (enhetschef)"))
    #expect(nothing.contains("a written report"))
    #expect(nothing.contains("the agreement of SF-NORDOST/BOU"))
    #expect(nothing.contains("the agreement of FFS"))
    // …and the level-2 meeting held without a decision.
    #expect(
      nothing.contains(
        "samverkansmöte för biträdande enhetschefer at level 2, held without a decision"))

    #expect(store.ok(["escalate", "agree", id, "--party", "FFS", "--by", "Karin Ek"]) == id)
    let oneMissing = store.refused(["escalate", "raise", id, "--report", "-"], stdin: "Rapport")
    #expect(oneMissing.contains("the agreement of SF-NORDOST/BOU"))
    #expect(!oneMissing.contains("the agreement of FFS"))
    #expect(!oneMissing.contains("written report"))

    // A unit of the party's administration speaks for it.
    store.ok(["escalate", "agree", id, "--party", "sf-nordost/bou", "--by", "Per Holm"])
    let noReport = store.refused(["escalate", "raise", id])
    #expect(noReport.contains("a written report"))
    #expect(!noReport.contains("agreement"))
    let emptyReport = store.refused(["escalate", "raise", id, "--report", "-"], stdin: " \n")
    #expect(emptyReport.contains("a written report"))

    let report = "Biträdande enhetschefer är oeniga om ansvaret.\nFörslag: enhetscheferna avgör.\n"
    let file = store.directory.file("rapport.txt")
    try report.write(toFile: file, atomically: true, encoding: .utf8)
    let noMeeting = store.refused(["escalate", "raise", id, "--report", file])
    #expect(noMeeting.contains("held without a decision"))
    #expect(store.ok(["escalate", "held", id]) == id)
    #expect(store.ok(["escalate", "raise", id, "--report", file]) == id)
    matter = try store.matter(id)
    #expect(matter.level == 3)
    #expect(matter.raises.last?.report == report)
    #expect(matter.raises.last?.consent == consent)

    // Decided at level 3, leading to an existing record.
    let missingLink = store.refused(
      ["escalate", "resolve", id, "--decision", "BoU behåller ansvaret", "--link", "TRF-5"],
      code: 66)
    #expect(missingLink.contains("TRF-5"))
    // Only the level the matter has reached decides it: not a higher one before it is
    // raised, nor the lower one it was raised from.
    let tooHigh = store.refused(["escalate", "resolve", id, "--decision", "x", "--level", "4"])
    #expect(tooHigh.contains("is decided there, not at level 4"))
    #expect(tooHigh.contains("raise it first with 'samverkan escalate raise \(id)'"))
    let tooLow = store.refused(["escalate", "resolve", id, "--decision", "x", "--level", "2"])
    #expect(tooLow.contains("it was raised because the lower level could not decide it"))
    let noSuchLevel = store.refused(
      ["escalate", "resolve", id, "--decision", "x", "--level", "5"], code: 64)
    #expect(noSuchLevel.contains("there is no level 5; the levels are 1 to 4"))
    #expect(
      store.ok([
        "escalate", "resolve", id, "--decision", "BoU behåller ansvaret till 21 år",
        "--action", "Ny SIP inom en månad", "--link", consent.description,
      ]) == id)
    matter = try store.matter(id)
    #expect(matter.state == .resolved)
    #expect(matter.decision?.level == 3)
    #expect(matter.decision?.actions == ["Ny SIP inom en månad"])
    #expect(matter.decision?.links == [consent])

    // A decided matter does not change.
    for arguments in [
      ["escalate", "attempt", id, "--note", "x"], ["escalate", "raise", id],
      ["escalate", "withdraw", id, "--reason", "x"],
      ["escalate", "resolve", id, "--decision", "x"],
    ] {
      #expect(
        store.refused(arguments).contains(
          "ESC-1 cannot be changed: it was decided on 2026-11-25 at level 3"))
    }

    // The journal tells the story.
    let history = store.run(["escalate", "history", id])
    #expect(history.code == 0)
    #expect(
      history.lines.map { $0.split(separator: "\t")[2] } == [
        "open", "attempt", "raise", "register", "agree", "agree", "held", "raise", "resolve",
      ])
  }

  @Test func raisesToTheLastLevelAndNoFurther() throws {
    let store = TestStore()
    try store.grantConsent()
    let id = store.namedAtLevel2()
    store.ok(["escalate", "agree", id, "--party", youthUnit])
    store.ok(["escalate", "agree", id, "--party", "FFS"])
    store.ok(["escalate", "held", id])
    store.ok(["escalate", "raise", id, "--report", "-"], stdin: "Rapport")
    // Level 4 needs the level-3 meeting held without a decision, and nothing more in
    // Göteborg's profile. A meeting recorded at level 2 does not count for level 3.
    let noMeeting = store.refused(["escalate", "raise", id, "--note", "Kostnadsfråga"])
    #expect(
      noMeeting.contains(
        "the meeting at level 3 (möte mellan enhetschefer), held without a decision: record it with 'samverkan escalate held ESC-1 --on DATE'"
      ))
    let future = store.refused(["escalate", "held", id, "--on", "2026-11-26"], code: 64)
    #expect(future.contains("record the step once it has happened"))
    store.ok(["escalate", "held", id, "--on", "2026-11-25", "--note", "Ingen enighet"])
    store.ok(["escalate", "raise", id, "--note", "Kostnadsfråga"])
    #expect(try store.matter(id).level == 4)
    #expect(try store.matter(id).meetings.map(\.level) == [2, 3])
    let last = store.refused(["escalate", "raise", id])
    #expect(last.contains("at the last level, level 4 (avdelningschef)"))
    #expect(last.contains("escalate resolve ESC-1"))
  }

  @Test func agreementsBelongJustBeforeTheLevelThatNeedsThem() {
    let store = TestStore()
    let id = store.openNamed()
    let early = store.refused(["escalate", "agree", id, "--party", "FFS"])
    #expect(early.contains("ESC-1 is at level 1 (handläggare)"))
    #expect(early.contains("Raise it to level 2 first"))
    store.ok(["escalate", "attempt", id, "--note", "x"])
    store.ok(["escalate", "raise", id])
    let notParty = store.refused(["escalate", "agree", id, "--party", "AVO"], code: 64)
    #expect(notParty.contains("it is not a party to ESC-1"))
    store.ok(["escalate", "agree", id, "--party", "FFS", "--by", "Karin Ek"])
    let twice = store.refused(["escalate", "agree", id, "--party", "FFS"])
    #expect(twice.contains("FFS agreed already, on 2026-11-25 (Karin Ek)"))
  }

  @Test func withdrawsAnOpenMatter() throws {
    let store = TestStore()
    let id = store.openNamed()
    store.refused(["escalate", "withdraw", id], code: 64)
    #expect(store.ok(["escalate", "withdraw", id, "--reason", "Löst mellan handläggarna"]) == id)
    let matter = try store.matter(id)
    #expect(matter.state == .withdrawn)
    #expect(matter.withdrawal?.reason == "Löst mellan handläggarna")
    #expect(store.refused(["escalate", "raise", id]).contains("it was withdrawn on 2026-11-25"))
  }

  @Test func opensRefuseWhatTheRoutineDoesNot() {
    let store = TestStore()
    let base = [
      "escalate", "open", "--parties", parties, "--responsible", youthUnit, "--question", "Fråga",
    ]
    #expect(store.refused(base, code: 64).contains("--anonymous"))
    #expect(
      store.refused(base + ["--person", TestPerson.adult, "--anonymous"], code: 64)
        .contains("exclude each other"))
    #expect(
      store.refused(base + ["--anonymous", "--name", "Anna"], code: 64).contains("leave out --name")
    )
    let oneParty = store.refused(
      [
        "escalate", "open", "--anonymous", "--parties", "FFS", "--responsible", "FFS", "--question",
        "x",
      ],
      code: 64)
    #expect(oneParty.contains("at least two units"))
    let notAParty = store.refused(
      [
        "escalate", "open", "--anonymous", "--parties", parties, "--responsible", "AVO",
        "--question", "x",
      ],
      code: 64)
    #expect(notAParty.contains("AVO is not one of the parties"))
    let badOrg = store.refused(
      [
        "escalate", "open", "--anonymous", "--parties", "FFS,SF-NORDST", "--responsible", "FFS",
        "--question", "x",
      ],
      code: 64)
    #expect(badOrg.contains("did you mean 'SF-NORDOST'"))
    // An anonymous consultation names no one, not even in passing.
    let named = store.refused(
      base + ["--anonymous", "--situation", "Gäller \(TestPerson.adult.dropFirst(2))"])
    #expect(
      named.contains(
        "situation: an anonymous consultation must hold nothing that identifies the person"))
  }

  @Test func attemptsAreNotInTheFuture() {
    let store = TestStore()
    let id = store.openNamed()
    let future = store.refused(
      ["escalate", "attempt", id, "--note", "x", "--on", "tomorrow"], code: 64)
    #expect(future.contains("2026-11-26 is in the future"))
    store.refused(["escalate", "attempt", "ESC-9", "--note", "x"], code: 66)
    store.refused(["escalate", "attempt", "SIP-1", "--note", "x"], code: 64)
  }

  @Test func theStoreStaysSoundAndLinksAreIndexed() throws {
    // Units of one administration: no consent record is involved.
    let store = TestStore()
    let first = store.namedAtLevel2(parties: "SF-NORDOST/BOU,SF-NORDOST/VUXEN")
    store.ok(["escalate", "register", first, "--meeting", "2026-12-10"])
    let second = store.openNamed(
      person: TestPerson.adult2, parties: "SF-NORDOST/BOU,SF-NORDOST/VUXEN")
    store.ok(["escalate", "resolve", second, "--decision", "Tas upp i ESC-1", "--link", first])
    let check = store.run(["store", "check"])
    #expect(check.code == 0, "\(check)")
    #expect(try store.matter(second).references.map(\.description) == [first])
  }
}
