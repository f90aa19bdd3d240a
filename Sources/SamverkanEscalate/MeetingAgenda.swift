import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanJSON

/// Dagordning: the matters registered for one meeting of the assistant unit managers, in
/// registration order, each with the four parts of a registration (seed 001).
struct MeetingAgenda {
  /// One registered matter.
  struct Item {
    /// The matter's ID.
    var id: RecordID
    var matter: Escalation
    var registration: MeetingRegistration
    /// Why the person's details may not be shown any more (the consent the registration
    /// relied on no longer covers sharing them), or nil.
    var withheld: String?
  }

  let meeting: CivilDate
  let deadline: RegistrationDeadline
  let items: [Item]
  let profile: Profile
  /// The day ages are counted on.
  let today: CivilDate
  let masking: Masking

  init(
    meeting: CivilDate, deadline: RegistrationDeadline, items: [Item], profile: Profile,
    today: CivilDate, masking: Masking
  ) {
    self.meeting = meeting
    self.deadline = deadline
    // Registration order: when each was registered, then the matter's ID.
    self.items = items.sorted {
      ($0.registration.registeredAt, $0.id) < ($1.registration.registeredAt, $1.id)
    }
    self.profile = profile
    self.today = today
    self.masking = masking
  }

  /// "avstämningsmöte", "samverkansmöte", or both when matters were registered for either.
  var meetingName: String {
    let types = MeetingType.allCases.filter { type in
      items.contains { $0.registration.type == type }
    }
    return types.isEmpty ? "möte" : types.map(\.swedish).listed("och")
  }

  /// "Anna Andersson, 36 år" ("…, 18 år (födelsedatum ofullständigt)" for a samordningsnummer
  /// without the full birth date), or how the person is shown instead.
  func nameAndAge(_ matter: Escalation) -> String {
    if matter.anonymous { return "Anonym konsultation" }
    if masking.hides(matter.person?.longForm) { return Masking.maskedName }
    let name = matter.personName ?? "(namn saknas)"
    guard let person = matter.person else { return name }
    // A samordningsnummer with an unknown month or day gives the highest age the person can
    // have; the agenda says so rather than stating an age it cannot know.
    let uncertain = person.hasCompleteBirthDate ? "" : " (födelsedatum ofullständigt)"
    return "\(name), \(person.age(on: today)) år\(uncertain)"
  }

  /// "SF-NORDOST/BOU (Socialförvaltningen Nordost, barn och unga)".
  func unit(_ id: OrganizationID) -> String {
    "\(id) (\(profile.name(of: id)))"
  }

  /// On what ground the matter's information is shared at the meeting.
  func basis(_ item: Item) -> String? {
    let registration = item.registration
    if let consent = registration.consent { return "samtycke \(consent)" }
    if let use = registration.legalGround {
      let ground = profile.consent.legalGround(use.ground)
      return
        "sekretessbrytande grund (\(ground.map { "\($0.label.lowercased()), \($0.law)" } ?? use.ground))"
    }
    if item.matter.anonymous { return nil }
    return "inom samma förvaltning (inre sekretess)"
  }

  // MARK: - Markdown

  /// The agenda as a Swedish Markdown document.
  func markdown() -> String {
    var lines: [String] = []
    let role = profile.escalation.level(profile.escalation.registrationLevel)
    lines.append("# Dagordning: \(meetingName) \(meeting)")
    lines.append("")
    var intro = ""
    if let role { intro += "Nivå \(role.number), \(role.role). " }
    intro +=
      "Anmälan stängde \(deadline.closes.date) kl. \(String(deadline.closes.description.suffix(5)))."
    lines.append(intro)
    lines.append("")
    guard !items.isEmpty else {
      lines.append("Inga ärenden är anmälda till mötet.")
      return lines.joined(separator: "\n") + "\n"
    }
    lines.append(
      "\(items.count == 1 ? "Ett ärende" : "\(items.count) ärenden") i anmälningsordning. Under tiden ett ärende är uppe för diskussion ligger ansvaret för pågående insatser kvar på den enhet som fattade beslutet; den enskildes stöd får inte avbrytas."
    )
    for (index, item) in items.enumerated() {
      lines.append("")
      lines += section(number: index + 1, item)
    }
    return lines.joined(separator: "\n") + "\n"
  }

  private func section(number: Int, _ item: Item) -> [String] {
    let matter = item.matter
    let registration = item.registration
    var lines: [String] = []
    let title = item.withheld == nil ? nameAndAge(matter) : "uppgifterna visas inte"
    lines.append(
      "## \(number). \(item.id): \(title)\(registration.acute ? " (akut)" : "")")
    lines.append("")
    if registration.acute {
      var text =
        "**Akut ärende:** kan inte vänta till mötet; biträdande enhetschefer kontaktar varandra direkt."
      if !deadline.isOpen(at: registration.registeredAt.date) {
        text += " Anmält efter anmälningstiden."
      }
      lines.append(text)
      lines.append("")
    }
    lines.append("- Berörda enheter: \(matter.parties.map(unit).joined(separator: ", "))")
    lines.append("- Ansvar för pågående insatser: \(unit(matter.responsibleUnit))")
    let registered = registration.registeredAt.local
    lines.append(
      "- Anmält: \(registered.date) kl. \(String(registered.description.suffix(5))) av \(registration.registeredBy)"
    )
    if let basis = basis(item) { lines.append("- Uppgifterna delas med stöd av: \(basis)") }
    if let decision = matter.decision {
      let level = profile.escalation.level(decision.level)
      lines.append(
        "- Avgjort: \(decision.date) på nivå \(decision.level)\(level.map { " (\($0.role))" } ?? "")"
      )
    }
    // What the person does not want shared is never printed on the agenda: it goes to
    // every unit at the meeting.
    if let withheld = item.withheld {
      lines.append("")
      lines.append(withheld)
      return lines
    }
    lines.append("")
    lines.append("### Namn och ålder")
    lines.append("")
    lines.append(nameAndAge(matter))
    lines.append("")
    lines.append("### Kort bakgrund (eventuella diagnoser och tidigare utredningar)")
    lines.append("")
    lines += paragraph(matter.background)
    lines.append("")
    lines.append("### Aktuell situation (pågående insatser och eventuell planering)")
    lines.append("")
    lines += paragraph(matter.situation)
    lines.append("")
    lines.append("### Aktuell problembild och frågeställning")
    lines.append("")
    lines += paragraph(matter.question)
    return lines
  }

  /// Free text as Markdown lines: trimmed, blank lines kept as paragraph breaks.
  private func paragraph(_ text: String?) -> [String] {
    let trimmed = (text ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    guard !trimmed.isEmpty else { return ["(saknas)"] }
    return trimmed.split(separator: "\n", omittingEmptySubsequences: false).map {
      String($0).trimmingCharacters(in: .whitespaces)
    }
  }
}
