/// The transfer routine's parameters (SPEC §7): ages and notice.
public struct TransferRules: Codable, Sendable, Equatable {
  /// The age at which a youth case moves to the adult unit (19 in Göteborg).
  public var adultAge: Int
  /// The age until which a person placed in family care stays with the youth unit (21).
  public var familyHomeAge: Int
  /// Months before the handover by which the case must be notified (aviseras).
  public var noticeMonths: Int
  /// Needs that keep a new case of an adult with the unit for that need instead of the
  /// adult (AoF) unit: substance abuse, economic assistance, violence in close relationships.
  public var adultUnitExceptions: [String]

  public init(adultAge: Int, familyHomeAge: Int, noticeMonths: Int, adultUnitExceptions: [String]) {
    self.adultAge = adultAge
    self.familyHomeAge = familyHomeAge
    self.noticeMonths = noticeMonths
    self.adultUnitExceptions = adultUnitExceptions
  }

  /// Göteborg's transfer rules (seed 001).
  public static let goteborg = TransferRules(
    adultAge: 19, familyHomeAge: 21, noticeMonths: 6,
    adultUnitExceptions: ["substance-abuse", "economic-assistance", "violence-close-relationships"])

  func problems() -> [String] {
    var problems: [String] = []
    if adultAge < 1 { problems.append("transfer.adultAge: must be at least 1") }
    if familyHomeAge < adultAge {
      problems.append("transfer.familyHomeAge: must not be below transfer.adultAge")
    }
    if noticeMonths < 0 { problems.append("transfer.noticeMonths: must not be negative") }
    return problems
  }
}
