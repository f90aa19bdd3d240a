import SamverkanJSON

/// A step of a routine that sends information about a person to another party, or has
/// another party contact the person: declared once by the command that has the step, and
/// asked of the one `SharingGate` (SPEC §11).
///
/// Adding a sharing step is adding a declaration: the gate does the rest.
public struct SharingStep: Sendable, Equatable, CustomStringConvertible {
  /// What the step does, for the person who reads the disclosure log.
  public enum Effect: String, Codable, StoredAsText, Sendable {
    /// Information about the person passes to the recipients (utlämnande): logged.
    case disclosure
    /// The recipients contact the person (a transfer's receiving unit): it needs the same
    /// basis, but nothing new passes, so it is not logged as a disclosure.
    case personContact = "person-contact"
  }

  /// The command and verb: `sip invite`.
  public var name: String
  /// The purpose a consent must name.
  public var purpose: ConsentPurpose
  /// Whether the seeds say the person must always consent, so that no secrecy-breaking
  /// ground can stand in (a SIP: 002, 004; contacting the person about a transfer: 001).
  public var consentAlwaysRequired: Bool
  public var effect: Effect

  public init(
    _ name: String, purpose: ConsentPurpose, consentAlwaysRequired: Bool = false,
    effect: Effect = .disclosure
  ) {
    self.name = name
    self.purpose = purpose
    self.consentAlwaysRequired = consentAlwaysRequired
    self.effect = effect
  }

  public var description: String { name }
}

/// One sharing step about to be taken: what the gate is asked.
public struct SharingRequest: Sendable, Equatable {
  public var step: SharingStep
  public var person: PersonNumber
  /// The party whose information passes (the record's driving unit).
  public var from: OrganizationID
  /// The parties that receive it (or contact the person).
  public var to: [OrganizationID]
  /// The day the step happened (never after today).
  public var date: CivilDate
  /// Today, to tell a step recorded late from one taken after a withdrawal.
  public var today: CivilDate
  /// The secrecy-breaking ground the caseworker gave instead of consent, if any.
  public var ground: GroundClaim?

  public init(
    step: SharingStep, person: PersonNumber, from: OrganizationID, to: [OrganizationID],
    date: CivilDate, today: CivilDate, ground: GroundClaim? = nil
  ) {
    self.step = step
    self.person = person
    self.from = from
    self.to = to
    self.date = date
    self.today = today
    self.ground = ground
  }

  /// Every party of the step: the sender and the recipients, once each.
  public var parties: [OrganizationID] {
    var seen: [OrganizationID] = []
    for party in [from] + to where !seen.contains(party) { seen.append(party) }
    return seen
  }
}

/// A secrecy-breaking ground as the caseworker claims it: `--legal-ground`, the note saying
/// why it applies, and the condition on the person it relies on, when the ground has them.
public struct GroundClaim: Sendable, Equatable {
  public var ground: String
  public var note: String?
  public var condition: String?
  public var recordedBy: String

  public init(ground: String, note: String?, condition: String? = nil, recordedBy: String) {
    self.ground = ground.lowercased()
    self.note = note
    self.condition = condition?.lowercased()
    self.recordedBy = recordedBy
  }
}
