import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanStore

extension ConsentCommand {
  /// `consent review <id> ...`: implied or presumed consents re-examined, all or nothing.
  enum Review {
    static let next = Option<CivilDate>(
      "next", value: "date",
      help: "The next review date (default the profile's interval, 90 days, from today).")
    static let note = CommonOptions.note.help("What the re-examination found.")

    static let spec = CommandSpec(
      name: "review",
      abstract: "Record that implied or presumed consent was re-examined (omprövning).",
      discussion: """
        Implied (konkludent) and presumed (presumerat) consent must be re-examined regularly; past its review date such a consent covers nothing until it is reviewed. The review is recorded today and sets the next review date. It does not make the consent valid for the days it was overdue, and it does not extend its last valid day.
        Several IDs are reviewed together, with the same next date and note, in one change: if any of them cannot be reviewed (explicit, withdrawn, expired, not found), none is.
        """,
      examples: [
        Example(
          "samverkan consent review CON-4",
          "Re-examined today; next review in the profile's 90 days."
        ),
        Example(
          "samverkan consent review CON-4 --next 2027-01-31 --note 'Still takes part in the meetings'",
          "With a chosen next date and what was found."),
        Example(
          "samverkan consent list --review-due -q | xargs samverkan consent review",
          "Every consent due for review, reviewed in one change."),
      ],
      options: [next, note],
      arguments: [consentIDs]
    ) { call in try run(call) }

    static func run(_ call: Invocation) throws -> Int32 {
      let ids = try call.recordIDs(consentIDs, kinds: [.consent])
      let profile = try call.profile()
      let today = call.clock.today
      let nextReview =
        try call.value(Self.next) ?? today.adding(days: profile.consent.reviewIntervalDays)
      guard nextReview > today else {
        throw SamverkanError.invalidValue(
          nextReview.description, option: Self.next.spec.usage,
          reason: "the next review must come after today (\(today)).")
      }
      let (reviewed, masking) = try call.store().write { writer in
        var reviewed: [Consent] = []
        for id in ids {
          let previous = try writer.require(id, as: Consent.self)
          guard previous.needsReview else {
            throw SamverkanError.refused(
              "\(id) is explicit consent (uttryckligt samtycke), which is not re-examined: it holds until its last valid day, \(previous.validUntil)."
            )
          }
          switch previous.status(on: today) {
          case .revoked:
            throw SamverkanError.refused(
              "\(id) was withdrawn\(previous.revocation.map { " on \($0.date)" } ?? ""); a withdrawn consent cannot be reviewed. Record new consent with 'samverkan consent grant'."
            )
          case .expired:
            throw SamverkanError.refused(
              "\(id) expired: its last valid day was \(previous.validUntil). Record new consent with 'samverkan consent grant'."
            )
          case .active, .notYetValid, .reviewDue:
            break
          }
          var consent = previous
          consent.reviews.append(
            ConsentReview(
              date: today, by: call.actor, due: previous.reviewDate(on: today),
              nextReview: nextReview, note: try call.value(Self.note)))
          consent.reviewDate = nextReview
          try consent.problems(previous: previous, in: try call.ruleContext(writer))
            .throwIfAny("\(id) cannot be reviewed")
          try writer.update(consent, action: "review", event: "Samtycke omprövat")
          reviewed.append(consent)
        }
        return (reviewed, try call.masking(writer))
      }
      for consent in reviewed {
        var text = "Reviewed \(try consent.savedID); next review by \(nextReview)."
        if nextReview > consent.validUntil {
          text += " The consent ends before that, on \(consent.validUntil)."
        }
        call.note(text)
      }
      try call.writeChanged(try reviewed.map { try $0.json }, masking: masking)
      return ExitCode.success
    }
  }
}
