import SamverkanCommandLine
import SamverkanDomain
import SamverkanJSON
import SamverkanStore

/// How one kind of record is corrected (rättelse): which fields may be, and how a changed
/// record is checked and saved.
public struct Correction: Sendable {
  public let kind: RecordKind
  /// The free-text and personal-data fields a correction may change.
  public let fields: [String]
  /// Sets `field` to `value` on the stored record and saves it with the reason; returns the
  /// old value (nil when the field was empty).
  public let apply:
    @Sendable (StoreWriter, RecordID, _ field: String, _ value: String, _ reason: String) throws
      -> String?

  /// Corrections of `R`: its text fields but the ID, the external reference and the person.
  public static func of<R: CommandRecord>(_ type: R.Type) -> Correction {
    let fields = R.fields.filter { $0.kind == .text }.map(\.name).filter {
      // The name lives in the person register: 'person correct' changes it there.
      !["id", "ref", "person", "personName", "state"].contains($0)
    }
    return Correction(kind: R.kind, fields: fields) { writer, id, field, value, reason in
      let record = try writer.require(id, as: R.self)
      guard case .object(var members) = try record.json else {
        throw SamverkanError.internalError("\(id) is not an object")
      }
      let old = members[field]?.stringValue
      members[field] = value.isEmpty ? nil : .string(value)
      let corrected: R
      do {
        corrected = try JSONValueDecoder().decode(R.self, from: .object(members))
      } catch let error as DecodingError {
        throw SamverkanError.invalidValue(
          value, option: "--value <text>", reason: "\(field): \(error.plainMessage)")
      }
      try writer.update(corrected, action: "correct", note: "rättelse av \(field): \(reason)")
      return old
    }
  }
}

extension StandardVerbs {
  /// `correct <id> --field F --value V --reason R [--erase]`: rättelse (GDPR art. 16) of a
  /// free-text or personal-data field, journaled with the reason. With `--erase` the old
  /// value is also replaced in the record's journal by a marker saying who erased it, when
  /// and why — the way to remove an identifying name written by mistake into an anonymous
  /// record. A correction is not a step of the routine: it is allowed on an established
  /// (write-protected) plan too.
  public static func correct(_ corrections: [Correction]) -> CommandSpec {
    let kinds = corrections.map(\.kind)
    let id = Argument<String>(
      "id",
      help: "The record's ID, e.g. \(kinds.map { "\($0.prefix)-12" }.joined(separator: " or ")).",
      completion: .dynamic("ids:" + kinds.map(\.prefix).joined(separator: ","))
    ).recordID(of: kinds)
    let allFields = Array(Set(corrections.flatMap(\.fields))).sorted()
    let field = Option<String>(
      "field", value: "field", help: "The field to correct.", required: true,
      completion: .values(allFields))
    let value = Option<String>(
      "value", value: "text", help: "The right value (empty to clear the field).", required: true)
    let reason = CommonOptions.reason.help("Why the value is corrected (journaled).").required
    let erase = Flag(
      "erase",
      help:
        "Also replace the old value in the record's journal by a marker saying who erased it, when and why."
    )
    let kind = kinds[0]
    return CommandSpec(
      name: "correct",
      abstract:
        "Correct a field (rättelse), journaled with the reason; --erase removes the old value.",
      discussion:
        "The fields that can be corrected: \(allFields.joined(separator: ", ")). The old value stays in the record's history unless --erase is given: then it is replaced there too by '[raderat av USER DATE: REASON]', and 'history' and 'store check' keep working.",
      examples: [
        Example(
          "samverkan \(kind.collection) correct \(kind.prefix)-3 --field note --value 'Rätt text' --reason 'Felskrivning'",
          "Corrects a note; the old one stays in the history."),
        Example(
          "samverkan \(kind.collection) correct \(kind.prefix)-3 --field note --value 'En ung vuxen' --reason 'Namn skrevs in av misstag' --erase",
          "Removes an identifying name from the record and its journal."),
      ],
      options: [field, value, reason, erase],
      arguments: [id]
    ) { call in
      let text = try call.require(id)
      let recordID = try call.recordID(id, kind: RecordID.kindOf(text, among: kinds) ?? kind)
      guard let correction = corrections.first(where: { $0.kind == recordID.kind }) else {
        throw SamverkanError.internalError("no correction for \(recordID.kind.noun)")
      }
      let name = try call.require(field)
      guard correction.fields.contains(name) else {
        throw SamverkanError.invalidValue(
          name, option: field.spec.usage,
          reason:
            "a \(recordID.kind.noun) has no free-text field '\(name)' to correct. Please provide one of \(quotedList(correction.fields))."
        )
      }
      let why = try call.require(reason).trimmingCharacters(in: .whitespacesAndNewlines)
      guard !why.isEmpty else {
        throw SamverkanError.invalidValue(
          "", option: reason.spec.usage, reason: "a correction is journaled with its reason")
      }
      let newValue = try call.require(value)
      try call.store().write { writer in
        let old = try correction.apply(writer, recordID, name, newValue, why)
        guard old != newValue else {
          throw SamverkanError.refused(
            "\(recordID)'s \(name) is already '\(newValue)'; nothing was changed.")
        }
        if call.isSet(erase), let old, !old.isEmpty {
          try writer.eraseFromJournal(
            of: recordID, field: name, value: old,
            marker: "[raderat av \(call.actor) \(call.clock.today): \(why)]")
        }
      }
      call.stdout.line(recordID.description)
      call.note(
        "Corrected \(recordID)'s \(name)\(call.isSet(erase) ? "; the old value is erased from its history too" : "; the old value stays in its history ('history \(recordID)')")."
      )
      return ExitCode.success
    }
  }
}
