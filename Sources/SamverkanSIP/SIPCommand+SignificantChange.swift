import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanStore

extension SIPCommand {
  /// `sip significant-change`: the person's life changed; the parties meet again.
  enum SignificantChange {
    static let changeNote = CommonOptions.note.help("What changed in the person's life.").required
    static let meetBy = Option<CivilDate>(
      "meet-by", value: "date",
      help: "The day the parties meet by to follow up (default 14 days after the change).")
    static let changedOn = Option<CivilDate>(
      "on", value: "date", help: "The day of the change (default today).")

    static let spec = CommandSpec(
      name: "significant-change",
      abstract:
        "Record a significant change in the person's life; it calls the parties to a follow-up.",
      discussion:
        "Seed 004: when the person's life changes significantly, those responsible meet to follow up the work. The SIP's next follow-up moves to --meet-by (default 14 days after the change) when that is earlier, so 'sip due' lists it; record the meeting with 'sip follow-up'.",
      examples: [
        Example(
          "samverkan sip significant-change SIP-3 --note 'Har förlorat sin bostad' --meet-by 2026-12-10",
          "The parties meet by 10 December.")
      ],
      options: [changeNote, meetBy, changedOn],
      arguments: [sipID]
    ) { call in try run(call) }

    static func run(_ call: Invocation) throws -> Int32 {
      let note = try call.require(changeNote).trimmingCharacters(in: .whitespacesAndNewlines)
      guard !note.isEmpty else {
        throw SamverkanError.invalidValue(
          "", option: changeNote.spec.usage, reason: "say what changed in the person's life")
      }
      let date = try call.value(changedOn) ?? call.clock.today
      guard date <= call.clock.today else {
        throw SamverkanError.invalidValue(
          date.description, option: changedOn.spec.usage,
          reason: "it is after today (\(call.clock.today)); record a change once it has happened")
      }
      let meeting = try call.value(meetBy) ?? date.adding(days: 14)
      guard meeting >= date else {
        throw SamverkanError.invalidValue(
          meeting.description, option: meetBy.spec.usage,
          reason: "the follow-up meeting comes after the change (\(date))")
      }
      return try change(
        call, action: "significant-change", step: "Recording a change for", sharing: .always,
        on: date
      ) { sip, _ in
        try sip.requireOpen("a significant change")
        guard sip.establishedOn != nil else {
          throw SamverkanError.refused(
            "\(sip.name) has no established plan yet; take the change into the plan being made ('sip need', 'sip goal', 'sip intervention')."
          )
        }
        sip.significantChanges.append(
          SIPSignificantChange(date: date, note: note, meetBy: meeting, by: call.actor))
        if sip.followUpDate.map({ meeting < $0 }) ?? true { sip.followUpDate = meeting }
        return Change(
          event: "Väsentlig förändring: \(note); uppföljande möte senast \(meeting)", note: nil)
      }
    }
  }
}
