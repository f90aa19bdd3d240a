import Foundation
import SamverkanTestSupport
import Testing

/// The built `samverkan` binary, run as its own process: the routine from part 1 to the
/// controller's file, with the refusals a caseworker meets on the way.
@Test func theBinaryWalksAReportFromReportToFile() throws {
  let directory = TemporaryDirectory("deviation-e2e")
  let store = TestStore()
  let env = binaryEnvironment(store: store.path)
  func run(_ arguments: [String]) throws -> RunResult {
    try runBinary(arguments, environment: env)
  }
  @discardableResult
  func refused(_ arguments: [String], code: Int32) throws -> RunResult {
    let before = store.snapshot()
    let result = try run(arguments)
    #expect(result.code == code, "\(result)")
    #expect(result.stdout.isEmpty)
    #expect(store.snapshot() == before)
    return result
  }

  // Below the minimum title: nothing is written, not even the store itself.
  var tooJunior = Walk.part1
  tooJunior[tooJunior.firstIndex(of: "biträdande enhetschef")!] = "socialsekreterare"
  let junior = try refused(tooJunior, code: 77)
  #expect(junior.stderr.hasPrefix("Error: The deviation cannot be reported:"))
  #expect(!FileManager.default.fileExists(atPath: store.path + "/store.json"))

  let unknownFrom = try refused(Walk.part1 + ["--from", "SIP-4"], code: 77)
  #expect(unknownFrom.stderr.contains("there is no SIP-4 in the store"))

  let created = try run(Walk.part1)
  #expect(created.code == 0, "\(created)")
  #expect(created.stdout == "DEV-1\n")

  try refused(["deviation", "file", "DEV-1", "--to", "Eva Ström"], code: 77)
  #expect(try run(Walk.part2("DEV-1")).code == 0)
  #expect(try run(Walk.signReporting("DEV-1")).code == 0)
  let oneSigned = try refused(Walk.file("DEV-1"), code: 77)
  #expect(oneSigned.stderr.contains("the receiving side's signature"))
  #expect(try run(Walk.signReceiving("DEV-1")).code == 0)
  let filed = try run(Walk.file("DEV-1") + ["--json"])
  #expect(filed.code == 0, "\(filed)")
  #expect(filed.stdout.contains("\"state\": \"filed\""))

  let locked = try refused(Walk.signReceiving("DEV-1"), code: 77)
  #expect(locked.stderr.contains("DEV-1 cannot be changed"))

  // The form goes to a file the caseworker can print or send.
  let form = try run(["deviation", "show", "DEV-1", "--format", "md"])
  #expect(form.code == 0)
  let path = directory.file("DEV-1.md")
  try form.stdout.write(toFile: path, atomically: true, encoding: .utf8)
  #expect(try String(contentsOfFile: path, encoding: .utf8).contains("## 2. Åtgärd"))

  let check = try run(["store", "check"])
  #expect(check.code == 0, "\(check)")
}

@Test(arguments: [
  "report", "respond", "sign", "file", "list", "show", "due", "stats", "history", "import",
  "export",
])
func everyVerbHasHelpWithAnExample(verb: String) {
  let store = TestStore()
  let help = store.run(["deviation", verb, "--help"])
  #expect(help.code == 0)
  #expect(help.stdout.contains("USAGE: samverkan deviation \(verb)"))
  #expect(help.stdout.contains("EXAMPLES:"))
  #expect(help.stdout.contains("$ samverkan deviation \(verb)"))
}
