import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain

/// `samverkan completions bash|zsh|fish`: the tab-completion script for a shell, generated
/// from the command tree, so every command and option completes without more code.
enum CompletionsCommand {
  static let shell = Argument<CompletionShell>("shell", help: "The shell: bash, zsh or fish.")

  static let spec: CommandSpec = CommandSpec(
    name: "completions", abstract: "Print the tab-completion script for bash, zsh or fish.",
    discussion: """
      Commands, verbs, options and their fixed values complete from the script; record IDs, \
      organization IDs and field names are asked of samverkan as you type, from the store \
      named by --store (or SAMVERKAN_STORE), which completion never changes. The same \
      scripts are in the Completions folder of the source; Scripts/install.sh installs them.
      bash: source the script from ~/.bashrc, or save it as samverkan in the bash-completion \
      directory (/usr/share/bash-completion/completions or \
      ~/.local/share/bash-completion/completions).
      zsh: save it as _samverkan in a directory on $fpath, before compinit runs.
      fish: save it as ~/.config/fish/completions/samverkan.fish.
      """,
    examples: [
      Example(
        "samverkan completions bash > ~/.local/share/bash-completion/completions/samverkan",
        "Completes samverkan in every new bash."),
      Example(
        "samverkan completions zsh > ~/.zfunc/_samverkan",
        "For zsh, with fpath=(~/.zfunc $fpath) before compinit in ~/.zshrc."),
      Example(
        "samverkan completions fish > ~/.config/fish/completions/samverkan.fish",
        "Completes samverkan in fish from the next prompt."),
    ],
    arguments: [shell], usesStore: false
  ) { call in
    call.stdout.write(try call.require(shell).script(for: SamverkanCLI.root))
    return ExitCode.success
  }
}
