import Foundation
import SamverkanDomain
import SamverkanTestSupport
import Testing

/// A store with one transfer at the meeting step: Alva, born 29 February 2008, notified
/// late under a consent with a restriction.
func meetingStore() throws -> TestStore {
  let store = TestStore()
  let alva = try TestPerson.born("20080229")
  let steps: [([String], String)] = [
    (
      [
        "transfer", "plan", "--person", alva, "--name", "Alva Exempel", "--from", youthUnit, "--to",
        adultUnit, "--ref", "LIFECARE-2041",
      ], "2026-11-20"
    ),
    (["transfer", "notify", "TRF-1"], "2026-11-25"),
    (["transfer", "acknowledge", "TRF-1", "--by", "Eva Ek"], "2026-11-26"),
    (
      [
        "transfer", "assign", "TRF-1", "--caseworker", "Per Berg", "--email",
        "per.berg@socialnordost.goteborg.se", "--phone", "031-365 00 00",
      ], "2026-11-27"
    ),
    (
      [
        "transfer", "meeting", "TRF-1", "--participants", "Karin Lund,Per Berg,Eva Ek", "--note",
        "Ny planering gjord; Alva informeras av Per Berg.",
      ], "2026-12-03"
    ),
  ]
  #expect(store.run(steps[0].0, on: steps[0].1).code == 0)
  store.fillPackage("TRF-1", on: "2026-11-20")
  try store.grantConsent(person: alva, restrictions: "Uppgifter om pappan lämnas inte ut.")
  for (arguments, day) in steps.dropFirst() {
    let result = store.run(arguments, on: day)
    #expect(result.code == 0, "\(arguments): \(result)")
  }
  return store
}

@Suite struct TransferDocumentTests {
  @Test func theDocumentForTheReceivingUnit() throws {
    let store = try meetingStore()
    let result = store.run(["transfer", "show", "TRF-1", "--format", "md"], on: "2026-12-03")
    #expect(result.code == 0, "\(result)")
    assertGolden(result.stdout, named: "transfer-package.md")
  }

  @Test func aPlannedTransferShowsWhatIsMissing() throws {
    let store = TestStore()
    store.run([
      "transfer", "plan", "--person", try TestPerson.born("20060301"), "--from", youthUnit, "--to",
      "FFS", "--family-home",
    ])
    let document = store.run(["transfer", "show", "TRF-1", "--format", "md"]).stdout
    #expect(
      document.contains(
        "- **Ärendeansvaret övergår:** 2027-03-01, den dag den enskilde fyller 21 år (placerad i familjehem)"
      ))
    #expect(document.contains("- **Aviserat:** ännu inte – sista dag för avisering har passerat"))
    #expect(document.contains("- **Remitterande handläggare:** ej angiven"))
    #expect(document.components(separatedBy: "*Ej ifyllt.*").count == 6)
    #expect(document.contains("- **Handläggare på mottagande enhet:** ännu inte utsedd"))
    #expect(document.contains("Förvaltningen för funktionsstöd (FFS)"))
  }

  @Test func aDecidedDateAndAWithdrawnConsentAreNamed() throws {
    let store = TestStore()
    store.run([
      "transfer", "plan", "--person", TestPerson.adult, "--from", adultUnit, "--to", "FFS", "--on",
      "2027-01-15", "--caseworker", "Karin Lund",
    ])
    store.fillPackage("TRF-1")
    let consent = try store.grantConsent(
      person: TestPerson.adult, parties: [adultUnit, "FFS"],
      restrictions: "Inget om tidigare LVM-vård")
    #expect(store.run(["transfer", "notify", "TRF-1"]).code == 0)
    var document = store.run(["transfer", "show", "TRF-1", "--format", "md"]).stdout
    #expect(document.contains("2027-01-15, enligt beslut på samverkansmöte"))
    #expect(
      document.contains(
        "- **Samtycke till överföring:** Uppgifterna delas med den enskildes samtycke (CON-1)."))
    // The restriction is the caseworker's to keep, never the receiving unit's to read.
    #expect(!document.contains("LVM"))
    try store.revokeConsent(consent, on: "2026-11-25")
    document = store.run(["transfer", "show", "TRF-1", "--format", "md"]).stdout
    #expect(
      document.contains(
        "- **Samtycke till överföring:** Samtycket CON-1 återkallades 2026-11-25; inga fler uppgifter får lämnas med stöd av det."
      ))
    // A decided transfer is notified by its handover, so a notice now is in time.
    #expect(
      document.contains("- **Aviseras senast:** 2027-01-15 (senast när ärendeansvaret övergår)"))
    #expect(document.contains("- **Aviserat:** 2026-11-25\n"))
  }

  @Test func aPersonWithProtectedDataIsMaskedUnlessRevealed() throws {
    let store = TestStore()
    let person = try TestPerson.born("20080601")
    let plan = store.run([
      "transfer", "plan", "--person", person, "--name", "Sam Skyddad", "--from", youthUnit, "--to",
      adultUnit, "--protected", "--json",
    ])
    #expect(plan.code == 0)
    #expect(!plan.stdout.contains(person))
    #expect(!plan.stdout.contains("Sam Skyddad"))
    let document = store.run(["transfer", "show", "TRF-1", "--format", "md"]).stdout
    #expect(document.contains("- **Den enskilde:** (skyddade personuppgifter), ********-****"))
    #expect(!document.contains(person))
    let revealed = store.run(["transfer", "show", "TRF-1", "--format", "md", "--reveal"]).stdout
    #expect(revealed.contains("- **Den enskilde:** Sam Skyddad, \(person)"))
    for verb in [["list"], ["upcoming"], ["show", "TRF-1"]] {
      let output = store.run(["transfer"] + verb + ["--format", "tsv"]).stdout
      #expect(!output.contains(person), "\(verb)")
      #expect(!output.contains("Sam Skyddad"), "\(verb)")
    }
  }

  @Test func showWritesOnlyDataFormatsAndMarkdown() throws {
    let store = try meetingStore()
    let csv = store.run(["transfer", "show", "TRF-1", "--format", "csv"])
    #expect(csv.code == 0)
    #expect(csv.stdout.hasPrefix("id,ref,person,personName,from,to,"))
    let md = store.run(["transfer", "list", "--format", "md"])
    #expect(md.code == 64)
  }

  // MARK: - import and export

  @Test func anExportImportsBackUnchanged() throws {
    let source = try meetingStore()
    let ndjson = source.run(["transfer", "export"], on: "2026-12-03")
    let csv = source.run(["transfer", "export", "--format", "csv"], on: "2026-12-03")
    #expect(ndjson.code == 0)
    for (input, name) in [(ndjson.stdout, "transfers.ndjson"), (csv.stdout, "transfers.csv")] {
      let target = TestStore()
      // The consent the transfer relies on comes first, with the same ID.
      try target.grantConsent(
        person: try TestPerson.born("20080229"), restrictions: "Uppgifter om pappan lämnas inte ut."
      )
      let file = target.directory.file(name)
      try Data(input.utf8).write(to: URL(fileURLWithPath: file))
      let imported = target.run(["transfer", "import", file], on: "2026-12-03")
      #expect(imported.code == 0, "\(name): \(imported)")
      #expect(imported.stderr.contains("1 created, 0 updated, 0 unchanged"), "\(name)")
      #expect(
        target.run(["transfer", "export"], on: "2026-12-03").stdout == ndjson.stdout, "\(name)")
      let again = target.run(["transfer", "import", file], on: "2026-12-03")
      #expect(again.stderr.contains("0 created, 0 updated, 1 unchanged"), "\(name)")
    }
  }

  @Test func importRefusesWhatTheVerbsWouldRefuseAndWritesNothing() throws {
    let store = TestStore()
    let alva = try TestPerson.born("20080229")
    let june = try TestPerson.born("20080601")
    try store.grantConsent(person: alva)
    let rows = [
      // Notified with an empty package and without the consent step; and not flagged late.
      #"{"person":"\#(alva)","from":"SF-NORDOST/BOU","to":"SF-NORDOST/VUXEN","basis":"birthday","handoverAge":19,"handoverDate":"2027-03-01","noticeDeadline":"2026-09-01","state":"notified","notifiedOn":"2026-11-25","plannedOn":"2026-11-01"}"#,
      // The birthday is wrong for the person, and so is the deadline.
      #"{"person":"\#(june)","from":"SF-NORDOST/BOU","to":"SF-NORDOST/VUXEN","basis":"birthday","handoverAge":19,"handoverDate":"2027-06-02","noticeDeadline":"2026-12-01","state":"planned","plannedOn":"2026-11-01"}"#,
      // Completed before the handover, under a consent the store does not have.
      #"{"person":"\#(june)","from":"SF-NORDOST/BOU","to":"FFS","basis":"decision","handoverDate":"2026-11-20","noticeDeadline":"2026-05-20","state":"completed","notifiedOn":"2026-11-01","acknowledgedOn":"2026-11-02","receivingCaseworker":"P","assignedOn":"2026-11-02","meetingOn":"2026-11-03","completedOn":"2026-11-19","late":true,"referringCaseworker":"K","background":"a","guardian":"b","currentSituation":"c","disabilityAndInvestigations":"d","interventions":"e","sharing":[{"step":"notify","date":"2026-11-01","consent":"CON-9"}],"plannedOn":"2026-11-01"}"#,
    ]
    let file = store.directory.file("bad.ndjson")
    try Data(rows.joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: file))
    let before = store.snapshot()
    let result = store.run(["transfer", "import", file])
    #expect(result.code == 65, "\(result)")
    for problem in [
      "bad.ndjson:1: background: the transfer package needs the background and family situation before the notice",
      "bad.ndjson:1: late: the notice on 2026-11-25 came after the deadline 2026-09-01, so it is late",
      "bad.ndjson:1: sharing: the notice passed information to SF-NORDOST/VUXEN",
      "bad.ndjson:2: handoverDate: the person turns 19 on 2027-06-01, not 2027-06-02",
      "bad.ndjson:3: completedOn: responsibility passes on the handover date 2026-11-20, not before (2026-11-19)",
      "bad.ndjson:3: sharing: the notify step on 2026-11-01: CON-9 is not in the store",
    ] {
      #expect(result.stderr.contains(problem), "\(problem)")
    }
    #expect(store.snapshot() == before)
  }
}
