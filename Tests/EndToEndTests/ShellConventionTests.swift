import Foundation
import SamverkanCLI
import SamverkanCommandLine
import SamverkanKit
import SamverkanTestSupport
import Testing

/// What gh, git and Taskwarrior users expect of a command line (issue 17): several IDs per
/// verb, tables that fit the terminal, a missing store that is not an empty one, a bad
/// profile refused everywhere, and the same fields from list, show and export.
@Suite struct ShellConventionTests {
  static let grant = [
    "consent", "grant", "--person", TestPerson.adult, "--parties", "SF-NORDOST,FFS", "--purpose",
    "sp", "--type", "implied", "--review", "+30d", "--until", "+1y", "--informed",
  ]

  /// A store with three implied consents, CON-1 to CON-3.
  func threeConsents() -> TestStore {
    let store = TestStore()
    for _ in 1...3 { store.run(Self.grant) }
    return store
  }

  // MARK: - Several IDs

  @Test func showAndHistoryTakeSeveralIDs() throws {
    let store = threeConsents()
    let json = store.run(["consent", "show", "CON-1", "con-3", "--json"])
    #expect(json.code == 0, "\(json)")
    let array = try #require(
      try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
    #expect(array.map { $0["id"] as? String } == ["CON-1", "CON-3"])
    let ndjson = store.run(["consent", "show", "CON-2", "CON-1", "--format", "ndjson"])
    #expect(ndjson.lines.count == 2 && ndjson.lines[0].contains(#""id":"CON-2""#), "\(ndjson)")
    // One ID is shown as before: one object.
    #expect(store.run(["consent", "show", "CON-1", "--json"]).stdout.hasPrefix("{"))
    let csv = store.run(["consent", "show", "CON-1", "CON-2", "--format", "csv"])
    #expect(
      csv.stdout.components(separatedBy: "\r\n").count == 4, "one header, one row each: \(csv)")
    let history = store.run(["consent", "history", "CON-1", "CON-2", "--fields", "id,action"])
    #expect(history.lines == ["CON-1\tgrant", "CON-2\tgrant"], "\(history)")
    // As from a pipe: one run, no xargs -n1.
    let listed = store.run(["consent", "list", "-q"]).lines
    #expect(store.run(["consent", "show", "-q"] + listed).lines == listed)
  }

  @Test func aMissingIDShowsNothing() {
    let store = threeConsents()
    for verb in ["show", "history"] {
      let result = store.run(["consent", verb, "CON-1", "CON-9"])
      #expect(result.code == 66, "\(verb): \(result)")
      #expect(result.stdout.isEmpty, "\(verb)")
      #expect(result.stderr.contains("CON-9"), "\(verb)")
    }
  }

  @Test func severalChangesAreOneCommitOrNone() throws {
    let store = threeConsents()
    let reviewed = store.run(["consent", "review", "CON-1", "CON-2", "--next", "+20d"])
    #expect(reviewed.code == 0 && reviewed.lines == ["CON-1", "CON-2"], "\(reviewed)")
    store.run([
      "consent", "revoke", "CON-3", "--reason", "Vill inte", "--communicated", "per telefon",
    ])
    // CON-3 is withdrawn: reviewing it with the others changes none of them.
    var before = store.snapshot()
    let refused = store.run(["consent", "review", "CON-1", "CON-3", "CON-2"])
    #expect(refused.code == 77, "\(refused)")
    #expect(refused.stderr.contains("CON-3 was withdrawn"))
    #expect(refused.stdout.isEmpty)
    #expect(store.changedFiles(since: before).isEmpty)
    // The same for withdrawing: one already withdrawn, or one that does not exist.
    for ids in [["CON-1", "CON-3"], ["CON-1", "CON-7"]] {
      before = store.snapshot()
      let result = store.run(
        ["consent", "revoke"] + ids + ["--reason", "Vill inte", "--communicated", "per brev"])
      #expect([66, 77].contains(result.code), "\(result)")
      #expect(store.changedFiles(since: before).isEmpty, "\(ids)")
    }
    let both = store.run(
      [
        "consent", "revoke", "CON-1", "CON-2", "--reason", "Vill inte", "--communicated",
        "per brev",
      ])
    #expect(both.code == 0, "\(both)")
    #expect(both.stderr.contains("Withdrew CON-1") && both.stderr.contains("Withdrew CON-2"))
    let statuses = store.run(["consent", "list", "--fields", "id,status"]).lines
    #expect(statuses == ["CON-1\trevoked", "CON-2\trevoked", "CON-3\trevoked"])
    // One commit: the two withdrawals are journaled by one command line.
    let journal = store.run(
      ["consent", "history", "CON-1", "CON-2", "--format", "ndjson", "--fields", "argv"]
    ).lines
    #expect(journal.count == 6 && journal[2] == journal[5], "\(journal)")
  }

  @Test func helpAndCompletionShowSeveralIDs() {
    let help = TestStore().run(["consent", "revoke", "--help"]).stdout
    #expect(help.contains("<id> ..."), "\(help)")
    let show = TestStore().run(["help", "contacts", "show"]).stdout
    #expect(show.contains("<id> ..."), "\(show)")
    // The completion scripts offer IDs again after the first one.
    for shell in ["bash", "zsh"] {
      let script = TestStore().run(["completions", shell]).stdout
      let block = script.components(separatedBy: "'consent revoke')").last ?? ""
      #expect(block.prefix(400).contains("repeats=1"), "\(shell)")
    }
  }

  // MARK: - Tables that fit the terminal

  @Test func aTableOnATerminalIsShortenedToItsWidth() {
    // The widest columns give way first; short ones (IDs) stay whole.
    let fitted = TableFitProbe.widths([6, 30, 60], within: 40)
    #expect(fitted.count == 3 && fitted[0] == 6 && fitted.reduce(0, +) == 40 - 4, "\(fitted)")
    #expect(abs(fitted[1] - fitted[2]) <= 1, "\(fitted)")
    #expect(TableFitProbe.widths([6, 10], within: 80) == [6, 10])
  }

  @Test func aTableUnderAPseudoTerminalFitsCOLUMNS() throws {
    try #require(TestTool.runs(TestTool.installed("script")), "needs script (util-linux)")
    let store = TestStore()
    func underTerminal(_ arguments: [String], columns: String = "80") throws -> [String] {
      // script(1) gives the command a pseudo-terminal, as a person's terminal is.
      let command = ([samverkanBinary] + arguments).map { "'\($0)'" }.joined(separator: " ")
      let result = try runBinary(
        [], environment: binaryEnvironment(store: store.path, ["COLUMNS": columns]),
        shell: "exec script -q -e -c \(shellQuoted(command)) /dev/null; :")
      let text = result.stdout.replacingOccurrences(of: "\r", with: "")
        .replacingOccurrences(of: "\u{1B}[1m", with: "").replacingOccurrences(
          of: "\u{1B}[0m", with: "")
      return text.split(separator: "\n").map(String.init)
    }
    // (The pseudo-terminal also carries stderr: the note that there is no store yet.)
    let narrow = try underTerminal(["contacts", "list"]).filter { !$0.hasPrefix("Note:") }
    let rows = narrow.filter { $0.hasPrefix("CT-") }
    #expect(rows.count == 20, "\(narrow)")
    #expect(narrow.allSatisfy { $0.count <= 80 }, "\(narrow)")
    #expect(rows.contains { $0.contains("…") }, "\(narrow)")
    let wide = try underTerminal(["contacts", "list", "--wide"]).filter { !$0.hasPrefix("Note:") }
    #expect(wide.contains { $0.count > 80 } && !wide.contains { $0.contains("…") }, "\(wide)")
    // In a pipe nothing is ever cut.
    let piped = store.run(["contacts", "list", "--format", "table"])
    #expect(!piped.stdout.contains("…"))
  }

  /// `import -` on a terminal would otherwise look hung: it says it is waiting for rows. In
  /// a pipe, or with a file, nothing is said.
  @Test func importFromATerminalSaysItIsWaiting() throws {
    try #require(TestTool.runs(TestTool.installed("script")), "needs script (util-linux)")
    let store = TestStore()
    func underTerminal(_ arguments: [String]) throws -> RunResult {
      let command = ([samverkanBinary] + arguments).map { "'\($0)'" }.joined(separator: " ")
      // Ctrl-D on the pseudo-terminal ends the input, as it would for a person.
      return try runBinary(
        [], environment: binaryEnvironment(store: store.path),
        shell: "printf '\\004' | script -q -e -c \(shellQuoted(command)) /dev/null; :")
    }
    let waiting = "Waiting for rows on standard input (end with Ctrl-D)"
    let typed = try underTerminal(["consent", "import", "-"])
    #expect(typed.stdout.contains(waiting), "\(typed)")
    let file = try underTerminal(["consent", "import", "/dev/null"])
    #expect(!file.stdout.contains(waiting), "\(file)")
    let piped = store.run(["consent", "import", "-"], stdin: "")
    #expect(!piped.stderr.contains(waiting), "\(piped)")
  }

  @Test func listTakesLimitAndSort() throws {
    let store = TestStore()
    let limited = store.run(["contacts", "list", "--limit", "3", "-q"])
    #expect(limited.lines == ["CT-1", "CT-2", "CT-3"], "\(limited)")
    #expect(store.run(["contacts", "list", "--limit", "0"]).stdout.isEmpty)
    let byName = store.run(["contacts", "list", "--sort", "name", "--fields", "name"]).lines
    #expect(byName.count == 20)
    // As a Swede sorts: funktionsstöd before försörjningsstöd (ö after z).
    let funktion = try #require(byName.firstIndex(of: "Mottag funktionsstöd Centrum"))
    let forsorjning = try #require(byName.firstIndex(of: "Mottag försörjningsstöd"))
    #expect(funktion < forsorjning, "\(byName)")
    #expect(byName.first == "Mottag barn och unga" && byName.last?.hasPrefix("Myndighet") == true)
    let sortedLimited = store.run([
      "contacts", "list", "--sort", "organization", "--limit", "2", "--fields", "organization",
    ])
    #expect(sortedLimited.lines == ["AVO", "AVO"], "\(sortedLimited)")
    // IDs sort by number, not by text (CT-2 before CT-10).
    let byID = store.run(["contacts", "list", "--sort", "id", "-q"]).lines
    #expect(byID.prefix(3) == ["CT-1", "CT-2", "CT-3"] && byID.last == "CT-20", "\(byID)")
    let typo = store.run(["contacts", "list", "--sort", "nmae"])
    #expect(typo.code == 64 && typo.stderr.contains("Did you mean 'name'?"), "\(typo)")
    #expect(store.run(["contacts", "list", "--limit", "-1"]).code == 64)
    #expect(store.run(["contacts", "list", "--limit", "many"]).code == 64)
  }

  @Test func everyListVerbHasLimitAndSort() {
    for command in SamverkanCLI.root.subcommands {
      guard let list = command.subcommand(named: "list") else { continue }
      #expect(list.option(named: "limit") != nil, "\(command.name) list")
      #expect(list.option(named: "sort") != nil, "\(command.name) list")
    }
  }

  // MARK: - A store that does not exist

  @Test func readingAMissingStoreSaysSo() {
    let store = TestStore()
    let list = store.run(["consent", "list", "-q"])
    #expect(list.code == 0 && list.stdout.isEmpty, "\(list)")
    #expect(list.stderr.contains("there is no store at \(store.path)"), "\(list)")
    #expect(list.stderr.contains("check --store or SAMVERKAN_STORE"))
    let check = store.run(["store", "check"])
    #expect(check.code == 1, "\(check)")
    #expect(check.stdout.contains("there is no store here"))
    #expect(!FileManager.default.fileExists(atPath: store.path))
    // A change creates it; from then on nothing is said.
    #expect(store.run(Self.grant).stderr.contains("no store") == false)
    let after = store.run(["consent", "list", "-q"])
    #expect(after.lines == ["CON-1"] && !after.stderr.contains("no store"), "\(after)")
    #expect(store.run(["store", "check"]).code == 0)
  }

  // MARK: - A broken profile.json

  /// Every verb that works on the store, with placeholder arguments that the parser accepts:
  /// the profile is read before anything else, so each must end in 78.
  static func everyVerb() -> [[String]] {
    var lines: [[String]] = []
    func walk(_ command: CommandSpec, _ path: [String]) {
      if command.run != nil, command.usesStore {
        var line = path
        for argument in command.arguments where argument.isRequired { line.append("1") }
        for option in command.options where option.isRequired {
          line += ["--\(option.name)", option.allowedValues?.first ?? "1"]
        }
        lines.append(line)
      }
      for verb in command.subcommands { walk(verb, path + [verb.name]) }
    }
    walk(SamverkanCLI.root, [])
    return lines
  }

  @Test func aBrokenProfileIsRefusedByEveryCommand() throws {
    let verbs = Self.everyVerb()
    #expect(verbs.count > 80, "the whole tree: \(verbs.count)")
    for content in ["{ not json", #"{"consent": {"reviewIntervalDays": "ninety"}}"#] {
      let store = TestStore()
      try FileManager.default.createDirectory(atPath: store.path, withIntermediateDirectories: true)
      try content.write(toFile: store.path + "/profile.json", atomically: true, encoding: .utf8)
      let before = store.snapshot()
      for line in verbs {
        let result = store.run(line)
        #expect(result.code == 78, "\(line): \(result)")
        #expect(result.stdout.isEmpty, "\(line)")
        #expect(result.stderr.contains("profile.json"), "\(line)")
      }
      #expect(store.changedFiles(since: before).isEmpty)
      // Help still helps, to find out what to do.
      #expect(store.run(["help", "store", "profile"]).code == 0)
      #expect(store.run(["consent", "--help"]).code == 0)
    }
  }

  // MARK: - The same fields from list, show and export

  /// One record of each kind, of a person with protected personal data where it names one.
  func everyKind() -> TestStore {
    let store = TestStore()
    let adult = TestPerson.adult
    let lines: [[String]] = [
      [
        "consent", "grant", "--person", adult, "--parties", "SF-NORDOST,FFS,REGION", "--purpose",
        "sp,sip", "--form", "written", "--until", "+1y", "--informed", "--protected",
      ],
      [
        "sip", "create", "--person", adult, "--name", "Anna Andersson", "--initiator",
        "SF-NORDOST", "--trigger", "need",
      ],
      ["sp", "create", "--person", adult, "--by", "SF-NORDOST", "--with", "FFS"],
      [
        "transfer", "plan", "--person", "20080601-2399", "--from", "SF-NORDOST/BOU", "--to",
        "SF-NORDOST/VUXEN",
      ],
      [
        "escalate", "open", "--person", adult, "--name", "Anna Andersson", "--parties",
        "SF-NORDOST/BOU,FFS", "--responsible", "SF-NORDOST/BOU", "--question", "Vem ansvarar?",
        "--background", "Autism, utredd 2019.", "--situation", "Boendestöd från BoU.",
      ],
      [
        "deviation", "report", "--reporting-unit", "SF-NORDOST/BOU", "--units", "FFS",
        "--category", "late-notice", "--what", "Sen avisering.", "--perceived", "Stress.",
        "--improvement", "Avisera i tid.", "--name", "Karin Lund", "--title",
        "biträdande enhetschef",
      ],
    ]
    for line in lines {
      let result = store.run(line)
      #expect(result.code == 0, "\(line): \(result)")
    }
    return store
  }

  func keys(_ line: String) throws -> Set<String> {
    let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
    return Set(try #require(object).keys)
  }

  @Test(arguments: [
    ("consent", "CON-1"), ("sip", "SIP-1"), ("sp", "SP-1"), ("transfer", "TRF-1"),
    ("escalate", "ESC-1"), ("deviation", "DEV-1"), ("contacts", "CT-1"),
  ])
  func listShowAndExportHaveTheSameFields(command: String, id: String) throws {
    let store = everyKind()
    for reveal in [[], ["--reveal"]] {
      let list = store.run([command, "list", "--format", "ndjson"] + reveal)
      let show = store.run([command, "show", id, "--format", "ndjson"] + reveal)
      let export = store.run([command, "export"] + reveal)
      let listed = try keys(try #require(list.lines.first, "\(list)"))
      let shown = try keys(try #require(show.lines.first, "\(show)"))
      let exported = try keys(try #require(export.lines.first, "\(export)"))
      #expect(listed == shown, "\(command) \(reveal): \(listed.symmetricDifference(shown))")
      // Export writes the record as stored, what import reads back: `status` is derived
      // on the day, so it is in list and show only (as their help says).
      #expect(
        exported == shown.subtracting(["status"]),
        "\(command) \(reveal): \(exported.symmetricDifference(shown))")
      if ["consent", "sip", "sp", "escalate"].contains(command) {
        #expect(shown.contains("personProtected"), "\(command)")
      }
    }
  }
}

/// `TableFit` as the table writer uses it.
enum TableFitProbe {
  static func widths(_ natural: [Int], within width: Int) -> [Int] {
    // Through the public output: a table of one row with cells of these widths.
    let row = natural.enumerated().map { index, count in
      String(repeating: Character(String(UnicodeScalar(UInt8(97 + index)))), count: count)
    }
    let stdout = OutputSink(capturingAsTerminal: true)
    let stderr = OutputSink(capturingAsTerminal: false)
    _ = Runner(
      root: CommandSpec(
        name: "t", abstract: "",
        subcommands: [
          CommandSpec(name: "list", abstract: "") { call in
            try call.writeList(
              columns: row.indices.map { Column("f\($0)", "F\($0)") },
              fields: row.indices.map { "f\($0)" }, masking: .none
            ) { emit in
              try emit(
                .object(
                  Dictionary(uniqueKeysWithValues: row.enumerated().map { ("f\($0)", .string($1)) })
                ))
            }
            return 0
          }
        ]),
      version: "0"
    ).run(
      arguments: ["list"], environment: ["COLUMNS": String(width), "HOME": "/nonexistent"],
      stdout: stdout, stderr: stderr)
    let line = stdout.text.split(separator: "\n").last.map(String.init) ?? ""
    return line.split(separator: " ", omittingEmptySubsequences: true).map(\.count)
  }
}

private func shellQuoted(_ text: String) -> String {
  "'" + text.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
}
