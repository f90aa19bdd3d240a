import Foundation
import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanJSON
import SamverkanStore

#if canImport(Glibc)
  import Glibc
#endif

extension StoreCommand {
  /// `store gallra`: gallring of personal data in closed cases (SPEC §14).
  enum Gallra {
    static let on = Option<CivilDate>(
      "on", value: "date", help: "The day to judge on (default today); a later day only lists.")
    static let apply = Flag(
      "apply", help: "Remove (and archive) what is due; without it nothing changes.")
    static let archive = Option<String>(
      "archive", value: "dir",
      help:
        "Where the research sample (persons born on the 5th, 15th or 25th) is written before it leaves the store.",
      completion: .directory)

    static let spec = CommandSpec(
      name: "gallra",
      abstract: "Remove personal data from cases closed longer than the retention period.",
      discussion: """
        Social services must remove (gallra) personal data when the retention period has run out: in Göteborg's profile five years after the last entry in the person's cases, by the end of the following calendar year (SoL 12 kap. 1 §). A person's records go together, and nothing is removed while any of them is open. Persons born on the 5th, 15th or 25th of a month are kept for research (SoF 7 kap. 2 §): their records are written to --archive and then leave the store. Kinds listed in the profile's retention.keptKinds are kept.
        Without --apply it lists what would be removed, archived or kept, and changes nothing. With --apply the records go with their journal lines, index entries and disclosure-log entries; gallring.ndjson in the store keeps a tombstone for each (ID, kind, day, rule) without personal data.
        """,
      examples: [
        Example("samverkan store gallra", "What is due for gallring today; changes nothing."),
        Example(
          "samverkan store gallra --apply --archive /srv/arkiv/samverkan",
          "Removes what is due, archiving the research sample."),
      ],
      options: [on, apply, archive]
    ) { call in try run(call) }

    static func run(_ call: Invocation) throws -> Int32 {
      let today = call.clock.today
      let date = try call.value(on) ?? today
      let applying = call.isSet(apply)
      if applying, date > today {
        throw SamverkanError.invalidValue(
          call.text(on) ?? date.description, option: on.spec.usage,
          reason:
            "\(date) is in the future (today is \(today)); gallring is applied on today's cases"
        )
      }
      if applying {
        try call.authorize(step: "store gallra", action: "remove personal data (gallring)")
      }
      let profile = try call.profile()
      let types = SamverkanCLI.recordTypes
      let store = try call.store()
      let (verdicts, masking) = try store.read { reader in
        (
          try gallringVerdicts(reader, types: types, on: date, rules: profile.retention),
          try call.masking(reader)
        )
      }
      let due = verdicts.filter { $0.verdict.action != .keep }
      let archived = due.filter { $0.verdict.action == .archive }
      var archiveFolder: String?
      if applying, !archived.isEmpty {
        guard let folder = try call.value(archive) else {
          throw SamverkanError.usage(
            "\(archived.count) record\(archived.count == 1 ? "" : "s") of the research sample (born on the \(profile.retention.researchBirthDays.map(String.init).joined(separator: ", ")) of a month) must be archived before they leave the store: give --archive <dir>. Nothing was changed."
          )
        }
        archiveFolder = folder
      }
      if applying, !due.isEmpty {
        if let archiveFolder {
          try writeArchive(archived, to: archiveFolder, store: store, on: date)
        }
        let gone = Set(due.map(\.person)).filter { person in
          !verdicts.contains { $0.person == person && $0.verdict.action == .keep }
        }
        try store.write { writer in
          for item in due {
            // The verdicts come from these types' records.
            guard let type = types.first(where: { $0.kind == item.verdict.id.kind }) else {
              throw SamverkanError.internalError("\(item.verdict.id) is of no known record type")
            }
            try type.remove(writer, item.verdict.id)
          }
          // The access log names persons too: entries about the removed persons alone go.
          var accessEntries: [RecordID] = []
          for entry in try writer.records(AccessEntry.self)
          where !entry.persons.isEmpty && Set(entry.persons).isSubset(of: gone) {
            let id = try entry.savedID
            try writer.remove(AccessEntry.self, id: id, action: "gallra")
            accessEntries.append(id)
          }
          try writer.dropFromJournal(Set(due.map(\.verdict.id) + accessEntries))
          for person in gone {
            try writer.unmarkProtected(person)
            try writer.forgetPerson(person)
          }
          try writer.appendToGallringLog(
            due.map { item in
              .object([
                "id": .string(item.verdict.id.description),
                "kind": .string(item.verdict.id.kind.collection),
                "on": .string(date.description), "action": .string(item.verdict.action.rawValue),
                "rule": .string(
                  item.verdict.action == .archive
                    ? "SoF 7 kap. 2 § (arkiverad)"
                    : "SoL 12 kap. 1 § (\(profile.retention.years) år)"
                ),
                "by": .string(call.actor), "time": .string(Timestamp.utcString(Date())),
              ])
            })
        }
      }
      try call.writeList(
        columns: [
          Column("id", "ID"), Column("action", "ACTION"), Column("from", "FROM"),
          Column("dueBy", "DUE BY"), Column("person", "PERSON"), Column("reason", "REASON"),
        ],
        fields: ["id", "action", "from", "dueBy", "person", "reason"], masking: masking
      ) { emit in
        for item in verdicts {
          var row: [String: JSONValue] = [
            "id": .string(item.verdict.id.description),
            "action": .string(item.verdict.action.rawValue),
            "person": .string(item.person.longForm), "reason": .string(item.verdict.reason),
          ]
          if let from = item.verdict.from { row["from"] = .string(from.description) }
          if let dueBy = item.verdict.dueBy { row["dueBy"] = .string(dueBy.description) }
          try emit(.object(row))
        }
      }
      let verb = applying ? "Removed" : "Would remove"
      call.note(
        "\(verb) \(due.count - archived.count) record\(due.count - archived.count == 1 ? "" : "s") and \(applying ? "archived" : "would archive") \(archived.count) on \(date); \(verdicts.count - due.count) kept."
          + (applying || due.isEmpty ? "" : " Run again with --apply to carry it out."))
      return ExitCode.success
    }

    /// Each record about a person, with the person and the rule's verdict, in ID order.
    static func gallringVerdicts(
      _ reader: StoreReader, types: [RecordType], on date: CivilDate, rules: RetentionRules
    ) throws -> [(person: PersonNumber, verdict: Gallring.Verdict)] {
      var items: [String: [Gallring.Item]] = [:]
      var journalDays: [RecordID: CivilDate] = [:]
      for type in types {
        try reader.forEachRawRecord(of: type.kind) { id, raw in
          guard let number = raw["person"]?.stringValue else { return }
          let described = try type.describe(raw)
          var closed = !described.isOpen
          switch id.kind {
          case .consent:
            // A consent ends when withdrawn or when its last valid day has passed.
            let until = raw["validUntil"]?.stringValue.flatMap { try? CivilDate(iso: $0) }
            closed = raw["revocation"] != nil || until.map { $0 < date } ?? true
          case .assignment, .disclosure:
            closed = true  // they follow the person's cases
          default: break
          }
          var last = latestDate(in: raw)
          // One reading of each journal file serves all 256 records it holds.
          if journalDays[id] == nil {
            journalDays.merge(try reader.lastJournalDays(aroundID: id)) { $1 }
          }
          if let day = journalDays[id] { last = last.map { max($0, day) } ?? day }
          items[number, default: []].append(
            Gallring.Item(id: id, closed: closed, lastEntry: last ?? date))
        }
      }
      var verdicts: [(PersonNumber, Gallring.Verdict)] = []
      for (number, personItems) in items.sorted(by: { $0.key < $1.key }) {
        let person = try PersonNumber(longForm: number)
        for verdict in Gallring.verdicts(person: person, items: personItems, on: date, rules: rules)
        {
          verdicts.append((person, verdict))
        }
      }
      return verdicts
    }

    /// The latest day written anywhere in a record (a date or a time), its last entry as the
    /// record itself tells it.
    static func latestDate(in json: JSONValue) -> CivilDate? {
      switch json {
      case .string(let text) where text.utf8.count >= 10:
        return try? CivilDate(iso: String(text.prefix(10)))
      case .array(let items): return items.compactMap(latestDate).max()
      case .object(let members): return members.values.compactMap(latestDate).max()
      default: return nil
      }
    }

    /// Writes each archived record with its journal to `folder/<person>.ndjson` (0600, the
    /// folder 0700), before anything leaves the store.
    static func writeArchive(
      _ items: [(person: PersonNumber, verdict: Gallring.Verdict)], to folder: String, store: Store,
      on date: CivilDate
    ) throws {
      do {
        try FileManager.default.createDirectory(
          atPath: folder, withIntermediateDirectories: true,
          attributes: [.posixPermissions: 0o700])
        let lines: [(String, JSONValue)] = try store.read { reader in
          try items.map { item in
            let raw = try reader.rawRecord(item.verdict.id) ?? .null
            let journal = try reader.history(of: item.verdict.id).map(\.json)
            return (
              item.person.longForm,
              .object([
                "record": raw, "journal": .array(journal), "archived": .string(date.description),
              ])
            )
          }
        }
        for (person, group) in Dictionary(grouping: lines, by: \.0) {
          var bytes: [UInt8] = []
          for (_, line) in group {
            JSONWriter.write(line, into: &bytes)
            bytes.append(UInt8(ascii: "\n"))
          }
          let path = (folder as NSString).appendingPathComponent("\(person).ndjson")
          guard
            FileManager.default.createFile(
              atPath: path, contents: Data(bytes), attributes: [.posixPermissions: 0o600])
          else {
            throw SamverkanError.storeUnavailable(
              path: path, reason: "the archive file cannot be written")
          }
        }
      } catch let error as SamverkanError {
        throw error
      } catch {
        throw SamverkanError.storeUnavailable(path: folder, reason: "\(error.localizedDescription)")
      }
    }
  }
}
