/// A secrecy-breaking ground recorded on a step instead of consent: which ground, who
/// recorded it, when, why, and the condition on the person it relies on (journaled, logged
/// as a disclosure and shown on the record).
public struct LegalGroundUse: Codable, Sendable, Equatable {
  /// The ground's ID in the profile: `emergency`, `duty-to-inform`, …
  public var ground: String
  public var recordedBy: String
  public var date: CivilDate
  public var note: String?
  /// The ground's condition the caseworker named (`compulsory-care`), if it has any.
  public var condition: String?

  public init(
    ground: String, recordedBy: String, date: CivilDate, note: String? = nil,
    condition: String? = nil
  ) {
    self.ground = ground
    self.recordedBy = recordedBy
    self.date = date
    self.note = note
    self.condition = condition
  }
}

/// On what basis information passes in a step: a covering consent, or a recorded
/// secrecy-breaking ground.
public enum SharingBasis: Sendable, Equatable {
  /// The newest covering consent, and the restrictions in force at the step (the union
  /// over the person's consents, not only this one's).
  case consent(RecordID, restrictions: String?)
  case legalGround(LegalGroundUse)

  /// The consent relied on, if any (stored on the record so `consent revoke` finds it).
  public var consent: RecordID? {
    if case .consent(let id, _) = self { return id }
    return nil
  }

  /// How the journal names the basis of a sharing step.
  public var journalNote: String {
    switch self {
    case .consent(let id, _): "consent \(id)"
    case .legalGround(let use):
      "secrecy-breaking ground \(use.ground)" + (use.note.map { ": \($0)" } ?? "")
    }
  }
}
