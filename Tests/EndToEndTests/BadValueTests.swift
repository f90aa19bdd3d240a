import SamverkanDomain
import SamverkanTestSupport
import Testing

/// Typed values are converted before the verb runs: every bad value of a command line is
/// reported at once, each with its option's `Help:` line, in the layout the parser's own
/// errors use; nothing is written.
@Suite struct BadValueTests {
  @Test func everyBadValueIsReportedAtOnceWithItsHelpLine() {
    let store = TestStore()
    let result = store.expectRefused(
      [
        "consent", "grant", "--person", "19900101-2386", "--parties", "SF-NORDOST,NOPE",
        "--purpose", "sp", "--type", "sometimes", "--until", "2027-02-30", "--informed",
      ],
      code: 64)
    let lines = result.stderr.split(separator: "\n").map(String.init)
    let errors = lines.filter { $0.hasPrefix("Error: ") }
    #expect(errors.count == 4, "\(result)")
    for value in ["'sometimes'", "'19900101-2386'", "'NOPE'", "'2027-02-30'"] {
      #expect(errors.contains { $0.contains(value) }, "no error names \(value): \(result)")
    }
    for option in ["--type <type>", "--person <pnr>", "--parties <org> ...", "--until <date>"] {
      #expect(
        lines.contains { $0.hasPrefix("Help:  \(option)  ") }, "no Help: line for \(option)")
    }
    #expect(lines.filter { $0.hasPrefix("Usage: ") }.count == 1)
    #expect(result.stderr.hasSuffix("See 'samverkan consent grant --help' for more information.\n"))
  }

  @Test func oneBadValueGetsTheSameLayoutAsTheParsersErrors() {
    let store = TestStore()
    let result = store.expectRefused(
      ["consent", "list", "--person", "19900101-2386"], code: 64,
      mentioning: [
        "Error: The value '19900101-2386' is invalid for '--person <pnr>': ",
        "\nHelp:  --person <pnr>  ", "\nUsage: samverkan consent list",
      ])
    #expect(!result.stderr.contains("Error: Error"))
  }

  @Test func badRecordIDsAreReportedTogetherBeforeTheStoreIsRead() throws {
    let store = TestStore()
    try store.seedConsent(parties: ["SF-NORDOST", "FFS"], purposes: [.sp])
    store.expectRefused(
      ["consent", "show", "CON-x", "SIP-3", "CON-1"], code: 64,
      mentioning: [
        "Error: The value 'CON-x' is invalid for '<id> ...': this is not a record ID",
        "Error: The value 'SIP-3' is invalid for '<id> ...': SIP IDs name records of the kind",
        "Help:  <id> ...  ",
      ])
    // A verb taking IDs of several kinds accepts each of them.
    let shown = store.run(["sp", "show", "SP-1", "KONS-1"])
    #expect(!shown.stderr.contains("is invalid for"), "\(shown)")
  }

  @Test func badValuesComeAfterTheCommandLinesShape() {
    // A missing required option is said first, as before: the values are judged once the
    // command line has its shape.
    let store = TestStore()
    store.expectRefused(
      ["consent", "grant", "--person", "19900101-2386", "--parties", "SF-NORDOST,FFS"],
      code: 64, mentioning: ["Missing expected argument '--purpose <purpose>'"])
    // An option given with a value outside its list was given: its value is the error.
    store.expectRefused(
      [
        "sip", "create", "--person", TestPerson.adult, "--trigger", "whim", "--initiator",
        "REGION",
      ],
      code: 64,
      mentioning: ["The value 'whim' is invalid for '--trigger <trigger>'", "Help:  --trigger"])
  }
}
