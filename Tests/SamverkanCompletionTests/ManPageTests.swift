import Foundation
import SamverkanCLI
import SamverkanCommandLine
import SamverkanKit
import SamverkanTestSupport
import Testing

/// `man samverkan` and a page per command, written from the same declarations as help and
/// completion, committed in `Completions/man/` and installed by `Scripts/install.sh`.
@Suite struct ManPageTests {
  static let pages = SamverkanCLI.manPages

  @Test func thereIsAPageForTheToolAndForEveryCommand() {
    let names = Self.pages.names
    #expect(names.first == "samverkan")
    for command in SamverkanCLI.root.subcommands where !command.isHidden {
      #expect(names.contains("samverkan-\(command.name)"), "\(command.name)")
    }
  }

  /// `Completions/man/` holds exactly what the command tree gives.
  @Test func theCommittedPagesAreCurrent() throws {
    let folder = repositoryRoot.appendingPathComponent("Completions/man")
    let committed = try FileManager.default.contentsOfDirectory(atPath: folder.path)
      .filter { $0.hasSuffix(".1") }
    #expect(
      Set(committed) == Set(Self.pages.names.map { "\($0).1" }),
      "run Scripts/man.sh and commit the result")
    for name in Self.pages.names {
      let text = try? String(
        contentsOf: folder.appendingPathComponent("\(name).1"), encoding: .utf8)
      #expect(
        text == Self.pages.page(named: name),
        "Completions/man/\(name).1 differs from the command tree: run Scripts/man.sh and commit the result."
      )
    }
  }

  @Test func everyVerbAndOptionIsOnItsCommandsPage() throws {
    for command in SamverkanCLI.root.subcommands where !command.isHidden {
      let page = try #require(Self.pages.page(named: "samverkan-\(command.name)"))
      for verb in command.subcommands where !verb.isHidden {
        #expect(
          page.contains(
            ".SS \"samverkan \(command.name) \(verb.name)".replacingOccurrences(
              of: "-", with: "\\-")), "\(command.name) \(verb.name)")
        for option in verb.options where !option.isHidden {
          #expect(
            page.contains(
              "\\fB\\-\\-\(option.name.replacingOccurrences(of: "-", with: "\\-"))\\fR"),
            "\(command.name) \(verb.name) --\(option.name)")
        }
      }
    }
    let root = try #require(Self.pages.page(named: "samverkan"))
    #expect(root.contains(".SH EXIT STATUS") && root.contains("\\-\\-wide"))
  }

  @Test func theHiddenCommandPrintsThePages() {
    let store = TestStore()
    #expect(store.run(["__man"]).lines == Self.pages.names)
    let consent = store.run(["__man", "samverkan-consent"])
    #expect(consent.code == 0 && consent.stdout == Self.pages.page(named: "samverkan-consent"))
    let unknown = store.run(["__man", "samverkan-nosuch"])
    #expect(unknown.code == 64 && unknown.stdout.isEmpty)
  }

  /// `MANWIDTH=80 man --warnings -l page` renders every page without a warning.
  @Test func everyPageRendersWithoutWarnings() throws {
    try #require(
      TestTool.runs(TestTool.installed("man") && TestTool.installed("groff")),
      "needs man-db and groff (apt-get install man-db groff-base)")
    guard TestTool.installed("man") else { return }
    for name in Self.pages.names {
      let file = repositoryRoot.appendingPathComponent("Completions/man/\(name).1").path
      let process = Process()
      process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
      process.arguments = ["man", "--warnings", "-l", file]
      process.environment = [
        "MANWIDTH": "80", "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "MAN_KEEP_FORMATTING": "",
        "MANPAGER": "cat", "PAGER": "cat",
      ]
      let output = Pipe()
      let errors = Pipe()
      process.standardOutput = output
      process.standardError = errors
      try process.run()
      let group = DispatchGroup()
      nonisolated(unsafe) var rendered = Data()
      DispatchQueue.global().async(group: group) {
        rendered = output.fileHandleForReading.readDataToEndOfFile()
      }
      let warnings = String(
        decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      process.waitUntilExit()
      group.wait()
      #expect(process.terminationStatus == 0, "\(name): \(warnings)")
      #expect(warnings.isEmpty, "\(name): \(warnings)")
      let text = String(decoding: rendered, as: UTF8.self)
      #expect(text.contains("NAME") && text.contains("SYNOPSIS"), "\(name)")
      // Prose fits 80 columns; an example's command line may not, where one quoted word
      // is longer (it is wrapped with ` \` wherever it can be).
      var inExample = false
      for line in text.split(separator: "\n") {
        let example = inExample || line.contains("$ samverkan") || line.contains("$ cp ")
        inExample = line.hasSuffix(" \\")
        if !example {
          #expect(line.count <= 80, "\(name): \(line)")
        }
      }
    }
  }
}
