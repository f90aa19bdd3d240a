import SamverkanDomain
import SamverkanTestSupport
import SamverkanTransfer
import Testing

/// The date rules: the handover on the 19th (21st) birthday or a decided date, and the
/// notice deadline six months before it.
@Suite struct TransferScheduleTests {
  let rules = Profile.goteborg.transfer
  let today = day(testToday)

  // MARK: - Birthdays

  @Test func theHandoverIsTheNineteenthBirthdayAndTheDeadlineSixMonthsBefore() throws {
    let person = try testPerson(try TestPerson.born("20080601"))
    let schedule = TransferSchedule.birthday(of: person, familyHome: false, rules: rules)
    #expect(schedule.basis == .birthday)
    #expect(schedule.handoverAge == 19)
    #expect(schedule.handoverDate == day("2027-06-01"))
    #expect(schedule.noticeDeadline == day("2026-12-01"))
  }

  @Test func familyCareKeepsTheCaseUntilTheTwentyFirstBirthday() throws {
    let person = try testPerson(try TestPerson.born("20080601"))
    let schedule = TransferSchedule.birthday(of: person, familyHome: true, rules: rules)
    #expect(schedule.handoverAge == 21)
    #expect(schedule.handoverDate == day("2029-06-01"))
    #expect(schedule.noticeDeadline == day("2028-12-01"))
  }

  @Test func bornOnTheTwentyNinthOfFebruaryHandsOverOnTheFirstOfMarchInACommonYear() throws {
    let person = try testPerson(try TestPerson.born("20080229"))
    let at19 = TransferSchedule.birthday(of: person, familyHome: false, rules: rules)
    #expect(at19.handoverDate == day("2027-03-01"))
    #expect(at19.noticeDeadline == day("2026-09-01"))
    let at21 = TransferSchedule.birthday(of: person, familyHome: true, rules: rules)
    #expect(at21.handoverDate == day("2029-03-01"))
    #expect(at21.noticeDeadline == day("2028-09-01"))
  }

  @Test func bornOnTheTwentyNinthOfFebruaryHandsOverOnItInALeapYear() throws {
    // 19 and 21 never fall in a leap year for someone born on a leap day; a profile with
    // the adult age 20 (another municipality's) does.
    var twenty = rules
    twenty.adultAge = 20
    twenty.familyHomeAge = 24
    let person = try testPerson(try TestPerson.born("20080229"))
    let at20 = TransferSchedule.birthday(of: person, familyHome: false, rules: twenty)
    #expect(at20.handoverDate == day("2028-02-29"))
    #expect(at20.noticeDeadline == day("2027-08-29"))
    let at24 = TransferSchedule.birthday(of: person, familyHome: true, rules: twenty)
    #expect(at24.handoverDate == day("2032-02-29"))
  }

  @Test func theDeadlineEndsOnAShorterMonthsLastDay() throws {
    let person = try testPerson(try TestPerson.born("20080831"))
    let schedule = TransferSchedule.birthday(of: person, familyHome: false, rules: rules)
    #expect(schedule.handoverDate == day("2027-08-31"))
    #expect(schedule.noticeDeadline == day("2027-02-28"))
  }

  @Test func theNoticeMonthsComeFromTheProfile() throws {
    var three = rules
    three.noticeMonths = 3
    let person = try testPerson(try TestPerson.born("20080601"))
    #expect(
      TransferSchedule.birthday(of: person, familyHome: false, rules: three).noticeDeadline
        == day("2027-03-01"))
  }

  // MARK: - Samordningsnummer

  @Test func aSamordningsnummerGivesTheBirthDateWithoutTheSixty() throws {
    let number = coordinationNumber(try TestPerson.born("18960229"))
    #expect(number.dropFirst(6).prefix(2) == "89")
    let person = try PersonNumber(longForm: number)
    #expect(person.isCoordinationNumber)
    let at19 = TransferSchedule.birthday(of: person, familyHome: false, rules: rules)
    #expect(at19.handoverDate == day("1915-03-01"))
    var twenty = rules
    twenty.adultAge = 20
    #expect(
      TransferSchedule.birthday(of: person, familyHome: false, rules: twenty).handoverDate
        == day("1916-02-29"))
  }

  @Test func aSamordningsnummerPastTheAgeNeedsADecidedDate() throws {
    let person = try PersonNumber(longForm: coordinationNumber(try TestPerson.born("18960229")))
    #expect(throws: SamverkanError.self) {
      try TransferSchedule.plan(
        person: person, familyHome: false, on: nil, today: today, rules: rules)
    }
    let decided = try TransferSchedule.plan(
      person: person, familyHome: false, on: day("2027-01-15"), today: today, rules: rules)
    #expect(decided.basis == .decision)
    #expect(decided.handoverAge == nil)
    #expect(decided.handoverDate == day("2027-01-15"))
    // A decided transfer has no six months' notice: it is notified by the handover.
    #expect(decided.noticeDeadline == day("2027-01-15"))
  }

  // MARK: - Planning

  @Test func aPersonPastTheAgeIsRefusedWithTheWayOut() throws {
    let person = try testPerson(TestPerson.adult)
    do {
      _ = try TransferSchedule.plan(
        person: person, familyHome: false, on: nil, today: today, rules: rules)
      Issue.record("planning at 36 without a date should be refused")
    } catch {
      #expect(error.exitCode == 77)
      #expect(error.message.contains("turned 19 on 2009-01-01"))
      #expect(error.message.contains("is 36 today (2026-11-25)"))
      #expect(error.message.contains("--on DATE"))
      #expect(error.message.contains("transfer route --age 36"))
      // Past 21 as well, so family care is no way out.
      #expect(!error.message.contains("--family-home"))
    }
  }

  @Test func aTwentyYearOldIsPastNineteenButNotTwentyOneInFamilyCare() throws {
    let person = try testPerson(try TestPerson.born("20060301"))
    do {
      _ = try TransferSchedule.plan(
        person: person, familyHome: false, on: nil, today: today, rules: rules)
      Issue.record("planning at 20 without family care should be refused")
    } catch {
      #expect(error.message.contains("turned 19 on 2025-03-01"))
      #expect(error.message.contains("add --family-home"))
    }
    let familyHome = try TransferSchedule.plan(
      person: person, familyHome: true, on: nil, today: today, rules: rules)
    #expect(familyHome.handoverDate == day("2027-03-01"))
  }

  @Test func aPersonTurningNineteenTodayCanStillBePlanned() throws {
    let person = try testPerson(try TestPerson.born("20071125"))
    let schedule = try TransferSchedule.plan(
      person: person, familyHome: false, on: nil, today: today, rules: rules)
    #expect(schedule.handoverDate == today)
    #expect(schedule.deadlinePassed(by: today))
  }

  @Test(arguments: [("2026-11-24", false), ("2026-11-25", true), ("2027-06-01", true)])
  func aDecidedDateIsTodayOrLater(date: String, accepted: Bool) throws {
    let person = try testPerson(TestPerson.adult)
    let result = Result {
      try TransferSchedule.plan(
        person: person, familyHome: false, on: day(date), today: today, rules: rules)
    }
    if accepted {
      #expect(try result.get().handoverDate == day(date))
    } else {
      #expect(throws: SamverkanError.self) { try result.get() }
    }
  }

  // MARK: - The notice deadline's boundaries

  @Test(arguments: [
    ("2026-11-30", false),  // the day before the deadline
    ("2026-12-01", false),  // on the deadline: in time
    ("2026-12-02", true),  // the day after: late
  ])
  func aNoticeIsLateOnlyAfterTheDeadline(notice: String, late: Bool) throws {
    let person = try testPerson(try TestPerson.born("20080601"))
    let schedule = TransferSchedule.birthday(of: person, familyHome: false, rules: rules)
    #expect(schedule.noticeDeadline == day("2026-12-01"))
    #expect(schedule.isLate(noticeOn: day(notice)) == late)
    #expect(schedule.deadlinePassed(by: day(notice)) == late)
  }
}
