import SamverkanCommandLine
import SamverkanDomain
import SamverkanStore

extension StoreReader {
  /// Answers "may information about P pass between these parties for this purpose on this
  /// date?" from the person's consents in the store.
  public func sharingAnswer(_ question: SharingQuestion, profile: Profile) throws -> SharingAnswer {
    ConsentCoverage.answer(
      question, consents: try records(Consent.self, person: question.person), profile: profile)
  }
}

/// `--legal-ground <ground>`: share without consent under a secrecy-breaking provision.
public let legalGroundOption = Option<String>(
  "legal-ground", value: "ground",
  help:
    "Share without consent under a secrecy-breaking provision (sekretessbrytande bestämmelse) whose conditions hold; needs --legal-ground-note. See 'samverkan consent grounds'.",
  completion: .values(Profile.goteborg.consent.legalGrounds.map(\.id)))

/// `--legal-ground-note <text>`: why the ground applies.
public let legalGroundNoteOption = Option<String>(
  "legal-ground-note", value: "text",
  help: "Why the secrecy-breaking ground applies (required with --legal-ground).")

/// `--legal-ground-condition <id>`: the ground's condition on the person that holds.
public let legalGroundConditionOption = Option<String>(
  "legal-ground-condition", value: "condition",
  help:
    "The ground's condition on the person that holds, when it has some (e.g. compulsory-care); see 'samverkan consent grounds'.",
  completion: .values(
    Profile.goteborg.consent.legalGrounds.flatMap { ($0.conditions ?? []).map(\.id) }))

/// The options of every verb whose step may go ahead on a ground instead of consent.
public let legalGroundOptions: [any OptionDeclaration] = [
  legalGroundOption, legalGroundNoteOption, legalGroundConditionOption,
]

extension Invocation {
  /// Takes a sharing step through the gate (SPEC §11): the basis it passes on, with the
  /// person's restrictions shown to the caseworker on stderr and — for a disclosure — one
  /// entry appended to the disclosure log in the same commit as the record's change.
  /// Refused (77) with the gate's reason and the way forward; a bad `--legal-ground` is a
  /// usage error (64).
  ///
  /// This is the only place a command asks for consent or a ground: the command declares
  /// the step and names the parties, and keeps the returned basis on its record.
  @discardableResult
  public func passGate(
    _ step: SharingStep, record: RecordID, person: PersonNumber, from: OrganizationID,
    to: [OrganizationID], on date: CivilDate, writer: StoreWriter, hint: String? = nil
  ) throws -> SharingPassage {
    guard date <= clock.today else {
      throw SamverkanError.usage(
        "'\(step.name)' on \(record) is dated \(date), which is in the future (today is \(clock.today)); record a step once it has happened."
      )
    }
    let profile = try profile()
    let request = SharingRequest(
      step: step, person: person, from: from, to: to, date: date, today: clock.today,
      ground: try groundClaim())
    let consents = try writer.records(Consent.self, person: person)
    switch SharingGate.decide(request, consents: consents, profile: profile) {
    case .failure(let refusal):
      throw sharingError(refusal, request, record: record, hint: hint)
    case .success(let passage):
      if !passage.restrictions.isEmpty {
        warn(
          "Note: the person does not want this shared (\(passage.consents.isEmpty ? "their consents" : passage.consents.map(\.description).joined(separator: ", "))): "
            + passage.restrictions.joined(separator: "; ")
            + ". Keep it out of what you send; it is never printed in a document for the recipients."
        )
      }
      if passage.recordedLate {
        warn(
          "Note: \(passage.consents.map(\.description).joined(separator: ", ")) was withdrawn after \(date); the step is dated before the withdrawal and is logged as recorded late."
        )
      }
      if step.effect == .disclosure {
        try writer.insert(
          Disclosure(
            person: person, record: record, step: step.name, date: date,
            recordedAt: Timestamp.utcString(clock.now), actor: actor, from: from,
            to: to.filter { $0 != from }, purpose: step.purpose, passage: passage),
          action: "disclose", note: "\(step.name) \(record)")
      }
      return passage
    }
  }

  /// The ground given on the command line, if any.
  private func groundClaim() throws -> GroundClaim? {
    guard let ground = try value(legalGroundOption) else {
      for option in [legalGroundNoteOption, legalGroundConditionOption]
      where try value(option) != nil {
        throw SamverkanError.usage(
          "'\(option.spec.usage)' goes with '--legal-ground <ground>', which was not given.")
      }
      return nil
    }
    return GroundClaim(
      ground: ground, note: try value(legalGroundNoteOption),
      condition: try value(legalGroundConditionOption), recordedBy: actor)
  }

  /// The refusal as the caseworker reads it: what was refused, why, and what to do.
  private func sharingError(
    _ refusal: SharingRefusal, _ request: SharingRequest, record: RecordID, hint: String?
  ) -> SamverkanError {
    let what = "'\(request.step.name)' on \(record)"
    let parties = request.parties.map(\.value).joined(separator: ",")
    let grant =
      "Record the person's consent with 'samverkan consent grant --person … --parties \(parties) --purpose \(request.step.purpose.rawValue) …'"
    func withHint(_ text: String) -> String { hint.map { text + " " + $0 } ?? text }
    switch refusal {
    case .notCovered(let reasons):
      let takesGround =
        !request.step.consentAlwaysRequired
        && path[path.count - 1].options.contains { $0.name == legalGroundOption.spec.name }
      return .refused(
        withHint(
          "\(what) is refused: no consent covers sharing information about the person between \(request.parties.map(\.value).joined(separator: ", ")) for '\(request.step.purpose.rawValue)' on \(request.date) ("
            + reasons.map(\.message).joined(separator: "; ") + "). " + grant
            + (takesGround
              ? ", or give --legal-ground if a secrecy-breaking provision applies."
              : request.step.consentAlwaysRequired
                ? ". '\(request.step.name)' needs the person's consent: no secrecy-breaking ground can stand in for it."
                : ".")))
    case .unknownGround(let ground, let known):
      return .invalidValue(
        ground, option: legalGroundOption.spec.usage,
        reason: "there is no such ground. Please provide one of \(quotedList(known)).")
    case .consentAlwaysRequired(let step):
      return .refused(
        withHint(
          "\(what) is refused: '\(step.name)' needs the person's consent; the routine says they must always be asked, so no secrecy-breaking ground can stand in for it. "
            + grant + "."))
    case .groundConditionsNotMet(let ground, let unmet):
      let title = (try? profile().consent.legalGround(ground)?.title) ?? ground
      return .refused(
        "\(what) is refused: the ground '\(ground)' (\(title)) does not apply:\n"
          + unmet.map { "  - \($0)" }.joined(separator: "\n")
          + "\nSee 'samverkan consent grounds' for each ground's conditions. " + grant + ".")
    case .groundNoteMissing(let ground):
      return .usage(
        "Missing expected argument '\(legalGroundNoteOption.spec.usage)': say why '\(ground)' applies to this step; a ground is recorded with its reason."
      )
    }
  }
}

extension Invocation {
  /// Says on stderr, for an open record shown to the caseworker, which consents it relied
  /// on the person has withdrawn: "Samtycket CON-3 återkallades 2026-11-20" — every later
  /// sharing or person-contact step on it is refused until another basis exists.
  public func noteWithdrawals(of record: some StoredRecord, reader: StoreReader) throws {
    guard record.isOpen, record.id?.kind != .consent else { return }
    for id in record.references where id.kind == .consent {
      guard let consent = try reader.record(id, as: Consent.self),
        let date = SharingGate.withdrawal(of: consent, by: clock.today)
      else { continue }
      warn(
        "Note: Samtycket \(id) återkallades \(date). Nothing more may be shared on it: every sharing step on \(record.id?.description ?? "the record") is refused until the person gives new consent."
      )
    }
  }
}
