import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanStore

extension TransferCommand {
  /// `transfer notify <id>`: the case is notified (aviseras) to the receiving unit with the
  /// transfer package. Needs consent and the whole package; a late notice is flagged.
  enum Notify {
    static let noticeOn = CommonOptions.stepDate("the receiving unit was notified")

    static let spec = CommandSpec(
      name: "notify",
      abstract: "Notify the receiving unit (avisera) and send it the transfer package.",
      discussion: """
        Refused (exit 77) unless a consent of the person covers purpose 'transfer' between both units on the day (or --legal-ground is given), and unless every part of the package and the referring caseworker are written; all that is missing is listed at once.
        A notice after the deadline is accepted, but the transfer is flagged late wherever it is shown.
        """,
      examples: [
        Example("samverkan transfer notify TRF-4", "Notifies today; prints TRF-4."),
        Example(
          "samverkan transfer notify TRF-4 --on yesterday",
          "Records a notice e-mailed yesterday."),
      ],
      options: [noticeOn] + sharingOptions,
      arguments: [transferID]
    ) { call in try run(call) }

    static func run(_ call: Invocation) throws -> Int32 {
      let id = try call.recordID(transferID, kind: .transfer)
      let date = try call.stepDate(noticeOn)
      let transfer = try change(call, id, action: "notify") { transfer, writer in
        guard transfer.state == .planned else {
          throw SamverkanError.refused(
            "\(id) was notified on \(transfer.notifiedOn?.description ?? "?") already (it is \(transfer.status)); the receiving unit has the package. To send a changed part, use 'samverkan transfer package \(id)'."
          )
        }
        var missing = transfer.emptyPackageFields.map {
          "\($0.label): 'samverkan transfer package \(id) \($0.option) …'"
        }
        if transfer.referringCaseworker.isBlank {
          missing.append(
            "the referring caseworker, whom the receiving caseworker contacts: 'samverkan transfer package \(id) --caseworker …'"
          )
        }
        do {
          try share(
            call, writer, &transfer, step: "notify", date: date)
        } catch SamverkanError.refused(let reason) where !missing.isEmpty {
          missing.append("consent: \(reason)")
        }
        guard missing.isEmpty else {
          throw SamverkanError.incomplete(
            "\(id) cannot be notified: the receiving unit is sent the whole transfer package",
            missing: missing)
        }
        transfer.state = .notified
        transfer.notifiedOn = date
        transfer.late = transfer.schedule.isLate(noticeOn: date)
        return transfer.late
          ? "Ärendet aviserat för sent (sista dag \(transfer.noticeDeadline))" : "Ärendet aviserat"
      }
      call.note(
        "\(id): \(transfer.to) notified on \(date) with the transfer package; it confirms receipt with 'samverkan transfer acknowledge \(id)'."
      )
      if transfer.late {
        call.note(
          "Warning: the notice is late: the deadline was \(transfer.noticeDeadline) (\(days(transfer.noticeDeadline.days(until: date))) before the notice). \(id) is flagged late; a deviation report (late notice) may be due: 'samverkan deviation report --from \(id)'."
        )
      }
      return ExitCode.success
    }
  }
}
