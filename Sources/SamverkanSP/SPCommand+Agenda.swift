import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanStore

extension SPCommand {
  /// What `agenda` lists for SPs: `sp due`'s items, by the same rules — a summons to send,
  /// answers awaited, follow-ups, meetings to record, and SPs blocked by their consent.
  public static func agendaItems(_ query: AgendaQuery, reader: StoreReader) throws
    -> [AgendaItem]
  {
    var items: [AgendaItem] = []
    for plan in try reader.dueRecords(
      CoordinatedPlan.self, today: query.today, until: query.until)
    {
      guard let id = plan.id else { throw SamverkanError.internalError("a stored SP has no ID") }
      for due in try DueItem.items(
        for: plan, until: query.until, today: query.today, reader: reader,
        profile: query.profile)
      {
        items.append(
          AgendaItem(
            date: due.date, kind: "sp.\(due.due)", record: id,
            key: ["approval", "answer"].contains(due.due) ? due.administration.value : "",
            what: due.what,
            organizations: [due.administration], caseworker: plan.caseworker,
            person: plan.person, personName: plan.personName))
      }
    }
    return items
  }
}

extension DueItem {
  /// What to do, in a sentence.
  var what: String {
    let id = plan.idText
    switch due {
    case "summons":
      return
        "send the summons to the SP meeting as early as possible: 'samverkan sp summon \(id) …'"
    case "approval":
      return "\(administration) approves or rejects the plan sent for approval on \(date)"
    case "answer":
      return
        "\(administration) answers the summons to \(id)'s SP meeting (who comes, which time suits), due \(date)"
    case "follow-up": return "follow up the established plan of \(id)"
    case "meeting":
      return "record the SP meeting: the last proposed time (\(date)) has passed"
    default: return detail ?? due
    }
  }
}
