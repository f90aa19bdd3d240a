import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanStore

extension DeviationCommand {
  static let recipient = Option<String>(
    "to", value: "name",
    help: "The controller (verksamhetscontroller) the report is filed with.", required: true)

  /// `deviation file <id>`: hand the finished report to the controller; it is then locked.
  static let file = CommandSpec(
    name: "file",
    abstract:
      "File a resolved report with the controller (verksamhetscontroller); it is then locked.",
    discussion:
      "A report is filed only when part 2 is written and signed by one person from each side. The recipient and date are recorded; after that the report can no longer change (every change is refused with exit 77).",
    examples: [
      Example("samverkan deviation file DEV-1 --to 'Eva Ström'", "Files DEV-1 with the controller.")
    ],
    options: [recipient, date],
    arguments: [reportID]
  ) { call in
    let id = try call.recordID(reportID, kind: .deviation)
    let to = try call.require(recipient).trimmingCharacters(in: .whitespaces)
    let filedOn = try call.value(date) ?? call.clock.today
    let controller = try call.profile().deviation.controller
    guard !to.isEmpty else {
      throw SamverkanError.invalidValue(
        to, option: recipient.spec.usage, reason: "name the \(controller) the report is filed with")
    }
    var saved: DeviationReport?
    try call.store().write { writer in
      let previous = try Self.loadForChange(id, writer, call)
      let gaps = previous.filingGaps(id: id)
      guard gaps.isEmpty else {
        throw SamverkanError.incomplete(
          "\(id) cannot be filed with the \(controller) yet", missing: gaps.map(\.what))
      }
      var report = previous
      report.filedTo = to
      report.filedOn = filedOn
      report.state = .filed
      try Self.refuseIfAny(
        report.problems(previous: previous, in: try call.ruleContext(writer)),
        "\(id) cannot be filed")
      try writer.update(report, action: "file", event: "Arkiverad hos \(controller)")
      saved = report
    }
    try call.writeCreated(try saved!.json, masking: .none)
    call.note("Filed \(id) with the \(controller) \(to) on \(filedOn); it can no longer change.")
    return ExitCode.success
  }
}
