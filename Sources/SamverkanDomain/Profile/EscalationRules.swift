/// The escalation routine's parameters (SPEC §8): levels and the registration deadline.
public struct EscalationRules: Codable, Sendable, Equatable {
  /// Levels 1–4 in order, each with the role that meets there.
  public var levels: [EscalationLevel]
  /// The local time registration closes on the day(s) before a meeting: "12:00".
  public var registrationDeadline: String
  /// How many days before the meeting registration closes (1: the day before).
  public var registrationDaysBefore: Int

  public init(levels: [EscalationLevel], registrationDeadline: String, registrationDaysBefore: Int) {
    self.levels = levels
    self.registrationDeadline = registrationDeadline
    self.registrationDaysBefore = registrationDaysBefore
  }

  /// Göteborg's escalation rules (seed 001).
  public static let goteborg = EscalationRules(
    levels: [
      EscalationLevel(number: 1, role: "handläggare", forum: "samverkan mellan handläggare"),
      EscalationLevel(
        number: 2, role: "biträdande enhetschef",
        forum: "samverkansmöte för biträdande enhetschefer"),
      EscalationLevel(number: 3, role: "enhetschef", forum: "möte mellan enhetschefer"),
      EscalationLevel(number: 4, role: "avdelningschef", forum: "möte mellan avdelningschefer"),
    ],
    registrationDeadline: "12:00", registrationDaysBefore: 1)

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

  public init(number: Int, role: String, forum: String) {
    self.number = number
    self.role = role
    self.forum = forum
  }
}
