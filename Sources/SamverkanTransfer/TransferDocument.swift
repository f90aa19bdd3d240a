import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain

/// The transfer package as a Swedish document for the receiving unit (`transfer show
/// --format md`): the information the routine requires, the dates, and the receiving
/// unit's duties (seed 001, Ärendeöverlämning efter beslut på samverkansmöte).
public struct TransferDocument {
  public var transfer: Transfer
  public var profile: Profile
  public var masking: Masking
  /// The day the document is written.
  public var today: CivilDate
  /// The consents the transfer relied on, to say whether each still stands today.
  public var consents: [Consent]

  public init(
    transfer: Transfer, profile: Profile, masking: Masking, today: CivilDate,
    consents: [Consent] = []
  ) {
    self.transfer = transfer
    self.profile = profile
    self.masking = masking
    self.today = today
    self.consents = consents
  }

  /// The document in Markdown.
  public func render() -> String {
    let t = transfer
    var lines: [String] = []
    lines.append("# Överföring av pågående ärende")
    lines.append("")
    lines.append(
      "Information till mottagande enhet om \(t.id?.description ?? "överföringen"), utskriven \(today)."
    )
    lines.append("")
    lines.append("- **Den enskilde:** \(personLine)")
    lines.append("- **Överlämnande enhet:** \(unit(t.from))")
    lines.append(
      "- **Remitterande handläggare:** \(t.referringCaseworker ?? "ej angiven")")
    lines.append("- **Mottagande enhet:** \(unit(t.to))")
    lines.append("- **Ärendeansvaret övergår:** \(t.handoverDate), \(basisPhrase)")
    lines.append(
      t.basis == .birthday
        ? "- **Aviseras senast:** \(t.noticeDeadline) (\(profile.transfer.noticeMonths) månader före)"
        : "- **Aviseras senast:** \(t.noticeDeadline) (senast när ärendeansvaret övergår)")
    lines.append("- **Aviserat:** \(noticePhrase)")
    lines += sharingLines
    if t.state == .cancelled {
      lines.append(
        "- **Avbruten:** \(t.cancelledOn?.description ?? "") – \(t.cancelReason ?? "")")
    }
    for (field, text) in t.package {
      lines.append("")
      lines.append("## \(field.heading)")
      lines.append("")
      let trimmed = (text ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
      lines.append(trimmed.isEmpty ? "*Ej ifyllt.*" : trimmed)
    }
    lines.append("")
    lines.append("## Mottagande enhetens ansvar")
    lines.append("")
    lines.append(
      "Mottagande enhet bekräftar att informationen har tagits emot och utser en handläggare som tar kontakt med både den enskilde och den remitterande handläggaren. Biträdande enhetschef på mottagande enhet ansvarar för att hålla ett gemensamt tjänstemannamöte och för att den enskilde därefter informeras om ärendets gång. Finns andra vårdgivare, förvaltare eller god man ska även de vara med för att utforma en ny planering."
    )
    lines.append("")
    lines.append(
      "En utredning kan inledas, men eventuella insatser kan ges först när ärendeansvaret har förts över till mottagande enhet den \(t.handoverDate)."
    )
    lines.append("")
    lines.append("## Ärendets gång")
    lines.append("")
    lines.append("- **Planerad:** \(t.plannedOn)")
    lines.append("- **Mottagandet bekräftat:** \(acknowledgementPhrase)")
    lines.append("- **Handläggare på mottagande enhet:** \(caseworkerPhrase)")
    lines.append("- **Tjänstemannamöte:** \(meetingPhrase)")
    if let completedOn = t.completedOn {
      lines.append("- **Ärendeansvaret överfört:** \(completedOn)")
    }
    return lines.joined(separator: "\n") + "\n"
  }

  // MARK: - Parts

  private var personLine: String {
    let number = masking.show(transfer.person)
    guard let name = masking.showName(transfer.personName, of: transfer.person) else {
      return number
    }
    return "\(name), \(number)"
  }

  private func unit(_ id: OrganizationID) -> String {
    "\(profile.name(of: id)) (\(id))"
  }

  private var basisPhrase: String {
    let familyHome = transfer.familyHome ? " (placerad i familjehem)" : ""
    switch transfer.basis {
    case .birthday:
      let age = transfer.handoverAge.map(String.init) ?? "?"
      return "den dag den enskilde fyller \(age) år\(familyHome)"
    case .decision:
      // An escalation's ID lets the receiving unit look the decision up; a date names the
      // samverkansmöte.
      guard let decidedAt = transfer.decidedAt else {
        return "enligt beslut på samverkansmöte\(familyHome)"
      }
      if decidedAt.uppercased().hasPrefix("ESC-") {
        return "enligt beslut i eskaleringsärende \(decidedAt)\(familyHome)"
      }
      return "enligt beslut på samverkansmöte \(decidedAt)\(familyHome)"
    }
  }

  private var noticePhrase: String {
    guard let notifiedOn = transfer.notifiedOn else {
      return transfer.schedule.deadlinePassed(by: today)
        ? "ännu inte – sista dag för avisering har passerat"
        : "ännu inte"
    }
    return transfer.late
      ? "\(notifiedOn) – för sent, efter sista dag för avisering (\(transfer.noticeDeadline))"
      : "\(notifiedOn)"
  }

  /// The basis of the steps. What the person does not want shared is never printed here:
  /// the package goes to the very unit it protects against.
  private var sharingLines: [String] {
    var consents: [RecordID] = []
    var grounds: [String] = []
    for step in transfer.sharing {
      if let consent = step.consent {
        if !consents.contains(consent) { consents.append(consent) }
      } else if let use = step.legalGround {
        let ground = profile.consent.legalGround(use.ground)
        let name = ground.map { "\($0.label) (\($0.law))" } ?? use.ground
        let text = "\(name), \(use.date)" + (use.note.map { ": \($0)" } ?? "")
        if !grounds.contains(text) { grounds.append(text) }
      }
    }
    var lines: [String] = []
    if !consents.isEmpty {
      lines.append(
        "- **Samtycke till överföring:** "
          + consents.map {
            SharingGate.documentWording(consent: $0, consents: self.consents, today: today)
          }.joined(separator: " "))
    }
    for ground in grounds {
      lines.append("- **Utan samtycke, sekretessbrytande bestämmelse:** \(ground)")
    }
    return lines
  }

  private var acknowledgementPhrase: String {
    guard let date = transfer.acknowledgedOn else { return "ännu inte" }
    return transfer.acknowledgedBy.map { "\(date) av \($0)" } ?? "\(date)"
  }

  private var caseworkerPhrase: String {
    guard let name = transfer.receivingCaseworker else { return "ännu inte utsedd" }
    let reach = [
      transfer.receivingCaseworkerEmail?.value, transfer.receivingCaseworkerPhone?.national,
    ]
    .compactMap { $0 }
    var text = name
    if !reach.isEmpty { text += " (\(reach.joined(separator: ", ")))" }
    if let date = transfer.assignedOn { text += ", utsedd \(date)" }
    return text
  }

  private var meetingPhrase: String {
    guard let date = transfer.meetingOn else { return "ännu inte hållet" }
    var text = "\(date)"
    if !transfer.meetingParticipants.isEmpty {
      text += ", deltagare: " + transfer.meetingParticipants.joined(separator: ", ")
    }
    if let note = transfer.meetingNote { text += ". \(note)" }
    return text
  }
}
