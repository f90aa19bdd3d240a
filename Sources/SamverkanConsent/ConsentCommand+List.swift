import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanJSON
import SamverkanStore

extension ConsentCommand {
  /// `consent list`: consents, filtered, with their status on the day.
  enum List {
    static let spec = CommandSpec(
      name: "list",
      abstract: "List consents by person, status, party or purpose, or those ending soon.",
      discussion: """
        Each row has the consent's status on the day (today, or --on): active, not-yet-valid, expired, revoked or review-due (implied or presumed consent past its review date, which covers nothing until reviewed). JSON rows are the stored record with "status" added.
        """,
      examples: [
        Example("samverkan consent list --person 19900101-2385", "Every consent of one person."),
        Example(
          "samverkan consent list --status active --expiring-within 30d",
          "Active consents whose last valid day is within 30 days."),
        Example(
          "samverkan consent list --review-due", "Implied and presumed consents to re-examine now."),
        Example(
          "samverkan consent list --party FFS --purpose sp --format ndjson | jq -c '{id, status}'",
          "SP consents naming FFS, as data."),
      ],
      options: filter.options + ListOptions.all
    ) { call in try run(call) }

    static func run(_ call: Invocation) throws -> Int32 {
      let date = try call.value(ConsentCommand.on) ?? call.clock.today
      let person = try call.value(ConsentCommand.person)
      try call.store().read { reader in
        let test = try filter.make(call, reader)
        let masking = try call.masking(reader)
        try call.writeList(
          columns: Consent.listColumns, fields: Consent.listFieldNames, masking: masking
        ) { writer in
          if let person {
            // One person's consents come from the person index, never a walk of the collection.
            for consent in try reader.records(Consent.self, person: person)
            where test?(consent) ?? true {
              try writer.write(try consent.listJSON(on: date))
            }
            return
          }
          // The whole register: each record as stored, with its status read from the few
          // fields that decide it; the whole consent is decoded only to filter. Rows of
          // unprotected persons as NDJSON are copied as their stored text, status spliced in.
          let decoder = JSONValueDecoder()
          func list(_ id: RecordID, _ raw: JSONValue) throws {
            if let test, !test(try reader.decodeStored(raw, as: Consent.self, id: id)) { return }
            guard case .object(var object) = raw else { return }
            let timeline = try decoder.decode(ConsentTimeline.self, from: raw)
            object["status"] = .string(timeline.status(on: date).rawValue)
            try writer.write(.object(object))
          }
          // A list of what is due (a review, an end) reads only the consents the index of
          // due dates names for its days: the filter itself is unchanged.
          if let days = try dueDays(call, on: date),
            let ids = try reader.dueRecordIDs(
              of: Consent.kind, today: days.today, until: days.until)
          {
            for id in ids {
              if let raw = try reader.rawRecord(id) { try list(id, raw) }
            }
            return
          }
          try reader.forEachRecordLine(of: Consent.kind) { line in
            if let test,
              !test(try reader.decodeStored(try line.value(), as: Consent.self, id: line.id))
            {
              return
            }
            let timeline =
              try quickTimeline(line)
              ?? decoder.decode(
                ConsentTimeline.self, from: try line.members(ConsentTimeline.fieldNames))
            let status = JSONValue.string(timeline.status(on: date).rawValue)
            if writer.takesText,
              masking.protected.isEmpty || !masking.protected.contains(line.string("person") ?? "")
            {
              try writer.writeText {
                line.write(adding: [(key: "status", value: status)], into: &$0)
              }
              return
            }
            guard case .object(var object) = try line.value() else { return }
            object["status"] = status
            try writer.write(.object(object))
          }
        }
      }
      return ExitCode.success
    }

    /// The fields `quickTimeline` reads, in the order of the stored members.
    static let timelineKeys = CanonicalObject.Keys([
      "reviewDate", "reviews", "revocation", "type", "validFrom", "validUntil",
    ])

    /// The timeline of a consent without reviews or revocation, read from its fields' text
    /// without the decoder, in one pass over the record; nil for any other (then decoded in
    /// full, which says what is wrong with a damaged one).
    static func quickTimeline(_ line: RecordLine) -> ConsentTimeline? {
      line.withTexts(of: timelineKeys) { texts -> ConsentTimeline? in
        let (reviewDate, reviews, revocation) = (texts[0], texts[1], texts[2])
        let (type, validFrom, validUntil) = (texts[3], texts[4], texts[5])
        // A date is a string of ten plain bytes between quotes; anything else is left to the
        // decoder.
        func date(_ text: UnsafeRawBufferPointer?) -> CivilDate? {
          guard let text, text.count == 12, text.first == 0x22, text.last == 0x22 else {
            return nil
          }
          return CivilDate(isoBytes: UnsafeRawBufferPointer(rebasing: text[1..<11]))
        }
        // No revocation, no reviews, and a type that is a plain string (no escapes) naming one.
        guard revocation == nil, reviews == nil || reviews?.elementsEqual("[]".utf8) == true,
          let type, type.count >= 2, type.first == 0x22, type.last == 0x22,
          !type.contains(UInt8(ascii: "\\")),
          let type = ConsentType(
            rawValue: String(
              decoding: UnsafeRawBufferPointer(rebasing: type.dropFirst().dropLast()), as: UTF8.self
            )),
          let validFrom = date(validFrom), let validUntil = date(validUntil)
        else { return nil }
        // No review date (missing or null) is none; any other must be a date.
        var review: CivilDate?
        if let reviewDate, !reviewDate.elementsEqual("null".utf8) {
          guard let day = date(reviewDate) else { return nil }
          review = day
        }
        return ConsentTimeline(
          type: type, validFrom: validFrom, validUntil: validUntil, reviewDate: review,
          reviews: [], revocation: nil)
      }
    }

    /// The days a list of what is due asks about, for the index of due dates: `--review-due`
    /// lists consents in force on the day whose review date has come (a window that meets
    /// the day), `--expiring-within` those in force on the day that end by the horizon (a
    /// window that meets the days between). Nil for any other list.
    static func dueDays(_ call: Invocation, on date: CivilDate) throws
      -> (today: CivilDate, until: CivilDate)?
    {
      if call.isSet(ConsentCommand.reviewDue) { return (date, date) }
      if let span = try call.value(ConsentCommand.expiringWithin) {
        return (date, span.after(date))
      }
      return nil
    }
  }
}
