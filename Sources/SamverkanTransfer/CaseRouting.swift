import SamverkanDomain
import SamverkanJSON

/// Which unit should handle a new or returning case, by the responsibility rules of seed
/// 001 (Aktualisering av ej tidigare kända ärenden / av tidigare kända ärenden på barn och
/// ungdom) as SPEC §7 sums them up.
public enum CaseRouting {
  /// The question: the person's age when the report or application came in, whether the
  /// case is a returning youth case, and the needs (problem areas) that are clear.
  public struct Question: Sendable, Equatable {
    public var age: Int
    public var knownYouthCase: Bool
    /// Need IDs from the profile, as given.
    public var needs: [String]

    public init(age: Int, knownYouthCase: Bool = false, needs: [String] = []) {
      self.age = age
      self.knownYouthCase = knownYouthCase
      self.needs = needs
    }
  }

  /// The rule that decided.
  public enum Rule: String, Sendable, Equatable {
    /// A previously known youth case returning before the adult age: back to the youth unit.
    case returningYouthCase = "returning-youth-case"
    /// A case of a person under the adult age: the youth unit.
    case youthCase = "youth-case"
    /// A new case of a person at or above the adult age: the adult unit (AoF).
    case newAdultCase = "new-adult-case"
    /// A new adult case whose need is one of the exceptions: that need's IoF unit.
    case adultException = "adult-exception"
    /// Needs for more than one unit: each investigates its own part, in parallel.
    case parallelInvestigation = "parallel-investigation"
  }

  /// One unit's share of the answer, with the needs it investigates.
  public struct Assignment: Sendable, Equatable {
    public var unit: CaseUnit
    public var needs: [CaseNeed]
  }

  /// The answer: the rule, the unit or units, and why, in a few sentences.
  public struct Answer: Sendable, Equatable {
    public var rule: Rule
    public var assignments: [Assignment]
    public var explanation: String

    /// Whether the units investigate in parallel.
    public var isParallel: Bool { assignments.count > 1 }
  }

  /// A need that is not in the profile's list.
  public struct UnknownNeed: Error, Equatable {
    public var given: String
    public var known: [String]
  }

  /// Answers the question under the profile's rules.
  /// A unit the rules name. The profile's check refuses rules whose youth or adult unit is
  /// not among the units, so the stand-in, named by its ID, is never used on a store.
  private static func unit(_ id: String, _ rules: TransferRules) -> CaseUnit {
    rules.unit(id) ?? CaseUnit(id: id, name: id, division: id)
  }

  public static func answer(_ question: Question, rules: TransferRules) throws(UnknownNeed)
    -> Answer
  {
    var needs: [CaseNeed] = []
    for id in question.needs {
      guard let need = rules.need(id) else {
        throw UnknownNeed(given: id, known: rules.needs.map(\.id))
      }
      if !needs.contains(need) { needs.append(need) }
    }
    let adultAge = rules.adultAge
    let youth = Self.unit(rules.youthUnit, rules)
    let adult = Self.unit(rules.adultUnit, rules)
    let needList = needs.map(\.name).joined(separator: ", ")

    if question.age < adultAge {
      let collaboration =
        needs.isEmpty
        ? ""
        : " The youth unit initiates collaboration with other units under the routine when the needs (\(needList)) call for it."
      if question.knownYouthCase {
        return Answer(
          rule: .returningYouthCase, assignments: [Assignment(unit: youth, needs: needs)],
          explanation:
            "A previously known youth case that returns with a report or application goes back to \(youth.name) when the person has not turned \(adultAge); the person is \(question.age) (Aktualisering av tidigare kända ärenden på barn och ungdom)."
            + collaboration)
      }
      return Answer(
        rule: .youthCase, assignments: [Assignment(unit: youth, needs: needs)],
        explanation:
          "The person is \(question.age), under \(adultAge): the case belongs to \(youth.name); the rule for new cases sends only persons of \(adultAge) or older to \(adult.division)."
          + collaboration)
    }

    let returning =
      question.knownYouthCase
      ? "A youth case returns to \(youth.name) only before \(adultAge); at \(question.age) the rule for new cases applies. "
      : ""
    let mainRule =
      "New cases of persons \(adultAge) or older are handled by \(adult.division) (\(adult.name))"
    var byUnit: [(unit: CaseUnit, needs: [CaseNeed])] = []
    for need in needs {
      if let index = byUnit.firstIndex(where: { $0.unit.id == need.unit }) {
        byUnit[index].needs.append(need)
      } else if let unit = rules.unit(need.unit) {
        byUnit.append((unit, [need]))
      }
    }
    if byUnit.isEmpty {
      return Answer(
        rule: .newAdultCase, assignments: [Assignment(unit: adult, needs: [])],
        explanation:
          returning + mainRule
          + " (Aktualisering av ej tidigare kända ärenden). No need named with --needs is an exception (\(exceptionNames(rules)))."
      )
    }
    if byUnit.count > 1 {
      let parts = byUnit.map {
        "\($0.unit.name) for \($0.needs.map(\.name).joined(separator: " and "))"
      }
      return Answer(
        rule: .parallelInvestigation,
        assignments: byUnit.map { Assignment(unit: $0.unit, needs: $0.needs) },
        explanation:
          returning
          + "The problems concern more than one unit, so the investigation runs in parallel where it is needed, each unit within its own area and responsibility: "
          + parts.joined(separator: "; ") + ".")
    }
    let only = byUnit[0]
    if only.unit.id == adult.id {
      return Answer(
        rule: .newAdultCase, assignments: [Assignment(unit: adult, needs: only.needs)],
        explanation:
          returning + mainRule
          + " (Aktualisering av ej tidigare kända ärenden); \(needList) is not one of the exceptions (\(exceptionNames(rules)))."
      )
    }
    return Answer(
      rule: .adultException, assignments: [Assignment(unit: only.unit, needs: only.needs)],
      explanation:
        returning + mainRule
        + ", except when it is clear that the person needs interventions for \(exceptionNames(rules)): the need here (\(needList)) stays with \(only.unit.name) (\(only.unit.division))."
    )
  }

  private static func exceptionNames(_ rules: TransferRules) -> String {
    let names = rules.needs.filter { $0.unit != rules.adultUnit }.map(\.name)
    return names.isEmpty ? "none" : names.listed("or")
  }
}

/// Where in the directory a routed case goes: the real unit (`SF-NORDOST/VUXEN`, `FFS`) and,
/// when the district is known, its intake unit (mottag) with e-mail and phone.
public struct DirectoryRoute: Sendable, Equatable {
  /// The unit of the responsibility rules (`iof-adult`).
  public var caseUnit: CaseUnit
  /// The directory's organization or unit, or nil when it needs the district.
  public var unit: OrganizationID?
  /// The intake unit for the district, when one is listed.
  public var intake: IntakeUnit?
  /// What the answer still needs, in a caseworker's words.
  public var missing: String?

  /// Resolves a case unit for a person of `age` in `district` (nil: unknown).
  public static func resolve(
    _ caseUnit: CaseUnit, age: Int, district: String?, profile: Profile
  ) -> DirectoryRoute {
    var route = DirectoryRoute(caseUnit: caseUnit, unit: nil, intake: nil, missing: nil)
    let rules = profile.transfer
    guard
      let pattern = age >= rules.elderlyAge
        ? caseUnit.elderlyDirectory ?? caseUnit.directory : caseUnit.directory
    else {
      route.missing = "the profile names no directory unit for \(caseUnit.id)"
      return route
    }
    if pattern.hasPrefix("SF/") {
      let unitPart = String(pattern.dropFirst(3))
      guard let district else {
        route.missing =
          "the district: the \(unitPart) unit of the social-services administration of the person's district (give --district, or record an assignment with 'samverkan contacts assign')"
        return route
      }
      guard
        let organization = profile.organizations.first(where: {
          $0.kind == .administration && $0.district == district
            && $0.units.contains { $0.id == unitPart }
        })
      else {
        route.missing = "no social-services administration in \(district) has a \(unitPart) unit"
        return route
      }
      route.unit = OrganizationID(unchecked: "\(organization.id)/\(unitPart)")
    } else {
      route.unit = OrganizationID(unchecked: pattern)
    }
    if let district, let unit = route.unit {
      route.intake = profile.directory.first {
        $0.organization == unit && $0.district == district
      }
    } else if let unit = route.unit, unit.unit == nil {
      route.missing =
        "the district, for the intake unit of \(unit) (give --district, or record an assignment with 'samverkan contacts assign')"
    }
    return route
  }
}
