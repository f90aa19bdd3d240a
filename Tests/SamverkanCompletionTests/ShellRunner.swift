import Foundation
import SamverkanCLI
import SamverkanCommandLine
import SamverkanKit
import SamverkanTestSupport
import Testing

/// Completes command lines in a real shell, as a person pressing Tab at the end of each
/// line would, with the scripts in `Shells/` (see there how each shell is driven).
struct ShellRunner {
  let shell: CompletionShell
  /// The completion script to load: samverkan's own, or another tree's.
  let script: String
  /// The name the script completes (`samverkan`).
  let program: String

  init(_ shell: CompletionShell, root: CommandSpec = SamverkanCLI.root) {
    self.shell = shell
    script = shell.script(for: root)
    program = root.name
  }

  /// The candidates for each line, as the shell would insert them (bash's backslashes
  /// removed, a directory's trailing slash dropped, fish's descriptions cut), without the
  /// part of the word already settled (`--format=`, `SF-NORDOST,`), sorted.
  func complete(
    _ lines: [String], in directory: String, environment: [String: String] = [:],
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws -> [[String]] {
    let raw = try completeRaw(lines, in: directory, environment: environment)
    return zip(lines, raw).map { line, candidates in
      candidates.map { normalized($0, typed: line) }.sorted()
    }
  }

  /// What the shell's completion gives for each line, exactly (bash's COMPREPLY).
  func completeRaw(_ lines: [String], in directory: String, environment: [String: String] = [:])
    throws -> [[String]]
  {
    let executable = try #require(
      Self.find(shell.rawValue),
      "\(shell) is not installed; .ci/run installs bash, zsh and fish (apt-get install \(shell))")
    let scripts = TemporaryDirectory("completion-script")
    let harness = repositoryRoot.appendingPathComponent(
      "Tests/SamverkanCompletionTests/Shells/complete.\(shell.rawValue)"
    ).path
    let arguments: [String]
    switch shell {
    case .bash:
      try script.write(toFile: scripts.file("samverkan.bash"), atomically: true, encoding: .utf8)
      arguments =
        ["--norc", "--noprofile", harness, scripts.file("samverkan.bash"), "_\(program)"] + lines
    case .zsh:
      try script.write(toFile: scripts.file("_\(program)"), atomically: true, encoding: .utf8)
      arguments = ["-f", harness, scripts.path] + lines
    case .fish:
      try script.write(toFile: scripts.file("samverkan.fish"), atomically: true, encoding: .utf8)
      arguments = ["--no-config", harness, scripts.file("samverkan.fish")] + lines
    }
    // The binary first on PATH, as an installed samverkan would be; no store of the user's.
    var env = [
      "PATH": URL(fileURLWithPath: samverkanBinary).deletingLastPathComponent().path
        + ":/usr/local/bin:/usr/bin:/bin",
      "HOME": scripts.path, "LANG": "C.UTF-8", "TERM": "xterm",
      "SAMVERKAN_STORE": scripts.file("no-store"), "XDG_CONFIG_HOME": scripts.path,
      "XDG_DATA_HOME": scripts.path,
    ]
    env.merge(environment) { _, new in new }
    let output = try Self.run(executable, arguments, in: directory, environment: env)
    // Each line's candidates end with an empty line.
    var blocks: [[String]] = []
    var block: [String] = []
    for line in output.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
      if line.isEmpty {
        blocks.append(block)
        block = []
      } else {
        block.append(String(line))
      }
    }
    try #require(
      blocks.count == lines.count,
      "\(shell) answered \(blocks.count) of \(lines.count) lines:\n\(output)")
    return blocks
  }

  private func normalized(_ candidate: String, typed line: String) -> String {
    var text = candidate
    if shell == .fish, let tab = text.firstIndex(of: "\t") { text = String(text[..<tab]) }
    if shell == .bash {
      var unescaped = ""
      var escaped = false
      for character in text {
        if character == "\\", !escaped {
          escaped = true
          continue
        }
        unescaped.append(character)
        escaped = false
      }
      text = unescaped
    }
    if text.count > 1, text.hasSuffix("/") { text.removeLast() }
    // Drop what is settled: all of `--format=` or `SF-NORDOST,` (zsh, fish), or the part
    // of it after the `=` (bash, which replaces only the text after the `=`).
    let word = line.hasSuffix(" ") ? "" : String(line.split(separator: " ").last ?? "")
    guard let last = word.lastIndex(where: { $0 == "=" || $0 == "," }) else { return text }
    let settled = String(word[...last])
    let afterEquals = settled.firstIndex(of: "=").map {
      String(settled[settled.index(after: $0)...])
    }
    for prefix in [settled, afterEquals ?? ""] where !prefix.isEmpty && text.hasPrefix(prefix) {
      return String(text.dropFirst(prefix.count))
    }
    return text
  }

  /// The shell's path, if it is installed.
  static func find(_ name: String) -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    return (path.split(separator: ":").map(String.init) + ["/usr/bin", "/bin"])
      .map { "\($0)/\(name)" }
      .first { FileManager.default.isExecutableFile(atPath: $0) }
  }

  /// Runs a program and returns its standard output; stops it after a minute, so a shell
  /// that waits for input fails the test instead of hanging the suite.
  @discardableResult
  static func run(
    _ executable: String, _ arguments: [String], in directory: String,
    environment: [String: String]
  ) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.environment = environment
    process.currentDirectoryURL = URL(fileURLWithPath: directory)
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    process.standardInput = FileHandle.nullDevice
    try process.run()
    // SIGKILL: a shell blocked reading its terminal may only queue a SIGTERM.
    let timer = DispatchWorkItem {
      if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }
    DispatchQueue.global().asyncAfter(deadline: .now() + 60, execute: timer)
    let group = DispatchGroup()
    nonisolated(unsafe) var outData = Data()
    nonisolated(unsafe) var errData = Data()
    DispatchQueue.global().async(group: group) {
      outData = output.fileHandleForReading.readDataToEndOfFile()
    }
    DispatchQueue.global().async(group: group) {
      errData = errors.fileHandleForReading.readDataToEndOfFile()
    }
    process.waitUntilExit()
    timer.cancel()
    group.wait()
    let text = String(decoding: outData, as: UTF8.self)
    try #require(
      process.terminationStatus == 0 && process.terminationReason == .exit,
      "\(executable) \(arguments.prefix(3)) failed (\(process.terminationStatus)): \(String(decoding: errData, as: UTF8.self))\n\(text)"
    )
    return text
  }
}
