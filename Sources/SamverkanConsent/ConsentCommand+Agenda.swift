import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanStore

extension ConsentCommand {
  /// What `agenda` lists for consents: implied and presumed consent to re-examine by its
  /// review date, and consents that expire (their last valid day) — neither withdrawn.
  public static func agendaItems(_ query: AgendaQuery, reader: StoreReader) throws
    -> [AgendaItem]
  {
    var items: [AgendaItem] = []
    for consent in try reader.dueRecords(Consent.self, today: query.today, until: query.until)
    where consent.revocation == nil {
      let id = try consent.savedID
      guard consent.validUntil >= query.today else { continue }
      if let review = consent.reviewDate(on: query.today), review <= query.until,
        review <= consent.validUntil
      {
        items.append(
          AgendaItem(
            date: review, kind: "consent.review", record: id,
            what:
              "re-examine the \(consent.type.rawValue) consent with the person: 'samverkan consent review \(id)'",
            organizations: consent.parties, person: consent.person,
            personName: consent.personName))
      }
      if consent.validUntil <= query.until {
        items.append(
          AgendaItem(
            date: consent.validUntil, kind: "consent.expiry", record: id,
            what:
              "\(id) covers nothing after this day; ask the person about new consent if the work goes on",
            organizations: consent.parties, person: consent.person,
            personName: consent.personName))
      }
    }
    return items
  }
}
