import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanJSON
import SamverkanStore

/// `samverkan deviation` — avvikelserapport: reports of departures from the collaboration
/// routines, in two parts, from the first note to the controller's file (SPEC §9).
public enum DeviationCommand: SamverkanCommand {
  public static let spec = CommandSpec(
    name: "deviation",
    abstract: "Report departures from the collaboration routines (avvikelserapport).",
    discussion: """
      Part 1 (Rapportering av avvikelse) is filled in by the unit that noticed the deviation, by at least an assistant unit manager (biträdande enhetschef). The reporter then contacts the same level at the other unit; part 2 (Åtgärd) is filled in together after that dialogue and signed by one person from each side. The finished report is filed with the controller (verksamhetscontroller) and can no longer change.
      States: draft → reported → resolved (part 2 and both signatures) → filed. A report is about units and routines, not persons: it never holds a personnummer.
      """,
    examples: [
      Example(
        "samverkan deviation report --reporting-unit SF-NORDOST/BOU --units FFS --category absence-without-valid-reason --from SP-3 --what 'FFS kom inte till SP-mötet.' --perceived 'Planeringen försenades.' --improvement 'Bekräfta kallelser.' --name 'Karin Lund' --title 'biträdande enhetschef'",
        "Reports a deviation that arose in SP-3 and prints its ID."),
      Example("samverkan deviation due", "Reports the other side has not answered in time."),
      Example("samverkan deviation stats --year 2026 --by category", "For the yearly review."),
    ],
    subcommands: [
      Report.spec, Respond.spec, Sign.spec, File.spec, List.spec, Show.spec, Due.spec,
      Stats.spec,
      StandardVerbs.history(kind: .deviation),
      StandardVerbs.correct([.of(DeviationReport.self)]),
      StandardVerbs.export(DeviationReport.self, filter: filter),
      StandardVerbs.importVerb(DeviationReport.self),
    ])

  public static let recordTypes: [RecordType] = [.of(DeviationReport.self)]

  // MARK: - Shared options

  static let reportID = RecordArguments.id(of: .deviation).help("The report's ID, e.g. DEV-12.")
  static let date = Option<CivilDate>(
    "date", value: "date", help: "The date written on the form (default today).")
  static let name = Option<String>("name", value: "name", help: "The person's name.")
  static let title = Option<String>(
    "title", value: "title",
    help: "The person's title, at least biträdande enhetschef (see 'samverkan store profile').",
    completion: .values(Profile.goteborg.deviation.titles))
  static let unit = Option<OrganizationID>(
    "unit", value: "org", help: "Only reports by or about this organization or unit.")
  static let states = ListOption<DeviationState>(
    "state", value: "state", help: "Only reports in these states.")
  static let category = Option<String>(
    "category", value: "category", help: "A category of deviation from the profile.",
    completion: .values(Profile.goteborg.deviation.categories.map(\.id)))
  static let year = Option<Int>(
    "year", value: "year", help: "Only reports whose part 1 is dated in this year.")
  static let fromRecord = Option<RecordID>(
    "from-record", value: "id",
    help: "Only reports that came from this SP, SIP, transfer or escalation.",
    completion: .dynamic("ids:SP,SIP,TRF,ESC"))

  /// The filter `list` and `export` share.
  static let filter = StandardVerbs.Filter<DeviationReport>(
    options: [states, unit, category, year, fromRecord]
  ) { call, _ in
    let states = try call.values(Self.states)
    let unit = try call.value(Self.unit)
    let category = try call.value(Self.category).map { try Self.category(named: $0, call) }
    let year = try call.value(Self.year)
    let from = try call.value(Self.fromRecord)
    guard !states.isEmpty || unit != nil || category != nil || year != nil || from != nil else {
      return nil
    }
    return { report in
      (states.isEmpty || states.contains(report.state))
        && (unit.map { unit in
          ([report.reportingUnit] + report.units).contains { unit.contains($0) }
        } ?? true)
        && (category.map { $0 == report.category } ?? true)
        && (year.map { $0 == report.reportedOn?.year } ?? true)
        && (from.map { $0 == report.from } ?? true)
    }
  }

  // MARK: - Helpers

  /// A category ID as the profile spells it; a usage error listing the categories if unknown.
  static func category(named text: String, _ call: Invocation) throws -> String {
    let rules = try call.profile().deviation
    guard let found = rules.category(text) else {
      throw SamverkanError.invalidValue(
        text, option: category.spec.usage,
        reason:
          "it is not a category. Please provide one of \(quotedList(rules.categories.map(\.id))).")
    }
    return found.id
  }

  /// A title as the profile spells it (unknown titles are kept, for the rules to refuse).
  static func title(_ text: String, _ call: Invocation) throws -> String {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    return try call.profile().normalizedTitle(trimmed) ?? trimmed
  }

  /// Free text from an option: trimmed, and nil when empty.
  static func text(_ option: Option<String>, _ call: Invocation) throws -> String? {
    guard let value = try call.value(option) else { return nil }
    let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
    return trimmed.isEmpty ? nil : trimmed
  }

  /// Loads a report to change it; a filed report is refused (exit 77) whatever the change.
  static func loadForChange(_ id: RecordID, _ reader: StoreReader, _ call: Invocation) throws
    -> DeviationReport
  {
    let report = try reader.require(id, as: DeviationReport.self)
    if report.state == .filed {
      let controller = try call.profile().deviation.controller
      throw SamverkanError.locked(
        id: id.description,
        reason:
          "it was filed with the \(controller) (\(report.filedTo ?? "?")) on \(report.filedOn.map(\.description) ?? "?"), and a filed deviation report cannot change. If something more has happened, write a new report."
      )
    }
    return report
  }

  /// Throws the problems a verb found, all at once: exit 77 when only routine rules refuse
  /// (the reason is named for each field), exit 64 when a value is malformed.
  static func refuseIfAny(_ problems: [FieldProblem], _ what: String) throws {
    guard !problems.isEmpty else { return }
    guard problems.allSatisfy(\.isRule) else { try problems.throwIfAny(what); return }
    throw SamverkanError.refused(
      "\(what):\n" + problems.map { "  - \($0.description)" }.joined(separator: "\n"))
  }

  /// Names units for messages: "FFS and SF-NORDOST/VUXEN".
  static func names(_ units: [OrganizationID]) -> String {
    units.map(\.value).listed("and")
  }
}
