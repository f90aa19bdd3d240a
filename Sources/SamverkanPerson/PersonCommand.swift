import Foundation
import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanJSON
import SamverkanStore

/// `samverkan person` — one person across every routine, and the person's rights (SPEC §14):
/// everything the store holds about them, a search, and the register extract.
///
/// The module knows no command: the root hands it every record type.
public enum PersonCommand {
  static let person = Argument<PersonNumber>(
    "pnr", help: "The person's personnummer or samordningsnummer.")
  static let search = Argument<String>(
    "search", help: "Part of a name, or the start of a personnummer (YYYYMMDD…).",
    required: false)

  /// The command, with every record type of the store.
  public static func command(types: [RecordType]) -> CommandSpec {
    CommandSpec(
      name: "person",
      abstract: "See one person across every routine, and serve the person's rights.",
      discussion: """
        'person show' lists every record about a person — consents, SIPs, SPs, transfers, escalations, assignments, the deviation reports that name those records — with its state, and the disclosure log: who received what about them. 'person extract' is the register extract (registerutdrag, GDPR art. 15) in Swedish, to hand to the person.
        """,
      examples: [
        Example("samverkan person show 19900101-2385", "Everything about one person."),
        Example("samverkan person list andersson", "Persons whose name contains 'andersson'."),
        Example(
          "samverkan person extract 19900101-2385 --format md > utdrag.md",
          "The register extract, to hand over."),
      ],
      subcommands: [show(types), list(types), extract(types), correct(types)])
  }

  // MARK: - show

  static let showColumns = [
    Column("id", "ID"), Column("kind", "KIND"), Column("state", "STATE"),
    Column("open", "OPEN"), Column("detail", "DETAIL"),
  ]

  static func show(_ types: [RecordType]) -> CommandSpec {
    CommandSpec(
      name: "show",
      abstract: "List every record about a person, and the disclosures about them.",
      discussion:
        "One row per record (its kind, state and whether it is still worked on) and one per disclosure (the step, from and to whom, on what basis), oldest disclosure first. A protected person is masked unless --reveal.",
      examples: [
        Example("samverkan person show 19900101-2385", "Every record and disclosure."),
        Example(
          "samverkan person show 19900101-2385 --json | jq '.[] | select(.open)'",
          "Only what is still open."),
      ],
      arguments: [person]
    ) { call in
      let number = try call.require(person)
      try call.store().read { reader in
        let holdings = try Holdings(number, reader: reader, types: types)
        let masking = try call.masking(reader)
        if holdings.isEmpty {
          call.note("The store holds nothing about this person.")
        }
        try call.writeList(
          columns: showColumns,
          fields: ["id", "kind", "state", "open", "detail", "person", "personName"],
          masking: masking
        ) { emit in
          for row in holdings.rows { try emit(row) }
        }
      }
      return ExitCode.success
    }
  }

  // MARK: - list

  static func list(_ types: [RecordType]) -> CommandSpec {
    CommandSpec(
      name: "list",
      abstract: "Find persons by name or by the start of their personnummer.",
      discussion:
        "Without a search term, every person the store holds records about. A search term matches part of a name (any case) or the start of a personnummer as stored (YYYYMMDD-NNNN). Protected persons are masked unless --reveal, and are found by number only then.",
      examples: [
        Example("samverkan person list andersson", "Persons named Andersson."),
        Example("samverkan person list 1990", "Persons born in 1990."),
      ],
      options: ListOptions.all,
      arguments: [search]
    ) { call in
      let term = (try call.value(search) ?? "").lowercased()
      try call.store().read { reader in
        let masking = try call.masking(reader)
        var persons: [String: (name: String?, records: Int)] = [:]
        for type in types where type.kind != .disclosure {
          try reader.forEachRawRecord(of: type.kind) { _, raw in
            guard let number = raw["person"]?.stringValue else { return }
            var entry = persons[number] ?? (nil, 0)
            entry.records += 1
            if let name = raw["personName"]?.stringValue { entry.name = name }
            persons[number] = entry
          }
        }
        try call.writeList(
          columns: [
            Column("person", "PERSON"), Column("personName", "NAME"),
            Column("records", "RECORDS"),
          ],
          fields: ["person", "personName", "records", "protected"], masking: masking
        ) { emit in
          for (number, entry) in persons.sorted(by: { $0.key < $1.key }) {
            let hidden = masking.hides(number)
            let matches =
              term.isEmpty || (!hidden && number.hasPrefix(term))
              || (!hidden && entry.name?.lowercased().contains(term) == true)
            guard matches else { continue }
            var row: [String: JSONValue] = [
              "person": .string(number), "records": .integer(entry.records),
              "protected": .bool(masking.protected.contains(number)),
            ]
            if let name = entry.name { row["personName"] = .string(name) }
            try emit(.object(row))
          }
        }
      }
      return ExitCode.success
    }
  }

  // MARK: - extract

  static func extract(_ types: [RecordType]) -> CommandSpec {
    CommandSpec(
      name: "extract",
      abstract: "Write the register extract (registerutdrag, GDPR art. 15) for a person.",
      discussion:
        "A Swedish document a caseworker can hand to the person: every item of personal data the store holds about them and in which record, why (the purposes), who has received it (the disclosure log), and how long it is kept. Every extract is written to the access log ('store access-log'). --format md (the default on a terminal too) or --format json. A protected person is masked unless --reveal: an extract handed over is read with --reveal by the caseworker who checked the person's identity.",
      examples: [
        Example(
          "samverkan person extract 19900101-2385 --format md > utdrag.md", "The document."),
        Example("samverkan person extract 19900101-2385 --json", "The same as data."),
      ],
      arguments: [person],
      documentFormats: [.md]
    ) { call in
      let number = try call.require(person)
      let format =
        try call.value(GlobalOptions.format) == nil && !call.isSet(GlobalOptions.json)
        ? OutputFormat.md : try call.outputFormat()
      guard format == .md || format == .json else {
        throw SamverkanError.invalidValue(
          format.rawValue, option: GlobalOptions.format.spec.usage,
          reason: "the extract is a document: 'md' or 'json'")
      }
      let records = try call.store().read { reader in
        let holdings = try Holdings(number, reader: reader, types: types)
        let extract = RegisterExtract(
          holdings: holdings, profile: try call.profile(), today: call.clock.today,
          masking: try call.masking(reader))
        if format == .md {
          call.stdout.write(extract.markdown)
        } else {
          call.stdout.line(JSONWriter.write(extract.json, style: .pretty))
        }
        return holdings.records.map(\.id)
      }
      // Every extract is logged: who took out everything about the person, and when.
      if !records.isEmpty {
        try call.logAccess(records: records, persons: [number], action: "extract")
      }
      return ExitCode.success
    }
  }

  // MARK: - correct

  static let name = Option<String>(
    "name", value: "name", help: "The person's right name.", required: true)
  static let reason = CommonOptions.reason.help("Why the name is corrected (journaled).").required
  static let erase = Flag(
    "erase",
    help:
      "Also replace the old name in each record's journal by a marker saying who erased it, when and why."
  )

  static func correct(_ types: [RecordType]) -> CommandSpec {
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
    ) { call in
      let number = try call.require(person)
      let newName = try call.require(name).trimmingCharacters(in: .whitespacesAndNewlines)
      guard !newName.isEmpty else {
        throw SamverkanError.invalidValue(
          "", option: name.spec.usage, reason: "a name is needed; the number identifies the person")
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
