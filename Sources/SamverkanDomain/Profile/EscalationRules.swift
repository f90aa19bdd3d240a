import SamverkanJSON

/// The escalation routine's parameters (SPEC §8): levels and the registration deadline.
public struct EscalationRules: Codable, Sendable, Equatable {
  /// Levels 1–4 in order, each with the role that meets there.
  public var levels: [EscalationLevel]
  /// The level whose regular meetings take registrations with a deadline: 2, the assistant
  /// unit managers' monthly meetings (avstämningsmöte and samverkansmöte).
  public var registrationLevel: Int
  /// The local time registration closes on the day(s) before a meeting: "12:00".
  public var registrationDeadline: String
  /// How many days before the meeting registration closes (1: the day before).
  public var registrationDaysBefore: Int
  /// Whether those days are working days: "dagen innan" a Monday meeting is then the Friday
  /// before (or the last working day before a holiday), not the Sunday nobody works.
  public var registrationOnWorkingDays: Bool
  /// Whether midsommarafton, julafton and nyårsafton count as days off (they are in the
  /// city's collective agreements, though not public holidays).
  public var evesAreDaysOff: Bool

  public init(
    levels: [EscalationLevel], registrationLevel: Int = 2, registrationDeadline: String,
    registrationDaysBefore: Int, registrationOnWorkingDays: Bool = true,
    evesAreDaysOff: Bool = true
  ) {
    self.registrationOnWorkingDays = registrationOnWorkingDays
    self.evesAreDaysOff = evesAreDaysOff
    self.levels = levels
    self.registrationLevel = registrationLevel
    self.registrationDeadline = registrationDeadline
    self.registrationDaysBefore = registrationDaysBefore
  }

  /// The level with this number, if the profile has it.
  public func level(_ number: Int) -> EscalationLevel? {
    levels.first { $0.number == number }
  }

  /// Göteborg's escalation rules (seed 001).
  public static let goteborg = EscalationRules(
    levels: [
      EscalationLevel(
        number: 1, role: "handläggare", forum: "samverkan mellan handläggare", requires: []),
      // "Dessförinnan är det viktigt att handläggarna har pratat med varandra och försökt
      // reda ut svårigheterna på egen hand."
      EscalationLevel(
        number: 2, role: "biträdande enhetschef",
        forum: "samverkansmöte för biträdande enhetschefer", requires: [.attempt]),
      // "Rapporteringen ska ske skriftligt och det ska vara tydligt för alla att ärendet
      // lyfts och alla ska vara överens om det."
      EscalationLevel(
        number: 3, role: "enhetschef", forum: "möte mellan enhetschefer",
        requires: [.report, .agreement]),
      EscalationLevel(
        number: 4, role: "avdelningschef", forum: "möte mellan avdelningschefer", requires: []),
    ],
    registrationLevel: 2, registrationDeadline: "12:00", registrationDaysBefore: 1)

  /// The deadline as hour and minute, when it is a valid HH:MM.
  public var deadlineTime: (hour: Int, minute: Int)? {
    let parts = registrationDeadline.split(separator: ":")
    guard parts.count == 2, parts[0].count == 2, parts[1].count == 2,
      let hour = Int(parts[0]), let minute = Int(parts[1]),
      (0..<24).contains(hour), (0..<60).contains(minute)
    else { return nil }
    return (hour, minute)
  }

  func problems() -> [String] {
    var problems: [String] = []
    if levels.isEmpty {
      problems.append("escalation.levels: must list at least one level")
    } else if levels.map(\.number) != Array(1...levels.count) {
      problems.append("escalation.levels: must be numbered 1, 2, 3 … in order")
    }
    if level(registrationLevel) == nil {
      problems.append(
        "escalation.registrationLevel: \(registrationLevel) is not one of escalation.levels")
    }
    if levels.first?.requires.isEmpty == false {
      problems.append(
        "escalation.levels: the first level is where a matter starts; it cannot require anything")
    }
    if deadlineTime == nil {
      problems.append("escalation.registrationDeadline: must be a time as HH:MM, e.g. 12:00")
    }
    if registrationDaysBefore < 0 {
      problems.append("escalation.registrationDaysBefore: must not be negative")
    }
    return problems
  }
}

/// One escalation level and who meets there.
public struct EscalationLevel: Codable, Sendable, Equatable {
  public var number: Int
  /// The role that decides at this level: "biträdande enhetschef".
  public var role: String
  /// Where the matter is discussed: "samverkansmöte för biträdande enhetschefer".
  public var forum: String
  /// What must be recorded before a matter is raised to this level.
  public var requires: [EscalationRequirement]

  public init(number: Int, role: String, forum: String, requires: [EscalationRequirement]) {
    self.number = number
    self.role = role
    self.forum = forum
    self.requires = requires
  }
}

/// What must be in place before a matter is raised to a level.
public enum EscalationRequirement: String, Codable, StoredAsText, Sendable, CaseIterable {
  /// The caseworkers have talked and tried to solve it themselves (a recorded attempt).
  case attempt
  /// The matter is raised in writing (skriftlig rapportering): a report.
  case report
  /// Every party has agreed that the matter is raised.
  case agreement
}
