import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain

/// The assistant unit managers' meeting as a Swedish document: the agenda (registered
/// matters, joint questions and, once a term, the coming transfers) and the minutes, as
/// kept in the joint group folder (seed 001).
///
/// It names no person: the registered matters are listed by ID (their details are in the
/// agenda, which passes the sharing rules), and the coming transfers by ID and units.
struct MeetingDocument {
  let meeting: ManagersMeeting
  /// The matters registered for the meeting's date.
  let registered: [RecordID]
  /// The term's inventory of coming transfers, when the meeting holds it.
  let transfers: [TransferOutlook]
  let profile: Profile

  func markdown() -> String {
    var lines: [String] = []
    let title = meeting.type == .reconciliation ? "Avstämningsmöte" : "Samverkansmöte"
    lines.append("# \(title) \(meeting.date)")
    lines.append("")
    let role = profile.escalation.level(profile.escalation.registrationLevel)
    lines.append(
      "\(profile.municipality) · \(meeting.id.map { "\($0)" } ?? "") · nivå \(role?.number ?? 2), \(role?.role ?? "biträdande enhetschef")"
    )
    lines.append("")
    lines.append(
      meeting.type == .reconciliation
        ? "- **Mötesform:** avstämningsmöte, obligatoriskt för samtliga biträdande enhetschefer"
        : "- **Mötesform:** samverkansmöte, konsultation på individnivå (obligatoriskt för den som blivit kallad)"
    )
    if let place = meeting.place { lines.append("- **Plats:** \(place)") }
    lines.append("- **Antecknare:** \(meeting.noteTaker) (ansvaret alterneras mellan deltagarna)")
    lines.append("")
    lines.append("## Deltagare")
    lines.append("")
    lines.append("| Namn | Enhet | Närvaro |")
    lines.append("|---|---|---|")
    for participant in meeting.participants {
      let presence = meeting.attendance.first {
        $0.name.lowercased() == participant.name.lowercased()
      }
      let status =
        presence.map {
          $0.present ? "närvarande" : "frånvarande\($0.reason.map { " (\($0))" } ?? "")"
        }
        ?? "–"
      lines.append(
        "| \(cell(participant.name)) | \(participant.unit) (\(profile.name(of: participant.unit))) | \(cell(status)) |"
      )
    }
    lines.append("")
    lines.append("## Dagordning")
    lines.append("")
    var number = 0
    func item(_ heading: String) {
      number += 1
      lines.append("### \(number). \(heading)")
      lines.append("")
    }
    if meeting.type == .reconciliation {
      item("Planerade överlämningar och samverkansdiskussioner")
      lines.append("Gemensamma frågor och trender som kan komma att påverka båda avdelningarna.")
      lines.append("")
    }
    item("Anmälda ärenden")
    if registered.isEmpty {
      lines.append("Inga ärenden är anmälda till mötet.")
    } else {
      lines.append(
        "\(registered.map(\.description).joined(separator: ", ")). Ärendenas uppgifter finns i dagordningen: `samverkan escalate agenda --meeting \(meeting.date)`."
      )
    }
    lines.append("")
    item("Gemensamma frågor")
    if meeting.questions.isEmpty {
      lines.append("Inga gemensamma frågor är anmälda.")
    } else {
      lines += meeting.questions.map { "- \($0)" }
    }
    lines.append("")
    if meeting.inventory {
      item("Inventering av kommande överföringar (en gång per termin)")
      let months = profile.transfer.upcomingMonths
      let until = meeting.date.adding(months: months)
      if transfers.isEmpty {
        lines.append("Inga kända individöverföringar till och med \(until).")
      } else {
        lines.append(
          "\(transfers.count == 1 ? "En känd individöverföring" : "\(transfers.count) kända individöverföringar") till och med \(until) (\(meeting.date.termName)):"
        )
        lines.append("")
        lines.append("| Överföring | Från | Till | Nästa steg | Datum |")
        lines.append("|---|---|---|---|---|")
        for transfer in transfers {
          lines.append(
            "| \(transfer.id.map { "\($0)" } ?? "") | \(transfer.from) | \(transfer.to) | \(transfer.due.swedish) | \(transfer.dueDate)\(transfer.dueDate < meeting.date ? " (försenad)" : "") |"
          )
        }
      }
      lines.append("")
    }
    lines.append("## Minnesanteckningar")
    lines.append("")
    if let minutes = meeting.minutes {
      lines.append("Skrivna av \(minutes.by) \(minutes.recordedOn).")
      lines.append("")
      lines += minutes.text.trimmingCharacters(in: .whitespacesAndNewlines)
        .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    } else {
      lines.append("Inte skrivna ännu.")
    }
    return lines.joined(separator: "\n") + "\n"
  }

  private func cell(_ text: String) -> String {
    text.replacingOccurrences(of: "|", with: "\\|")
  }
}
