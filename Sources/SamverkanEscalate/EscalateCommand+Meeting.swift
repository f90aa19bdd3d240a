import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanJSON
import SamverkanStore

extension EscalateCommand {
  /// `escalate meeting`: the assistant unit managers' monthly meetings at level 2.
  enum Meeting {
    /// The meeting of `show`, `attend` and `minutes`.
    static let id = RecordArguments.id(of: .meeting).help("The meeting's ID, e.g. MTG-3.")

    /// `--type`: the kind of meeting, for `list` and `export`.
    static let kind = Option<MeetingType>(
      "type", value: "type", help: "Only meetings of this kind.")

    /// The filter `meeting list` and `meeting export` share.
    static let filter = StandardVerbs.Filter<ManagersMeeting>(options: [kind]) {
      call, _ in
      guard let type = try call.value(Self.kind) else { return nil }
      return { $0.type == type }
    }

    /// The name as the participants spell it, or as given when none matches.
    static func participant(_ name: String, in participants: [MeetingParticipant]) -> String {
      participants.first { $0.name.lowercased() == name.lowercased() }?.name ?? name
    }

    /// The transfers the term's inventory lists: those `transfer upcoming` lists on the
    /// meeting's day, over the profile's window (9 months in Göteborg).
    static func comingTransfers(
      for meeting: ManagersMeeting, reader: StoreReader, call: Invocation
    ) throws -> [TransferOutlook] {
      var outlooks: [TransferOutlook] = []
      try reader.forEachRawRecord(of: .transfer) { _, raw in
        outlooks.append(try JSONValueDecoder().decode(TransferOutlook.self, from: raw))
      }
      let months = try call.profile().transfer.upcomingMonths
      return TransferOutlook.upcoming(
        outlooks, until: meeting.date.adding(months: months), outlook: { $0 }
      ).map(\.outlook)
    }

    static let spec = CommandSpec(
      name: "meeting",
      abstract:
        "Plan and document the assistant unit managers' monthly meetings (avstämningsmöte, samverkansmöte).",
      discussion: """
        The assistant unit managers meet once a month; the two kinds take turns: a mandatory avstämningsmöte (planned handovers, joint questions, trends) and a samverkansmöte (consultation on individual matters, attended when called). Each meeting keeps its participants, who attended, who writes the minutes — the duty rotates between the participants — and the minutes.
        Once a term (January–June, July–December) the avstämningsmöte holds an inventory of the coming transfers: the first avstämningsmöte planned in a term does, and its document lists them as 'samverkan transfer upcoming' does.
        """,
      examples: [
        Example(
          "samverkan escalate meeting plan --date 2026-12-10 --participant 'SF-NORDOST/BOU=Karin Ek' --participant 'AVO=Per Holm'",
          "Plans the month's meeting; its kind alternates with the month before."),
        Example(
          "samverkan escalate meeting show MTG-3 --format md > anteckningar.md",
          "The meeting's agenda and minutes as a Swedish document."),
      ],
      subcommands: [
        Plan.spec, Attend.spec, Minutes.spec, Show.spec, List.spec,
        StandardVerbs.history(kind: .meeting, command: "escalate meeting"),
        StandardVerbs.export(
          ManagersMeeting.self, filter: filter, command: "escalate meeting"),
        StandardVerbs.importVerb(ManagersMeeting.self, command: "escalate meeting"),
      ])
  }
}
