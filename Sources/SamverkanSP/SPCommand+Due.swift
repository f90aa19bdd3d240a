import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanStore

extension SPCommand {
  /// `sp due`: what needs doing.
  enum Due {
    static let within = Option<DateOffset>(
      "within", value: "offset",
      help:
        "Also what falls due within this span from today, e.g. 14d or 2w (default: only what is due today or earlier)."
    )

    static let spec = CommandSpec(
      name: "due",
      abstract:
        "List SPs never summoned, follow-ups due, plans waiting for approval, and meetings to record.",
      discussion: """
        summons: an SP created but never summoned (days = days since it was created). answer: a summoned administration that has not answered the summons (sp answer) by the reply-by date, or without one the first proposed time. follow-up: an established plan whose next follow-up is due. approval: a plan sent for approval that an administration has not answered (days = days waiting). meeting: a summoned SP whose last proposed meeting time has passed without the meeting being recorded. consent: an open SP whose consent was withdrawn, expired or is overdue for review, with no other consent covering it: every sharing step is refused until new consent is given (or the SP is closed). days is the number of days since the date; negative when it is still ahead.
        """,
      examples: [
        Example("samverkan sp due", "Everything due today or overdue."),
        Example(
          "samverkan sp due --within 2w --org FFS", "What concerns FFS in the coming two weeks."),
      ],
      options: [within, organization]
    ) { call in try run(call) }

    static func run(_ call: Invocation) throws -> Int32 {
      let today = call.clock.today
      let limit = try call.value(within)?.after(today) ?? today
      let organization = try call.value(SPCommand.organization)
      let columns = [
        Column("id", "ID"), Column("person", "PERSON"), Column("personName", "NAME"),
        Column("due", "DUE"), Column("administration", "ADMINISTRATION"), Column("date", "DATE"),
        Column("days", "DAYS"),
      ]
      try call.store().read { reader in
        var items: [(id: RecordID, item: DueItem)] = []
        let profile = try call.profile()
        for plan in try reader.dueRecords(CoordinatedPlan.self, today: today, until: limit)
        where organization.map({ plan.administration(matching: $0) != nil }) ?? true {
          guard let id = plan.id else {
            throw SamverkanError.internalError("a stored SP has no ID")
          }
          items += try DueItem.items(
            for: plan, until: limit, today: today, reader: reader, profile: profile
          ).map { (id, $0) }
        }
        items.sort { ($0.item.date, $0.id, $0.item.due) < ($1.item.date, $1.id, $1.item.due) }
        try call.writeList(
          columns: columns, fields: columns.map(\.field), masking: try call.masking(reader)
        ) { emit in
          for (_, item) in items where organization.map({ item.concerns($0) }) ?? true {
            try emit(item.json(today: today))
          }
        }
      }
      return ExitCode.success
    }
  }
}
