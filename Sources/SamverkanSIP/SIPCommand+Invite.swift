import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanStore

extension SIPCommand {
  static let parties = ListOption<OrganizationID>(
    "party", value: "org",
    help:
      "A principal to summon or another actor to invite, e.g. REGION or FK; repeat it or separate with commas."
  )
  static let relative = Option<String>(
    "relative", value: "name",
    help: "A relative (närstående) who takes part at the individual's own wish.")

  /// `sip invite`: summon the principals and invite other actors (kalla/bjud in).
  static let invite = CommandSpec(
    name: "invite",
    abstract: "Summon principals and invite other actors to the SIP meeting (kallelse, inbjudan).",
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
  ) { call in
    var wanted: [OrganizationID] = []
    for party in try call.values(parties) where !wanted.contains(party) { wanted.append(party) }
    let relativeName = try call.value(relative)
    guard !wanted.isEmpty || relativeName != nil else {
      throw SamverkanError.usage(
        "Name at least one party to summon or invite (--party REGION,FK) or a relative (--relative NAME)."
      )
    }
    let date = try call.stepDate(on)
    let preparation = try preparationGiven(call, on: date, required: false)
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
      return Change(event: "SIP-möte, " + parts.joined(separator: "; "), note: try call.value(note))
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

  static let respondParty = Option<OrganizationID>(
    "party", value: "org", help: "The party that answered, e.g. REGION.", required: true)
  static let attending = Option<String>(
    "attending", value: "name", help: "The person who attends for the party.")
  static let substitute = Option<String>(
    "substitute", value: "name",
    help: "The substitute (ersättare) who attends when the one summoned cannot come.")
  static let declined = Flag(
    "declined", help: "The party will not take part (only actors that are not principals may).")
  static let responseNote = CommonOptions.reason.help(
    "Why the party declines, or why a substitute comes.")

  /// `sip respond`: an invited party says who attends, names a substitute, or declines.
  static let respond = CommandSpec(
    name: "respond",
    abstract: "Record a party's answer: who attends, a substitute, or (for other actors) declined.",
    discussion: """
      The invited tell who will attend; when the one invited cannot come, a substitute (ersättare) is named. A principal — the municipality or the region — cannot decline a SIP; other actors (FK, AF, KV, school) have no legal duty to take part and may.
      """,
    examples: [
      Example(
        "samverkan sip respond SIP-3 --party REGION --attending 'Lars Lind, fast vårdkontakt'",
        "The region's named care contact attends."),
      Example(
        "samverkan sip respond SIP-3 --party REGION --substitute 'Sara Berg' --reason 'Lars Lind is on leave'",
        "A substitute comes."),
      Example(
        "samverkan sip respond SIP-3 --party FK --declined --reason 'no ongoing case'",
        "Försäkringskassan will not take part."),
    ],
    options: [respondParty, attending, substitute, declined, responseNote, on],
    arguments: [sipID]
  ) { call in
    let party = try call.require(respondParty)
    let attendingName = try call.value(attending)
    let substituteName = try call.value(substitute)
    let declines = call.isSet(declined)
    let given = [attendingName != nil, substituteName != nil, declines].filter { $0 }.count
    guard given == 1 else {
      throw SamverkanError.usage(
        "Give exactly one answer: --attending NAME, --substitute NAME or --declined.")
    }
    let date = try call.stepDate(on)
    let reason = try call.value(responseNote)
    return try change(
      call, action: "respond", step: "Recording the answer for", sharing: .none, on: date
    ) { sip, _ in
      try sip.requireDraft("recording an answer")
      guard let index = sip.participantIndex(party) else {
        let invited = sip.participants.map(\.organization.value)
        throw SamverkanError.refused(
          "\(party) is not summoned or invited to \(sip.name) (\(invited.isEmpty ? "no one is yet" : "invited: " + invited.joined(separator: ", "))); invite it first with 'samverkan sip invite \(sip.name) --party \(party)'."
        )
      }
      let participant = sip.participants[index]
      if declines, participant.invitation == .summons {
        throw SamverkanError.refused(
          "\(party) is a principal (huvudman) and cannot decline a SIP: social services and health care are obliged by law to take part. If the one summoned cannot come, name a substitute: 'samverkan sip respond \(sip.name) --party \(party) --substitute NAME'."
        )
      }
      let response: SIPResponse
      let summary: String
      if let attendingName {
        response = SIPResponse(answer: .attending, name: attendingName, date: date, note: reason)
        summary = "deltar: \(attendingName)"
      } else if let substituteName {
        response = SIPResponse(answer: .substitute, name: substituteName, date: date, note: reason)
        summary = "ersättare: \(substituteName)"
      } else {
        response = SIPResponse(answer: .declined, name: nil, date: date, note: reason)
        summary = "avböjer"
      }
      sip.participants[index].response = response
      return Change(event: "Svar från \(party): \(summary)", note: nil)
    }
  }
}
