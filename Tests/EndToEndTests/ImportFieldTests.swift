import Foundation
import SamverkanTestSupport
import Testing

/// JSON import rows are checked field by field, as CSV cells are (issue 20, F2): a mistyped
/// or unknown field is a problem, never silently dropped or read as something else.
@Suite struct ImportFieldTests {
  private static let row =
    #""person":"\#(TestPerson.adult)","personName":"Anna Andersson","parties":["SF-NORDOST","FFS"],"purposes":["sp"],"type":"explicit","form":"written","givenBy":"self","validFrom":"2026-01-01","validUntil":"2027-06-30","informed":true,"recordedBy":"handläggare","recordedOn":"2026-01-01""#

  @Test(arguments: [
    (#"{"personProtected":"true","#, "-:1: personProtected: \"true\" is not true or false"),
    (#"{"personProtected":1,"#, "-:1: personProtected: 1 is not true or false"),
    (
      #"{"personProtcted":true,"#,
      "personProtcted: there is no such field. Did you mean 'personProtected'?"
    ),
    (
      #"{"restriction":"Inget om ekonomin","#,
      "restriction: there is no such field. Did you mean 'restrictions'?"
    ),
    (#"{"note":12,"#, "-:1: note: 12 is not text"),
    (#"{"givenByName":["Eva"],"#, "-:1: givenByName: [\"Eva\"] is not text"),
    (#"{"id":"CON-7","id":"CON-1","#, "-:1: the key 'id' appears twice in one object"),
    (
      #"{"until":"2027-01-01","#,
      "-:1: until: the keys 'until' and 'validUntil' both give the field 'validUntil'; keep one"
    ),
    (
      #"{"Person":"\#(TestPerson.adult2)","#,
      "-:1: Person: the keys 'Person' and 'person' both give the field 'person'; keep one"
    ),
  ])
  func aMistypedOrUnknownFieldIsAProblem(start: String, words: String) throws {
    let store = TestStore()
    #expect(store.run(["consent", "import", "-"], stdin: "{" + Self.row + "}").code == 0)
    let before = store.snapshot()
    let result = store.run(["consent", "import", "-"], stdin: start + Self.row + "}")
    #expect(result.code == 65, "\(result)")
    #expect(result.stderr.contains(words), "\(result.stderr)")
    #expect(result.stdout.isEmpty)
    #expect(store.changedFiles(since: before) == [])
  }

  @Test func everyBadRowIsListedWithASyntaxErrorAfterThem() throws {
    let store = TestStore()
    let rows = [
      #"{"personProtected":"true","# + Self.row + "}",
      #"{"restriction":"x","# + Self.row + "}",
      #"{"id":"CON-1","id":"CON-2","# + Self.row + "}",
    ].joined(separator: "\n")
    let result = store.run(["consent", "import", "-"], stdin: rows)
    #expect(result.code == 65)
    #expect(result.stderr.contains("The input has 3 problems"), "\(result.stderr)")
    #expect(store.snapshot().isEmpty)
  }

  /// A JSON row's values are stored in their fields' forms, as a CSV row's cells are: a
  /// short personnummer long, a date offset as its date, a code and an organization as
  /// the routine spells them.
  @Test func aJSONRowsValuesAreStoredInTheirForms() throws {
    let store = TestStore()
    let row =
      #"{"person":"900101-2385","personName":"Anna Andersson","parties":["sf-nordost","FFS"],"purposes":["SP"],"type":"explicit","form":"Written","givenBy":"self","validFrom":"2026-01-01","validUntil":"+6m","informed":true,"recordedBy":"handläggare","recordedOn":"2026-01-01"}"#
    let result = store.run(
      ["consent", "import", "-"], stdin: row, environment: ["SAMVERKAN_TODAY": "2026-03-01"])
    #expect(result.code == 0, "\(result)")
    let shown = store.run(["consent", "show", "CON-1", "--format", "json"])
    for stored in [
      #""person":"19900101-2385""#, #""parties":["SF-NORDOST","FFS"]"#, #""purposes":["sp"]"#,
      #""form":"written""#, #""validUntil":"2026-09-01""#,
    ] {
      #expect(shown.stdout.filter { $0 != " " && $0 != "\n" }.contains(stored), "\(shown)")
    }
  }

  /// The protected mark in the right type still protects: the person is masked.
  @Test func aProtectedMarkAsTrueStillProtects() throws {
    let store = TestStore()
    let result = store.run(
      ["consent", "import", "-"], stdin: #"{"personProtected":true,"# + Self.row + "}")
    #expect(result.code == 0, "\(result)")
    let list = store.run(["consent", "list", "--fields", "person,personName"])
    #expect(!list.stdout.contains("Anna"), "\(list)")
  }

  /// NDJSON with lines ending in CR alone reads as one line: say so (issue 20, F23).
  @Test func crOnlyLineEndsGetAHint() throws {
    let store = TestStore()
    let rows = [
      "{" + Self.row + "}", "{" + Self.row.replacingOccurrences(of: "Anna", with: "Eva") + "}",
    ]
    let result = store.run(["consent", "import", "-"], stdin: rows.joined(separator: "\r") + "\r")
    #expect(result.code == 65, "\(result)")
    #expect(result.stderr.contains("end in CR alone"), "\(result.stderr)")
    #expect(store.snapshot().isEmpty)
  }

  /// The line an unterminated quote opens on is the one named, for every kind (F23).
  @Test(arguments: ["sip", "sp", "escalate", "transfer", "contacts", "consent"])
  func anUnterminatedQuoteNamesItsLine(command: String) throws {
    let store = TestStore()
    for (text, line) in [
      ("id,note\r\nX-1,\"open\r\nX-2,x\r\n", 2), ("id,note\nX-1,x\nX-2,\"open", 3),
    ] {
      let result = store.run([command, "import", "-"], stdin: text)
      #expect(result.code == 65, "\(result)")
      #expect(
        result.stderr.contains(
          "-:\(line): a quoted cell starts on this line but its closing quote is missing"),
        "\(result.stderr)")
    }
    #expect(store.snapshot().isEmpty)
  }
}
