import Foundation
import SamverkanCLI
import SamverkanCommandLine
import SamverkanKit
import SamverkanTestSupport
import Testing

/// The scripts as shipped: `samverkan completions`, the committed `Completions/` files, and
/// `Scripts/install.sh`.
@Suite struct ShippedScriptTests {
  static let files: [(shell: CompletionShell, file: String)] = [
    (.bash, "samverkan.bash"), (.zsh, "_samverkan"), (.fish, "samverkan.fish"),
  ]

  @Test(arguments: CompletionShell.allCases)
  func theCommandPrintsTheScript(_ shell: CompletionShell) {
    let result = runSamverkan(["completions", shell.rawValue], store: TestStore().path)
    #expect(result.code == 0 && result.stderr == "")
    #expect(result.stdout == shell.script(for: SamverkanCLI.root))
  }

  @Test func anUnknownShellIsAUsageError() {
    let result = runSamverkan(["completions", "powershell"], store: TestStore().path)
    #expect(result.code == 64)
    #expect(result.stdout == "")
    #expect(result.stderr.contains("'bash', 'zsh' or 'fish'"), "\(result)")
  }

  /// `Completions/` holds exactly what the binary writes, so installing from it is safe.
  @Test(arguments: files.map(\.file))
  func theCommittedScriptsAreCurrent(_ file: String) throws {
    let shell = Self.files.first { $0.file == file }!.shell
    let generated = try runBinary(
      ["completions", shell.rawValue], environment: binaryEnvironment(store: TestStore().path))
    try #require(generated.code == 0, "\(generated)")
    let committed = try? String(
      contentsOf: repositoryRoot.appendingPathComponent("Completions/\(file)"), encoding: .utf8)
    #expect(
      committed == generated.stdout,
      "Completions/\(file) differs from what 'samverkan completions \(shell.rawValue)' writes: run Scripts/completions.sh and commit the result."
    )
  }

  @Test func installPutsTheBinaryAndTheScriptsUnderThePrefix() throws {
    let directory = TemporaryDirectory("install")
    let prefix = directory.file("prefix")
    try install(["PREFIX": prefix])
    try expectInstalled(under: prefix)
    let version = try ShellRunner.run(
      prefix + "/bin/samverkan", ["--version"], in: directory.path, environment: [:])
    #expect(version.hasPrefix("samverkan "))
  }

  @Test func installHonoursDestdir() throws {
    let directory = TemporaryDirectory("install")
    try install(["PREFIX": "/opt/samverkan", "DESTDIR": directory.file("package")])
    try expectInstalled(under: directory.file("package/opt/samverkan"))
    #expect(!FileManager.default.fileExists(atPath: "/opt/samverkan/bin/samverkan"))
  }

  /// Runs Scripts/install.sh with the binary the tests run (no release build).
  private func install(_ environment: [String: String]) throws {
    let bash = try #require(ShellRunner.find("bash"), "bash is not installed")
    try ShellRunner.run(
      bash, [repositoryRoot.appendingPathComponent("Scripts/install.sh").path],
      in: repositoryRoot.path,
      environment: environment.merging([
        "SAMVERKAN_BINARY": samverkanBinary, "PATH": "/usr/bin:/bin",
      ]) { a, _ in a })
  }

  private func expectInstalled(under root: String) throws {
    let manager = FileManager.default
    let binary = root + "/bin/samverkan"
    #expect(manager.isExecutableFile(atPath: binary))
    #expect(manager.contentsEqual(atPath: binary, andPath: samverkanBinary))
    let installed = [
      "share/bash-completion/completions/samverkan": "samverkan.bash",
      "share/zsh/site-functions/_samverkan": "_samverkan",
      "share/fish/vendor_completions.d/samverkan.fish": "samverkan.fish",
    ]
    for (path, file) in installed {
      #expect(
        manager.contentsEqual(
          atPath: root + "/" + path,
          andPath: repositoryRoot.appendingPathComponent("Completions/\(file)").path),
        "\(path)")
      let permissions = try manager.attributesOfItem(atPath: root + "/" + path)[.posixPermissions]
      #expect(permissions as? Int == 0o644, "\(path)")
    }
    for page in SamverkanCLI.manPages.names {
      #expect(
        manager.contentsEqual(
          atPath: root + "/share/man/man1/\(page).1",
          andPath: repositoryRoot.appendingPathComponent("Completions/man/\(page).1").path),
        "\(page).1")
    }
  }
}
