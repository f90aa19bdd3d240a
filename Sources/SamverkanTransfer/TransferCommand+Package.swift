import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanStore

extension TransferCommand {
  /// `transfer package <id>`: writes the information the receiving unit is sent.
  enum Package {
    static let options: [(PackageField, Option<String>)] = [
      (
        .background,
        Option<String>(
          "background", value: "text",
          help: "Bakgrund och familjesituation: the background and family situation.")
      ),
      (
        .guardian,
        Option<String>(
          "guardian", value: "text",
          help: "Vårdnadshavare, god man or förvaltare, if any; write 'ingen' when there is none.")
      ),
      (
        .currentSituation,
        Option<String>("current-situation", value: "text", help: "Aktuell situation.")
      ),
      (
        .disabilityAndInvestigations,
        Option<String>(
          "disability", value: "text",
          help: "Funktionsnedsättning or problems, with earlier investigations and diagnoses.")
      ),
      (
        .interventions,
        Option<String>(
          "interventions", value: "text", help: "Pågående insatser och planering.")
      ),
    ]

    static let spec = CommandSpec(
      name: "package",
      abstract: "Write the transfer package for the receiving unit, part by part.",
      discussion: """
        The routine's package (Ärendeöverlämning): background and family situation; guardian, god man or förvaltare; current situation; disability or problems with earlier investigations and diagnoses; ongoing interventions and planning. Give any of the parts; the others stay as they are, and an empty value clears one. Every part must be written before 'notify'.
        Once the receiving unit has been notified a change passes information to it again, so it needs a consent that still covers the transfer (or --legal-ground).
        """,
      examples: [
        Example(
          "samverkan transfer package TRF-4 --background 'Bor med mamma och två syskon.' --guardian ingen",
          "Writes two parts; says which are still empty."),
        Example(
          "samverkan transfer package TRF-4 --interventions \"$(cat planering.txt)\"",
          "A longer text from a file."),
      ],
      options: Self.options.map(\.1) + [referringCaseworker, personName, note] + sharingOptions,
      arguments: [transferID]
    ) { call in try run(call) }

    static func run(_ call: Invocation) throws -> Int32 {
      let id = try call.recordID(transferID, kind: .transfer)
      var given: [(PackageField, String)] = []
      for (field, option) in Self.options {
        if let text = try call.value(option) { given.append((field, text)) }
      }
      let caseworker = try call.value(referringCaseworker)
      let name = try call.value(personName)
      let newNote = try call.value(note)
      guard !given.isEmpty || caseworker != nil || name != nil || newNote != nil else {
        throw SamverkanError.usage(
          "Give at least one part to write: \(Self.options.map { $0.1.spec.usage }.joined(separator: ", ")), or --caseworker, --name, --note."
        )
      }
      let today = call.clock.today
      let transfer = try change(call, id, action: "package") { transfer, writer in
        for (field, text) in given {
          let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
          transfer[keyPath: field.keyPath] = trimmed.isEmpty ? nil : trimmed
        }
        if let caseworker { transfer.referringCaseworker = caseworker.isEmpty ? nil : caseworker }
        if let name { transfer.personName = name.isEmpty ? nil : name }
        if let newNote { transfer.note = newNote.isEmpty ? nil : newNote }
        if transfer.state.isNotified, !given.isEmpty {
          try share(
            call, writer, &transfer, step: "package", date: today)
        }
        return transfer.state.isNotified && !given.isEmpty
          ? "Ändrat överföringspaket skickat till mottagande enhet" : nil
      }
      let empty = transfer.emptyPackageFields
      if transfer.state == .planned {
        if empty.isEmpty {
          call.note(
            "\(id): the package is complete; notify the receiving unit with 'samverkan transfer notify \(id)'."
          )
        } else {
          call.note(
            "\(id): still to write before the notice: "
              + empty.map { "\($0.label) (\($0.option))" }.joined(separator: "; ") + ".")
        }
      }
      return ExitCode.success
    }
  }
}
