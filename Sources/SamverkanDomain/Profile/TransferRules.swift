/// The transfer routine's parameters (SPEC §7): ages, notice, and who takes new cases.
public struct TransferRules: Codable, Sendable, Equatable {
  /// The age at which a youth case moves to the adult unit (19 in Göteborg).
  public var adultAge: Int
  /// The age until which a person placed in family care stays with the youth unit (21).
  public var familyHomeAge: Int
  /// Months before the handover by which the case must be notified (aviseras).
  public var noticeMonths: Int
  /// How far ahead `transfer upcoming` looks when `--within` is not given, in months.
  public var upcomingMonths: Int
  /// The units that take new and returning cases under the responsibility rules.
  public var units: [CaseUnit]
  /// The unit of `units` that handles youth cases (barn och unga, IoF).
  public var youthUnit: String
  /// The unit of `units` that handles new cases of persons at or above `adultAge` (AoF).
  public var adultUnit: String
  /// The needs (problem areas) `transfer route --needs` knows, each with the unit that
  /// investigates it for a person at or above `adultAge`. A need whose unit is not
  /// `adultUnit` is an exception to the adult rule: substance abuse, economic assistance,
  /// violence in close relationships stay with IoF's units.
  public var needs: [CaseNeed]
  /// The directory units that hold barn och unga (youth) cases, by their unit part (`BOU`
  /// in `SF-NORDOST/BOU`): at the age limit a case leaves one of these for an adult unit.
  public var youthUnitIDs: [String]
  /// The age from which AoF's cases are the elderly administration's (`elderlyDirectory`).
  public var elderlyAge: Int
  /// The cost rule for persons of `elderlyAge` or older in homelessness (seed 001, "Personer
  /// över 65 år i hemlöshet"), part of `transfer route`'s answer when the need is named.
  public var elderlyHomelessnessRule: String

  public init(
    adultAge: Int, familyHomeAge: Int, noticeMonths: Int, upcomingMonths: Int,
    units: [CaseUnit], youthUnit: String, adultUnit: String, needs: [CaseNeed],
    youthUnitIDs: [String] = ["BOU"], elderlyAge: Int = 65,
    elderlyHomelessnessRule: String =
      "Personer över 65 år i hemlöshet: behandling av missbruk och beroende beslutas och bekostas alltid av IoF; kostnadsansvaret är gemensamt (IoF och AoF) när boendet har insatser som motsvarar hemtjänst/boendestöd eller äldreomsorgens särskilda boendeformer."
  ) {
    self.youthUnitIDs = youthUnitIDs
    self.elderlyAge = elderlyAge
    self.elderlyHomelessnessRule = elderlyHomelessnessRule
    self.adultAge = adultAge
    self.familyHomeAge = familyHomeAge
    self.noticeMonths = noticeMonths
    self.upcomingMonths = upcomingMonths
    self.units = units
    self.youthUnit = youthUnit
    self.adultUnit = adultUnit
    self.needs = needs
  }

  /// Göteborg's transfer rules (seed 001: Överföring av pågående ärenden, Aktualisering).
  public static let goteborg = TransferRules(
    adultAge: 19, familyHomeAge: 21, noticeMonths: 6, upcomingMonths: 9,
    units: [
      CaseUnit(
        id: "iof-youth", name: "Individ och familj, barn och unga", division: "IoF",
        directory: "SF/BOU"),
      CaseUnit(
        id: "iof-adult", name: "Individ och familj, vuxen", division: "IoF",
        directory: "SF/VUXEN"),
      CaseUnit(
        id: "iof-economic", name: "Individ och familj, ekonomiskt bistånd", division: "IoF",
        directory: "SF/EKB"),
      // In Göteborg AoF's cases are FFS's (funktionsstöd) and, from 65, ÄVO's.
      CaseUnit(
        id: "aof", name: "Äldre och funktionsnedsättning", division: "AoF", directory: "FFS",
        elderlyDirectory: "AVO"),
    ],
    youthUnit: "iof-youth", adultUnit: "aof",
    needs: [
      CaseNeed(id: "substance-abuse", name: "missbruk", unit: "iof-adult"),
      CaseNeed(id: "economic-assistance", name: "ekonomiskt bistånd", unit: "iof-economic"),
      CaseNeed(
        id: "violence-close-relationships", name: "våld i nära relationer", unit: "iof-adult"),
      CaseNeed(id: "disability", name: "funktionsnedsättning", unit: "aof"),
      CaseNeed(id: "social-psychiatry", name: "socialpsykiatri", unit: "aof"),
      CaseNeed(id: "elderly-care", name: "äldreomsorg", unit: "aof"),
      CaseNeed(id: "homelessness", name: "hemlöshet", unit: "iof-adult"),
    ])

  /// The needs that keep a new case of an adult away from the adult unit.
  public var adultUnitExceptions: [String] {
    needs.filter { $0.unit != adultUnit }.map(\.id)
  }

  /// The unit with this ID, if listed.
  public func unit(_ id: String) -> CaseUnit? {
    units.first { $0.id == id }
  }

  /// The need with this ID (case-insensitive), if listed.
  public func need(_ id: String) -> CaseNeed? {
    let lower = id.lowercased()
    return needs.first { $0.id == lower }
  }

  func problems() -> [String] {
    var problems: [String] = []
    if adultAge < 1 { problems.append("transfer.adultAge: must be at least 1") }
    if familyHomeAge < adultAge {
      problems.append("transfer.familyHomeAge: must not be below transfer.adultAge")
    }
    if noticeMonths < 0 { problems.append("transfer.noticeMonths: must not be negative") }
    if upcomingMonths < 0 { problems.append("transfer.upcomingMonths: must not be negative") }
    let unitIDs = units.map(\.id)
    if Set(unitIDs).count != unitIDs.count {
      problems.append("transfer.units: a unit ID is listed twice")
    }
    for (key, id) in [("youthUnit", youthUnit), ("adultUnit", adultUnit)]
    where !unitIDs.contains(id) {
      problems.append("transfer.\(key): '\(id)' is not one of transfer.units")
    }
    let needIDs = needs.map(\.id)
    if Set(needIDs).count != needIDs.count {
      problems.append("transfer.needs: a need ID is listed twice")
    }
    for (index, need) in needs.enumerated() where !unitIDs.contains(need.unit) {
      problems.append("transfer.needs[\(index)].unit: '\(need.unit)' is not one of transfer.units")
    }
    return problems
  }
}

/// A unit that takes cases under the responsibility rules: "Individ och familj, barn och unga".
public struct CaseUnit: Codable, Sendable, Equatable {
  /// The ID `transfer route` answers with: `iof-youth`, `aof`.
  public var id: String
  /// The Swedish name.
  public var name: String
  /// The division (avdelning) it belongs to: IoF (individ och familj) or AoF (äldre och
  /// funktionsnedsättning).
  public var division: String
  /// Where the unit is in the directory: an organization (`FFS`), or `SF/<unit>` for the
  /// unit of the social-services administration of the person's district (`SF/VUXEN` →
  /// `SF-NORDOST/VUXEN`).
  public var directory: String?
  /// The organization that takes the unit's cases from `TransferRules.elderlyAge` (ÄVO).
  public var elderlyDirectory: String?

  public init(
    id: String, name: String, division: String, directory: String? = nil,
    elderlyDirectory: String? = nil
  ) {
    self.id = id
    self.name = name
    self.division = division
    self.directory = directory
    self.elderlyDirectory = elderlyDirectory
  }
}

/// A need (problem area) of a new case and the unit that investigates it for an adult.
public struct CaseNeed: Codable, Sendable, Equatable {
  /// The ID given to `--needs`: `substance-abuse`.
  public var id: String
  /// The Swedish name: "missbruk".
  public var name: String
  /// The `CaseUnit` that investigates this need for a person at or above the adult age.
  public var unit: String

  public init(id: String, name: String, unit: String) {
    self.id = id
    self.name = name
    self.unit = unit
  }
}
