import Foundation
import SamverkanCommandLine
import SamverkanKit
import SamverkanTestSupport
import Testing

/// Text from the store or the command line never drives the terminal it is printed on, and
/// a huge argument is not echoed back whole (issue 20: F19, F25).
@Suite struct TerminalSafetyTests {
  /// Set the terminal title, ring the bell, erase, clear the screen; a C1 CSI.
  static let hostile = "Anna\u{1B}]0;owned\u{07}\u{08}\u{7F}\u{1B}[2J\u{9B}31m"

  private func storeWithHostileText() -> TestStore {
    let store = TestStore()
    let result = store.run([
      "consent", "grant", "--person", TestPerson.adult, "--name", Self.hostile, "--parties",
      "SF-NORDOST,FFS", "--purpose", "sp", "--form", "written", "--until", "2027-11-30",
      "--informed", "--note", "note\u{1B}[31m", "--restrict", "x\u{07}",
    ])
    #expect(result.code == 0, "\(result)")
    return store
  }

  @Test(arguments: [
    ["consent", "list", "--format", "table"], ["consent", "list", "--format", "tsv"],
    ["consent", "list", "--format", "csv"], ["consent", "show", "CON-1", "--format", "table"],
    ["consent", "show", "CON-1"], ["consent", "show", "CON-1", "--format", "csv"],
    ["consent", "export", "--format", "csv"], ["consent", "history", "CON-1"],
  ])
  func controlCharactersAreShownNotObeyed(command: [String]) throws {
    let store = storeWithHostileText()
    let result = store.run(command)
    #expect(result.code == 0, "\(result)")
    let controls = result.stdout.unicodeScalars.filter {
      ($0.value < 0x20 && !["\n", "\t", "\r"].contains($0)) || (0x7F...0x9F).contains($0.value)
    }
    #expect(controls.isEmpty, "\(command): \(result.stdout.debugDescription)")
    if command.contains("show") || command.contains("list") || command.contains("export") {
      #expect(
        result.stdout.contains(#"Anna\e]0;owned\u0007\u0008\u007F\e[2J\u009B31m"#),
        "\(result.stdout.debugDescription)")
    }
  }

  @Test func tsvEscapesReadBack() {
    for value in [Self.hostile, #"a\u0007b"#, "\u{1B}", "tab\there"] {
      #expect(TSV.unescape(TSV.escape(value)) == value, "\(value.debugDescription)")
    }
  }

  @Test func errorsDoNotEchoControlCharacters() {
    let store = TestStore()
    let result = store.run(["consent", "show", "CON-1\u{1B}[2J"])
    #expect(result.code == 64 || result.code == 66, "\(result)")
    #expect(!result.stderr.contains("\u{1B}"), "\(result.stderr.debugDescription)")
    #expect(result.stderr.contains(#"\e[2J"#))
  }

  @Test func aHugeUnknownOptionIsNotEchoedWhole() {
    let store = TestStore()
    let huge = Array(repeating: "--" + String(repeating: "x", count: 131_072), count: 8)
    let result = store.run(["consent", "list"] + huge)
    #expect(result.code == 64)
    #expect(result.stderr.count < 2_000, "\(result.stderr.count) characters")
    #expect(result.stderr.contains("(131074 characters)"), "\(result.stderr.prefix(300))")
  }
}
