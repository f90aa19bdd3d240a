import Foundation
import SamverkanDomain
import SamverkanEscalate
import SamverkanTestSupport
import Testing

/// The built `samverkan` binary, as a caseworker's shell runs it.
@Suite struct EscalateEndToEndTests {
  @Test func aMatterFromLevelOneToADecisionAtLevelThree() throws {
    let store = TestStore()
    let consent = try store.grantConsent()
    let env = binaryEnvironment(store: store.path)
    func run(_ arguments: [String], stdin: String = "") throws -> RunResult {
      try runBinary(arguments, environment: env, stdin: stdin)
    }
    func refused(_ arguments: [String], code: Int32, stdin: String = "") throws -> String {
      let before = store.snapshot()
      let result = try run(arguments, stdin: stdin)
      #expect(result.code == code, "\(arguments)\n\(result)")
      #expect(result.stdout.isEmpty)
      #expect(store.snapshot() == before, "\(arguments) changed the store")
      return result.stderr
    }

    let opened = try run([
      "escalate", "open", "--person", "900101-2385", "--name", "Anna Andersson", "--parties",
      "sf-nordost/bou,ffs", "--responsible", "SF-NORDOST/BOU", "--question",
      "Vem ansvarar för boendestödet efter 19 år?",
    ])
    #expect(opened.code == 0, "\(opened)")
    #expect(opened.stdout == "ESC-1\n")
    #expect(opened.stderr.contains("Ongoing interventions stay with SF-NORDOST/BOU"))

    #expect(
      try refused(["escalate", "raise", "ESC-1"], code: 77).contains("the caseworkers' own attempt")
    )
    #expect(try run(["escalate", "attempt", "ESC-1", "--note", "Telefonmöte"]).code == 0)
    #expect(try run(["escalate", "raise", "ESC-1"]).stdout == "ESC-1\n")

    // Incomplete, then late, then in time.
    let incomplete = try refused(
      ["--now", "2026-12-09T11:59", "escalate", "register", "ESC-1", "--meeting", "2026-12-10"],
      code: 77)
    #expect(incomplete.contains("short background") && incomplete.contains("current situation"))
    let parts = ["--background", "Autism, utredd 2019.", "--situation", "Boendestöd från BoU."]
    let late = try refused(
      ["--now", "2026-12-09T12:01", "escalate", "register", "ESC-1", "--meeting", "2026-12-10"]
        + parts,
      code: 77)
    #expect(late.contains("closed at 12:00 on 2026-12-09"))
    let registered = try run(
      ["--now", "2026-12-09T11:59", "escalate", "register", "ESC-1", "--meeting", "2026-12-10"]
        + parts)
    #expect(registered.code == 0, "\(registered)")

    let agenda = try run(["escalate", "agenda", "--meeting", "2026-12-10"])
    #expect(agenda.stdout.contains("## 1. ESC-1: Anna Andersson, 36 år"))
    #expect(agenda.stdout.contains("Ansvar för pågående insatser: SF-NORDOST/BOU"))

    // Level 3: in writing, everyone agreeing.
    let level3 = try refused(["escalate", "raise", "ESC-1"], code: 77)
    #expect(level3.contains("a written report") && level3.contains("the agreement of FFS"))
    #expect(
      try run(["escalate", "agree", "ESC-1", "--party", "SF-NORDOST/BOU", "--by", "Per Holm"]).code
        == 0)
    #expect(
      try run(["escalate", "agree", "ESC-1", "--party", "FFS", "--by", "Karin Ek"]).code == 0)
    // The samverkansmöte on 2026-12-10 is still ahead: raised only once a meeting was held.
    let early = try refused(["escalate", "raise", "ESC-1", "--report", "-"], code: 77)
    #expect(early.contains("held without a decision"))
    #expect(try run(["escalate", "held", "ESC-1"]).code == 0)
    let raised = try run(
      ["escalate", "raise", "ESC-1", "--report", "-"],
      stdin: "Skriftlig rapport till enhetscheferna.\n")
    #expect(raised.code == 0, "\(raised)")

    let resolved = try run([
      "escalate", "resolve", "ESC-1", "--decision", "BoU behåller ansvaret till 21 år",
      "--action", "SIP inom en månad",
    ])
    #expect(resolved.code == 0, "\(resolved)")
    let matter = try store.matter("ESC-1")
    #expect(matter.state == .resolved && matter.level == 3 && matter.decision?.level == 3)
    #expect(matter.references == [consent])
    let list = try run(["escalate", "list", "--state", "resolved", "--level", "3", "-q"])
    #expect(list.stdout == "ESC-1\n")
  }
}
