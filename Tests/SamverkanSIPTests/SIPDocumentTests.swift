import Foundation
import SamverkanDomain
import SamverkanSIP
import SamverkanTestSupport
import Testing

/// `sip show --format md`: the plan as a Swedish document for the individual.
@Suite struct SIPDocumentTests {
  /// An established plan with a relative, a declined actor and a consent restriction.
  func plan(_ store: TestStore) throws -> String {
    try store.grantConsent(restrictions: "Uppgifter om min ekonomi")
    let id = try startedSIP(store)
    for step: [String] in [
      ["need", id, "Stöd i att klara vardagen hemma"],
      ["need", id, "Hjälp att ta mina mediciner"],
      ["need", id, "--wish", "Vill bo kvar i min lägenhet"],
      [
        "invite", id, "--purpose", "Samordna stödet", "--question", "Vem gör vad?", "--party",
        "REGION,FK", "--on", "2026-11-17",
      ],
      [
        "invite", id, "--purpose", "Samordna stödet", "--question", "Vem gör vad?", "--relative",
        "Karin Andersson", "--on", "2026-11-17",
      ],
      ["respond", id, "--party", "REGION", "--attending", "Lars Lind", "--on", "2026-11-18"],
      ["respond", id, "--party", "FK", "--declined", "--on", "2026-11-18"],
      ["meeting", id, "--at", "2026-11-20T13:00", "--place", "Vårdcentralen Angered"],
      ["goal", id, "Har en fungerande dygnsrytm", "--term", "short"],
      ["goal", id, "Har en sysselsättning | arbete", "--term", "long"],
      [
        "intervention", id, "Boendestöd två gånger i veckan", "--responsible", "SF-NORDOST", "--by",
        "2027-01-31",
      ],
      ["intervention", id, "Läkemedelsgenomgång", "--responsible", "REGION", "--by", "2026-12-15"],
      ["responsible", id, "--principal", "SF-NORDOST"],
      [
        "establish", id, "--follow-up", "2027-02-20", "--follow-up-place", "Socialkontoret Angered",
      ],
    ] {
      let result = store.sip(step, today: "2026-11-20")
      #expect(result.code == 0, "\(step): \(result)")
    }
    return id
  }

  @Test func theEstablishedPlan() throws {
    let store = TestStore()
    let id = try plan(store)
    let result = store.sip("show", id, "--format", "md")
    #expect(result.code == 0, "\(result)")
    #expect(result.stderr.isEmpty)
    assertGolden(result.stdout, named: "sip-plan.md")
  }

  @Test func aPlanRenderedAfterTheWithdrawalSaysSo() throws {
    let store = TestStore()
    let id = try plan(store)
    try store.revokeConsent(RecordID(kind: .consent, number: 1), on: "2026-12-01")
    let result = store.sip(["show", id, "--format", "md"], today: "2026-12-02")
    #expect(result.code == 0, "\(result)")
    assertGolden(result.stdout, named: "sip-plan-withdrawn.md")
    #expect(
      result.stdout.contains(
        "Samtycket CON-1 återkallades 2026-12-01; inga fler uppgifter får lämnas med stöd av det."))
    #expect(!result.stdout.contains("ekonomi"))
    #expect(result.stderr.contains("Samtycket CON-1 återkallades 2026-12-01"))
  }

  @Test func aRevisedAndClosedPlanKeepsItsHistory() throws {
    let store = TestStore()
    let id = try plan(store)
    for (step, today): ([String], String) in [
      (
        ["follow-up", id, "--outcome", "continue", "--next", "2027-05-20", "--note", "Går bra"],
        "2027-02-20"
      ),
      (["follow-up", id, "--outcome", "revise"], "2027-05-20"),
      (["intervention", id, "--remove", "2"], "2027-05-20"),
      (["responsible", id, "--principal", "REGION"], "2027-05-20"),
      (
        [
          "establish", id, "--follow-up", "2027-09-01", "--follow-up-place",
          "Vårdcentralen Angered",
        ], "2027-05-20"
      ),
      (["close", id, "--reason", "goals-met", "--by", "REGION"], "2027-09-01"),
    ] {
      let result = store.sip(step, today: today)
      #expect(result.code == 0, "\(step): \(result)")
    }
    // Until social services documents its closing too, the plan says the closing is under way.
    let closing = store.sip("show", id, "--format", "md", today: "2027-09-01").stdout
    #expect(closing.contains("avslut pågår: 1 av 2 huvudmän har dokumenterat avslutet"))
    #expect(
      closing.contains(
        "Avslutet pågår: Socialförvaltningen Nordost har inte dokumenterat avslutet ännu."))
    #expect(
      store.sip(
        ["close", id, "--reason", "no-longer-needed", "--by", "SF-NORDOST"], today: "2027-09-03"
      ).code == 0)
    assertGolden(store.sip("show", id, "--format", "md").stdout, named: "sip-plan-closed.md")
  }

  @Test func aDraftSaysItIsADraft() throws {
    let store = TestStore()
    let id = try startedSIP(store)
    let text = store.sip("show", id, "--format", "md").stdout
    #expect(text.contains("**\(id)** · version 1 · utkast – planen är inte upprättad ännu"))
    #expect(text.contains("Behov och önskemål är inte dokumenterade ännu."))
    #expect(text.contains("Datum och plats för uppföljning är inte bestämda ännu."))
  }

  @Test func aDeclinedSIPSaysWhy() throws {
    let store = TestStore()
    let id = try startedSIP(store)
    #expect(
      store.sip("decline", id, "--reason", "Inga hälso- och sjukvårdsinsatser behövs").code == 0)
    #expect(
      store.sip("show", id, "--format", "md").stdout.contains(
        "SIP nekad 2026-11-25: Inga hälso- och sjukvårdsinsatser behövs"))
  }

  @Test func showWritesEveryFieldAndJSON() throws {
    let store = TestStore()
    let (id, _) = try establishedSIP(store)
    let sheet = store.sip("show", id)
    #expect(sheet.lines.contains("state\testablished"))
    #expect(sheet.lines.contains("consent\tCON-1"))
    let json = store.sip("show", id, "--json")
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
    #expect(object["state"] as? String == "established")
    #expect(object["internal"] as? Bool == false)
    #expect(
      (object["participants"] as? [[String: Any]])?.first?["invitation"] as? String == "summons")
    // Other documents are for verbs that render them.
    expectRefused(store, ["sip", "list", "--format", "md"], code: 64, mentioning: ["'md'"])
  }
}
