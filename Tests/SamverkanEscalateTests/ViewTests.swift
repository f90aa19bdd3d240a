import Foundation
import SamverkanDomain
import SamverkanEscalate
import SamverkanJSON
import SamverkanTestSupport
import Testing

/// list and show: filters, and the responsible unit on every view of an open matter.
@Suite struct ViewTests {
  func store() throws -> TestStore {
    let store = TestStore()
    try store.grantConsent()
    let first = store.namedAtLevel2()  // ESC-1, level 2, registered
    store.ok(["escalate", "register", first, "--meeting", "2026-12-10"])
    store.ok([  // ESC-2, level 1, anonymous, AVO
      "escalate", "open", "--anonymous", "--parties", "SF-HISINGEN/VUXEN,AVO", "--responsible",
      "AVO", "--question", "Fråga om hemtjänst",
    ])
    let third = store.openNamed(person: TestPerson.adult2, name: "Omar Said")  // ESC-3
    store.ok(["escalate", "withdraw", third, "--reason", "Löst"])
    return store
  }

  func ids(_ result: RunResult) -> [String] {
    result.lines.map { String($0.split(separator: "\t")[0]) }
  }

  @Test func listsWithTheResponsibleUnitAndTheLevelsRole() throws {
    let store = try store()
    let result = store.run(["escalate", "list"])
    #expect(result.code == 0)
    #expect(
      result.lines == [
        "ESC-1\topen\t2 biträdande enhetschef\t19900101-2385\tAnna Andersson\tSF-NORDOST/BOU|FFS\tSF-NORDOST/BOU\t2026-12-10\tVem ansvarar för boendestödet efter 19 år?",
        "ESC-2\topen\t1 handläggare\t\t(anonym)\tSF-HISINGEN/VUXEN|AVO\tAVO\t\tFråga om hemtjänst",
        "ESC-3\twithdrawn\t1 handläggare\t19900102-2384\tOmar Said\tSF-NORDOST/BOU|FFS\tSF-NORDOST/BOU\t\tVem ansvarar för boendestödet efter 19 år?",
      ])
    let table = store.run(["escalate", "list", "--format", "table"])
    #expect(table.lines.first?.contains("RESPONSIBLE FOR INTERVENTIONS") == true)
  }

  @Test(arguments: [
    (["--state", "open"], ["ESC-1", "ESC-2"]),
    (["--state", "withdrawn"], ["ESC-3"]),
    (["--level", "2"], ["ESC-1"]),
    (["--level", "1", "--state", "open"], ["ESC-2"]),
    (["--party", "FFS"], ["ESC-1", "ESC-3"]),
    (["--party", "SF-HISINGEN"], ["ESC-2"]),
    (["--party", "SF-NORDOST/BOU"], ["ESC-1", "ESC-3"]),
    (["--meeting", "2026-12-10"], ["ESC-1"]),
    (["--meeting", "2026-12-11"], []),
    (["--person", TestPerson.adult2], ["ESC-3"]),
  ])
  func filters(_ options: [String], _ expected: [String]) throws {
    let store = try store()
    let result = store.run(["escalate", "list"] + options)
    #expect(result.code == 0, "\(result)")
    #expect(ids(result) == expected)
    let export = store.run(["escalate", "export"] + options)
    #expect(
      try export.lines.map { try JSONParser.parse(Array($0.utf8))["id"]?.stringValue ?? "" }
        == expected)
  }

  @Test func refusesAnUnknownLevelOrState() throws {
    let store = try store()
    #expect(store.run(["escalate", "list", "--level", "5"]).stderr.contains("from 1 to 4"))
    #expect(store.run(["escalate", "list", "--state", "closed"]).code == 64)
  }

  @Test func listAsJSONIsTheStoredRecord() throws {
    let store = try store()
    let result = store.run([
      "escalate", "list", "--format", "ndjson", "--state", "open", "--level", "2",
    ])
    let row = try JSONParser.parse(Array(result.lines[0].utf8))
    #expect(row["levelRole"] == nil)
    #expect(row["responsibleUnit"]?.stringValue == "SF-NORDOST/BOU")
    #expect(row["registrations"]?.arrayValue?.count == 1)
  }

  @Test func showNamesTheResponsibleUnitOfAnOpenMatter() throws {
    let store = try store()
    let open = store.run(["escalate", "show", "ESC-1"])
    #expect(open.code == 0)
    #expect(open.lines.contains("responsibleUnit\tSF-NORDOST/BOU"))
    #expect(
      open.stderr
        == "ESC-1 is open at level 2 (biträdande enhetschef). Ongoing interventions stay with SF-NORDOST/BOU (Socialförvaltningen Nordost, barn och unga) while ESC-1 is open; the individual's support must not stop.\n"
    )
    let withdrawn = store.run(["escalate", "show", "esc-3", "--json"])
    #expect(withdrawn.code == 0)
    #expect(withdrawn.stderr.isEmpty)
    #expect(try JSONParser.parse(Array(withdrawn.stdout.utf8))["state"]?.stringValue == "withdrawn")
    #expect(store.run(["escalate", "show", "ESC-9"]).code == 66)
  }

  @Test func everyVerbHasHelpWithAnExample() {
    let store = TestStore()
    for verb in [
      "open", "attempt", "raise", "agree", "register", "agenda", "resolve", "withdraw", "list",
      "show", "history", "import", "export",
    ] {
      let help = store.run(["escalate", verb, "--help"])
      #expect(help.code == 0, "\(verb)")
      #expect(help.stdout.contains("EXAMPLES:"), "\(verb) has no example")
    }
  }
}
