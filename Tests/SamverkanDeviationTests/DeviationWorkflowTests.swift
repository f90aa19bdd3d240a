import Foundation
import SamverkanJSON
import SamverkanTestSupport
import Testing

/// The record as JSON, through `show --json`.
private func record(_ store: TestStore, _ id: String) throws -> JSONValue {
  try JSONParser.parse(Array(store.ok(["deviation", "show", id, "--json"]).utf8))
}

// MARK: - The whole routine

@Test func aReportWalksFromReportToFile() throws {
  let store = TestStore()
  let sp = try store.insertFake(FakeSP.self)
  #expect(sp.description == "SP-1")

  let reported = store.run(Walk.part1 + ["--from", "sp-1"])
  #expect(reported.code == 0, "\(reported)")
  #expect(reported.stdout == "DEV-1\n")
  #expect(reported.stderr.contains("Reported DEV-1."))
  #expect(reported.stderr.contains("at FFS"))
  #expect(reported.stderr.contains("due by 2026-11-13"))
  var json = try record(store, "DEV-1")
  #expect(json["state"] == .string("reported"))
  #expect(json["from"] == .string("SP-1"))
  #expect(json["reportedOn"] == .string("2026-09-14"))

  #expect(store.ok(Walk.part2("DEV-1")) == "DEV-1")
  json = try record(store, "DEV-1")
  #expect(json["state"] == .string("reported"))
  #expect(json["respondedOn"] == .string("2026-10-05"))

  let first = store.run(Walk.signReporting("DEV-1"))
  #expect(first.code == 0, "\(first)")
  #expect(first.stderr.contains("Still needed: the receiving side's signature."))
  #expect(try record(store, "DEV-1")["state"] == .string("reported"))

  let second = store.run(Walk.signReceiving("DEV-1"))
  #expect(second.code == 0, "\(second)")
  #expect(second.stderr.contains("DEV-1 is resolved"))
  json = try record(store, "DEV-1")
  #expect(json["state"] == .string("resolved"))
  // The receiving side signs for the only other unit the report concerns.
  #expect(json["receivingSignature"]?["unit"] == .string("FFS"))

  let filed = store.run(Walk.file("DEV-1"))
  #expect(filed.code == 0, "\(filed)")
  #expect(filed.stdout == "DEV-1\n")
  #expect(
    filed.stderr.contains("Filed DEV-1 with the verksamhetscontroller Eva Ström on 2026-10-09"))
  json = try record(store, "DEV-1")
  #expect(json["state"] == .string("filed"))
  #expect(json["filedTo"] == .string("Eva Ström"))
  #expect(json["filedOn"] == .string("2026-10-09"))

  let history = store.ok(["deviation", "history", "DEV-1", "--format", "ndjson"])
  let actions = try history.split(separator: "\n").map {
    try JSONParser.parse(Array($0.utf8))["action"]?.stringValue ?? ""
  }
  #expect(actions == ["report", "respond", "sign", "sign", "file"])
  // The fake SP belongs to no module here, so only the deviation files must be sound.
  let check = store.run(["store", "check"])
  #expect(!check.stdout.contains("deviation/") && !check.stderr.contains("deviation/"), "\(check)")
}

@Test func aDraftIsCompletedLaterAndThenReported() throws {
  let store = TestStore()
  let draft = store.run([
    "deviation", "report", "--draft", "--reporting-unit", "FFS", "--what", "Ingen avisering.",
  ])
  #expect(draft.code == 0, "\(draft)")
  #expect(draft.stdout == "DEV-1\n")
  #expect(draft.stderr.contains("Still needed before it can be reported"))
  #expect(try record(store, "DEV-1")["state"] == .string("draft"))
  #expect(try record(store, "DEV-1")["reportedOn"] == nil)

  // Reporting an incomplete draft names everything missing at once.
  let incomplete = store.refused(["deviation", "report", "DEV-1"], code: 77)
  for field in ["units", "category", "perception", "improvement", "reporterName", "reporterTitle"] {
    #expect(incomplete.stderr.contains("  - \(field): "), "\(field)")
  }

  store.ok([
    "deviation", "report", "DEV-1", "--units", "SF-HISINGEN/VUXEN", "--category", "late-notice",
    "--perceived", "Överlämningen blev stressad.", "--improvement", "Avisera i tid.",
    "--name", "Ali Demir", "--title", "enhetschef",
  ])
  let json = try record(store, "DEV-1")
  #expect(json["state"] == .string("reported"))
  #expect(json["reportedOn"] == .string(testToday))
  #expect(json["event"] == .string("Ingen avisering."))

  // Reported and unanswered: part 1 may be corrected, but not turned back into a draft.
  store.ok(["deviation", "report", "DEV-1", "--improvement", "Avisera sex månader före."])
  let back = store.refused(["deviation", "report", "DEV-1", "--draft"], code: 77)
  #expect(back.stderr.contains("cannot go back to being a draft"))
  #expect(store.run(["store", "check"]).code == 0)
}

// MARK: - Refusals

@Test(arguments: ["socialsekreterare", "1:e socialsekreterare", "handläggare"])
func aReporterBelowTheMinimumTitleIsRefused(title: String) {
  let store = TestStore()
  var arguments = Walk.part1
  arguments[arguments.firstIndex(of: "biträdande enhetschef")!] = title
  let result = store.refused(arguments, code: 77)
  #expect(result.stderr.contains("the reporter is '\(title)'"))
  #expect(result.stderr.contains("at least biträdande enhetschef"))
  #expect(
    result.stderr.contains("biträdande enhetschef, enhetschef, avdelningschef, förvaltningschef"))
}

@Test func aTitleTheRoutineDoesNotKnowIsRefusedListingTheAcceptedOnes() {
  let store = TestStore()
  var arguments = Walk.part1
  arguments[arguments.firstIndex(of: "biträdande enhetschef")!] = "chef"
  let result = store.refused(arguments, code: 64)
  #expect(result.stderr.contains("'chef' is not a title the routine knows"))
  #expect(
    result.stderr.contains("biträdande enhetschef, enhetschef, avdelningschef, förvaltningschef"))
}

@Test func aSignerBelowTheMinimumTitleIsRefused() {
  let store = TestStore()
  store.ok(Walk.part1)
  store.ok(Walk.part2("DEV-1"))
  let result = store.refused(
    [
      "deviation", "sign", "DEV-1", "--side", "receiving", "--name", "Per Holm", "--title",
      "1:e socialsekreterare",
    ], code: 77)
  #expect(result.stderr.contains("the receiving side's signer is '1:e socialsekreterare'"))
}

@Test func respondBeforeReportIsRefused() {
  let store = TestStore()
  // No report at all: not found.
  let missing = store.refused(Walk.part2("DEV-1"), code: 66)
  #expect(missing.stderr.contains("DEV-1"))
  // A draft: part 1 is not reported yet.
  store.ok(["deviation", "report", "--draft", "--reporting-unit", "FFS"])
  let draft = store.refused(Walk.part2("DEV-1"), code: 77)
  #expect(draft.stderr.contains("DEV-1 is a draft: part 1 has not been reported"))
  #expect(draft.stderr.contains("samverkan deviation report DEV-1"))
  // Signing before part 2 is written is refused too.
  store.ok(["deviation", "report", "--draft", "--reporting-unit", "FFS"])
  store.ok(Walk.part1)
  let sign = store.refused(Walk.signReporting("DEV-3"), code: 77)
  #expect(sign.stderr.contains("Part 2 of DEV-3 has not been written yet"))
}

@Test func fileWithoutBothSignaturesIsRefused() {
  let store = TestStore()
  store.ok(Walk.part1)
  let early = store.refused(Walk.file("DEV-1"), code: 77)
  #expect(early.stderr.contains("DEV-1 cannot be filed with the verksamhetscontroller yet"))
  #expect(early.stderr.contains("part 2: the joint summary"))
  #expect(early.stderr.contains("the reporting side's signature"))
  #expect(early.stderr.contains("the receiving side's signature"))

  store.ok(Walk.part2("DEV-1"))
  store.ok(Walk.signReporting("DEV-1"))
  let oneSide = store.refused(Walk.file("DEV-1"), code: 77)
  #expect(!oneSide.stderr.contains("the reporting side's signature"))
  #expect(oneSide.stderr.contains("the receiving side's signature"))
  #expect(!oneSide.stderr.contains("part 2: the joint summary"))

  // The same side cannot sign twice.
  let twice = store.refused(Walk.signReporting("DEV-1"), code: 77)
  #expect(twice.stderr.contains("The reporting side has signed DEV-1 already: Karin Lund"))
}

@Test func everyChangeAfterFilingIsRefused() throws {
  let store = TestStore()
  for step in [
    Walk.part1, Walk.part2("DEV-1"), Walk.signReporting("DEV-1"),
    Walk.signReceiving("DEV-1"), Walk.file("DEV-1"),
  ] {
    store.ok(step)
  }
  let changes: [[String]] = [
    Walk.part2("DEV-1") + ["--withdraw-signatures"],
    Walk.signReporting("DEV-1"),
    Walk.file("DEV-1"),
    ["deviation", "report", "DEV-1", "--improvement", "Något annat."],
  ]
  for change in changes {
    let result = store.refused(change, code: 77)
    #expect(
      result.stderr.contains(
        "DEV-1 cannot be changed: it was filed with the verksamhetscontroller (Eva Ström) on 2026-10-09"
      ))
  }
  // An import cannot change it either, though the same row again is a no-op.
  let exported = store.ok(["deviation", "export"]) + "\n"
  let same = store.run(["deviation", "import", "-"], stdin: exported)
  #expect(same.code == 0, "\(same)")
  #expect(same.stderr.contains("0 created, 0 updated, 1 unchanged"))
  let changed = exported.replacingOccurrences(of: "Eva Ström", with: "Någon Annan")
  let before = store.snapshot()
  let result = store.run(["deviation", "import", "-", "--update"], stdin: changed)
  #expect(result.code == 65, "\(result)")
  #expect(
    result.stderr.contains(
      "-:1: state: DEV-1 was filed with the verksamhetscontroller on 2026-10-09 and cannot change"))
  #expect(store.snapshot() == before)
}

@Test func fromMustNameAnExistingSPSIPTransferOrEscalation() throws {
  let store = TestStore()
  let unknown = store.refused(Walk.part1 + ["--from", "SP-3"], code: 77)
  #expect(unknown.stderr.contains("there is no SP-3 in the store"))
  #expect(unknown.stderr.contains("'samverkan sp list'"))

  let wrongKind = store.refused(Walk.part1 + ["--from", "CON-1"], code: 64)
  #expect(
    wrongKind.stderr.contains(
      "CON-1 is a consent; a report can come from an SP, SIP, transfer, escalation"))
  store.refused(Walk.part1 + ["--from", "XYZ-1"], code: 64)

  let ids = [
    try store.insertFake(FakeSP.self), try store.insertFake(FakeSIP.self),
    try store.insertFake(FakeTransfer.self), try store.insertFake(FakeEscalation.self),
  ]
  #expect(ids.map(\.description) == ["SP-1", "SIP-1", "TRF-1", "ESC-1"])
  for (index, id) in ids.enumerated() {
    #expect(store.ok(Walk.part1 + ["--from", id.description]) == "DEV-\(index + 1)")
  }
  #expect(store.ok(["deviation", "list", "--from-record", "TRF-1", "-q"]) == "DEV-3")
}

@Test func nothingIsCopiedFromThePersonsRecordItCameFrom() throws {
  let store = TestStore()
  try store.insertFake(FakeSP.self, person: TestPerson.adult, name: "Test Testsson")
  store.ok(Walk.part1 + ["--from", "SP-1"])
  let exported = store.ok(["deviation", "export", "--reveal"])
  #expect(!exported.contains("19900101"))
  #expect(!exported.contains("Testsson"))
  let form = store.ok(["deviation", "show", "DEV-1", "--format", "md"])
  #expect(form.contains("SP-1 (samordnad plan)"))
  #expect(!form.contains("19900101") && !form.contains("Testsson"))
  // The person index holds the SP only: the report is about no one.
  let stored = store.snapshot().filter { $0.key.hasPrefix("deviation/records/") }
  #expect(stored.count == 1)
  for bytes in stored.values {
    let text = String(decoding: bytes, as: UTF8.self)
    #expect(text.contains("\"from\":\"SP-1\""))
    #expect(!text.contains("person") && !text.contains("19900101"))
  }
}

@Test(arguments: [
  ["--what", "Gäller 19900101-2385, som inte fick sin SIP."],
  ["--perceived", "Vi uppfattade att 900101-2385 for illa."],
  ["--improvement", "Ring om 199001012385."],
  ["--name", "Karin 19900101-2385"],
])
func aPersonnummerInAnyTextIsRefused(option: [String]) {
  let store = TestStore()
  let result = store.refused(Walk.part1 + option, code: 77)
  #expect(result.stderr.contains("contains what looks like a personnummer"))
  #expect(result.stderr.contains("not persons"))
  // The number itself is never repeated in the message.
  #expect(!result.stderr.contains("2385"))
}

@Test func aPersonnummerInPart2OrASignatureIsRefused() {
  let store = TestStore()
  store.ok(Walk.part1)
  store.refused(
    ["deviation", "respond", "DEV-1", "--summary", "Löst för 20180101-2392."], code: 77)
  store.ok(Walk.part2("DEV-1"))
  store.refused(
    [
      "deviation", "sign", "DEV-1", "--side", "reporting", "--name", "20180101-2392", "--title",
      "enhetschef",
    ], code: 77)
  store.refused(["deviation", "file", "DEV-1", "--to", "19900101-2385"], code: 77)
}

@Test func unitsMustIncludeAnotherUnit() {
  let store = TestStore()
  var arguments = Walk.part1
  arguments[arguments.firstIndex(of: "SF-NORDOST/BOU,FFS")!] = "SF-NORDOST/BOU"
  let result = store.refused(arguments, code: 77)
  #expect(result.stderr.contains("units: part 1 of a reported report needs the other unit(s)"))
  arguments[arguments.firstIndex(of: "SF-NORDOST/BOU")! + 2] = "FFS,NOPE"
  store.refused(arguments, code: 64)
}

@Test func signedPart2IsRevisedOnlyByWithdrawingTheSignatures() throws {
  let store = TestStore()
  store.ok(Walk.part1)
  store.ok(Walk.part2("DEV-1"))
  store.ok(Walk.signReporting("DEV-1"))
  store.ok(Walk.signReceiving("DEV-1"))
  let refused = store.refused(["deviation", "respond", "DEV-1", "--summary", "Ny text."], code: 77)
  #expect(
    refused.stderr.contains(
      "signed by Karin Lund (biträdande enhetschef) and Per Holm (enhetschef)"))
  #expect(refused.stderr.contains("--withdraw-signatures"))
  let revised = store.run([
    "deviation", "respond", "DEV-1", "--summary", "Ny text.", "--withdraw-signatures",
  ])
  #expect(revised.code == 0, "\(revised)")
  let json = try record(store, "DEV-1")
  #expect(json["state"] == .string("reported"))
  #expect(json["reportingSignature"] == nil && json["receivingSignature"] == nil)
  #expect(json["summary"] == .string("Ny text."))
  #expect(
    json["remainingProblems"] == .string("Kallelser till funktionsbrevlådan saknar kvittens."))
}

@Test func datesAreCheckedAgainstTodayAndEachOther() {
  let store = TestStore()
  store.refused(Walk.part1.dropLast(2) + ["--date", "2026-11-26"], code: 64)
  store.ok(Walk.part1)
  let early = store.refused(
    ["deviation", "respond", "DEV-1", "--summary", "Löst.", "--date", "2026-09-13"], code: 64)
  #expect(early.stderr.contains("2026-09-13 is before the report date (2026-09-14)"))
  store.ok(Walk.part2("DEV-1"))
  store.refused(Walk.signReporting("DEV-1").dropLast(2) + ["--date", "2026-10-04"], code: 64)
}

@Test func severalOtherUnitsNeedTheReceivingUnitNamed() throws {
  let store = TestStore()
  var arguments = Walk.part1
  arguments[arguments.firstIndex(of: "SF-NORDOST/BOU,FFS")!] = "FFS,AVO"
  store.ok(arguments)
  store.ok(Walk.part2("DEV-1"))
  let result = store.refused(Walk.signReceiving("DEV-1"), code: 64)
  #expect(result.stderr.contains("add --unit"))
  store.refused(Walk.signReceiving("DEV-1") + ["--unit", "SF-CENTRUM"], code: 64)
  store.ok(Walk.signReceiving("DEV-1") + ["--unit", "AVO"])
  #expect(try record(store, "DEV-1")["receivingSignature"]?["unit"] == .string("AVO"))
}
