import Foundation
import SamverkanTestSupport
import Testing

/// The built `samverkan` binary, run as its own process: a transfer from plan to the
/// refused completion, with the exit codes a script sees.
@Suite struct TransferBinaryTests {
  @Test func theBinaryPlansNotifiesAndRefuses() throws {
    let store = TestStore()
    let environment = binaryEnvironment(store: store.path)
    let person = try TestPerson.born("20080601")
    let plan = try runBinary(
      [
        "transfer", "plan", "--person", person, "--from", youthUnit, "--to", adultUnit,
        "--caseworker", "Karin Lund",
      ], environment: environment)
    #expect(plan.code == 0, "\(plan)")
    #expect(plan.stdout == "TRF-1\n")
    #expect(plan.stderr.contains("handover on 2027-06-01"))

    var before = store.snapshot()
    let refused = try runBinary(["transfer", "notify", "TRF-1"], environment: environment)
    #expect(refused.code == 77)
    #expect(refused.stdout.isEmpty)
    #expect(refused.stderr.hasPrefix("Error: TRF-1 cannot be notified"))
    #expect(store.snapshot() == before)

    try store.grantConsent(person: person)
    store.fillPackage("TRF-1")
    let notify = try runBinary(["transfer", "notify", "TRF-1", "--json"], environment: environment)
    #expect(notify.code == 0, "\(notify)")
    let record = try #require(try json(notify.stdout) as? [String: Any])
    #expect(record["state"] as? String == "notified")
    #expect(record["late"] as? Bool == false)

    before = store.snapshot()
    let early = try runBinary(
      ["transfer", "complete", "TRF-1"],
      environment: binaryEnvironment(store: store.path, ["SAMVERKAN_TODAY": "2027-05-31"]))
    #expect(early.code == 77)
    #expect(early.stderr.contains("2027-06-01"))
    #expect(store.snapshot() == before)

    let upcoming = try runBinary(["transfer", "upcoming", "--json"], environment: environment)
    let rows = try #require(try json(upcoming.stdout) as? [[String: Any]])
    #expect(rows.first?["due"] as? String == "handover")
    #expect(rows.first?["daysLeft"] as? Int == 188)
  }

  @Test func everyVerbHasHelpWithAnExample() throws {
    let environment = binaryEnvironment(store: TestStore().path)
    for verb in [
      "plan", "package", "notify", "acknowledge", "assign", "meeting", "complete", "cancel",
      "upcoming", "route", "list", "show", "history", "import", "export",
    ] {
      let help = try runBinary(["transfer", verb, "--help"], environment: environment)
      #expect(help.code == 0, "\(verb)")
      #expect(help.stdout.contains("EXAMPLES:"), "\(verb)")
      #expect(help.stdout.contains("$ samverkan transfer \(verb)"), "\(verb)")
    }
  }
}
