import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanStore

extension SIPCommand {
  /// What `agenda` lists for SIPs: `sip due`'s items, by the same rules (SIPDue): follow-ups,
  /// unanswered invitations, a start without a meeting, the 3-day clock after a discharge
  /// notice, a SIP blocked by its consent, and the principals yet to document the closing of a SIP
  /// that is closing.
  public static func agendaItems(_ query: AgendaQuery, reader: StoreReader) throws
    -> [AgendaItem]
  {
    var items: [AgendaItem] = []
    for sip in try reader.dueRecords(SIP.self, today: query.today, until: query.until)
    where sip.isOpen {
      var consents: [Consent] = []
      if sip.consent != nil, let person = sip.person {
        consents = try reader.records(Consent.self, person: person)
      }
      for due in SIPDue.items(
        for: sip, consents: consents, today: query.today, until: query.until,
        profile: query.profile)
      {
        items.append(
          AgendaItem(
            date: due.due, kind: "sip.\(due.kind.rawValue)", record: due.sip,
            key: due.party?.value ?? "", what: due.detail,
            organizations: [due.party ?? sip.overallResponsible ?? sip.initiator],
            caseworker: sip.caseworker, person: sip.person, personName: sip.personName))
      }
    }
    return items
  }
}
