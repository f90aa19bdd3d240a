import Foundation
import SamverkanDomain
import SamverkanSIP
import SamverkanTestSupport
import Testing

/// Preparation is a step (seed 004): the meeting's purpose and questions, prepared with
/// the person, before any invitation; the invitation as a Swedish document; and a
/// placement in another region with that region's health-care responsibility.
@Suite struct SIPPreparationTests {
  @Test func anInvitationWaitsForThePreparation() throws {
    try store { store in
      try store.grantConsent()
      let id = try startedSIP(store)
      expectRefused(
        store, ["sip", "invite", id, "--party", "REGION"],
        mentioning: ["is not prepared yet", "sip prepare \(id) --purpose"])
      expectRefused(
        store, ["sip", "invite", id, "--party", "REGION", "--purpose", "Samordna stödet"],
        code: 64, mentioning: ["at least one --question"])
      expectRefused(
        store, ["sip", "prepare", id, "--question", "Vem gör vad?"], code: 64,
        mentioning: ["--purpose TEXT"])
      let prepared = store.sip(
        [
          "prepare", id, "--purpose", "Samordna stödet efter utskrivning", "--question",
          "Vem ansvarar för medicineringen?", "--question", "Hur ser boendet ut?",
        ], today: "2026-11-17")
      #expect(prepared.code == 0, "\(prepared)")
      var sip = try store.readSIP(id)
      #expect(sip.state == .preparing)
      #expect(sip.preparation?.questions.count == 2)
      #expect(sip.preparation?.date == day("2026-11-17"))
      // Prepared: the invitation needs nothing more.
      #expect(store.sip("invite", id, "--party", "REGION,FK", today: "2026-11-17").code == 0)
      sip = try store.readSIP(id)
      #expect(sip.preparation?.purpose == "Samordna stödet efter utskrivning")
    }
  }

  @Test func theInvitationDocument() throws {
    try store { store in
      try store.grantConsent(restrictions: "Uppgifter om min ekonomi")
      let id = try startedSIP(store)
      expectRefused(
        store, ["sip", "show", id, "--format", "md", "--document", "invitation"],
        mentioning: ["No one is summoned or invited to \(id) yet"])
      for step: [String] in [
        [
          "prepare", id, "--purpose", "Samordna stödet efter utskrivning", "--question",
          "Vem ansvarar för medicineringen?", "--question", "Hur ser boendet ut?", "--on",
          "2026-11-17",
        ],
        ["invite", id, "--party", "REGION,FK", "--on", "2026-11-17"],
        ["invite", id, "--relative", "Karin Andersson", "--on", "2026-11-17"],
      ] {
        let result = store.sip(step, today: "2026-11-18")
        #expect(result.code == 0, "\(step): \(result)")
      }
      let result = store.sip(
        ["show", id, "--format", "md", "--document", "invitation"], today: "2026-11-18")
      #expect(result.code == 0, "\(result)")
      #expect(!result.stdout.contains("ekonomi"), "a restriction is never printed")
      assertGolden(result.stdout, named: "sip-invitation.md")
      expectRefused(
        store, ["sip", "show", id, "--document", "invitation"], code: 64,
        mentioning: ["add --format md"])
      expectRefused(
        store, ["sip", "show", id, "--format", "md", "--document", "kallelse"], code: 64,
        mentioning: ["'plan' or 'invitation'"])
    }
  }

  @Test func aPlacementInAnotherRegionSaysWhatTheRegionAnswersFor() throws {
    try store { store in
      let ready = try readySIP(store)
      expectRefused(
        store,
        ["sip", "placement", ready.id, "--region", "Region Stockholm", "--from", "2027-01-10"],
        code: 64, mentioning: ["--health-care"])
      expectRefused(
        store,
        [
          "sip", "placement", ready.id, "--region", "Region Stockholm", "--from", "2027-01-10",
          "--until", "2027-01-01", "--health-care", "Psykiatrisk öppenvård",
        ], code: 64, mentioning: ["before --from 2027-01-10"])
      let placed = store.sip(
        [
          "placement", ready.id, "--region", "Region Stockholm", "--from", "2027-01-10",
          "--until", "2027-06-30", "--health-care",
          "Regionen svarar för psykiatrisk öppenvård och läkemedel under placeringen.",
        ], today: "2026-11-20")
      #expect(placed.code == 0, "\(placed)")
      #expect(try store.readSIP(ready.id).regionPlacements.first?.region == "Region Stockholm")
      let plan = store.sip(["show", ready.id, "--format", "md"], today: "2026-11-20")
      #expect(plan.stdout.contains("## Placering i annan region – hälso- och sjukvårdens ansvar"))
      #expect(
        plan.stdout.contains(
          "- **Region Stockholm**, 2027-01-10–2027-06-30: Regionen svarar för psykiatrisk öppenvård och läkemedel under placeringen."
        ))
      #expect(
        store.sip(
          [
            "establish", ready.id, "--follow-up", "2027-02-20", "--follow-up-place",
            "Socialkontoret",
          ],
          today: "2026-11-20"
        ).code == 0)
      expectRefused(
        store,
        [
          "sip", "placement", ready.id, "--region", "Region Skåne", "--from", "2027-03-01",
          "--health-care", "Primärvård",
        ], mentioning: ["its plan was established on 2026-11-20"])
      expectRefused(
        store, ["sip", "prepare", ready.id, "--purpose", "Nytt syfte", "--question", "Ny fråga?"],
        mentioning: ["its plan was established on 2026-11-20"])
    }
  }

  private func store(_ body: (TestStore) throws -> Void) throws {
    try body(TestStore())
  }
}
