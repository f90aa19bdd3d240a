/// Swedish public holidays (allmänna helgdagar, lag 1989:253) and working days, computed
/// for any year so that no table runs out: the fixed days, the days that follow Easter, and
/// midsommardagen and alla helgons dag, which fall on a Saturday in a window.
public enum SwedishCalendar {
  /// One day off work, with its Swedish name.
  public struct Holiday: Equatable, Sendable {
    public var date: CivilDate
    public var name: String
  }

  /// Easter Sunday (påskdagen) of a Gregorian year, by the anonymous Gregorian algorithm
  /// (Meeus/Jones/Butcher), which holds for every year of the Gregorian calendar.
  public static func easterSunday(_ year: Int) -> CivilDate {
    let a = year % 19
    let b = year / 100
    let c = year % 100
    let d = b / 4
    let e = b % 4
    let f = (b + 8) / 25
    let g = (b - f + 1) / 3
    let h = (19 * a + b - d - g + 15) % 30
    let i = c / 4
    let k = c % 4
    let l = (32 + 2 * e + 2 * i - h - k) % 7
    let m = (a + 11 * h + 22 * l) / 451
    let month = (h + l - 7 * m + 114) / 31
    let day = (h + l - 7 * m + 114) % 31 + 1
    return CivilDate(validYear: year, month: month, day: day)
  }

  /// The public holidays of a year, in date order. Sundays are days off too but are not
  /// listed unless a holiday falls on one (påskdagen, pingstdagen).
  public static func publicHolidays(_ year: Int) -> [Holiday] {
    let easter = easterSunday(year)
    func fixed(_ month: Int, _ day: Int, _ name: String) -> Holiday {
      Holiday(date: CivilDate(validYear: year, month: month, day: day), name: name)
    }
    func saturday(from month: Int, _ day: Int, _ name: String) -> Holiday {
      Holiday(date: Self.saturday(year, from: month, day), name: name)
    }
    let holidays = [
      fixed(1, 1, "nyårsdagen"),
      fixed(1, 6, "trettondedag jul"),
      Holiday(date: easter.adding(days: -2), name: "långfredagen"),
      Holiday(date: easter, name: "påskdagen"),
      Holiday(date: easter.adding(days: 1), name: "annandag påsk"),
      fixed(5, 1, "första maj"),
      Holiday(date: easter.adding(days: 39), name: "Kristi himmelsfärdsdag"),
      Holiday(date: easter.adding(days: 49), name: "pingstdagen"),
      fixed(6, 6, "Sveriges nationaldag"),
      Holiday(date: midsummerDay(year), name: "midsommardagen"),
      saturday(from: 10, 31, "alla helgons dag"),
      fixed(12, 25, "juldagen"),
      fixed(12, 26, "annandag jul"),
    ]
    return holidays.sorted { $0.date < $1.date }
  }

  /// The eves that are days off by collective agreement though not public holidays:
  /// midsommarafton, julafton and nyårsafton.
  public static func eves(_ year: Int) -> [Holiday] {
    [
      Holiday(date: midsummerDay(year).adding(days: -1), name: "midsommarafton"),
      Holiday(date: CivilDate(validYear: year, month: 12, day: 24), name: "julafton"),
      Holiday(date: CivilDate(validYear: year, month: 12, day: 31), name: "nyårsafton"),
    ]
  }

  /// Midsommardagen: the Saturday from 20 to 26 June.
  static func midsummerDay(_ year: Int) -> CivilDate { saturday(year, from: 6, 20) }

  /// The Saturday in the seven days from `month`-`day` (a day every year has).
  static func saturday(_ year: Int, from month: Int, _ day: Int) -> CivilDate {
    var date = CivilDate(validYear: year, month: month, day: day)
    while date.weekday != 6 { date = date.adding(days: 1) }
    return date
  }

  /// The holiday or eve on `date`, if any (eves only when `evesOff`).
  public static func holiday(on date: CivilDate, evesOff: Bool = true) -> Holiday? {
    let days = publicHolidays(date.year) + (evesOff ? eves(date.year) : [])
    return days.first { $0.date == date }
  }

  /// Whether `date` is a working day: Monday to Friday and not a public holiday (nor, when
  /// `evesOff`, midsommarafton, julafton or nyårsafton).
  public static func isWorkingDay(_ date: CivilDate, evesOff: Bool = true) -> Bool {
    date.weekday <= 5 && holiday(on: date, evesOff: evesOff) == nil
  }

  /// The working day `count` working days before `date` (1: the last working day before it).
  public static func workingDay(_ count: Int, before date: CivilDate, evesOff: Bool = true)
    -> CivilDate
  {
    var day = date
    var left = max(count, 0)
    while left > 0 {
      day = day.adding(days: -1)
      if isWorkingDay(day, evesOff: evesOff) { left -= 1 }
    }
    return day
  }
}
