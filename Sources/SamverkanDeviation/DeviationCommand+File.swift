import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanStore

extension DeviationCommand {
  /// `deviation file <id> ...`: hand finished reports to the controller; they are then locked.
  enum File {
    static let recipient = Option<String>(
      "to", value: "name",
      help: "The controller (verksamhetscontroller) the report is filed with.", required: true)

    static let reportIDs = VariadicArgument<String>(
      "id", help: "The report's ID, e.g. DEV-12; several are filed together, all or nothing.",
      completion: .dynamic("ids:DEV")
    ).recordIDs(of: [.deviation])

    static let spec = CommandSpec(
      name: "file",
      abstract:
        "File a resolved report with the controller (verksamhetscontroller); it is then locked.",
      discussion: """
        A report is filed only when part 2 is written and signed by one person from each side. The recipient and date are recorded; after that the report can no longer change (every change is refused with exit 77).
        Several IDs are filed together in one change: if any of them cannot be filed yet, none is.
        """,
      examples: [
        Example(
          "samverkan deviation file DEV-1 --to 'Eva Ström'", "Files DEV-1 with the controller."),
        Example(
          "samverkan deviation list --state resolved -q | xargs samverkan deviation file --to 'Eva Ström'",
          "Files every resolved report at once."),
      ],
      options: [recipient, date],
      arguments: [reportIDs]
    ) { call in try run(call) }

    static func run(_ call: Invocation) throws -> Int32 {
      let ids = try call.recordIDs(reportIDs, kinds: [.deviation])
      let to = try call.require(recipient).trimmingCharacters(in: .whitespaces)
      let filedOn = try call.value(date) ?? call.clock.today
      let controller = try call.profile().deviation.controller
      guard !to.isEmpty else {
        throw SamverkanError.invalidValue(
          to, option: recipient.spec.usage,
          reason: "name the \(controller) the report is filed with")
      }
      var saved: [DeviationReport] = []
      try call.store().write { writer in
        for id in ids {
          let previous = try DeviationCommand.loadForChange(id, writer, call)
          let gaps = previous.filingGaps(id: id)
          guard gaps.isEmpty else {
            throw SamverkanError.incomplete(
              "\(id) cannot be filed with the \(controller) yet", missing: gaps.map(\.what))
          }
          var report = previous
          report.filedTo = to
          report.filedOn = filedOn
          report.state = .filed
          try DeviationCommand.refuseIfAny(
            report.problems(previous: previous, in: try call.ruleContext(writer)),
            "\(id) cannot be filed")
          try writer.update(report, action: "file", event: "Arkiverad hos \(controller)")
          saved.append(report)
        }
      }
      try call.writeChanged(try saved.map { try $0.json }, masking: .none)
      for id in ids {
        call.note(
          "Filed \(id) with the \(controller) \(to) on \(filedOn); it can no longer change.")
      }
      return ExitCode.success
    }
  }
}
