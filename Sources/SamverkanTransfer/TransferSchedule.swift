import SamverkanDomain

/// The dates a transfer must keep: the handover (from which the receiving unit decides)
/// and the notice deadline six months (the profile's notice months) before it.
public struct TransferSchedule: Equatable, Sendable {
  public var basis: TransferBasis
  /// For a birthday handover: the age turned on the handover date.
  public var handoverAge: Int?
  public var handoverDate: CivilDate
  /// The last day to notify the receiving unit (aviseras senast).
  public var noticeDeadline: CivilDate

  public init(
    basis: TransferBasis, handoverAge: Int?, handoverDate: CivilDate, noticeDeadline: CivilDate
  ) {
    self.basis = basis
    self.handoverAge = handoverAge
    self.handoverDate = handoverDate
    self.noticeDeadline = noticeDeadline
  }

  // MARK: - Computing

  /// The notice deadline for a handover at an age limit: the handover date minus the notice
  /// months, on the month's last day when it is shorter (2027-08-31 → 2027-02-28).
  public static func noticeDeadline(for handover: CivilDate, rules: TransferRules) -> CivilDate {
    handover.adding(months: -rules.noticeMonths)
  }

  /// The notice deadline for a handover on this basis. The six months' notice belongs to the
  /// age limits, which everyone can see coming (seed 001: "senast sex månader innan"); a
  /// transfer decided at a samverkansmöte or by escalation is notified by its handover date,
  /// or it would be late from the moment it is planned.
  public static func noticeDeadline(
    for handover: CivilDate, basis: TransferBasis, rules: TransferRules
  ) -> CivilDate {
    switch basis {
    case .birthday: noticeDeadline(for: handover, rules: rules)
    case .decision: handover
    }
  }

  /// The handover on the birthday the rules give: the adult age (19), or the family-home
  /// age (21). The birth date comes from the personnummer or samordningsnummer, or from
  /// `birthDate` when the caseworker gave one because the number's is incomplete; a person
  /// born on 29 February turns a year older on 1 March in a year that is not a leap year.
  public static func birthday(
    of person: PersonNumber, birthDate: CivilDate? = nil, familyHome: Bool, rules: TransferRules
  ) -> TransferSchedule {
    let age = Transfer.handoverAge(familyHome: familyHome, rules: rules)
    let handover = (birthDate ?? person.birthDate).anniversary(age)
    return TransferSchedule(
      basis: .birthday, handoverAge: age, handoverDate: handover,
      noticeDeadline: noticeDeadline(for: handover, rules: rules))
  }

  /// The handover on a date decided at a collaboration meeting or by escalation.
  public static func decided(on date: CivilDate, rules: TransferRules) -> TransferSchedule {
    TransferSchedule(
      basis: .decision, handoverAge: nil, handoverDate: date,
      noticeDeadline: noticeDeadline(for: date, basis: .decision, rules: rules))
  }

  /// What `transfer plan` computes: the birthday handover, or the decided date when one is
  /// given. Refused (exit 77) when the birthday has passed already and no date is given,
  /// and when a decided date is before today.
  public static func plan(
    person: PersonNumber, birthDate stated: CivilDate? = nil, familyHome: Bool,
    on decided: CivilDate?, today: CivilDate, rules: TransferRules
  ) throws(SamverkanError) -> TransferSchedule {
    if let decided {
      guard decided >= today else {
        throw .refused(
          "The handover date \(decided) is before today (\(today)): a transfer is planned ahead. Give today or a later date with --on; a transfer that has already happened can be recorded with 'samverkan transfer import'."
        )
      }
      return Self.decided(on: decided, rules: rules)
    }
    if let stated, let disagreement = person.disagreement(withBirthDate: stated) {
      throw .invalidValue(
        stated.description, option: "--birth-date <date>",
        reason: "\(disagreement). Give the birth date from the person's papers")
    }
    // The birthday handover is the one rule that needs the exact birthday: a samordningsnummer
    // with an incomplete date would otherwise move the case on a day nobody chose.
    let age = Transfer.handoverAge(familyHome: familyHome, rules: rules)
    if stated == nil, let incomplete = person.incompleteBirthDate {
      throw .usage(
        "The handover on the \(ordinal(age)) birthday needs the exact birth date, and \(person.longForm)'s is incomplete: \(incomplete). Give the birth date from the person's papers with --birth-date YYYY-MM-DD, or a decided handover date with --on DATE."
      )
    }
    let born = stated ?? person.birthDate
    let schedule = birthday(of: person, birthDate: stated, familyHome: familyHome, rules: rules)
    guard schedule.handoverDate >= today else {
      let now = born.age(on: today)
      var text =
        "The person (born \(born)) turned \(age) on \(schedule.handoverDate) and is \(now) today (\(today)): a transfer at the \(ordinal(age)) birthday"
      text += familyHome ? " (family home)" : ""
      text +=
        " can no longer be planned. If a collaboration meeting (samverkansmöte) decided that the case moves, give the date decided with --on DATE"
      if !familyHome, now < rules.familyHomeAge {
        text +=
          "; if the person is placed in family care (familjehem), the youth unit keeps the case until the \(ordinal(rules.familyHomeAge)) birthday: add --family-home"
      }
      text +=
        ". For a new or returning case, 'samverkan transfer route --age \(now)' says which unit should handle it."
      throw .refused(text)
    }
    return schedule
  }

  // MARK: - Asking

  /// Whether a notice given on this date is late: after the deadline (on it is in time).
  public func isLate(noticeOn date: CivilDate) -> Bool {
    date > noticeDeadline
  }

  /// Whether the deadline has passed by this date (so a notice now would be late).
  public func deadlinePassed(by today: CivilDate) -> Bool {
    isLate(noticeOn: today)
  }
}

/// 19th, 21st, 22nd, 23rd: English ordinals for messages.
func ordinal(_ number: Int) -> String {
  let suffix: String
  switch (number % 10, number % 100) {
  case (_, 11...13): suffix = "th"
  case (1, _): suffix = "st"
  case (2, _): suffix = "nd"
  case (3, _): suffix = "rd"
  default: suffix = "th"
  }
  return "\(number)\(suffix)"
}

/// "1 day", "3 days".
func days(_ count: Int) -> String {
  abs(count) == 1 ? "\(count) day" : "\(count) days"
}

/// "in 3 days", "today", "1 day ago": a distance from today for messages.
func daysPhrase(_ days: Int) -> String {
  switch days {
  case 0: return "today"
  case 1: return "tomorrow"
  case 2...: return "in \(days) days"
  case -1: return "yesterday"
  default: return "\(-days) days ago"
  }
}
