import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanStore

extension EscalateCommand {
  /// What `agenda` lists for escalations: each coming meeting an open matter is registered
  /// for, and — for an open matter at the registration level not yet registered — the
  /// registration deadline (12:00 the day before) of each coming meeting the store knows of.
  public static func agendaItems(_ query: AgendaQuery, reader: StoreReader) throws
    -> [AgendaItem]
  {
    let rules = query.profile.escalation
    let matters = try reader.dueRecords(
      Escalation.self, today: query.today, until: query.until
    ).filter(\.isOpen)
    let meetings = Set(
      matters.flatMap { $0.registrations.map(\.meeting) }.filter { $0 >= query.today })
    var items: [AgendaItem] = []
    for matter in matters {
      let id = try matter.savedID
      for registration in matter.registrations
      where registration.meeting >= query.today && registration.meeting <= query.until {
        items.append(
          AgendaItem(
            date: registration.meeting, kind: "escalate.meeting", record: id,
            key: registration.meeting.description,
            what:
              "\(registration.type.swedish) at \(levelName(matter.level, query.profile)); the agenda: 'samverkan escalate agenda --meeting \(registration.meeting)'",
            organizations: matter.parties, person: matter.person, personName: matter.personName))
      }
      guard matter.level == rules.registrationLevel else { continue }
      let registered = Set(matter.registrations.map(\.meeting))
      for meeting in meetings.sorted() where !registered.contains(meeting) {
        let deadline = try RegistrationDeadline(meeting: meeting, rules: rules)
        guard deadline.closes.date <= query.until, deadline.closes >= query.now else { continue }
        items.append(
          AgendaItem(
            date: deadline.closes.date, time: deadline.closes, kind: "escalate.registration",
            record: id, key: meeting.description,
            what:
              "register \(id) for the meeting on \(meeting) by \(deadline.text): 'samverkan escalate register \(id) --meeting \(meeting)'",
            organizations: [matter.responsibleUnit], person: matter.person,
            personName: matter.personName))
      }
    }
    return items
  }
}
