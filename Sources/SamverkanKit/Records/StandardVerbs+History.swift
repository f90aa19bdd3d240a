import SamverkanCommandLine
import Foundation
import SamverkanDomain
import SamverkanJSON
import SamverkanStore

extension StandardVerbs {
  /// `history <id> ...`: the journal lines of records, oldest first, record by record.
  /// `also` names other kinds the command keeps (contacts' assignments).
  public static func history(kind: RecordKind, also: [RecordKind] = [], command: String? = nil)
    -> CommandSpec
  {
    let kinds = [kind] + also
    let command = command ?? kind.collection
    let ids = VariadicArgument<String>(
      "id",
      help:
        "The record's ID, e.g. \(kinds.map { "\($0.prefix)-12" }.joined(separator: " or ")); several may be given.",
      completion: .dynamic("ids:" + kinds.map(\.prefix).joined(separator: ","))
    ).recordIDs(of: kinds)
    let columns = [
      Column("time"), Column("actor"), Column("action"), Column("summary"),
    ]
    return CommandSpec(
      name: "history",
      abstract: "Show the journal of \(kind.noun) records: who changed what, when.",
      discussion:
        "Every change appends a line to the store's journal: the time (UTC), who (--as, SAMVERKAN_USER or your login; with a user register also the login behind --as), the command line, and the fields that changed. With several IDs the lines come record by record, each with its ID; if any of them has no journal, nothing is shown (exit 66).",
      examples: [
        Example(
          "samverkan \(command) history \(kind.prefix)-12",
          "Lists every change to \(kind.prefix)-12, oldest first."),
        Example(
          "samverkan \(command) history \(kind.prefix)-12 --format ndjson | jq .changes",
          "The changes as data."),
        Example(
          "samverkan \(command) list -q | xargs samverkan \(command) history",
          "The journal of every listed record, in one run."),
      ],
      arguments: [ids]
    ) { call in
      let recordIDs = try call.recordIDs(ids, kinds: kinds)
      try call.store().read { reader in
        let journals = try recordIDs.map { id in
          let entries = try reader.history(of: id)
          guard !entries.isEmpty else { throw SamverkanError.recordNotFound(id.description) }
          return (
            id: id, entries: entries, person: try reader.rawRecord(id)?["person"]?.stringValue
          )
        }
        let masking = try call.masking(reader)
        try call.writeList(
          columns: (recordIDs.count > 1 ? [Column("id")] : []) + columns,
          fields: ["time", "actor", "action", "summary", "id", "changes", "event", "note", "argv"],
          masking: .none
        ) { emit in
          for journal in journals {
            let hidden = masking.hides(journal.person)
            for entry in journal.entries {
              var json = entry.json.objectValue ?? [:]
              if hidden {
                json["changes"] = .object(
                  entry.changes.mapValues { _ in .string("(dolt)") })
                json["argv"] = .array([.string("(dolt)")])
              }
              json["summary"] = .string(summary(entry, hidden: hidden))
              try emit(.object(json))
            }
          }
        }
      }
      return ExitCode.success
    }
  }

  static func summary(_ entry: JournalEntry, hidden: Bool) -> String {
    var parts: [String] = []
    if let event = entry.event { parts.append(event) }
    if entry.removed {
      parts.append("removed")
    } else if !entry.changes.isEmpty {
      parts.append(
        hidden
          ? "changed " + entry.changes.keys.sorted().joined(separator: ", ")
          : entry.changes.keys.sorted().map {
            "\($0)=\(Cell.text(entry.changes[$0], list: ","))"
          }.joined(separator: " "))
    }
    if let note = entry.note { parts.append("(\(note))") }
    return parts.joined(separator: "; ")
  }
}
