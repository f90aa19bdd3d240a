import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanJSON
import SamverkanStore

extension SPCommand {
  /// `sp show <id> ...`: SPs or consultations; `--format md` renders the Swedish documents.
  enum Show {
    /// Which document `show --format md` renders.
    enum Document: String, CaseIterable, ArgumentValue {
      /// Kallelse till SP-möte.
      case summons
      /// Samordnad plan.
      case plan
    }

    static let ids = VariadicArgument<String>(
      "id",
      help: "The SP's ID (SP-3) or an anonymous consultation's (KONS-2); several may be given.",
      completion: .dynamic("ids:SP,KONS")
    ).recordIDs(of: [.sp, .consultation])
    static let document = Option<Document>(
      "document", value: "document",
      help:
        "With --format md: the summons (kallelse) or the plan (default: the plan once documented, else the summons)."
    )

    static let spec = CommandSpec(
      name: "show",
      abstract:
        "Show an SP or an anonymous consultation; --format md renders the summons or the plan in Swedish.",
      discussion: """
        '--format md --document summons' renders the summons (kallelse) to send to the other administrations; '--document plan' the plan as documented, with attendance, approvals and, once established, that it is write-protected — the document to file in the case system. Persons with protected personal data are masked unless --reveal is given.
        Several IDs are shown one after the other (with --json as an array; documents separated by a rule); if any does not exist, nothing is shown (exit 66).
        """,
      examples: [
        Example("samverkan sp show SP-3", "Every field of SP-3."),
        Example(
          "samverkan sp show SP-3 --format md --document summons > kallelse.md",
          "The summons as a Swedish document."),
        Example("samverkan sp show KONS-2", "An anonymous consultation."),
      ],
      options: [document],
      arguments: [ids],
      documentFormats: [.md]
    ) { call in try run(call) }

    static func run(_ call: Invocation) throws -> Int32 {
      let ids = try call.recordIDs(Self.ids, kinds: [.sp, .consultation])
      let format = try call.outputFormat()
      if call.isGiven(document) {
        guard !ids.contains(where: { $0.kind == .consultation }) else {
          throw SamverkanError.usage("'--document' is for SPs; a consultation is one document.")
        }
        guard format == .md else {
          throw SamverkanError.usage("'--document' renders a document: add --format md.")
        }
      }
      try call.store().read { reader in
        let masking = try call.masking(reader)
        var records: [(record: JSONValue, fields: [String])] = []
        var documents: [String] = []
        for id in ids {
          if id.kind == .consultation {
            let consultation = try reader.require(id, as: Consultation.self)
            if format == .md {
              documents.append(
                SPDocuments(profile: try call.profile(), masking: .none, today: call.clock.today)
                  .consultation(consultation))
            } else {
              records.append((try consultation.json, Consultation.fieldNames))
            }
            continue
          }
          let plan = try reader.require(id, as: CoordinatedPlan.self)
          try call.noteWithdrawals(of: plan, reader: reader)
          guard format == .md else {
            records.append((try plan.json, CoordinatedPlan.fieldNames))
            continue
          }
          documents.append(
            try Self.document(of: plan, id: id, reader: reader, masking: masking, call))
        }
        if format == .md {
          call.stdout.write(documents.joined(separator: "\n---\n\n"))
        } else {
          try call.writeRecords(records, masking: masking)
        }
      }
      return ExitCode.success
    }

    /// The summons or the plan of SP `id` as a Swedish document, as `--document` asks.
    static func document(
      of plan: CoordinatedPlan, id: RecordID, reader: StoreReader, masking: Masking,
      _ call: Invocation
    ) throws -> String {
      let documents = SPDocuments(
        profile: try call.profile(), masking: masking,
        consents: try plan.consents.compactMap { try reader.record($0, as: Consent.self) },
        today: call.clock.today)
      switch try call.value(document) ?? (plan.plan == nil ? .summons : .plan) {
      case .summons:
        guard plan.summons != nil else {
          throw SamverkanError.refused(
            "\(id) has no summons yet: send it with 'samverkan sp summon \(id) …'.")
        }
        return documents.summons(plan)
      case .plan:
        guard plan.plan != nil else {
          throw SamverkanError.refused(
            "\(id) has no documented plan yet: document it with 'samverkan sp plan \(id) …' after the meeting."
          )
        }
        return documents.plan(plan)
      }
    }
  }
}
