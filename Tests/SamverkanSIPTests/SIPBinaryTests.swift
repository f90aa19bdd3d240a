import Foundation
import SamverkanDomain
import SamverkanSIP
import SamverkanTestSupport
import Testing

/// The built `samverkan` binary, run as its own process: exit codes, stdout and stderr.
@Suite struct SIPBinaryTests {
  @Test func aSIPThroughTheBinary() throws {
    let store = TestStore()
    try store.grantConsent()
    let env = binaryEnvironment(store: store.path)
    func run(_ arguments: String...) throws -> RunResult {
      try runBinary(["sip"] + arguments, environment: env)
    }

    var result = try run(
      "create", "--person", TestPerson.adult, "--trigger", "need", "--initiator", "SF-NORDOST")
    #expect(result.code == 0, "\(result)")
    let id = result.stdout.trimmingCharacters(in: .newlines)
    #expect(id == "SIP-1")

    // A refusal: exit 77, the reason on stderr, nothing on stdout.
    result = try run("respond", id, "--party", "REGION", "--declined")
    #expect(result.code == 77)
    #expect(result.stdout.isEmpty)
    #expect(result.stderr.contains("REGION is not summoned or invited to SIP-1"))

    for step in [
      [
        "invite", id, "--purpose", "Samordna stödet", "--question", "Vem gör vad?", "--party",
        "REGION",
      ],
      ["respond", id, "--party", "REGION", "--attending", "Lars Lind"],
      ["meeting", id, "--at", "2026-11-25T09:00", "--place", "Vårdcentralen Angered"],
      ["need", id, "Stöd i vardagen"], ["goal", id, "Trygg vardag", "--term", "short"],
      ["intervention", id, "Boendestöd", "--responsible", "SF-NORDOST", "--by", "2027-01-31"],
      ["responsible", id, "--principal", "SF-NORDOST"],
      ["establish", id, "--follow-up", "2027-02-25", "--follow-up-place", "Socialkontoret"],
    ] {
      result = try runBinary(["sip"] + step, environment: env)
      #expect(result.code == 0, "\(step): \(result)")
      #expect(result.stdout == "SIP-1\n")
    }

    result = try run("respond", id, "--party", "REGION", "--declined")
    #expect(result.code == 77)
    #expect(
      result.stderr.contains("SIP-1 cannot be changed: its plan was established on 2026-11-25"))

    result = try run("show", id, "--format", "md")
    #expect(result.code == 0)
    #expect(
      result.stdout.contains("Socialförvaltningen Nordost har det övergripande ansvaret för planen")
    )
    #expect(result.stdout.contains("Planen följs upp 2027-02-25, plats: Socialkontoret."))

    result = try run("due", "--within", "3m")
    #expect(result.stdout.hasPrefix("2027-02-25\tupcoming\tSIP-1\t"))

    result = try run("close", id, "--reason", "goals-met", "--by", "SF-NORDOST")
    #expect(result.code == 0, "\(result)")
    #expect(store.storeProblems().isEmpty)
  }

  @Test func helpShowsTheVerbsAndExamples() throws {
    let result = try runBinary(
      ["sip", "--help"], environment: binaryEnvironment(store: "/nonexistent"))
    #expect(result.code == 0)
    for verb in [
      "create", "invite", "respond", "meeting", "need", "goal", "intervention", "responsible",
      "establish", "follow-up", "close", "decline", "due", "list", "show", "history", "export",
      "import",
    ] {
      #expect(result.stdout.contains("\n  \(verb) "), "no \(verb) in help")
    }
  }
}
