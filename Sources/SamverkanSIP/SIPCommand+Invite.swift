import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanStore

extension SIPCommand {
  /// `sip invite`: summon the principals and invite other actors (kalla/bjud in).
  enum Invite {
    static let parties = ListOption<OrganizationID>(
      "party", value: "org",
      help:
        "A principal to summon or another actor to invite, e.g. REGION or FK; repeat it or separate with commas."
    )
    static let relative = Option<String>(
      "relative", value: "name",
      help: "A relative (närstående) who takes part at the individual's own wish.")

    static let spec = CommandSpec(
      name: "invite",
      abstract:
        "Summon principals and invite other actors to the SIP meeting (kallelse, inbjudan).",
      discussion: """
        Principals (the municipality's administrations and the region) are summoned (kallelse): they are obliged to take part. Other actors (FK, AF, KV, school) are invited (inbjudan) at the individual's wish and are not obliged to come.
        The meeting is prepared with the person first: its purpose and the questions to go through, recorded with 'sip prepare' or with --purpose and --question here; an invitation to an unprepared meeting is refused (exit 77). 'sip show <id> --format md --document invitation' renders the invitation in Swedish.
        No invitation without a consent that covers every party of the SIP — the initiator, everyone already invited and the new parties — for the purpose 'sip', or a secrecy-breaking ground given with --legal-ground. A relative comes at the individual's own wish.
        """,
      examples: [
        Example(
          "samverkan sip invite SIP-3 --party REGION,FK",
          "Summons the region and invites Försäkringskassan."),
        Example(
          "samverkan sip invite SIP-3 --relative 'Karin Andersson (mother)'",
          "A relative the individual wants at the meeting."),
      ],
      options: [parties, relative, purpose, question, on, note] + sharingOptions,
      arguments: [sipID]
    ) { call in try run(call) }

    static func run(_ call: Invocation) throws -> Int32 {
      var wanted: [OrganizationID] = []
      for party in try call.values(parties) where !wanted.contains(party) { wanted.append(party) }
      let relativeName = try call.value(relative)
      guard !wanted.isEmpty || relativeName != nil else {
        throw SamverkanError.usage(
          "Name at least one party to summon or invite (--party REGION,FK) or a relative (--relative NAME)."
        )
      }
      let date = try call.stepDate(on)
      let preparation = try preparationGiven(call, on: date)
      let profile = try call.profile()
      var summoned: [OrganizationID] = []
      var invited: [OrganizationID] = []
      let code = try change(
        call, action: "invite", step: "Inviting to", sharing: wanted.isEmpty ? .none : .always,
        on: date
      ) { sip, context in
        try sip.requireDraft("inviting to it")
        if let preparation { sip.preparation = preparation }
        guard sip.preparation != nil else {
          throw SamverkanError.refused(
            "The meeting of \(sip.name) is not prepared yet: the principal that took the initiative prepares it with the person first — the purpose and the questions to go through ('samverkan sip prepare \(sip.name) --purpose … --question …', or give --purpose and --question here)."
          )
        }
        for party in wanted {
          if party == sip.initiator {
            throw SamverkanError.refused(
              "\(party) took the initiative for \(sip.name) and takes part without an invitation; summon or invite the other parties."
            )
          }
          if let index = sip.participantIndex(party) {
            let earlier = sip.participants[index]
            throw SamverkanError.refused(
              "\(party) was already \(earlier.invitation == .summons ? "summoned" : "invited") to \(sip.name) on \(earlier.invitedOn); record its answer with 'samverkan sip respond \(sip.name) --party \(party) …'."
            )
          }
          if sip.isInternal, party.parent != sip.initiator.parent {
            throw SamverkanError.refused(
              "\(sip.name) is an internal SIP (I-SIP) of \(sip.initiator.parent): it coordinates that administration's units only (e.g. \(sip.initiator.parent)/BOU), and \(party) is another administration. Coordinate with another administration in an SP ('samverkan sp create'), and with the region in a SIP created without --internal."
            )
          }
          let kind = SIP.invitationKind(for: party, in: profile)
          sip.participants.append(
            SIPParticipant(organization: party, invitation: kind, invitedOn: date))
          if kind == .summons { summoned.append(party) } else { invited.append(party) }
        }
        if let relativeName {
          sip.relatives.append(SIPRelative(name: relativeName, invitedOn: date))
        }
        var parts: [String] = []
        if !summoned.isEmpty {
          parts.append("kallelse: " + summoned.map(\.value).joined(separator: ", "))
        }
        if !invited.isEmpty {
          parts.append("inbjudan: " + invited.map(\.value).joined(separator: ", "))
        }
        if relativeName != nil { parts.append("närstående") }
        return Change(
          event: "SIP-möte, " + parts.joined(separator: "; "), note: try call.value(note))
      }
      if !summoned.isEmpty {
        call.note(
          "Summoned (kallelse): \(summoned.map(\.value).joined(separator: ", ")). A principal cannot decline; it names a substitute if the one summoned cannot come."
        )
      }
      if !invited.isEmpty {
        call.note(
          "Invited (inbjudan): \(invited.map(\.value).joined(separator: ", ")). Other actors are not obliged to take part."
        )
      }
      return code
    }
  }
}
