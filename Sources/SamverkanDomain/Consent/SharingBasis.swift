/// A secrecy-breaking ground recorded on a step instead of consent: which ground, who
/// recorded it, when, and why (journaled and shown on the record).
public struct LegalGroundUse: Codable, Sendable, Equatable {
  /// The ground's ID in the profile: `emergency`, `duty-to-inform`, …
  public var ground: String
  public var recordedBy: String
  public var date: CivilDate
  public var note: String?

  public init(ground: String, recordedBy: String, date: CivilDate, note: String? = nil) {
    self.ground = ground
    self.recordedBy = recordedBy
    self.date = date
    self.note = note
  }
}

/// On what basis information passes in a step: a covering consent, or a recorded
/// secrecy-breaking ground.
public enum SharingBasis: Sendable, Equatable {
  case consent(RecordID, restrictions: String?)
  case legalGround(LegalGroundUse)

  /// The consent relied on, if any (stored on the record so `consent revoke` finds it).
  public var consent: RecordID? {
    if case .consent(let id, _) = self { return id }
    return nil
  }
}
