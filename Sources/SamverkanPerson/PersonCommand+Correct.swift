import Foundation
import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanStore

extension PersonCommand {
  /// `person correct <pnr>`: the person's name corrected in the person register (rättelse).
  enum Correct {
    static let name = Option<String>(
      "name", value: "name", help: "The person's right name.", required: true)
    static let reason = CommonOptions.reason.help("Why the name is corrected (journaled).")
      .required
    static let erase = Flag(
      "erase",
      help:
        "Also replace the old name in each record's journal by a marker saying who erased it, when and why."
    )

    static func spec(_ types: [RecordType]) -> CommandSpec {
      CommandSpec(
        name: "correct",
        abstract: "Correct a person's name in the person register (rättelse).",
        discussion:
          "The name lives once per person, in the person register; the correction shows in every record about the person, and each record's journal notes it with the reason (GDPR art. 16). With --erase the old name is also replaced in those records' journals by '[raderat av USER DATE: REASON]'. A single field of one record is corrected with '<command> correct <id> --field F --value V --reason R'.",
        examples: [
          Example(
            "samverkan person correct 19900101-2385 --name 'Anna Andersson' --reason 'Felstavat efternamn'",
            "The name, right everywhere.")
        ],
        options: [name, reason, erase],
        arguments: [person]
      ) { call in try run(call) }
    }

    static func run(_ call: Invocation) throws -> Int32 {
      let number = try call.require(person)
      let newName = try call.require(name).trimmingCharacters(in: .whitespacesAndNewlines)
      guard !newName.isEmpty else {
        throw SamverkanError.invalidValue(
          "", option: name.spec.usage,
          reason: "a name is needed; the number identifies the person")
      }
      let why = try call.require(reason).trimmingCharacters(in: .whitespacesAndNewlines)
      guard !why.isEmpty else {
        throw SamverkanError.invalidValue(
          "", option: reason.spec.usage, reason: "a correction is journaled with its reason")
      }
      var corrected: [RecordID] = []
      try call.store().write { writer in
        let old = try writer.registeredName(of: number.longForm)
        let ids = try writer.recordIDs(person: number).sorted().filter {
          $0.kind != .disclosure && $0.kind != .access
        }
        guard !ids.isEmpty, old != newName else {
          throw SamverkanError.refused(
            ids.isEmpty
              ? "The store holds no record about the person; nothing was changed."
              : "The person register already has that name; nothing was changed.")
        }
        // The name lives once, in the register; each record's journal says it was corrected.
        try writer.renamePerson(number, to: newName)
        for id in ids {
          try writer.journalEvent(
            id: id, action: "correct", event: "namn rättat", note: "rättelse av namnet: \(why)")
          if call.isSet(erase), let old, !old.isEmpty {
            try writer.eraseFromJournal(
              of: id, field: "personName", value: old,
              marker: "[raderat av \(call.actor) \(call.clock.today): \(why)]")
          }
          corrected.append(id)
        }
      }
      for id in corrected { call.stdout.line(id.description) }
      call.note(
        "Corrected the name in \(corrected.count) record\(corrected.count == 1 ? "" : "s").")
      return ExitCode.success
    }
  }
}
