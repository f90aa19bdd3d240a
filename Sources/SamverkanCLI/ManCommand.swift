import Foundation
import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain

/// `samverkan __man [<page>]`: the manual pages, for `Scripts/man.sh` (hidden, as the
/// completion entry point is). Without a page it lists the page names.
enum ManCommand {
  static let page = Argument<String>(
    "page", help: "The page to print (samverkan, samverkan-consent, …); none lists them.",
    required: false)

  static let spec: CommandSpec = CommandSpec(
    name: "__man", abstract: "Print a manual page in roff (for Scripts/man.sh).",
    examples: [
      Example("samverkan __man samverkan-consent | man -l -", "Reads the consent page.")
    ],
    arguments: [page], isHidden: true, usesStore: false
  ) { call in
    let pages = ManCommand.pages
    guard let name = try call.value(page) else {
      for name in pages.names { call.stdout.line(name) }
      return ExitCode.success
    }
    guard let text = pages.page(named: name) else {
      throw SamverkanError.invalidValue(
        name, option: page.spec.usage,
        reason: "there is no such page. Pages: \(pages.names.joined(separator: ", ")).")
    }
    call.stdout.write(text)
    return ExitCode.success
  }

  /// Every page, from the command tree.
  static var pages: ManPages {
    ManPages(
      root: SamverkanCLI.root, version: SamverkanCLI.version,
      rootSections: [
        ("Exit status", exitStatus), ("Environment", environment), ("Files", files),
      ])
  }

  /// The exit codes as `help exit-codes` prints them, one item per code.
  static var exitStatus: [(label: String, text: String)] {
    var items: [(label: String, text: String)] = []
    for line in HelpCommand.exitCodes.split(separator: "\n").dropFirst() {
      let words = line.split(separator: " ", maxSplits: 1).map(String.init)
      if let code = words.first, Int(code) != nil, words.count == 2 {
        items.append((code, words[1]))
      } else if !items.isEmpty {
        items[items.count - 1].text += " " + line.trimmingCharacters(in: .whitespaces)
      }
    }
    return items
  }

  static let environment: [(label: String, text: String)] = [
    ("SAMVERKAN_STORE", "The store directory, as --store."),
    ("SAMVERKAN_USER", "Who is written to the journal, as --as."),
    ("SAMVERKAN_TODAY", "Pins today's date, as --today."),
    ("SAMVERKAN_NOW", "Pins the time, as --now."),
    ("SAMVERKAN_LOCK_TIMEOUT", "Seconds to wait for the store's lock (default 10)."),
    (
      "XDG_DATA_HOME, HOME",
      "The default store: $XDG_DATA_HOME/samverkan, else ~/.local/share/samverkan."
    ),
    ("COLUMNS", "The width of help and tables (else the terminal's width)."),
    ("NO_COLOR, TERM=dumb", "No colour."),
  ]

  static let files: [(label: String, text: String)] = [
    ("<store>/store.json", "The store's format and schema version."),
    ("<store>/profile.json", "Rule overrides for another municipality (optional)."),
    ("<store>/<kind>/", "The records, journal and references of one kind."),
    ("<store>/index/", "The person and reference indexes."),
  ]
}
