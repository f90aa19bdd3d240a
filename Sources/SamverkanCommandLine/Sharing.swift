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
    "Share without consent under a secrecy-breaking provision (sekretessbrytande bestämmelse), recorded and journaled; see 'samverkan consent grounds'.",
  completion: .values(Profile.goteborg.consent.legalGrounds.map(\.id)))

/// `--legal-ground-note <text>`: why the ground applies.
public let legalGroundNoteOption = Option<String>(
  "legal-ground-note", value: "text", help: "Why the secrecy-breaking ground applies.")

extension Invocation {
  /// The basis for a sharing step: a covering consent, or the `--legal-ground` given; else
  /// refused (exit 77) with why no consent covers and what to do. `hint` adds a
  /// command's own way out (e.g. `sp consult`).
  public func sharingBasis(
    _ question: SharingQuestion, reader: StoreReader, step: String, hint: String? = nil
  ) throws -> SharingBasis {
    let profile = try profile()
    if let groundID = try value(legalGroundOption) {
      guard profile.consent.legalGround(groundID) != nil else {
        throw SamverkanError.invalidValue(
          groundID, option: legalGroundOption.spec.usage,
          reason:
            "there is no such ground. Please provide one of \(quotedList(profile.consent.legalGrounds.map(\.id)))."
        )
      }
      return .legalGround(
        LegalGroundUse(
          ground: groundID.lowercased(), recordedBy: actor, date: clock.today,
          note: try value(legalGroundNoteOption)))
    }
    switch try reader.sharingAnswer(question, profile: profile) {
    case .covered(let id, let restrictions):
      if let restrictions {
        note("Note: \(id) restricts what may be shared: \(restrictions)")
      }
      return .consent(id, restrictions: restrictions)
    case .notCovered(let reasons):
      let parties = question.parties.map(\.value).joined(separator: ", ")
      var text =
        "\(step) is refused: no consent covers sharing information about the person between \(parties) for '\(question.purpose.rawValue)' on \(question.date) ("
        + reasons.map(\.message).joined(separator: "; ") + ")."
      text +=
        " Record the person's consent with 'samverkan consent grant --person … --parties \(question.parties.map(\.value).joined(separator: ",")) --purpose \(question.purpose.rawValue) …'"
      // Only where this step may go ahead without consent.
      let takesGround = path[path.count - 1].options.contains {
        $0.name == legalGroundOption.spec.name
      }
      text +=
        takesGround ? ", or give --legal-ground if a secrecy-breaking provision applies." : "."
      if let hint { text += " " + hint }
      throw SamverkanError.refused(text)
    }
  }
}
