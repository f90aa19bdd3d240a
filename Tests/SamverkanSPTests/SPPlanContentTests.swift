import Foundation
import SamverkanDomain
import SamverkanStore
import SamverkanTestSupport
import Testing

/// The plan's content (seed 000; seed 003: mål, insats, ansvar, tid): needs and own view,
/// goals, interventions with the administration responsible and a time, and the named
/// contacts — each rule from both sides, refusals leaving the store as it was.
@Suite struct SPPlanContentTests {
  /// SP-1 (SF-NORDOST with FFS) with its meeting held on 2026-12-02.
  static func met() throws -> TestStore {
    let store = try SPWorkflowTests.storeWithConsent()
    store.ok(Walk.create())
    store.ok(Walk.summon())
    store.ok(Walk.meeting())
    return store
  }

  static let today = ["--today", "2026-12-03"]

  // MARK: - When the content may change

  @Test func theContentIsDocumentedAfterTheMeetingAndBeforeApproval() throws {
    let store = try SPWorkflowTests.storeWithConsent()
    store.ok(Walk.create())
    store.ok(Walk.summon())
    // Before the meeting: refused, for every verb.
    for command in Walk.content() {
      store.expectRefused(command, code: 77, mentioning: ["no meeting recorded yet"])
    }
    store.ok(Walk.meeting())
    for command in Walk.content() { store.ok(command) }
    #expect(store.field("SP-1", "state") == "documented")
    // While the plan waits for approval it is not changed under the approvers' feet.
    store.ok(Walk.plan())
    store.ok(Walk.submit())
    store.expectRefused(
      ["sp", "goal", "SP-1", "Ett mål till."] + Self.today, code: 77,
      mentioning: ["not changed under the approvers' feet"])
    // After a rejection it is revised.
    store.ok([
      "sp", "reject", "SP-1", "--org", "FFS", "--comment", "Målet är för vagt.", "--today",
      "2026-12-04",
    ])
    store.ok(["sp", "goal", "SP-1", "--remove", "2", "--today", "2026-12-04"])
    store.ok(["sp", "goal", "SP-1", "Har boendestöd på plats i januari.", "--today", "2026-12-04"])
    #expect(store.field("SP-1", "plan").contains("Har boendestöd på plats i januari."))
    #expect(!store.field("SP-1", "plan").contains("Har en fungerande vardag."))
  }

  @Test func aClosedSPTakesNoGoalOrIntervention() throws {
    let store = try Self.met()
    store.ok(["sp", "goal", "SP-1", "Ett mål."] + Self.today)
    store.ok(["sp", "close", "SP-1", "--reason", "Behovet upphörde.", "--today", "2026-12-03"])
    for command in [
      ["sp", "goal", "SP-1", "Ett mål till."],
      ["sp", "intervention", "SP-1", "Boendestöd.", "--responsible", "FFS", "--by", "2027-01-31"],
      ["sp", "need", "SP-1", "Ett behov."],
      ["sp", "own-view", "SP-1", "En syn."],
      ["sp", "contact", "SP-1", "--org", "FFS", "--name", "Anna Berg"],
    ] {
      store.expectRefused(command + Self.today, code: 77, mentioning: ["it was closed"])
    }
  }

  // MARK: - Interventions

  @Test func anInterventionNamesAnAdministrationOfTheSP() throws {
    let store = try Self.met()
    for other in ["AVO", "SF-CENTRUM"] {
      store.expectRefused(
        ["sp", "intervention", "SP-1", "Hemtjänst.", "--responsible", other, "--by", "2027-01-31"]
          + Self.today, code: 77,
        mentioning: ["\(other) takes no part in SP-1 (its administrations: SF-NORDOST, FFS)"])
    }
    // Not an administration at all.
    store.expectRefused(
      [
        "sp", "intervention", "SP-1", "Hemtjänst.", "--responsible", "NOWHERE", "--by",
        "2027-01-31",
      ]
        + Self.today, code: 64)
    store.ok(
      ["sp", "intervention", "SP-1", "Boendestöd.", "--responsible", "FFS", "--by", "2027-01-31"]
        + Self.today)
    #expect(store.field("SP-1", "plan").contains(#""responsible":"FFS""#))
  }

  @Test func anInterventionSaysWhenByWhenOrFromWhen() throws {
    let store = try Self.met()
    let add = ["sp", "intervention", "SP-1", "Boendestöd.", "--responsible", "FFS"]
    store.expectRefused(
      add + Self.today, code: 64, mentioning: ["'--by <date>' or '--from <date>'"])
    store.expectRefused(
      ["sp", "intervention", "SP-1", "Boendestöd.", "--by", "2027-01-31"] + Self.today, code: 64,
      mentioning: ["--responsible"])
    store.expectRefused(
      add + ["--from", "2027-02-01", "--by", "2027-01-31"] + Self.today, code: 64,
      mentioning: ["runs from 2027-02-01, after the day it is to be done by (2027-01-31)"])
    // By a day before the SP was created (2026-11-25): refused by the plan's rules.
    store.expectRefused(
      add + ["--by", "2026-11-01"] + Self.today, code: 77,
      mentioning: ["to be done by 2026-11-01, before the SP was created (2026-11-25)"])
    store.ok(add + ["--by", "2027-01-31"] + Self.today)
    store.ok(add + ["--from", "2027-01-01"] + Self.today)
    store.ok(add + ["--from", "2027-01-01", "--by", "2027-01-01"] + Self.today)
    let plan = store.field("SP-1", "plan")
    #expect(plan.contains(#""by":"2027-01-31""#))
    #expect(plan.contains(#""from":"2027-01-01""#))
  }

  @Test func anItemIsAddedOrRemovedNeverBothAndNeverBlank() throws {
    let store = try Self.met()
    store.expectRefused(["sp", "need", "SP-1"] + Self.today, code: 64, mentioning: ["not both"])
    store.expectRefused(
      ["sp", "need", "SP-1", "Ett behov.", "--remove", "1"] + Self.today, code: 64,
      mentioning: ["not both"])
    store.expectRefused(
      ["sp", "need", "SP-1", "  "] + Self.today, code: 64, mentioning: ["the need is empty"])
    store.expectRefused(
      ["sp", "need", "SP-1", "--remove", "1"] + Self.today, code: 64,
      mentioning: ["SP-1 has no needs to remove"])
    store.expectRefused(
      ["sp", "own-view", "SP-1", " "] + Self.today, code: 64,
      mentioning: ["the individual's view is empty"])
    store.expectRefused(
      ["sp", "goal", "SP-1", "--remove", "1", "--term", "long"] + Self.today, code: 64,
      mentioning: ["--term goes with a goal to add"])
    store.expectRefused(
      ["sp", "intervention", "SP-1", "--remove", "1", "--responsible", "FFS"] + Self.today,
      code: 64, mentioning: ["not with --remove"])
    store.ok(["sp", "need", "SP-1", "Ett behov."] + Self.today)
    store.ok(["sp", "need", "SP-1", "Ett annat behov."] + Self.today)
    store.expectRefused(
      ["sp", "need", "SP-1", "--remove", "3"] + Self.today, code: 64,
      mentioning: ["SP-1 has needs 1 to 2"])
    store.ok(["sp", "need", "SP-1", "--remove", "1"] + Self.today)
    let plan = store.field("SP-1", "plan")
    #expect(!plan.contains("Ett behov.") && plan.contains("Ett annat behov."))
  }

  // MARK: - Contacts

  @Test func eachAdministrationNamesOneContact() throws {
    let store = try Self.met()
    store.expectRefused(
      ["sp", "contact", "SP-1", "--org", "AVO", "--name", "Bo Lind"] + Self.today, code: 77,
      mentioning: ["AVO takes no part in SP-1"])
    store.expectRefused(
      ["sp", "contact", "SP-1", "--org", "FFS", "--name", "Anna Berg", "--email", "anna"]
        + Self.today, code: 64)
    store.expectRefused(
      ["sp", "contact", "SP-1", "--org", "FFS", "--name", " "] + Self.today, code: 64,
      mentioning: ["the name is empty"])
    store.ok(["sp", "contact", "SP-1", "--org", "FFS", "--name", "Anna Berg"] + Self.today)
    store.ok(
      [
        "sp", "contact", "SP-1", "--org", "FFS", "--name", "Per Holm", "--email",
        "per.holm@funktionsstod.goteborg.se",
      ] + Self.today)
    let plan = store.field("SP-1", "plan")
    #expect(!plan.contains("Anna Berg"))
    #expect(plan.contains("Per Holm") && plan.contains("per.holm@funktionsstod.goteborg.se"))
  }

  // MARK: - Complete before approval

  @Test func thePlanIsSentForApprovalOnlyWithAllItsContent() throws {
    let store = try Self.met()
    store.ok(Walk.plan())
    store.ok(
      [
        "sp", "intervention", "SP-1", "Boendestöd.", "--responsible", "FFS", "--from", "2027-01-01",
      ] + Self.today)
    let refused = store.expectRefused(
      Walk.submit(), code: 77,
      mentioning: [
        "needs: the individual's needs", "ownView: the individual's own view",
        "goals: at least one goal", "contacts: the named contact at SF-NORDOST",
        "contacts: the named contact at FFS",
      ])
    #expect(!refused.stderr.contains("interventions:"))
    #expect(!refused.stderr.contains("responsibilities:"))
    for command in Walk.content() { store.ok(command) }
    let submitted = store.ok(Walk.submit())
    #expect(submitted.stdout == "SP-1\n")
  }

  @Test func theVerbsSayWhatTheyStillLack() throws {
    let store = try Self.met()
    let first = store.ok(["sp", "need", "SP-1", "Stöd i vardagen."] + Self.today)
    #expect(first.stderr.contains("still needs:"))
    #expect(first.stderr.contains("'samverkan sp own-view SP-1"))
    #expect(!first.stderr.contains("needs: the individual's needs"))
  }

  // MARK: - Import, export and plans from before

  @Test func theContentRoundTripsAndAnImportObeysTheVerbsRules() throws {
    let store = try SPWorkflowTests.established()
    let exported = store.ok(["sp", "export"]).stdout
    for field in [
      #""needs":[{"text":"Stöd i vardagen efter flytt till egen lägenhet."}"#,
      #""ownView":"Vill bo kvar"#, #""term":"long""#, #""from":"2026-12-07""#,
      #""contacts":[{"administration":"SF-NORDOST","email":"karin.ek@socialnordost.goteborg.se""#,
    ] {
      #expect(exported.contains(field), "\(field)")
    }
    let copy = TestStore()
    try copy.grant(parties: ["SF-NORDOST", "FFS"])
    copy.ok(["sp", "import", "-", "--today", "2026-12-10"], stdin: exported)
    #expect(copy.ok(["sp", "export"]).stdout == exported)

    // An established plan whose intervention is another administration's, or has no time,
    // or that lacks its goals: refused whole, every problem named.
    let strayed = exported.replacingOccurrences(
      of: #""responsible":"FFS""#, with: #""responsible":"AVO""#)
    let fresh = TestStore()
    try fresh.grant(parties: ["SF-NORDOST", "FFS"])
    fresh.expectRefused(
      ["sp", "import", "-", "--today", "2026-12-10"], code: 65,
      mentioning: ["is the responsibility of AVO, which is not one of the SP's administrations"],
      stdin: strayed)
    let undated = exported.replacingOccurrences(of: #"{"from":"2027-01-01","#, with: "{")
    #expect(undated != exported)
    fresh.expectRefused(
      ["sp", "import", "-", "--today", "2026-12-10"], code: 65,
      mentioning: [
        "sent for approval without interventions: 'Boendestöd, två tillfällen i veckan.' (1) needs its time"
      ], stdin: undated)
    let goalless = exported.replacingOccurrences(
      of:
        #""goals":[{"term":"long","text":"Bor kvar i egen lägenhet med det stöd som behövs."},{"text":"Har en fungerande vardag."}]"#,
      with: #""goals":[]"#)
    #expect(goalless != exported)
    fresh.expectRefused(
      ["sp", "import", "-", "--today", "2026-12-10"], code: 65,
      mentioning: ["sent for approval without goals: at least one goal"], stdin: goalless)
  }

  @Test func aPlanEstablishedBeforeTheContentWasRecordedIsStillFollowedUp() throws {
    let store = try SPWorkflowTests.established()
    // Rewrite the stored plan as plans were stored before: interventions as an
    // administration and a text, no needs, view, goals or contacts.
    let file = URL(fileURLWithPath: store.path + "/sp/records/000000.json")
    var text = try String(contentsOf: file, encoding: .utf8)
    let start = try #require(text.range(of: #""plan":{"#))
    var depth = 0
    var end = start.upperBound
    for index in text[start.lowerBound...].indices where text[index] == "{" || text[index] == "}" {
      depth += text[index] == "{" ? 1 : -1
      if depth == 0 {
        end = text.index(after: index)
        break
      }
    }
    text.replaceSubrange(
      start.lowerBound..<end,
      with:
        #""plan":{"documentedOn":"2026-12-03","followUp":"2027-03-01","interventions":[{"administration":"FFS","text":"Boendestöd."}],"responsibilities":[{"administration":"SF-NORDOST","text":"Samordnar."},{"administration":"FFS","text":"Utreder."}]}"#
    )
    try text.write(to: file, atomically: true, encoding: .utf8)

    let document = store.ok(["sp", "show", "SP-1", "--format", "md", "--today", "2027-03-02"])
    #expect(document.stdout.contains("| Boendestöd. | Förvaltningen för funktionsstöd | – |"))
    #expect(document.stdout.contains("Behoven är inte dokumenterade ännu."))
    store.ok([
      "sp", "follow-up", "SP-1", "--note", "Boendestödet är igång.", "--today", "2027-03-02",
    ])
    #expect(store.field("SP-1", "followUps").contains("Boendestödet är igång."))
  }
}
