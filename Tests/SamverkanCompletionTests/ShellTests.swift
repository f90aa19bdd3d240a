import Foundation
import SamverkanCommandLine
import SamverkanKit
import SamverkanTestSupport
import Testing

/// Each completion script loaded in its real shell: what Tab offers on samverkan's command
/// lines. The shells run with the built binary first on PATH, in a folder holding two stores,
/// a CSV file and the stores' folders.
@Suite(
  .enabled(
    if: TestTool.runs(TestTool.installed("zsh") && TestTool.installed("fish")),
    "zsh or fish is not installed: apt-get install zsh fish (.ci/run does)"))
struct ShellTests {
  /// A folder with `store` (SAMVERKAN_STORE: SIP-1, SIP-2), `other` (SIP-1 … SIP-3), and
  /// `rows.csv`.
  final class Workspace: Sendable {
    let directory = TemporaryDirectory("completion")
    var path: String { directory.path }
    var store: String { directory.file("store") }

    init() throws {
      for (store, count) in [("store", 2), ("other", 3)] {
        for person in try TestPerson.all().prefix(count) {
          let result = runSamverkan(
            ["sip", "create", "--person", person, "--trigger", "need", "--initiator", "FFS"],
            store: directory.file(store))
          try #require(result.code == 0, "\(result)")
        }
      }
      try "person,name\n".write(
        toFile: directory.file("rows.csv"), atomically: true, encoding: .utf8)
    }
  }

  static let builtInContacts = (1...20).map { "CT-\($0)" }

  /// Lines and what Tab must offer after each, the same in every shell.
  static let expectations: [(line: String, offers: [String])] = [
    // Commands and verbs; hidden __complete is never offered.
    ("samverkan s", ["sip", "sp", "store"]),
    ("samverkan consent g", ["grant", "grounds"]),
    ("samverkan comp", ["completions"]),
    ("samverkan __", []),
    ("samverkan completions ", ["bash", "fish", "zsh"]),
    ("samverkan SIP sh", ["show"]),
    // Options, and the fixed values of enums and formats.
    ("samverkan consent grant --ty", ["--type"]),
    ("samverkan sip show --fo", ["--format"]),
    ("samverkan contacts list --format ", ["csv", "json", "ndjson", "table", "tsv"]),
    ("samverkan sip show --format ", ["csv", "json", "md", "ndjson", "table", "tsv"]),
    ("samverkan consent grant --type ", ["explicit", "implied", "presumed"]),
    ("samverkan consent grant --type=i", ["implied"]),
    ("samverkan --format=j", ["json"]),
    ("samverkan deviation report --title bi", ["biståndshandläggare", "biträdande enhetschef"]),
    ("samverkan consent grant --purpose sip,s", ["sip", "sp", "support-contact"]),
    // Global options anywhere before '--', their values skipped; a subcommand after '--'.
    ("samverkan --today 2026-11-25 --json s", ["sip", "sp", "store"]),
    ("samverkan -q -- s", ["sip", "sp", "store"]),
    ("samverkan sip show -- --", []),
    // Files for import, folders for --store.
    ("samverkan contacts import ", ["other", "rows.csv", "store"]),
    ("samverkan contacts import r", ["rows.csv"]),
    ("samverkan --store ", ["other", "store"]),
    // Record IDs from SAMVERKAN_STORE, or from the --store given earlier on the line.
    ("samverkan sip show ", ["SIP-1", "SIP-2"]),
    ("samverkan --store other sip show ", ["SIP-1", "SIP-2", "SIP-3"]),
    ("samverkan sip --store=other show S", ["SIP-1", "SIP-2", "SIP-3"]),
    ("samverkan sip show --store other ", ["SIP-1", "SIP-2", "SIP-3"]),
    ("samverkan --store other sip show sip-", ["sip-1", "sip-2", "sip-3"]),
    ("samverkan --store missing sip show ", []),
    // show takes several IDs: after one, the IDs are offered again.
    ("samverkan sip show SIP-1 ", ["SIP-1", "SIP-2"]),
    ("samverkan --store other contacts show C", builtInContacts),
    (
      "samverkan contacts show CT-1",
      [
        "CT-1", "CT-10", "CT-11", "CT-12", "CT-13", "CT-14", "CT-15", "CT-16", "CT-17", "CT-18",
        "CT-19",
      ]
    ),
    // Organizations from the profile, in comma-separated lists too; fields of the command's
    // records.
    ("samverkan consent grant --parties SF-NORDOST,F", ["FFS", "FK"]),
    (
      "samverkan contacts list --org=SF-NORDOST/",
      ["SF-NORDOST/BOU", "SF-NORDOST/EKB", "SF-NORDOST/VUXEN"]
    ),
    ("samverkan consent list --fields valid", ["validFrom", "validUntil"]),
  ]

  @Test(arguments: CompletionShell.allCases)
  func tabOffers(_ shell: CompletionShell) throws {
    let workspace = try Workspace()
    let lines = Self.expectations.map(\.line)
    let results = try ShellRunner(shell).complete(
      lines, in: workspace.path, environment: ["SAMVERKAN_STORE": workspace.store])
    for ((line, expected), offered) in zip(Self.expectations, results) {
      #expect(offered == expected.sorted(), "\(shell): '\(line)'")
    }
  }

  /// What bash inserts: the text after the '=' or ':' bash splits the word at, with blanks
  /// escaped.
  @Test func bashQuotesWhatItInserts() throws {
    let workspace = try Workspace()
    let results = try ShellRunner(.bash).completeRaw(
      [
        "samverkan deviation report --title bitr", "samverkan deviation report --title=1:",
        "samverkan contacts list --fields=name,e",
      ], in: workspace.path)
    #expect(results[0] == [#"biträdande\ enhetschef"#])
    #expect(results[1] == [#"e\ socialsekreterare"#])
    #expect(results[2].sorted() == ["name,email", "name,emails"])
  }

  /// A tree with awkward values: quotes, blanks and a hidden command, in every shell.
  @Test(arguments: CompletionShell.allCases)
  func awkwardValuesSurviveQuoting(_ shell: CompletionShell) throws {
    let root = CommandSpec(
      name: "tool", abstract: "A tool.",
      subcommands: [
        CommandSpec(
          name: "add", abstract: "Add one.",
          options: [
            ListOption<String>(
              "tag", value: "tag", help: "A tag: it's \"quoted\", [with] $signs.",
              completion: .values(["it's", "a b", "x$y", #"back\slash"#]))
          ]
        ) { _ in 0 },
        CommandSpec(name: "hidden", abstract: "Not offered.", isHidden: true) { _ in 0 },
      ])
    let directory = TemporaryDirectory()
    let results = try ShellRunner(shell, root: root).complete(
      ["tool ", "tool add --tag ", "tool add --tag it", "tool add --t"], in: directory.path)
    #expect(results[0] == ["add"])
    #expect(results[1] == ["a b", #"back\slash"#, "it's", "x$y"])
    #expect(results[2] == ["it's"])
    #expect(results[3] == ["--tag"])
    if shell == .bash {
      // Quoted for bash, so that what is inserted reads back as the value.
      let raw = try ShellRunner(shell, root: root).completeRaw(
        ["tool add --tag it", "tool add --tag x", "tool add --tag b"], in: directory.path)
      #expect(raw == [[#"it\'s"#], [#"x\$y"#], [#"back\\slash"#]])
    }
  }
}
