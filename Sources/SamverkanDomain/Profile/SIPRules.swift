/// The SIP routine's parameters (SPEC §5).
public struct SIPRules: Codable, Sendable, Equatable {
  /// Days from creation after which a SIP not yet at the meeting step is late in `sip due`.
  public var startLimitDays: Int
  /// Days after the ready-for-discharge notice within which the region's named care
  /// contact (fast vårdkontakt) calls the SIP (lag 2017:612).
  public var dischargeInvitationDays: Int
  /// Days an invited party has to say who will attend (or name a substitute) before
  /// `sip due` lists the invitation; never later than the meeting itself. The routine sets
  /// no number ("de inbjudna ska meddela vem som kommer att delta"), so Göteborg's default
  /// is the start limit's.
  public var responseDays: Int

  public init(startLimitDays: Int, dischargeInvitationDays: Int, responseDays: Int) {
    self.startLimitDays = startLimitDays
    self.dischargeInvitationDays = dischargeInvitationDays
    self.responseDays = responseDays
  }

  /// Göteborg's SIP rules.
  public static let goteborg = SIPRules(
    startLimitDays: 5, dischargeInvitationDays: 3, responseDays: 5)

  func problems() -> [String] {
    var problems: [String] = []
    if startLimitDays < 0 { problems.append("sip.startLimitDays: must not be negative") }
    if dischargeInvitationDays < 0 {
      problems.append("sip.dischargeInvitationDays: must not be negative")
    }
    if responseDays < 0 { problems.append("sip.responseDays: must not be negative") }
    return problems
  }
}
