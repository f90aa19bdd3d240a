import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain

/// The SP routine's documents in Swedish Markdown: the summons (kallelse till SP-möte), the
/// plan (samordnad plan) and the note of an anonymous consultation.
///
/// What the person does not want shared is never printed in them: they go to the very
/// administrations it protects against.
struct SPDocuments {
  let profile: Profile
  let masking: Masking
  /// The consents the SP relied on, to say whether each still stands on `today`.
  var consents: [Consent] = []
  /// The day the document is rendered.
  var today: CivilDate

  // MARK: - Kallelse

  /// Kallelse till SP-möte: what the routine says the summons must state.
  func summons(_ plan: CoordinatedPlan) -> String {
    guard let summons = plan.summons else { return "" }
    var text = Text()
    text.heading(1, "Kallelse till SP-möte (samordnad plan)")
    text.paragraph("\(profile.municipality) · \(plan.idText)")
    text.line("- **Datum:** \(summons.sentOn)")
    text.line(
      "- **Från:** \(summons.sentBy)\(summons.senderTitle.map { ", \($0)" } ?? ""), \(name(plan.initiator))"
    )
    let reach = [summons.senderPhone?.description, summons.senderEmail?.description]
      .compactMap { $0 }
    if !reach.isEmpty { text.line("- **Kontakt:** \(reach.joined(separator: ", "))") }
    text.line(
      "- **Till:** "
        + summons.recipients.map { "\($0.name), \(name($0.administration))" }
        .joined(separator: "; "))
    text.line("- **Gäller:** \(personLine(plan))")
    text.blank()

    text.heading(2, "Den enskildes aktuella behov")
    text.paragraph(summons.needs)
    text.paragraph(basisSentence(plan, step: .summon))
    text.heading(2, "Syftet med mötet")
    text.paragraph(summons.purpose)
    text.heading(2, "Varför samordning behövs")
    text.paragraph(summons.whyCoordination)
    text.heading(2, "Frågor vi vill arbeta vidare med tillsammans")
    text.paragraph(summons.questions)
    text.heading(2, "Vad vi hoppas uppnå genom samverkan")
    text.paragraph(summons.hopedOutcome)

    text.heading(2, "Förslag på tidpunkt och mötesform")
    text.line("Föreslagna tider:")
    text.blank()
    for time in summons.proposedTimes { text.line("- \(swedish(time))") }
    text.blank()
    text.line("- **Mötesform:** \(summons.meetingForm.swedish)")
    if let place = summons.place { text.line("- **Plats:** \(place)") }
    text.blank()
    text.paragraph(
      "Meddela \(summons.sentBy), \(name(plan.initiator)), vilken av tiderna som passar, eller föreslå en annan tid"
        + (summons.replyBy.map { ", senast \($0)." } ?? "."))
    if summons.individualInvited {
      text.paragraph(
        "Förvaltningarna har gemensamt bedömt att det är till gagn för den enskilde att hen, eller en anhörig eller företrädare, deltar i mötet."
      )
    }
    text.paragraph(
      "Mötet ska prioriteras av samtliga förvaltningar. Utebliven närvaro utan giltig orsak kan leda till att en avvikelse rapporteras."
    )
    return text.result
  }

  // MARK: - Samordnad plan

  /// Samordnad plan: the meeting, the individual's needs and own view, goals,
  /// responsibility split, agreed interventions with their time, the named contacts, the
  /// follow-up and the approvals; then what is recorded beside the plan (stödkontakt
  /// decisions, and the administrations without an open case that have yet to make one).
  func plan(_ plan: CoordinatedPlan) -> String {
    guard let documented = plan.plan else { return "" }
    var text = Text()
    text.heading(1, "Samordnad plan (SP)")
    text.paragraph("\(profile.municipality) · \(plan.idText)")
    text.line("- **Gäller:** \(personLine(plan))")
    text.line(
      "- **Initierad av:** \(name(plan.initiator))\(plan.caseworker.map { " (\($0))" } ?? "")")
    text.line("- **Förvaltningar:** \(plan.administrations.map(name).joined(separator: ", "))")
    if let ref = plan.ref { text.line("- **Referens i verksamhetssystemet:** \(ref)") }
    text.line("- **Status:** \(status(plan))")
    text.blank()
    text.paragraph(basisSentence(plan, step: nil))

    if let meeting = plan.meeting {
      text.heading(2, "SP-möte")
      text.paragraph("Mötet hölls \(meeting.held).")
      text.table(
        ["Förvaltning", "Närvaro"],
        meeting.attendance.map { [name($0.administration), $0.status.swedish] })
      if meeting.individualAttended {
        text.paragraph("Den enskilde, eller en anhörig eller företrädare, deltog i mötet.")
      }
      if let note = meeting.note { text.paragraph(note) }
    }

    text.heading(2, "Den enskildes behov")
    if documented.needs.isEmpty {
      text.paragraph("Behoven är inte dokumenterade ännu.")
    } else {
      for need in documented.needs { text.line("- \(need.text)") }
      text.blank()
    }
    text.heading(2, "Den enskildes egen syn")
    text.paragraph(documented.ownView ?? "Den enskildes egen syn är inte dokumenterad ännu.")

    text.heading(2, "Mål")
    if documented.goals.isEmpty {
      text.paragraph("Inga mål är dokumenterade ännu.")
    } else {
      for goal in documented.goals {
        text.line("- \(goal.term.map { "\($0.swedish.capitalized): " } ?? "")\(goal.text)")
      }
      text.blank()
    }

    text.heading(2, "Ansvarsfördelning")
    if documented.responsibilities.isEmpty {
      text.paragraph("Ansvarsfördelningen är inte dokumenterad ännu.")
    } else {
      text.table(
        ["Förvaltning", "Ansvar"],
        documented.responsibilities.map { [name($0.administration), $0.text] })
    }
    text.heading(2, "Överenskomna insatser")
    if documented.interventions.isEmpty {
      text.paragraph("Inga insatser är dokumenterade ännu.")
    } else {
      text.table(
        ["Insats", "Ansvarig förvaltning", "Tid"],
        documented.interventions.map { [$0.what, name($0.responsible), $0.swedishTime] })
    }

    text.heading(2, "Kontaktpersoner")
    text.paragraph(
      "Vid kontakt med en annan förvaltning om den enskilde kontaktas först den som är namngiven här."
    )
    text.table(
      ["Förvaltning", "Kontaktperson", "Telefon", "E-post"],
      plan.administrations.map { administration in
        guard let contact = documented.contact(at: administration) else {
          return [name(administration), "Inte namngiven ännu", "", ""]
        }
        return [
          name(administration), contact.name + (contact.title.map { ", \($0)" } ?? ""),
          contact.phone?.description ?? "", contact.email?.description ?? "",
        ]
      })
    text.heading(2, "Uppföljning")
    var followUp =
      documented.followUp.map { "Planen följs upp \($0)." }
      ?? "Datum för uppföljning är inte bestämt ännu."
    if let note = documented.followUpNote { followUp += " \(note)" }
    text.paragraph(followUp)
    text.paragraph("Planen dokumenterades \(documented.documentedOn).")

    text.heading(2, "Godkännande")
    text.paragraph(
      "Planen skickas för godkännande till de andra förvaltningarna innan den upprättas. Den fastställs när samtliga förvaltningar har godkänt den och är därefter skrivskyddad."
    )
    if plan.submissions.isEmpty {
      text.paragraph("Planen har inte skickats för godkännande ännu.")
    } else {
      var rows: [[String]] = []
      for (index, submission) in plan.submissions.enumerated() {
        let round = index + 1
        rows.append([
          String(round), name(plan.initiator), "Skickad för godkännande",
          submission.date.description,
          submission.by, "",
        ])
        for decision in plan.decisions where decision.round == round {
          rows.append([
            String(round), name(decision.administration),
            decision.verdict == .approved ? "Godkänd" : "Inte godkänd",
            decision.date.description, decision.by, decision.comment ?? "",
          ])
        }
      }
      text.table(["Omgång", "Förvaltning", "Beslut", "Datum", "Av", "Kommentar"], rows)
      if plan.state == .submitted {
        text.paragraph(
          "Väntar på godkännande från: \(plan.awaitingApproval.map(name).joined(separator: ", ")).")
      }
    }

    let undecided = plan.awaitingSupportContact
    if !plan.supportContacts.isEmpty || !undecided.isEmpty {
      text.heading(2, "Stödkontakt med socialsekreterare")
      for contact in plan.supportContacts {
        text.line(
          "- \(name(contact.administration)) beslutade om stödkontakt med socialsekreterare \(contact.decidedOn) (\(contact.decidedBy)), med den enskildes samtycke (\(contact.consent))."
        )
      }
      for administration in undecided {
        text.line(
          "- \(name(administration)) har inget pågående ärende för den enskilde; beslut om stödkontakt med socialsekreterare är inte registrerat ännu."
        )
      }
      text.blank()
    }
    if !plan.followUps.isEmpty {
      text.heading(2, "Genomförda uppföljningar")
      text.table(
        ["Datum", "Resultat", "Nästa uppföljning"],
        plan.followUps.map { [$0.date.description, $0.note, $0.next?.description ?? "–"] })
    }
    if let closing = plan.closing {
      text.heading(2, "Avslut")
      text.paragraph("SP avslutades \(closing.date). Skäl: \(closing.reason)")
    }
    return text.result
  }

  // MARK: - Oidentifierad konsultation

  /// The note of an anonymous consultation.
  func consultation(_ consultation: Consultation) -> String {
    var text = Text()
    text.heading(1, "Oidentifierad konsultation")
    text.paragraph(
      "\(profile.municipality) · \(consultation.id?.description ?? "") · \(consultation.date)")
    text.line("- **Frågande förvaltning:** \(name(consultation.askedBy))")
    text.line(
      "- **Konsulterad\(consultation.consulted.count == 1 ? " förvaltning" : "e förvaltningar"):** "
        + consultation.consulted.map(name).joined(separator: ", "))
    text.blank()
    text.paragraph(
      "Ärendet och situationen beskrivs utan personuppgifter eller andra uppgifter som gör att personen kan identifieras."
    )
    text.heading(2, "Fråga")
    text.paragraph(consultation.question)
    text.heading(2, "Råd")
    text.paragraph(consultation.advice)
    if let note = consultation.note {
      text.heading(2, "Anteckning")
      text.paragraph(note)
    }
    return text.result
  }

  // MARK: - Parts

  func name(_ id: OrganizationID) -> String { profile.name(of: id) }

  func personLine(_ plan: CoordinatedPlan) -> String {
    let number = masking.show(plan.person)
    guard let shown = masking.showName(plan.personName, of: plan.person) else { return number }
    return "\(shown), \(number)"
  }

  /// On what the information in the document is shared: the consents, or a legal ground.
  func basisSentence(_ plan: CoordinatedPlan, step: CoordinatedPlan.Step?) -> String {
    let grounds = plan.legalGrounds.filter { step == nil || $0.step == step }
    if let use = grounds.last, let ground = profile.consent.legalGround(use.ground) {
      return
        "Uppgifterna lämnas utan samtycke med stöd av en sekretessbrytande bestämmelse: \(ground.label.lowercased()) (\(ground.law))."
    }
    guard !plan.consents.isEmpty else { return "" }
    // A document rendered after a withdrawal never claims the withdrawn consent.
    let withdrawn = plan.consents.filter { id in
      consents.contains { $0.id == id && SharingGate.withdrawal(of: $0, by: today) != nil }
    }
    let standing = plan.consents.filter { !withdrawn.contains($0) }
    var sentences: [String] = []
    if !standing.isEmpty {
      let list = standing.map(\.description).joined(separator: ", ")
      sentences.append(
        step == .summon
          ? "Beskrivningen omfattar bara det som den enskildes samtycke (\(list)) medger."
          : "Uppgifterna delas med den enskildes samtycke (\(list)).")
    }
    sentences += withdrawn.map {
      SharingGate.documentWording(consent: $0, consents: consents, today: today)
    }
    return sentences.joined(separator: " ")
  }

  func status(_ plan: CoordinatedPlan) -> String {
    switch (plan.state, plan.establishedOn, plan.closing, plan.submissions.last) {
    case (.established, let established?, _, _):
      "Fastställd \(established) efter godkännande av samtliga förvaltningar. Planen är skrivskyddad."
    case (.closed, let established?, let closing?, _):
      "Fastställd \(established), avslutad \(closing.date). Planen är skrivskyddad."
    case (.closed, nil, let closing?, _):
      "Avslutad \(closing.date) utan att planen fastställdes."
    case (.submitted, _, _, let submission?):
      "Utkast, inte fastställd: skickad för godkännande \(submission.date)."
    default:
      "Utkast, inte fastställd."
    }
  }

  static let weekdays = ["måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag"]

  /// "onsdag 2026-12-02 kl. 10.00".
  func swedish(_ time: LocalDateTime) -> String {
    let minute = time.minute < 10 ? "0\(time.minute)" : "\(time.minute)"
    let hour = time.hour < 10 ? "0\(time.hour)" : "\(time.hour)"
    return "\(Self.weekdays[time.date.weekday - 1]) \(time.date) kl. \(hour).\(minute)"
  }
}

/// Builds a Markdown document line by line.
private struct Text {
  private(set) var result = ""

  mutating func line(_ text: String) { result += text + "\n" }

  mutating func blank() { result += "\n" }

  mutating func heading(_ level: Int, _ title: String) {
    line(String(repeating: "#", count: level) + " " + title)
    blank()
  }

  /// A paragraph followed by a blank line; nothing for empty text.
  mutating func paragraph(_ text: String) {
    guard !text.isEmpty else { return }
    line(text)
    blank()
  }

  /// A table; pipes in cells are escaped and line breaks become spaces.
  mutating func table(_ header: [String], _ rows: [[String]]) {
    func row(_ cells: [String]) -> String {
      "| "
        + cells.map {
          $0.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
        }.joined(separator: " | ") + " |"
    }
    line(row(header))
    line("|" + header.map { _ in "---|" }.joined())
    for cells in rows { line(row(cells)) }
    blank()
  }
}
