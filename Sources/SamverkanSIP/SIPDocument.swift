import Foundation
import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanJSON

/// The plan as a Swedish document for the individual (`sip show --format md`): needs and
/// wishes, goals, who does what and when, who holds the overall responsibility, and the
/// follow-up date and place.
public struct SIPDocument {
  public var sip: SIP
  public var profile: Profile
  public var masking: Masking
  /// The consent the SIP relies on, to say whether it still stands on `today`.
  public var consent: Consent?
  /// The day the document is rendered.
  public var today: CivilDate

  public init(
    sip: SIP, profile: Profile, masking: Masking, consent: Consent? = nil, today: CivilDate
  ) {
    self.sip = sip
    self.profile = profile
    self.masking = masking
    self.consent = consent
    self.today = today
  }

  /// The document as Markdown.
  public var markdown: String {
    var out: [String] = ["# Samordnad individuell plan (SIP)", "", status, ""]
    out += facts
    out += section("Deltagare", participants)
    out += section("Den enskildes behov och önskemål", needsAndWishes)
    out += section("Mål", goals)
    out += section("Insatser – vem gör vad och när", interventions)
    if !sip.regionPlacements.isEmpty {
      out += section(
        "Placering i annan region – hälso- och sjukvårdens ansvar",
        sip.regionPlacements.flatMap { placement in
          [
            "- **\(line(placement.region))**, \(placement.from)–\(placement.until.map(\.description) ?? "tills vidare"): \(line(placement.healthCare))"
          ]
        })
    }
    out += section("Övergripande ansvar", [responsibility])
    out += section("Uppföljning", [followUp])
    if !sip.followUps.isEmpty {
      out += section(
        "Genomförda uppföljningar",
        sip.followUps.map { "- \($0.date): \($0.outcome.label)" + note($0.note) })
    }
    if !sip.earlierVersions.isEmpty {
      out += section(
        "Tidigare versioner",
        sip.earlierVersions.map {
          "- Version \($0.version), upprättad \($0.establishedOn), ersatt \($0.endedOn) (\($0.endedBy.label))"
        })
    }
    out += ["---", "", closingWords, ""]
    return out.joined(separator: "\n")
  }

  // MARK: - Kallelse och inbjudan

  /// Kallelse och inbjudan till SIP-möte: the principals are summoned, other actors
  /// invited; the purpose and questions the meeting was prepared with, with the person.
  public var invitationMarkdown: String {
    var out: [String] = ["# Kallelse och inbjudan till SIP-möte", ""]
    out.append("**\(sip.name)** · \(profile.municipality)")
    out.append("")
    var rows: [(String, String)] = []
    let number = masking.show(sip.person)
    let name = masking.showName(sip.personName, of: sip.person)
    rows.append(("Gäller", [name, number].compactMap { $0 }.joined(separator: ", ")))
    rows.append(
      (
        "Från",
        organization(sip.initiator) + (sip.caseworker.map { ", handläggare \($0)" } ?? "")
      ))
    let summoned = sip.participants.filter { $0.invitation == .summons }
    let invited = sip.participants.filter { $0.invitation != .summons }
    if !summoned.isEmpty {
      rows.append(
        (
          "Kallas (huvudmän)",
          summoned.map { "\(organization($0.organization)) (\($0.invitedOn))" }
            .joined(separator: "; ")
        ))
    }
    if !invited.isEmpty {
      rows.append(
        (
          "Bjuds in",
          invited.map { "\(organization($0.organization)) (\($0.invitedOn))" }
            .joined(separator: "; ")
        ))
    }
    if !sip.relatives.isEmpty {
      rows.append(
        ("Närstående, på den enskildes önskan", sip.relatives.map(\.name).joined(separator: ", ")))
    }
    if let meeting = sip.meeting {
      rows.append(
        ("Tid och plats", "\(time(meeting.at)), \(meeting.place) (\(meeting.form.label))"))
    } else {
      rows.append(("Tid och plats", "meddelas"))
    }
    out += ["| | |", "|---|---|"] + rows.map { "| \($0.0) | \(cell($0.1)) |" } + [""]
    if let preparation = sip.preparation {
      out += section("Syftet med mötet", [line(preparation.purpose)])
      out += section("Frågor att gå igenom", preparation.questions.map { "- \(line($0))" })
      out += [
        "Mötet har förberetts tillsammans med den enskilde \(preparation.date).", "",
      ]
    }
    if let id = sip.consent {
      out += [
        SharingGate.documentWording(
          consent: id, consents: consent.map { [$0] } ?? [], today: today), "",
      ]
    }
    out += section(
      "Svar",
      [
        "Meddela \(organization(sip.initiator)) vem som deltar i mötet. Vid förhinder ska en ersättare utses.",
        "",
        "Socialtjänsten och hälso- och sjukvården är enligt lag skyldiga att medverka; en huvudman kan inte neka deltagande. Andra aktörer, som Försäkringskassan, Arbetsförmedlingen eller Kriminalvården, har ingen lagstadgad skyldighet att medverka men är välkomna.",
      ])
    out += [
      "---", "",
      "SIP är den enskildes plan. Den enskildes samtycke och delaktighet är navet i arbetet.", "",
    ]
    return out.joined(separator: "\n")
  }

  // MARK: - Parts

  private var status: String {
    var text = "**\(sip.name)** · version \(sip.version) · "
    switch sip.state {
    case .established:
      text += "upprättad \(sip.establishedOn.map(\.description) ?? "")"
    case .revising:
      text +=
        "under revidering efter uppföljningen \(sip.planMeetingDate.map(\.description) ?? "") – inte upprättad ännu"
    case .closing:
      text +=
        (sip.establishedOn.map { "upprättad \($0) · " } ?? "")
        + "avslut pågår: \(sip.closings.count) av \(sip.principals.count) huvudmän har dokumenterat avslutet"
    case .closed:
      text +=
        (sip.establishedOn.map { "upprättad \($0) · " } ?? "")
        + "avslutad \(sip.closedOn.map(\.description) ?? ""): \(sip.closingReasons.map(\.label).listed("och"))"
    case .declined:
      text += "SIP nekad" + (sip.refusal.map { " \($0.date): \(cell($0.reason))" } ?? "")
    case .identified, .preparing, .invited, .meeting:
      text += "utkast – planen är inte upprättad ännu"
    }
    return text
  }

  private var facts: [String] {
    var rows: [(String, String)] = []
    let number = masking.show(sip.person)
    let name = masking.showName(sip.personName, of: sip.person)
    rows.append(("Den enskilde", [name, number].compactMap { $0 }.joined(separator: ", ")))
    var reason = sip.trigger.label
    if let ready = sip.readyForDischarge { reason += " (utskrivningsklar \(ready))" }
    if sip.isInternal { reason += "; intern SIP (I-SIP)" }
    rows.append(("Anledning", reason))
    rows.append(
      (
        "Initiativ",
        organization(sip.initiator) + (sip.caseworker.map { ", handläggare \($0)" } ?? "")
      ))
    if let meeting = sip.meeting {
      rows.append(("SIP-möte", "\(time(meeting.at)), \(meeting.place) (\(meeting.form.label))"))
    }
    // What the person does not want shared is never printed here: the plan goes to the
    // very parties it protects against.
    if let id = sip.consent {
      rows.append(
        (
          "Grund för informationsutbyte",
          SharingGate.documentWording(
            consent: id, consents: consent.map { [$0] } ?? [], today: today)
        ))
    } else if let use = sip.legalGround {
      let ground = profile.consent.legalGround(use.ground)?.title ?? use.ground
      rows.append(("Grund för informationsutbyte", "sekretessbrytande bestämmelse: \(ground)"))
    }
    return ["| | |", "|---|---|"] + rows.map { "| \($0.0) | \(cell($0.1)) |" } + [""]
  }

  private var participants: [String] {
    // The plan's participants are those who were at the meeting (seed 004); until that is
    // recorded, the invitations and their answers are all there is to show.
    if let meeting = sip.meeting, let attendees = meeting.attendees, !attendees.isEmpty {
      var lines = ["Närvarande vid SIP-mötet \(meeting.at.date):", ""]
      lines += attendees.map { "- \($0.name), \(organization($0.organization))" }
      for relative in sip.relatives { lines.append("- Närstående: \(relative.name)") }
      return lines
    }
    var lines = ["- \(organization(sip.initiator)) – tog initiativ till SIP"]
    for participant in sip.participants {
      let called = participant.invitation == .summons ? "kallad" : "inbjuden"
      var line = "- \(organization(participant.organization)) – \(called) \(participant.invitedOn)"
      if let response = participant.response {
        switch response.answer {
        case .attending: line += ", deltar: \(response.name ?? "")"
        case .substitute: line += ", ersättare: \(response.name ?? "")"
        case .declined: line += ", deltar inte"
        }
      } else {
        line += ", inget svar ännu"
      }
      lines.append(line)
    }
    for relative in sip.relatives { lines.append("- Närstående: \(relative.name)") }
    return lines
  }

  private var needsAndWishes: [String] {
    if sip.needs.isEmpty, sip.wishes.isEmpty {
      return ["Behov och önskemål är inte dokumenterade ännu."]
    }
    var lines: [String] = []
    lines += subsection("Behov", sip.needs.map(\.text), empty: "Inga behov är dokumenterade ännu.")
    lines += [""]
    lines += subsection(
      "Önskemål", sip.wishes.map(\.text), empty: "Inga önskemål är dokumenterade.")
    return lines
  }

  private var goals: [String] {
    if sip.goals.isEmpty { return ["Inga mål är dokumenterade ännu."] }
    let short = sip.goals.filter { $0.term == .short }.map(\.text)
    let long = sip.goals.filter { $0.term == .long }.map(\.text)
    return subsection("Kortsiktiga mål", short, empty: "Inga kortsiktiga mål.") + [""]
      + subsection("Långsiktiga mål", long, empty: "Inga långsiktiga mål.")
  }

  private var interventions: [String] {
    if sip.interventions.isEmpty { return ["Inga insatser är dokumenterade ännu."] }
    return ["| Insats | Ansvarig | Senast |", "|---|---|---|"]
      + sip.interventions.map {
        "| \(cell($0.what)) | \(cell(organization($0.responsible))) | \($0.by?.description ?? "–") |"
      }
  }

  private var responsibility: String {
    guard let responsible = sip.overallResponsible else {
      return
        "Vem som har det övergripande ansvaret är inte bestämt ännu; det bestäms vid SIP-mötet."
    }
    return
      "\(organization(responsible)) har det övergripande ansvaret för planen och kallar till uppföljning."
  }

  private var followUp: String {
    if let closing = sip.closing {
      return
        "SIP:en avslutades \(closing.date) (\(closing.reason.label)). Ingen ny uppföljning planeras."
    }
    if !sip.closings.isEmpty {
      // Each principal documents its own closing (seed 004).
      var text = sip.closings.map {
        "\(organization($0.by)) dokumenterade avslutet \($0.date) (\($0.reason.label))."
      }.joined(separator: " ")
      if let closedOn = sip.closedOn {
        text += " SIP:en avslutades \(closedOn). Ingen ny uppföljning planeras."
      } else {
        text +=
          " Avslutet pågår: \(sip.awaitingClosing.map(organization).listed("och")) har inte dokumenterat avslutet ännu. Ingen ny uppföljning planeras."
      }
      return text
    }
    if sip.refusal != nil { return "Ingen SIP hålls, så ingen uppföljning planeras." }
    switch (sip.followUpDate, sip.followUpPlace) {
    case (let date?, let place?): return "Planen följs upp \(date), plats: \(place)."
    case (let date?, nil): return "Planen följs upp \(date); platsen är inte bestämd ännu."
    case (nil, let place?): return "Datum för uppföljning är inte bestämt ännu; plats: \(place)."
    case (nil, nil): return "Datum och plats för uppföljning är inte bestämda ännu."
    }
  }

  private var closingWords: String {
    var text =
      "Det här är din plan. Varje huvudman ansvarar för att utföra sina insatser enligt planen. Om din livssituation förändras väsentligt ska de ansvariga mötas för att följa upp planen."
    if sip.consent != nil {
      text +=
        " Du kan när som helst ta tillbaka ditt samtycke; då avslutas den samordnade planeringen."
    }
    return text
  }

  // MARK: - Helpers

  private func section(_ title: String, _ body: [String]) -> [String] {
    ["## \(title)", ""] + body + [""]
  }

  private func subsection(_ title: String, _ items: [String], empty: String) -> [String] {
    ["### \(title)", ""]
      + (items.isEmpty
        ? [empty] : items.enumerated().map { "\($0.offset + 1). \(line($0.element))" })
  }

  private func organization(_ id: OrganizationID) -> String { profile.name(of: id) }

  private func note(_ text: String?) -> String { text.map { " (\(line($0)))" } ?? "" }

  /// 2026-12-03 kl. 13.00, as Swedish writes a time.
  private func time(_ at: LocalDateTime) -> String {
    let hour = at.hour < 10 ? "0\(at.hour)" : "\(at.hour)"
    let minute = at.minute < 10 ? "0\(at.minute)" : "\(at.minute)"
    return "\(at.date) kl. \(hour).\(minute)"
  }

  /// Text on one line.
  private func line(_ text: String) -> String {
    text.split(whereSeparator: \.isNewline).joined(separator: " ")
  }

  /// Text in a table cell: one line, with the column separator escaped.
  private func cell(_ text: String) -> String {
    line(text).replacingOccurrences(of: "|", with: "\\|")
  }
}
