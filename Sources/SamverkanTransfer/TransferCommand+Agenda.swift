import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanStore

extension TransferCommand {
  /// What `agenda` lists for transfers: `transfer upcoming`'s items by the same rules — the
  /// notice deadline, then the handover — and a transfer blocked by its consent.
  public static func agendaItems(_ query: AgendaQuery, reader: StoreReader) throws
    -> [AgendaItem]
  {
    var items: [AgendaItem] = []
    let transfers = try reader.dueRecords(
      Transfer.self, today: query.today, until: query.until)
    for item in TransferAgenda.items(transfers, today: query.today, until: query.until) {
      let transfer = item.transfer
      let id = try transfer.savedID
      let what =
        switch item.due {
        case .raise:
          "raise the youth case at the samverkansmöte before the notice (by \(item.date)); then 'samverkan transfer raised \(id) --at ESC-n'"
        case .notice:
          "notify \(transfer.to) of the transfer with the whole package (last day \(item.date)): 'samverkan transfer notify \(id)'"
        case .handover:
          "responsibility passes to \(transfer.to) on \(item.date): 'samverkan transfer complete \(id)'"
        }
      items.append(
        AgendaItem(
          date: item.date, kind: "transfer.\(item.due.rawValue)", record: id, what: what,
          organizations: [item.due == .handover ? transfer.to : transfer.from],
          caseworker: transfer.referringCaseworker, person: transfer.person,
          personName: transfer.personName))
    }
    for transfer in transfers where transfer.isOpen {
      guard let blocked = try Upcoming.block(transfer, reader, query.profile, query.today) else {
        continue
      }
      items.append(
        AgendaItem(
          date: blocked.since, kind: "transfer.consent", record: try transfer.savedID,
          what:
            "\(blocked.reason): no step that shares or contacts the person until new consent is given",
          organizations: [transfer.from], caseworker: transfer.referringCaseworker,
          person: transfer.person, personName: transfer.personName))
    }
    return items
  }
}
