import Foundation
import SamverkanDomain
import SamverkanEscalate
import SamverkanTestSupport
import Testing

/// import checks every row by the same rules as the verbs.
@Suite struct ImportTests {
  /// A complete record as JSON, with the given fields replaced.
  func row(_ fields: [String: String] = [:]) -> String {
    var object: [String: String] = [
      "ref": "\"ext-1\"", "state": "\"open\"", "level": "1", "person": "\"\(TestPerson.adult)\"",
      "personName": "\"Anna Andersson\"", "parties": "[\"SF-NORDOST/BOU\",\"FFS\"]",
      "responsibleUnit": "\"SF-NORDOST/BOU\"", "question": "\"Vem ansvarar?\"",
      "background": "\"Autism\"", "situation": "\"Boendestöd\"", "openedOn": "\"2026-11-01\"",
      "openedBy": "\"tester\"",
    ]
    for (key, value) in fields { object[key] = value }
    return "{"
      + object.sorted { $0.key < $1.key }.map { "\"\($0.key)\":\($0.value)" }
      .joined(separator: ",") + "}"
  }

  @Test func roundTripsThroughExportAndImport() throws {
    let source = TestStore()
    try source.grantConsent()
    let id = source.namedAtLevel2()
    source.ok(["escalate", "register", id, "--meeting", "2026-12-10"])
    source.ok([
      "escalate", "open", "--anonymous", "--parties", parties, "--responsible", youthUnit,
      "--question", "x, \"y\"\nz",
    ])
    for format in ["ndjson", "csv"] {
      let exported = source.run(["escalate", "export", "--format", format])
      #expect(exported.code == 0)
      let target = TestStore()
      try target.grantConsent()
      let imported = target.run(["escalate", "import", "-"], stdin: exported.stdout)
      #expect(imported.code == 0, "\(format): \(imported)")
      #expect(
        target.run(["escalate", "export"]).stdout == source.run(["escalate", "export"]).stdout,
        "\(format)")
      let again = target.run(["escalate", "import", "-"], stdin: exported.stdout)
      #expect(again.stderr.contains("0 created, 0 updated, 2 unchanged"))
    }
  }

  @Test(
    arguments: [
      // Level 2 without the caseworkers' attempt.
      (["level": "2", "raises": #"[{"level":2,"date":"2026-11-02","by":"x"}]"#], "attempts"),
      // Level 3 without report or agreements.
      (
        [
          "level": "3",
          "attempts": #"[{"date":"2026-11-01","by":"x","note":"n"}]"#,
          "raises":
            #"[{"level":2,"date":"2026-11-02","by":"x"},{"level":3,"date":"2026-11-03","by":"x","legalGround":{"ground":"emergency","recordedBy":"x","date":"2026-11-03"}}]"#,
        ], "a written report is needed"
      ),
      // A registration after the deadline that is not acute.
      (
        [
          "level": "2",
          "attempts": #"[{"date":"2026-11-01","by":"x","note":"n"}]"#,
          "raises": #"[{"level":2,"date":"2026-11-02","by":"x"}]"#,
          "registrations":
            #"[{"meeting":"2026-12-10","registeredAt":"2026-12-09T11:01:00Z","registeredBy":"x","acute":false,"legalGround":{"ground":"emergency","recordedBy":"x","date":"2026-12-09"}}]"#,
        ], "closed at 12:00 on 2026-12-09"
      ),
      // A named registration without consent or ground.
      (
        [
          "level": "2",
          "attempts": #"[{"date":"2026-11-01","by":"x","note":"n"}]"#,
          "raises": #"[{"level":2,"date":"2026-11-02","by":"x"}]"#,
          "registrations":
            #"[{"meeting":"2026-12-10","registeredAt":"2026-12-01T09:00:00Z","registeredBy":"x"}]"#,
        ], "needs the person's consent"
      ),
      // An incomplete registration.
      (
        [
          "level": "2", "background": "null",
          "attempts": #"[{"date":"2026-11-01","by":"x","note":"n"}]"#,
          "raises": #"[{"level":2,"date":"2026-11-02","by":"x"}]"#,
          "registrations":
            #"[{"meeting":"2026-12-10","registeredAt":"2026-12-01T09:00:00Z","registeredBy":"x","legalGround":{"ground":"emergency","recordedBy":"x","date":"2026-12-01"}}]"#,
        ], "short background"
      ),
      // An anonymous consultation naming a person.
      (
        [
          "person": "null", "personName": "null", "anonymous": "true",
          "question": "\"Gäller \(TestPerson.adult)\"",
        ], "must hold nothing that identifies the person"
      ),
      // A decision leading to a record that does not exist.
      (
        [
          "state": "\"resolved\"",
          "decision": #"{"text":"t","level":1,"date":"2026-11-03","by":"x","links":["TRF-5"]}"#,
        ], "TRF-5 does not exist"
      ),
      // A resolved matter without its decision.
      (["state": "\"resolved\""], "a resolved matter records its decision"),
    ] as [([String: String], String)])
  func refusesRowsTheVerbsWouldRefuse(_ fields: [String: String], _ problem: String) {
    let store = TestStore()
    store.ok([
      "escalate", "open", "--anonymous", "--parties", parties, "--responsible", youthUnit,
      "--question", "x",
    ])
    let message = store.refused(["escalate", "import", "-"], code: 65, stdin: row(fields) + "\n")
    #expect(message.contains("-:1: "), "\(message)")
    #expect(message.contains(problem), "\(message)")
  }

  @Test func aDecidedMatterIsNotUpdatedByImport() throws {
    let store = TestStore()
    store.ok(["escalate", "import", "-"], stdin: row() + "\n")
    store.ok(["escalate", "resolve", "ESC-1", "--level", "1", "--decision", "Löst på nivå 1"])
    let exported = store.run(["escalate", "export"]).stdout
    let changed = exported.replacingOccurrences(of: "Löst på nivå 1", with: "Annat beslut")
    let message = store.refused(["escalate", "import", "-", "--update"], code: 65, stdin: changed)
    #expect(message.contains("a decided or withdrawn matter cannot change"))
  }
}
