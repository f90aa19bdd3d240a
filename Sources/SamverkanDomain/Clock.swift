import Foundation

/// The current date and time, pinned by --today/--now or SAMVERKAN_TODAY/SAMVERKAN_NOW for
/// reproducible scripts and tests.
public struct Clock: Sendable {
  /// The instant: what the journal records.
  public let now: Date
  /// Today in Europe/Stockholm: what deadlines and ages are counted from.
  public let today: CivilDate

  /// The clock at `now`, with today its date in Stockholm.
  public init(now: Date) {
    self.init(now: now, today: LocalDateTime(instant: now).date)
  }

  /// A clock whose date is given apart from the instant.
  public init(now: Date, today: CivilDate) {
    self.now = now
    self.today = today
  }

  /// The computer's clock.
  public static func system() -> Clock {
    Clock(now: Date())
  }

  /// The clock a command runs with, from `--today` and `--now` or their environment variables
  /// `SAMVERKAN_TODAY` and `SAMVERKAN_NOW`.
  ///
  /// - The command line wins over the environment: when either option is given, both
  ///   variables are ignored, so a one-off `--today` works in a shell that exports
  ///   `SAMVERKAN_NOW`. An empty variable counts as unset.
  /// - `--now` takes a Stockholm time (`2026-11-25T14:03`) or a UTC instant ending in `Z`
  ///   (`2026-11-25T13:03:07Z`), and pins both the instant and the date.
  /// - `--today` alone pins the date and sets the instant to 12:00 Stockholm time that day, so
  ///   scripts get a reproducible instant in the middle of the day. It may be relative
  ///   (`yesterday`, `-2w`), counted from the real date.
  /// - Both given must fall on the same date.
  ///
  /// Errors name the option or variable the value came from.
  public static func resolve(
    todayOption: String?, nowOption: String?, environment: [String: String],
    systemNow: Date = Date()
  ) throws(SamverkanError) -> Clock {
    let todaySetting: Setting?
    let nowSetting: Setting?
    if todayOption != nil || nowOption != nil {
      todaySetting = todayOption.map { Setting(text: $0, source: "--today <date>") }
      nowSetting = nowOption.map { Setting(text: $0, source: "--now <datetime>") }
    } else {
      todaySetting = Setting(environment, "SAMVERKAN_TODAY")
      nowSetting = Setting(environment, "SAMVERKAN_NOW")
    }

    let pinnedNow = try nowSetting.map { setting throws(SamverkanError) in
      (setting, try setting.read(parseNow))
    }
    let realToday = Clock(now: systemNow).today
    let pinnedToday = try todaySetting.map { setting throws(SamverkanError) in
      (
        setting,
        try setting.read { text throws(ValueError) in
          try CivilDate.parse(text, today: realToday)
        }
      )
    }

    switch (pinnedToday, pinnedNow) {
    case (nil, nil):
      return Clock(now: systemNow)
    case (nil, (_, let now)?):
      return Clock(now: now)
    case ((_, let today)?, nil):
      // 12:00 exists on every day in Stockholm: the clocks only ever change at night.
      guard let noon = try? LocalDateTime(date: today, hour: 12, minute: 0)?.instant() else {
        throw SamverkanError.internalError("12:00 on \(today) has no instant in Stockholm")
      }
      return Clock(now: noon, today: today)
    case ((let todaySetting, let today)?, (let nowSetting, let now)?):
      let clock = Clock(now: now)
      guard clock.today == today else {
        throw SamverkanError.invalidValue(
          todaySetting.text, option: todaySetting.source,
          reason: "\(nowSetting.source) falls on \(clock.today); give one of them, or both on "
            + "the same date")
      }
      return clock
    }
  }

  /// What `--now` accepts, for its errors.
  static let nowExpected =
    "a time as YYYY-MM-DDTHH:MM, or a UTC instant such as 2026-11-25T14:03:07Z"

  /// Reads `--now`: a Stockholm wall time, or a UTC instant ending in `Z`.
  static func parseNow(_ text: String) throws(ValueError) -> Date {
    if text.utf8.last == UInt8(ascii: "Z") {
      guard let instant = Timestamp.parseUTC(text) else {
        throw ValueError(
          "it is not a UTC time in the form YYYY-MM-DDTHH:MM:SSZ", expected: nowExpected)
      }
      return instant
    }
    do {
      return try LocalDateTime(iso: text).instant()
    } catch {
      throw ValueError(error.reason, expected: nowExpected)
    }
  }

  /// A value for the clock and where it came from, to name in errors.
  private struct Setting {
    var text: String
    /// The option as usage shows it, or the environment variable.
    var source: String

    init(text: String, source: String) {
      self.text = text
      self.source = source
    }

    /// The variable's value, or nil when it is unset or empty.
    init?(_ environment: [String: String], _ variable: String) {
      guard let text = environment[variable], !text.isEmpty else { return nil }
      self.init(text: text, source: variable)
    }

    /// The value as `parse` reads it, or the error that names this setting.
    func read<Value>(_ parse: (String) throws(ValueError) -> Value) throws(SamverkanError)
      -> Value
    {
      do {
        return try parse(text)
      } catch {
        throw SamverkanError.invalidValue(text, option: source, reason: error.description)
      }
    }
  }
}
