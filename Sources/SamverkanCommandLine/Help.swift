/// Help screens and usage lines in swift-argument-parser's layout: labels indented 2,
/// descriptions at column 26, wrapped to the terminal width.
public struct HelpFormatter {
  /// The program name shown in usage.
  public var programName = "samverkan"
  /// The width to wrap to: `COLUMNS`, 80 by default.
  public var width: Int
  /// The root's options, shown as global options.
  public var globals: [OptionSpec]

  static let labelColumn = 26

  public init(width: Int = 80, globals: [OptionSpec]) {
    self.width = max(width, 40)
    self.globals = globals
  }

  /// `samverkan consent grant`.
  public func commandName(_ path: [CommandSpec]) -> String {
    ([programName] + path.dropFirst().map(\.name)).joined(separator: " ")
  }

  /// The usage line: required options spelled out, the rest as `[<options>]`.
  public func usage(_ path: [CommandSpec]) -> String {
    let command = path[path.count - 1]
    var parts = [commandName(path)]
    if !command.subcommands.isEmpty {
      parts.append(path.count == 1 ? "<command> <verb>" : "<verb>")
      parts.append("[<options>]")
      return parts.joined(separator: " ")
    }
    for option in command.options where option.isRequired && !option.isHidden {
      parts.append(option.usage + (option.isList ? " ..." : ""))
    }
    parts += command.arguments.map(\.usage)
    if command.options.contains(where: { !$0.isRequired && !$0.isHidden }) || path.count > 1 {
      parts.append("[<options>]")
    }
    return parts.joined(separator: " ")
  }

  /// The full help screen for the command at the end of `path`.
  public func help(_ path: [CommandSpec]) -> String {
    let command = path[path.count - 1]
    let isRoot = path.count == 1
    var sections: [String] = []
    sections.append(wrap("OVERVIEW: " + command.abstract, indent: 0, hanging: 10))
    if let discussion = command.discussion {
      sections.append(
        discussion.split(separator: "\n", omittingEmptySubsequences: false)
          .map { line in
            // An indented line (a list item) keeps its indent; what wraps goes under its text.
            let indent = line.prefix { $0 == " " }.count
            return wrap(String(line.dropFirst(indent)), indent: indent, hanging: indent > 0 ? 2 : 0)
          }.joined(separator: "\n"))
    }
    sections.append(wrap("USAGE: " + usage(path), indent: 0, hanging: 7))
    if !command.arguments.isEmpty {
      sections.append(
        "ARGUMENTS:\n" + command.arguments.map { row($0.usage, $0.help) }.joined(separator: "\n"))
    }
    var options = command.options.filter { !$0.isHidden }.map { row($0.label, describe($0)) }
    if isRoot {
      options.append(row("--version", "Show the version."))
    }
    options.append(row("-h, --help", "Show help information."))
    sections.append((isRoot ? "GLOBAL OPTIONS:\n" : "OPTIONS:\n") + options.joined(separator: "\n"))
    let subcommands = command.subcommands.filter { !$0.isHidden }
    if !subcommands.isEmpty {
      sections.append(
        (isRoot ? "COMMANDS:\n" : "VERBS:\n")
          + subcommands.map { row($0.name, $0.abstract) }.joined(separator: "\n"))
    }
    if !command.examples.isEmpty {
      sections.append(
        "EXAMPLES:\n"
          + command.examples.map {
            commandLine("$ " + $0.command) + "\n" + wrap($0.explanation, indent: 6, hanging: 0)
          }.joined(separator: "\n\n"))
    }
    var footer: [String] = []
    if !subcommands.isEmpty {
      let next =
        isRoot
        ? "<command> [<verb>]"
        : "\(commandName(path).split(separator: " ").dropFirst().joined(separator: " ")) <verb>"
      footer.append("  See '\(programName) help \(next)' for detailed help.")
    }
    if !isRoot {
      footer.append(
        "  See '\(programName) --help' for the global options (--store, --format, --fields, --today, …)."
      )
    }
    if !footer.isEmpty {
      sections.append(
        footer.map { wrap(String($0.dropFirst(2)), indent: 2, hanging: 2) }.joined(separator: "\n"))
    }
    return sections.joined(separator: "\n\n") + "\n"
  }

  /// The help text with accepted values appended, as swift-argument-parser does.
  func describe(_ option: OptionSpec) -> String {
    var text = option.help
    if let values = option.allowedValues, values.count <= 10 {
      text += " (values: \(values.joined(separator: ", ")))"
    }
    return text
  }

  /// One row: the label at column 2, the description at column 26 (on the next line when
  /// the label is too long), wrapped.
  func row(_ label: String, _ description: String) -> String {
    let column = HelpFormatter.labelColumn
    let start = "  " + label
    let words = wrapWords(description, width: width - column)
    if start.count <= column - 2 {
      let pad = String(repeating: " ", count: column - start.count)
      var lines = [start + pad + (words.first ?? "")]
      lines += words.dropFirst().map { String(repeating: " ", count: column) + $0 }
      return lines.joined(separator: "\n")
    }
    return ([start] + words.map { String(repeating: " ", count: column) + $0 })
      .joined(separator: "\n")
  }

  /// An example command line, wrapped the way a shell reads it: ` \` at the end of a line
  /// continues it, so the example can be copied as it stands.
  func commandLine(_ text: String) -> String {
    var lines: [String] = []
    var line = ""
    var limit = width - 4  // indent 2, and room for " \"
    for word in Self.shellWords(text) {
      if line.isEmpty {
        line = String(word)
      } else if line.count + 1 + word.count <= limit {
        line += " " + word
      } else {
        lines.append(line)
        line = String(word)
        limit = width - 8  // indent 6, and room for " \"
      }
    }
    if !line.isEmpty { lines.append(line) }
    return lines.enumerated().map { index, line in
      (index == 0 ? "  " : "      ") + line + (index < lines.count - 1 ? " \\" : "")
    }.joined(separator: "\n")
  }

  /// Splits a command line at spaces outside quotes, so a quoted argument is never broken.
  static func shellWords(_ text: String) -> [String] {
    var words: [String] = []
    var word = ""
    var quote: Character?
    for character in text {
      if let open = quote {
        if character == open { quote = nil }
        word.append(character)
      } else if character == "'" || character == "\"" {
        quote = character
        word.append(character)
      } else if character == " " {
        if !word.isEmpty { words.append(word) }
        word = ""
      } else {
        word.append(character)
      }
    }
    if !word.isEmpty { words.append(word) }
    return words
  }

  /// Wraps text to the width: the first line at `indent`, the rest at `indent + hanging`.
  func wrap(_ text: String, indent: Int, hanging: Int) -> String {
    let first = wrapWords(text, width: width - indent)
    guard let head = first.first else { return String(repeating: " ", count: indent) }
    let rest = first.dropFirst().joined(separator: " ")
    var lines = [String(repeating: " ", count: indent) + head]
    if !rest.isEmpty {
      lines += wrapWords(rest, width: width - indent - hanging).map {
        String(repeating: " ", count: indent + hanging) + $0
      }
    }
    return lines.joined(separator: "\n")
  }

  /// Splits text into lines of at most `width` characters at spaces (longer words stay whole).
  func wrapWords(_ text: String, width: Int) -> [String] {
    var lines: [String] = []
    var line = ""
    for word in text.split(separator: " ", omittingEmptySubsequences: true) {
      if line.isEmpty {
        line = String(word)
      } else if line.count + 1 + word.count <= width {
        line += " " + word
      } else {
        lines.append(line)
        line = String(word)
      }
    }
    if !line.isEmpty { lines.append(line) }
    return lines
  }

  // MARK: - Errors

  /// A usage error as swift-argument-parser prints it: the error, the option's help, the
  /// usage line and where to read more.
  public func usageError(_ failure: UsageFailure) -> String {
    let failures = [failure] + failure.further
    var lines = failures.map { "Error: " + $0.error.message }
    var explained: Set<String> = []
    for failure in failures {
      guard let label = failure.label, let help = failure.help, explained.insert(label).inserted
      else { continue }
      lines.append("Help:  \(label)  \(help)")
    }
    lines.append("Usage: " + usage(failure.path))
    let name = commandName(failure.path)
    lines.append("  See '\(name) --help' for more information.")
    return lines.joined(separator: "\n") + "\n"
  }
}
