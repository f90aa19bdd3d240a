import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanJSON
import SamverkanStore

extension SIPCommand {
  /// `sip show <id> ...`: SIPs with all their fields, or the plans (or invitations) as
  /// Swedish documents.
  enum Show {
    static let ids = RecordArguments.ids(of: .sip)

    static let document = Option<String>(
      "document", value: "document",
      help: "With --format md: 'plan' (the default) or 'invitation' (kallelse och inbjudan).",
      completion: .values(["plan", "invitation"]))

    static let spec = CommandSpec(
      name: "show",
      abstract: "Show one SIP with all its fields, or with --format md the plan as a document.",
      discussion:
        "--format md renders the plan in Swedish for the individual: needs and wishes, goals, who does what and when, a placement in another region with that region's health-care responsibility, who holds the overall responsibility, and the follow-up date and place. A plan not yet established is marked as a draft. '--document invitation' renders the invitation (kallelse och inbjudan) instead: who is summoned and invited, the purpose and the questions prepared with the person. Several IDs are shown one after the other (with --json as an array; as documents separated by a rule); if any does not exist, nothing is shown (exit 66).",
      examples: [
        Example("samverkan sip show SIP-12", "Every field; add --json for JSON."),
        Example("samverkan sip show SIP-12 --format md > plan.md", "The plan as a document."),
        Example(
          "samverkan sip show SIP-12 --format md --document invitation > kallelse.md",
          "The invitation to the SIP meeting."),
      ],
      options: [document],
      arguments: [ids],
      documentFormats: [.md]
    ) { call in try run(call) }

    static func run(_ call: Invocation) throws -> Int32 {
      let recordIDs = try call.recordIDs(Self.ids, kinds: [.sip])
      let documentName = try call.value(document)
      if let documentName, !["plan", "invitation"].contains(documentName) {
        throw SamverkanError.invalidValue(
          documentName, option: document.spec.usage,
          reason: "there is no such document. Please provide one of 'plan' or 'invitation'")
      }
      if documentName != nil, try call.outputFormat() != .md {
        throw SamverkanError.usage("'--document' renders a document: add --format md.")
      }
      try call.store().read { reader in
        let sips = try recordIDs.map { try reader.require($0, as: SIP.self) }
        let masking = try call.masking(reader)
        for sip in sips {
          try call.noteWithdrawals(of: sip, reader: reader)
          call.noteClosing(of: sip)
        }
        guard try call.outputFormat() == .md else {
          try call.writeRecords(try sips.map { (try $0.json, SIP.fieldNames) }, masking: masking)
          return
        }
        // All or nothing: every invitation asked for can be rendered before any is written.
        if documentName == "invitation", let sip = sips.first(where: { $0.participants.isEmpty }) {
          throw SamverkanError.refused(
            "No one is summoned or invited to \(sip.name) yet; the invitation is rendered once 'samverkan sip invite \(sip.name) --party …' has been recorded."
          )
        }
        for (index, sip) in sips.enumerated() {
          if index > 0 { call.stdout.write("\n---\n\n") }
          var consent: Consent?
          if let id = sip.consent { consent = try reader.record(id, as: Consent.self) }
          let rendered = SIPDocument(
            sip: sip, profile: try call.profile(), masking: masking, consent: consent,
            today: call.clock.today)
          call.stdout.write(
            documentName == "invitation" ? rendered.invitationMarkdown : rendered.markdown)
        }
      }
      return ExitCode.success
    }
  }
}
