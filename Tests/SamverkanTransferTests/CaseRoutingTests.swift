import SamverkanDomain
import SamverkanTestSupport
import SamverkanTransfer
import Testing

/// `transfer route`: every responsibility rule and its exceptions (seed 001, Aktualisering).
@Suite struct CaseRoutingTests {
  let rules = Profile.goteborg.transfer

  func answer(_ age: Int, known: Bool = false, _ needs: [String] = []) throws(CaseRouting
    .UnknownNeed)
    -> CaseRouting.Answer
  {
    try CaseRouting.answer(
      CaseRouting.Question(age: age, knownYouthCase: known, needs: needs), rules: rules)
  }

  func units(_ answer: CaseRouting.Answer) -> [String] {
    answer.assignments.map(\.unit.id)
  }

  // MARK: - New cases

  @Test(arguments: [19, 23, 64, 80])
  func aNewCaseOfAnAdultGoesToTheAdultUnit(age: Int) throws {
    let routed = try answer(age)
    #expect(routed.rule == .newAdultCase)
    #expect(units(routed) == ["aof"])
    #expect(!routed.isParallel)
    #expect(routed.explanation.contains("19 or older"))
  }

  @Test(arguments: [
    ("substance-abuse", "iof-adult"),
    ("economic-assistance", "iof-economic"),
    ("violence-close-relationships", "iof-adult"),
  ])
  func theExceptionsStayWithIndividOchFamilj(need: String, unit: String) throws {
    let routed = try answer(30, [need])
    #expect(routed.rule == .adultException)
    #expect(units(routed) == [unit])
    #expect(routed.assignments[0].unit.division == "IoF")
    #expect(routed.explanation.contains("except"))
  }

  @Test(arguments: ["disability", "social-psychiatry", "elderly-care"])
  func aNeedThatIsNoExceptionGoesToTheAdultUnit(need: String) throws {
    let routed = try answer(30, [need])
    #expect(routed.rule == .newAdultCase)
    #expect(units(routed) == ["aof"])
    #expect(routed.explanation.contains("not one of the exceptions"))
  }

  @Test func needsAreReadInAnyCaseAndOnce() throws {
    let routed = try answer(30, ["Substance-Abuse", "substance-abuse"])
    #expect(routed.rule == .adultException)
    #expect(routed.assignments[0].needs.map(\.id) == ["substance-abuse"])
  }

  @Test func twoExceptionsOfOneUnitAreNotParallel() throws {
    let routed = try answer(30, ["substance-abuse", "violence-close-relationships"])
    #expect(routed.rule == .adultException)
    #expect(units(routed) == ["iof-adult"])
  }

  // MARK: - Parallel investigation

  @Test func substanceAbuseAndSocialPsychiatryAreInvestigatedInParallel() throws {
    // The seed's own example: missbruk och socialpsykiatri.
    let routed = try answer(30, ["substance-abuse", "social-psychiatry"])
    #expect(routed.rule == .parallelInvestigation)
    #expect(routed.isParallel)
    #expect(units(routed) == ["iof-adult", "aof"])
    #expect(routed.explanation.contains("in parallel"))
    #expect(routed.explanation.contains("missbruk"))
    #expect(routed.explanation.contains("socialpsykiatri"))
  }

  @Test func twoIndividOchFamiljUnitsAreParallelToo() throws {
    let routed = try answer(25, ["economic-assistance", "substance-abuse"])
    #expect(routed.rule == .parallelInvestigation)
    #expect(units(routed) == ["iof-economic", "iof-adult"])
  }

  // MARK: - Youth cases

  @Test(arguments: [0, 12, 17, 18])
  func aReturningYouthCaseBeforeNineteenGoesBackToTheYouthUnit(age: Int) throws {
    let routed = try answer(age, known: true)
    #expect(routed.rule == .returningYouthCase)
    #expect(units(routed) == ["iof-youth"])
    #expect(routed.explanation.contains("has not turned 19"))
  }

  @Test func aReturningYouthCaseWithNeedsStaysWithTheYouthUnitWhichInitiatesCollaboration()
    throws
  {
    let routed = try answer(18, known: true, ["substance-abuse", "disability"])
    #expect(routed.rule == .returningYouthCase)
    #expect(units(routed) == ["iof-youth"])
    #expect(routed.explanation.contains("initiates collaboration"))
  }

  @Test func aYouthCaseReturningAtNineteenFollowsTheRuleForNewCases() throws {
    let plain = try answer(19, known: true)
    #expect(plain.rule == .newAdultCase)
    #expect(units(plain) == ["aof"])
    #expect(plain.explanation.contains("only before 19"))
    let exception = try answer(20, known: true, ["economic-assistance"])
    #expect(exception.rule == .adultException)
    #expect(units(exception) == ["iof-economic"])
  }

  @Test(arguments: [0, 18])
  func aNewCaseUnderNineteenIsTheYouthUnits(age: Int) throws {
    let routed = try answer(age, ["substance-abuse"])
    #expect(routed.rule == .youthCase)
    #expect(units(routed) == ["iof-youth"])
  }

  // MARK: - Profile and errors

  @Test func theAgeComesFromTheProfile() throws {
    var twenty = rules
    twenty.adultAge = 20
    let routed = try CaseRouting.answer(CaseRouting.Question(age: 19), rules: twenty)
    #expect(routed.rule == .youthCase)
  }

  @Test func anUnknownNeedIsNamedWithTheKnownOnes() throws {
    #expect(throws: CaseRouting.UnknownNeed.self) { try answer(30, ["housing"]) }
    do {
      _ = try answer(30, ["housing"])
    } catch {
      #expect(error.given == "housing")
      #expect(error.known.contains("substance-abuse"))
    }
  }
}
