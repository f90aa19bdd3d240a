import SamverkanDomain

/// The report as the form "Avvikelserapport samverkan" (seed 001, 2018-02-22): a Swedish
/// Markdown document with part 1, *Rapportering av avvikelse*, and part 2, *Åtgärd*, laid
/// out as on the paper form, with empty fields marked so the form keeps its shape.
struct DeviationForm {
  let report: DeviationReport
  let profile: Profile
  let today: CivilDate

  private static let empty = "*Ej ifyllt.*"

  var markdown: String {
    let rules = profile.deviation
    let minimum = rules.minimumTitle
    var lines: [String] = []
    func add(_ text: String...) { lines += text }

    add("# Avvikelserapport samverkan", "")
    var status =
      "\(profile.municipality) · \(report.id.map(\.description) ?? "") · Status: \(report.state.swedish)"
    if report.state == .reported, !report.hasResponse, let due = report.responseDue(rules) {
      status +=
        today > due
        ? " · Steg 2 skulle ha fyllts i senast \(due) och är försenat"
        : " · Steg 2 ska fyllas i senast \(due)"
    }
    add(status, "")
    add("Avvikelserapporten används för att:", "")
    add("- dokumentera avvikelse gentemot samverkansrutinen")
    add("- informera annan enhet om identifierad avvikelse", "")

    // MARK: Part 1
    add("## 1. Rapportering av avvikelse", "")
    add("*Fylls i av verksamhet som uppmärksammat avvikelse, lägst av \(minimum).*", "")
    add("**Rapporterande verksamhet:** \(unitName(report.reportingUnit))", "")
    add("**Kategori:** \(report.category.map(categoryLabel) ?? Self.empty)", "")
    if let from = report.from {
      add("**Avvikelsen uppstod i:** \(from) (\(Self.swedishNoun(from.kind)))", "")
    }
    add("**Ange vilka verksamheter som avvikelsen avser:**", "")
    if report.units.isEmpty {
      add(Self.empty, "")
    } else {
      lines += report.units.map { "- \(unitName($0))" }
      add("")
    }
    add(
      "**Beskriv händelsen som avvikelsen gäller och hur den inrapporterande verksamheten uppfattat händelsen:**",
      "")
    if report.event == nil, report.perception == nil {
      add(Self.empty, "")
    } else {
      if let event = report.event { add(Self.paragraph(event), "") }
      if let perception = report.perception {
        add("*Så uppfattade den inrapporterande verksamheten händelsen:*", "")
        add(Self.paragraph(perception), "")
      }
    }
    add("**Ange förbättringsförslag:**", "")
    add(report.improvement.map(Self.paragraph) ?? Self.empty, "")
    let reporter = [report.reporterName, report.reporterTitle].compactMap { $0 }
    add(
      "**Namn och titel:** \(reporter.isEmpty ? Self.empty : reporter.joined(separator: ", "))", "")
    add("**Datum:** \(report.reportedOn?.description ?? Self.empty)", "")
    add(
      "*Ta kontakt med motsvarande nivå på mottagande enhet och fyll i steg 2 efter dialog.*", "")

    // MARK: Part 2
    add("## 2. Åtgärd", "")
    add("*Fylls i tillsammans/efter dialog (lägst av \(minimum)).*", "")
    add("**Beskriv gemensam sammanfattning med lösning på problemet:**", "")
    add(report.summary.map(Self.paragraph) ?? Self.empty, "")
    add("**Beskriv ev. kvarstående problem:**", "")
    add(
      report.remainingProblems.map(Self.paragraph)
        ?? (report.hasResponse ? "*Inga kvarstående problem.*" : Self.empty), "")
    add("**Datum:** \(report.respondedOn?.description ?? Self.empty)", "")
    let reporting = report.reportingSignature
    let receiving = report.receivingSignature
    add("| | Rapporterande verksamhet | Mottagande verksamhet |")
    add("| --- | --- | --- |")
    add("| Signatur och titel | \(signed(reporting)) | \(signed(receiving)) |")
    let receivingUnit =
      receiving?.unit ?? (report.otherUnits.count == 1 ? report.otherUnits[0] : nil)
    add(
      "| Verksamhet | \(Self.cell(unitName(reporting?.unit ?? report.reportingUnit))) | \(receivingUnit.map { Self.cell(unitName($0)) } ?? "") |"
    )
    add(
      "| Datum | \(reporting?.date.description ?? "") | \(receiving?.date.description ?? "") |", "")

    // MARK: Filing
    add("---", "")
    add("*Ifylld avvikelserapport sänds till \(rules.controller) för förvaring.*", "")
    if let filedTo = report.filedTo, let filedOn = report.filedOn {
      add("**Arkiverad hos \(rules.controller):** \(Self.inline(filedTo)), \(filedOn)", "")
    }
    while lines.last == "" { lines.removeLast() }
    return lines.joined(separator: "\n") + "\n"
  }

  private func signed(_ signature: DeviationSignature?) -> String {
    guard let signature else { return "*Ej signerad*" }
    return Self.cell("\(signature.name), \(signature.title)")
  }

  private func unitName(_ id: OrganizationID) -> String {
    "\(profile.name(of: id)) (\(id))"
  }

  private func categoryLabel(_ id: String) -> String {
    profile.deviation.category(id)?.label ?? id
  }

  /// The record kinds a report comes from, in Swedish.
  static func swedishNoun(_ kind: RecordKind) -> String {
    switch kind {
    case .sp: "samordnad plan"
    case .sip: "samordnad individuell plan"
    case .transfer: "överföring av pågående ärende"
    case .escalation: "samverkanssvårighet"
    default: kind.noun
    }
  }

  /// Free text as paragraphs, with the characters that would start a Markdown heading,
  /// quote or list at the start of a line escaped, so the writer's text stays text.
  static func paragraph(_ text: String) -> String {
    text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
      let trimmed = line.drop { $0 == " " }
      guard let first = trimmed.first, "#>-+*|".contains(first) else { return String(line) }
      return "\\" + trimmed
    }.joined(separator: "\n")
  }

  /// Text on one line (a name).
  static func inline(_ text: String) -> String {
    text.replacingOccurrences(of: "\n", with: " ")
  }

  /// Text in a table cell: one line, with `|` escaped.
  static func cell(_ text: String) -> String {
    inline(text).replacingOccurrences(of: "|", with: "\\|")
  }
}
