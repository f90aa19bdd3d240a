import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanStore

extension ManagersMeeting {
  /// Every rule of the routine a stored meeting must satisfy, all at once. The calendar
  /// rules (one meeting a month, the two kinds alternating, the note-taker rotating) are
  /// checked when the meeting is planned or moved; what is stored stays as it was accepted.
  public func problems(previous: ManagersMeeting?, in context: RuleContext) -> [FieldProblem] {
    if let previous, let minutes = previous.minutes {
      return [
        FieldProblem(
          "minutes",
          "the minutes of \(previous.id.map { "\($0)" } ?? "the meeting") were recorded on \(minutes.recordedOn); the meeting does not change after that",
          rule: true)
      ]
    }
    var problems: [FieldProblem] = []
    problems += participantProblems()
    if inventory, type != .reconciliation {
      problems.append(
        FieldProblem(
          "inventory",
          "the inventory of coming transfers belongs to the avstämningsmöte, not the \(type.swedish)",
          rule: true))
    }
    let moved =
      previous == nil || previous?.date != date || previous?.type != type
      || previous?.noteTaker.lowercased() != noteTaker.lowercased()
    if moved {
      let others = ((try? context.reader.records(ManagersMeeting.self)) ?? []).filter {
        $0.id != id
      }
      problems += calendarProblems(others)
    }
    problems += attendanceProblems(today: context.clock.today)
    problems += minutesProblems(today: context.clock.today)
    return problems
  }

  // MARK: - Participants

  private func participantProblems() -> [FieldProblem] {
    var problems: [FieldProblem] = []
    if participants.count < 2 {
      problems.append(
        FieldProblem(
          "participants",
          "a meeting of the assistant unit managers needs at least two participants (give --participant 'UNIT=Name' for each)"
        ))
    }
    var seen: Set<String> = []
    for participant in participants {
      if participant.name.isBlank {
        problems.append(FieldProblem("participants", "a participant's name is empty"))
      } else if !seen.insert(participant.name.lowercased()).inserted {
        problems.append(
          FieldProblem("participants", "'\(participant.name)' is named twice"))
      }
    }
    if participant(named: noteTaker) == nil {
      problems.append(
        FieldProblem(
          "noteTaker",
          "'\(noteTaker)' does not take part; the minutes are written by one of the participants (\(participants.map(\.name).joined(separator: ", ")))",
          rule: true))
    }
    return problems
  }

  // MARK: - Calendar

  /// One meeting a month; avstämningsmöte and samverkansmöte take turns month by month;
  /// the note-taker is not the one who wrote the minutes of the meeting before.
  private func calendarProblems(_ others: [ManagersMeeting]) -> [FieldProblem] {
    var problems: [FieldProblem] = []
    if let same = others.first(where: { $0.date.monthIndex == date.monthIndex }) {
      problems.append(
        FieldProblem(
          "date",
          "\(same.id.map { "\($0)" } ?? "a meeting") is already the \(same.type.swedish) of that month (\(same.date)); the assistant unit managers meet once a month",
          rule: true))
    }
    for neighbour in others
    where abs(neighbour.date.monthIndex - date.monthIndex) == 1 && neighbour.type == type {
      let other: MeetingType = type == .reconciliation ? .collaboration : .reconciliation
      problems.append(
        FieldProblem(
          "type",
          "\(neighbour.id.map { "\($0)" } ?? "the meeting") on \(neighbour.date) is also a \(type.swedish); avstämningsmöte and samverkansmöte take turns every other month, so this one is a \(other.swedish) (--type \(other.rawValue))",
          rule: true))
    }
    if participants.count > 1,
      let before = others.filter({ $0.date < date }).max(by: { $0.date < $1.date })
    {
      let wrote = before.minutes?.by ?? before.noteTaker
      if wrote.lowercased() == noteTaker.lowercased() {
        problems.append(
          FieldProblem(
            "noteTaker",
            "\(wrote) wrote the minutes of the meeting before (\(before.id.map { "\($0)" } ?? "") on \(before.date)); the duty rotates between the participants",
            rule: true))
      }
    }
    return problems
  }

  // MARK: - Attendance and minutes

  private func attendanceProblems(today: CivilDate) -> [FieldProblem] {
    guard !attendance.isEmpty else { return [] }
    var problems: [FieldProblem] = []
    if date > today {
      problems.append(
        FieldProblem(
          "attendance",
          "the meeting on \(date) has not been held yet (today is \(today)); record attendance once it has",
          rule: true))
    }
    for presence in attendance {
      if participant(named: presence.name) == nil {
        problems.append(
          FieldProblem(
            "attendance",
            "'\(presence.name)' is not a participant (\(participants.map(\.name).joined(separator: ", ")))",
            rule: true))
      }
      if !presence.present, type == .reconciliation, presence.reason.isBlank {
        problems.append(
          FieldProblem(
            "attendance",
            "\(presence.name) was absent without a reason; the avstämningsmöte is mandatory for every assistant unit manager, so an absence is recorded with its reason ('\(presence.name): reason')",
            rule: true))
      }
    }
    return problems
  }

  private func minutesProblems(today: CivilDate) -> [FieldProblem] {
    guard let minutes else { return [] }
    var problems: [FieldProblem] = []
    if minutes.text.isBlank {
      problems.append(FieldProblem("minutes", "the minutes are empty"))
    }
    if minutes.recordedOn < date {
      problems.append(
        FieldProblem(
          "minutes", "the minutes are dated \(minutes.recordedOn), before the meeting on \(date)",
          rule: true))
    }
    let missing = withoutAttendance.map(\.name)
    if !missing.isEmpty {
      problems.append(
        FieldProblem(
          "attendance",
          "the attendance of \(missing.joined(separator: ", ")) is not recorded; record it first ('samverkan escalate meeting attend \(id.map { "\($0)" } ?? "MTG-n") --present NAME --absent \"NAME: reason\"')",
          rule: true))
    } else if !attended(minutes.by) {
      problems.append(
        FieldProblem(
          "minutes",
          "\(minutes.by) did not attend the meeting; the minutes are written by someone who was there",
          rule: true))
    } else if attended(noteTaker), minutes.by.lowercased() != noteTaker.lowercased() {
      problems.append(
        FieldProblem(
          "minutes",
          "\(noteTaker) takes the minutes of this meeting (the duty rotates); \(minutes.by) writes them only when \(noteTaker) was absent",
          rule: true))
    }
    return problems
  }
}
