import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanJSON
import SamverkanStore

extension ConsentCommand {
  /// `consent revoke <id> ...`: the person withdraws consents, all or nothing.
  enum Revoke {
    static let reason = CommonOptions.reason.help("Why the person withdrew the consent.").required
    static let communicated = Option<String>(
      "communicated", value: "how",
      help: "How the person communicated it, e.g. 'by phone to the caseworker', 'in writing'.",
      required: true)
    static let on = CommonOptions.stepDate("it was withdrawn; from it the consent covers nothing")

    static let spec = CommandSpec(
      name: "revoke", abstract: "Record that the person withdrew a consent (återkallelse).",
      discussion: """
        From the day given (default today) the consent covers nothing: every sharing step that relies on it is refused until new consent is given. Prints the open records of other commands (SIP, SP, transfers) that relied on it, one per line, so they can be followed up; a SIP may then be closed with reason consent-withdrawn. A withdrawal cannot be undone: record new consent with 'consent grant'.
        Several IDs are withdrawn together with the same reason and date, in one change: if any of them cannot be withdrawn (not found, already withdrawn), none is.
        """,
      examples: [
        Example(
          "samverkan consent revoke CON-3 --reason 'Does not want FFS involved' --communicated 'by phone to the caseworker'",
          "Withdraws CON-3 from today and lists the open records that relied on it."),
        Example(
          "samverkan consent revoke CON-3 --reason 'Letter' --communicated 'in writing' --on 2026-11-20 --json",
          "A withdrawal received earlier; the dependent records as JSON."),
        Example(
          "samverkan consent list --person 19900101-2385 --status active -q | xargs samverkan consent revoke --reason 'Withdraws all consent' --communicated 'in writing'",
          "Withdraws every active consent of one person, all or nothing."),
      ],
      options: [reason, communicated, on],
      arguments: [consentIDs]
    ) { call in try run(call) }

    static func run(_ call: Invocation) throws -> Int32 {
      let ids = try call.recordIDs(consentIDs, kinds: [.consent])
      let date = try call.stepDate(Self.on)
      let revocation = ConsentRevocation(
        date: date, reason: try call.require(Self.reason),
        communicated: try call.require(Self.communicated), recordedBy: call.actor)
      let dependents = try call.store().write { writer in
        var dependents: [RecordID: [RecordReference]] = [:]
        for id in ids {
          let previous = try writer.require(id, as: Consent.self)
          if let earlier = previous.revocation {
            throw SamverkanError.refused(
              "\(id) was already withdrawn on \(earlier.date) (\(earlier.reason)); nothing was changed."
            )
          }
          var consent = previous
          consent.revocation = revocation
          try consent.problems(previous: previous, in: try call.ruleContext(writer))
            .throwIfAny("\(id) cannot be withdrawn")
          try writer.update(
            consent, action: "revoke", event: "Samtycke återkallat", note: revocation.reason)
          dependents[id] = try writer.references(to: id).filter(\.isOpen)
        }
        return dependents
      }
      var listed: Set<RecordID> = []
      try call.writeList(
        columns: [Column("id", "ID"), Column("kind", "KIND"), Column("state", "STATE")],
        fields: ["id", "kind", "state"], masking: .none
      ) { emit in
        for reference in dependents.values.joined().sorted(by: { $0.id < $1.id })
        where listed.insert(reference.id).inserted {
          try emit(
            .object([
              "id": .string(reference.id.description), "kind": .string(reference.id.kind.noun),
              "state": .string(reference.state),
            ]))
        }
      }
      for id in ids {
        let relied = dependents[id] ?? []
        if relied.isEmpty {
          call.note("Withdrew \(id) from \(date). No open records relied on it.")
        } else {
          call.note(
            "Withdrew \(id) from \(date). \(relied.count) open record\(relied.count == 1 ? "" : "s") relied on it and now refuse further sharing until new consent is given: \(relied.map(\.id.description).sorted().joined(separator: ", "))."
          )
        }
      }
      return ExitCode.success
    }
  }
}
