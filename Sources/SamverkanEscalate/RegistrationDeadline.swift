import Foundation
import SamverkanDomain

/// When registration for a regular meeting closes: the profile's time (12:00 in Göteborg)
/// the profile's number of days (1) before the meeting, Stockholm time ("Anmälan av ärenden
/// för samverkan sker senast kl. 12.00 dagen innan mötet"). With the profile's
/// `registrationOnWorkingDays` (the default) those are working days: the day before a
/// Monday meeting is the Friday, and Swedish public holidays are skipped.
///
/// The deadline is a wall time in Stockholm turned into an instant for that very day, so a
/// change to or from summer time between the deadline and now is handled.
public struct RegistrationDeadline: Sendable, Equatable {
  /// The meeting's date.
  public let meeting: CivilDate
  /// The deadline as a Stockholm wall time: 2026-12-09T12:00.
  public let closes: LocalDateTime
  /// The deadline as an instant.
  public let instant: Date

  /// The deadline for a meeting under the profile's rules (exit 78 if the profile's time
  /// cannot be read or does not exist that day).
  public init(meeting: CivilDate, rules: EscalationRules) throws(SamverkanError) {
    let day =
      rules.registrationOnWorkingDays
      ? SwedishCalendar.workingDay(
        rules.registrationDaysBefore, before: meeting, evesOff: rules.evesAreDaysOff)
      : meeting.adding(days: -rules.registrationDaysBefore)
    guard let time = rules.deadlineTime,
      let closes = LocalDateTime(date: day, hour: time.hour, minute: time.minute)
    else {
      throw .badConfiguration(
        path: Profile.fileName,
        reason:
          "escalation.registrationDeadline '\(rules.registrationDeadline)' is not a time as HH:MM")
    }
    do {
      instant = try closes.instant()
    } catch {
      throw .badConfiguration(
        path: Profile.fileName,
        reason:
          "escalation.registrationDeadline \(rules.registrationDeadline) on \(closes.date): \(error.reason)"
      )
    }
    self.meeting = meeting
    self.closes = closes
  }

  /// Whether a registration at `now` is in time: up to and including the deadline's minute
  /// ("senast kl. 12.00": at 12:00 it is still in time, from 12:01 it is late). Times are
  /// given to the minute, so the whole minute counts.
  public func isOpen(at now: Date) -> Bool {
    now < instant.addingTimeInterval(60)
  }

  /// "12:00 on 2026-12-09".
  public var text: String {
    "\(String(closes.description.suffix(5))) on \(closes.date)"
  }
}
