import SamverkanDomain
import Testing

/// Swedish public holidays computed for any year, and the working days they leave.
@Suite struct SwedishCalendarTests {
  @Test(arguments: [
    (1818, "1818-03-22"),  // the earliest possible Easter
    (1943, "1943-04-25"),  // the latest possible Easter
    (2024, "2024-03-31"), (2025, "2025-04-20"), (2026, "2026-04-05"), (2027, "2027-03-28"),
    (2038, "2038-04-25"), (2285, "2285-03-22"),
  ])
  func easterSunday(year: Int, date: String) throws {
    #expect(SwedishCalendar.easterSunday(year) == (try CivilDate(iso: date)))
  }

  @Test func theHolidaysOf2026() throws {
    let holidays = SwedishCalendar.publicHolidays(2026).map { "\($0.date) \($0.name)" }
    #expect(
      holidays == [
        "2026-01-01 nyårsdagen", "2026-01-06 trettondedag jul", "2026-04-03 långfredagen",
        "2026-04-05 påskdagen", "2026-04-06 annandag påsk", "2026-05-01 första maj",
        "2026-05-14 Kristi himmelsfärdsdag", "2026-05-24 pingstdagen",
        "2026-06-06 Sveriges nationaldag", "2026-06-20 midsommardagen",
        "2026-10-31 alla helgons dag", "2026-12-25 juldagen", "2026-12-26 annandag jul",
      ])
    #expect(
      SwedishCalendar.eves(2026).map { "\($0.date) \($0.name)" } == [
        "2026-06-19 midsommarafton", "2026-12-24 julafton", "2026-12-31 nyårsafton",
      ])
  }

  @Test(arguments: [
    // Midsommardagen is the Saturday 20–26 June; alla helgons dag the Saturday 31 Oct–6 Nov.
    (2027, "2027-06-26", "2027-11-06"), (2028, "2028-06-24", "2028-11-04"),
    (2031, "2031-06-21", "2031-11-01"),
  ])
  func saturdayHolidaysFallInTheirWindow(year: Int, midsummer: String, allSaints: String) throws {
    let holidays = SwedishCalendar.publicHolidays(year)
    #expect(holidays.first { $0.name == "midsommardagen" }?.date == (try CivilDate(iso: midsummer)))
    #expect(
      holidays.first { $0.name == "alla helgons dag" }?.date == (try CivilDate(iso: allSaints)))
  }

  @Test(arguments: [
    ("2026-12-10", "2026-12-09"),  // Thursday: Wednesday
    ("2026-12-14", "2026-12-11"),  // Monday: Friday
    ("2027-03-30", "2027-03-25"),  // Tuesday after Easter: Thursday before långfredagen
    ("2026-05-15", "2026-05-13"),  // Friday after Kristi himmelsfärd
    ("2026-12-28", "2026-12-23"),  // Monday after Christmas: before julafton
    ("2027-01-04", "2026-12-30"),  // Monday after nyårsdagen: before nyårsafton
  ])
  func theLastWorkingDayBefore(meeting: String, day: String) throws {
    #expect(
      SwedishCalendar.workingDay(1, before: try CivilDate(iso: meeting))
        == (try CivilDate(iso: day)))
  }

  @Test func evesCanBeWorkingDays() throws {
    let julafton = try CivilDate(iso: "2026-12-24")
    #expect(!SwedishCalendar.isWorkingDay(julafton))
    #expect(SwedishCalendar.isWorkingDay(julafton, evesOff: false))
    #expect(
      SwedishCalendar.workingDay(1, before: try CivilDate(iso: "2026-12-28"), evesOff: false)
        == julafton)
  }
}
