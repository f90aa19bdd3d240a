import Foundation
import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanJSON

/// Avvikelserapport: a departure from the collaboration routines, documented in two parts
/// (SPEC §9; seed 001, the form of 2018-02-22).
///
/// Part 1 (*Rapportering av avvikelse*) is filled in by the unit that noticed it, by at least
/// an assistant unit manager. Part 2 (*Åtgärd*) is filled in together after a dialogue with
/// the same level at the other unit, and signed by one person from each side. The finished
/// report is filed with the controller (*verksamhetscontroller*) and can no longer change.
///
/// A report is about units and routines, not persons: it holds no personnummer, and a link
/// to the record it came from (`from`) copies nothing from that record.
public struct DeviationReport: CommandRecord, Equatable {
  public static let kind = RecordKind.deviation

  /// The kinds of record a report may come from (`--from`).
  public static let sourceKinds: [RecordKind] = [.sp, .sip, .transfer, .escalation]

  public var id: RecordID?
  public var ref: String?
  public var state: DeviationState

  // MARK: Part 1 — Rapportering av avvikelse

  /// The unit that noticed the deviation and fills in part 1.
  public var reportingUnit: OrganizationID
  /// The units the deviation concerns (*vilka verksamheter som avvikelsen avser*); at least
  /// one besides the reporting unit.
  @Defaulted public var units: [OrganizationID]
  /// A category ID from the profile: `absence-without-valid-reason`, …
  public var category: String?
  /// What happened (*händelsen som avvikelsen gäller*).
  public var event: String?
  /// How the reporting unit perceived it (*hur verksamheten uppfattat händelsen*).
  public var perception: String?
  /// Suggested improvement (*förbättringsförslag*).
  public var improvement: String?
  /// Who filled in part 1 (*namn och titel*); at least the profile's minimum title.
  public var reporterName: String?
  public var reporterTitle: String?
  /// The date on part 1; set when the report is made.
  public var reportedOn: CivilDate?
  /// The SP, SIP, transfer or escalation the deviation arose in.
  public var from: RecordID?

  // MARK: Part 2 — Åtgärd

  /// The joint summary with the solution (*gemensam sammanfattning med lösning*).
  public var summary: String?
  /// Problems that remain (*ev. kvarstående problem*).
  public var remainingProblems: String?
  /// The date part 2 was written.
  public var respondedOn: CivilDate?
  /// The reporting side's signature on part 2.
  public var reportingSignature: DeviationSignature?
  /// The receiving side's signature on part 2.
  public var receivingSignature: DeviationSignature?

  // MARK: Filing

  /// Who the report was filed with: the controller's name.
  public var filedTo: String?
  public var filedOn: CivilDate?

  public init(
    id: RecordID? = nil, ref: String? = nil, state: DeviationState = .draft,
    reportingUnit: OrganizationID, units: [OrganizationID] = [], category: String? = nil,
    event: String? = nil, perception: String? = nil, improvement: String? = nil,
    reporterName: String? = nil, reporterTitle: String? = nil, reportedOn: CivilDate? = nil,
    from: RecordID? = nil, summary: String? = nil, remainingProblems: String? = nil,
    respondedOn: CivilDate? = nil, reportingSignature: DeviationSignature? = nil,
    receivingSignature: DeviationSignature? = nil, filedTo: String? = nil,
    filedOn: CivilDate? = nil
  ) {
    self.id = id
    self.ref = ref
    self.state = state
    self.reportingUnit = reportingUnit
    self.units = units
    self.category = category
    self.event = event
    self.perception = perception
    self.improvement = improvement
    self.reporterName = reporterName
    self.reporterTitle = reporterTitle
    self.reportedOn = reportedOn
    self.from = from
    self.summary = summary
    self.remainingProblems = remainingProblems
    self.respondedOn = respondedOn
    self.reportingSignature = reportingSignature
    self.receivingSignature = receivingSignature
    self.filedTo = filedTo
    self.filedOn = filedOn
  }

  /// As `deviation report`: a report (not a draft) is reported today.
  static let reportedOnDefault = FieldDefault("today, unless the state is draft") { context, row in
    row["state"] == .string(DeviationState.draft.rawValue)
      ? nil : .string(context.today.description)
  }

  public static let fields: [RecordField] = [
    RecordField("id"), RecordField("ref"),
    RecordField("state", presence: .defaulted(.constant(DeviationState.reported.rawValue))),
    RecordField("reportingUnit", format: .organization, presence: .required),
    RecordField("units", .list), RecordField("category"), RecordField("event"),
    RecordField("perception"), RecordField("improvement"), RecordField("reporterName"),
    RecordField("reporterTitle"),
    RecordField("reportedOn", format: .date, presence: .defaulted(reportedOnDefault)),
    RecordField("from"),
    RecordField("summary"), RecordField("remainingProblems"), RecordField("respondedOn"),
    RecordField("reportingSignature", .json), RecordField("receivingSignature", .json),
    RecordField("filedTo"), RecordField("filedOn"),
  ]

  /// How an import row with neither id nor ref finds its record (README, Bulk import).
  public static let naturalKey = ["reportingUnit", "reportedOn", "event"]

  public static let listColumns = [
    Column("id", "ID"), Column("state", "STATE"), Column("reportedOn", "REPORTED"),
    Column("reportingUnit", "REPORTING UNIT"), Column("units", "UNITS"),
    Column("category", "CATEGORY"), Column("from", "FROM"),
  ]

  public var isOpen: Bool { state != .filed }

  public var stateName: String { state.rawValue }

  /// The signature of one side, if given.
  public func signature(_ side: DeviationSide) -> DeviationSignature? {
    side == .reporting ? reportingSignature : receivingSignature
  }

  /// Sets the signature of one side.
  public mutating func setSignature(_ signature: DeviationSignature?, _ side: DeviationSide) {
    if side == .reporting { reportingSignature = signature } else { receivingSignature = signature }
  }

  /// Whether part 2 (the joint summary) has been written.
  public var hasResponse: Bool { summary != nil }

  /// The units on the other side: those the deviation concerns, except the reporting unit.
  public var otherUnits: [OrganizationID] { units.filter { $0 != reportingUnit } }

  /// The date the report must be answered (part 2) by: the report date plus the profile's
  /// response days.
  public func responseDue(_ rules: DeviationRules) -> CivilDate? {
    reportedOn?.adding(days: rules.responseDays)
  }

  /// Whether the other side's answer is overdue on a date: reported, no part 2, and the
  /// response days have passed.
  public func isAwaitingResponse(overdueOn date: CivilDate, _ rules: DeviationRules) -> Bool {
    guard state == .reported, !hasResponse, let due = responseDue(rules) else { return false }
    return date > due
  }

  // MARK: - Completeness

  /// What part 1 still lacks, as (field, how to give it) pairs, in the form's order.
  public func part1Gaps() -> [(field: String, what: String)] {
    var gaps: [(String, String)] = []
    if otherUnits.isEmpty {
      gaps.append(
        ("units", "the other unit(s) the deviation concerns, besides the reporting unit (--units)"))
    }
    if category == nil { gaps.append(("category", "the category (--category)")) }
    if event == nil { gaps.append(("event", "what happened (--what)")) }
    if perception == nil {
      gaps.append(("perception", "how the reporting unit perceived it (--perceived)"))
    }
    if improvement == nil {
      gaps.append(("improvement", "a suggested improvement (--improvement)"))
    }
    if reporterName == nil { gaps.append(("reporterName", "the reporter's name (--name)")) }
    if reporterTitle == nil { gaps.append(("reporterTitle", "the reporter's title (--title)")) }
    return gaps
  }

  /// What is missing before the report can be filed, in the order the steps are taken.
  public func filingGaps(id: RecordID) -> [(field: String, what: String)] {
    var gaps: [(String, String)] = []
    if state == .draft {
      gaps.append(("state", "part 1 reported (samverkan deviation report \(id) …)"))
    }
    if !hasResponse {
      gaps.append(
        (
          "summary",
          "part 2: the joint summary with the solution (samverkan deviation respond \(id) --summary …)"
        ))
    }
    for side in DeviationSide.allCases where signature(side) == nil {
      gaps.append(
        (
          "\(side.rawValue)Signature",
          "the \(side.rawValue) side's signature (samverkan deviation sign \(id) --side \(side.rawValue) --name … --title …)"
        ))
    }
    return gaps
  }

  // MARK: - Rules

  public func problems(previous: DeviationReport?, in context: RuleContext) -> [FieldProblem] {
    var problems: [FieldProblem] = []
    let rules = context.profile.deviation
    let today = context.clock.today

    if let previous, previous.state == .filed, previous != self {
      problems.append(
        FieldProblem(
          "state",
          "\(id.map(\.description) ?? "the report") was filed with the \(rules.controller) on \(previous.filedOn.map(\.description) ?? "?") and cannot change",
          rule: true))
      return problems
    }

    // Values: units, category, titles, the linked record.
    for (field, unit) in [("reportingUnit", reportingUnit)] + units.map({ ("units", $0) }) {
      do {
        try context.profile.validate(unit)
      } catch {
        problems.append(FieldProblem(field, "\(unit): \(error.description)"))
      }
    }
    if Set(units).count != units.count {
      problems.append(FieldProblem("units", "a unit is listed twice"))
    }
    if let category, rules.category(category) == nil {
      problems.append(
        FieldProblem(
          "category",
          "'\(category)' is not a category; expected one of \(rules.categories.map(\.id).joined(separator: ", "))"
        ))
    }
    if let reporterTitle {
      problems += Self.titleProblems(
        reporterTitle, field: "reporterTitle", who: "the reporter", rules)
    }
    if let from {
      if !Self.sourceKinds.contains(from.kind) {
        problems.append(
          FieldProblem(
            "from",
            "\(from) is a \(from.kind.noun); a report can come from an \(Self.sourceKinds.map(\.noun).joined(separator: ", ")) (IDs such as SP-3)"
          ))
      } else if from != previous?.from, (try? context.reader.exists(from)) != true {
        problems.append(
          FieldProblem(
            "from",
            "there is no \(from) in the store; a report can only link to a record that exists ('samverkan \(from.kind.collection) list' shows them)",
            rule: true))
      }
    }

    // Personal data: a report is about units and routines, never about a person.
    for (field, text) in textFields {
      let matches = PersonNumberDetector.matches(in: text)
      if !matches.isEmpty {
        problems.append(
          FieldProblem(
            field,
            "contains what looks like a personnummer (\(matches.map(\.description).joined(separator: ", "))); a deviation report is about units and routines, not persons, so write it without personal data",
            rule: true))
      }
    }

    // The state and what it needs.
    let part1Complete = part1Gaps().isEmpty
    if state != .draft {
      for gap in part1Gaps() {
        problems.append(
          FieldProblem(
            gap.field, "part 1 of a \(state.rawValue) report needs \(gap.what)", rule: true))
      }
      if reportedOn == nil {
        problems.append(
          FieldProblem(
            "reportedOn", "a \(state.rawValue) report needs the date of part 1", rule: true))
      }
    }
    if summary == nil, respondedOn != nil || remainingProblems != nil {
      problems.append(
        FieldProblem("summary", "part 2 needs the joint summary with the solution", rule: true))
    }
    if summary != nil, respondedOn == nil {
      problems.append(FieldProblem("respondedOn", "part 2 needs its date", rule: true))
    }
    if hasResponse, state == .draft || !part1Complete {
      problems.append(
        FieldProblem(
          "summary", "part 2 is written only after part 1 has been reported", rule: true))
    }
    for side in DeviationSide.allCases {
      guard let signature = signature(side) else { continue }
      let field = "\(side.rawValue)Signature"
      if !hasResponse {
        problems.append(
          FieldProblem(field, "part 2 is signed only once the joint summary is written", rule: true)
        )
      }
      problems += signatureProblems(signature, side: side, field: field, in: context)
    }
    let bothSigned = reportingSignature != nil && receivingSignature != nil
    switch state {
    case .draft, .reported:
      if bothSigned {
        problems.append(
          FieldProblem(
            "state",
            "both sides have signed part 2, so the report is 'resolved', not '\(state.rawValue)'"))
      }
    case .resolved, .filed:
      if !hasResponse || !bothSigned {
        problems.append(
          FieldProblem(
            "state",
            "a \(state.rawValue) report needs part 2 and one signature from each side",
            rule: true))
      }
    }
    if state == .filed {
      if filedTo == nil {
        problems.append(
          FieldProblem(
            "filedTo", "a filed report names the \(rules.controller) it was filed with", rule: true)
        )
      }
      if filedOn == nil {
        problems.append(
          FieldProblem("filedOn", "a filed report needs the date it was filed", rule: true))
      }
    } else if filedTo != nil || filedOn != nil {
      problems.append(
        FieldProblem(
          "state", "the report has filing details, so its state is 'filed', not '\(state.rawValue)'"
        ))
    }

    // Dates: none in the future, each step on or after the one before.
    problems += dateProblems(today: today)
    return problems
  }

  /// The free-text fields, for the personal-data check.
  var textFields: [(String, String)] {
    var fields: [(String, String?)] = [
      ("ref", ref), ("event", event), ("perception", perception), ("improvement", improvement),
      ("reporterName", reporterName), ("summary", summary),
      ("remainingProblems", remainingProblems), ("filedTo", filedTo),
    ]
    for side in DeviationSide.allCases {
      fields.append(("\(side.rawValue)Signature", signature(side)?.name))
    }
    return fields.compactMap { field, text in text.map { (field, $0) } }
  }

  static func titleProblems(
    _ title: String, field: String, who: String, _ rules: DeviationRules
  ) -> [FieldProblem] {
    let accepted = rules.acceptedTitles.joined(separator: ", ")
    guard rules.rank(of: title) != nil else {
      return [
        FieldProblem(
          field,
          "'\(title)' is not a title the routine knows; the titles accepted (lägst \(rules.minimumTitle)) are: \(accepted)"
        )
      ]
    }
    guard rules.isSeniorEnough(title) else {
      return [
        FieldProblem(
          field,
          "\(who) is '\(title)', but the routine asks for at least \(rules.minimumTitle) (lägst av \(rules.minimumTitle)); accepted: \(accepted)",
          rule: true)
      ]
    }
    return []
  }

  private func signatureProblems(
    _ signature: DeviationSignature, side: DeviationSide, field: String,
    in context: RuleContext
  ) -> [FieldProblem] {
    var problems: [FieldProblem] = []
    if signature.name.isBlank {
      problems.append(FieldProblem(field, "a signature needs the signer's name", rule: true))
    }
    problems += Self.titleProblems(
      signature.title, field: field, who: "the \(side.rawValue) side's signer",
      context.profile.deviation)
    do {
      try context.profile.validate(signature.unit)
    } catch {
      problems.append(FieldProblem(field, "\(signature.unit): \(error.description)"))
    }
    switch side {
    case .reporting:
      if !Self.related(signature.unit, reportingUnit) {
        problems.append(
          FieldProblem(
            field,
            "the reporting side signs for the reporting unit \(reportingUnit), not \(signature.unit)"
          ))
      }
    case .receiving:
      if !otherUnits.contains(where: { Self.related(signature.unit, $0) }) {
        problems.append(
          FieldProblem(
            field,
            "the receiving side signs for a unit the deviation concerns (\(otherUnits.map(\.value).joined(separator: ", "))), not \(signature.unit)"
          ))
      }
    }
    return problems
  }

  /// Whether two IDs are the same unit, or one is the organization the other belongs to.
  static func related(_ a: OrganizationID, _ b: OrganizationID) -> Bool {
    a.contains(b) || b.contains(a)
  }

  private func dateProblems(today: CivilDate) -> [FieldProblem] {
    var problems: [FieldProblem] = []
    var dates: [(String, CivilDate?)] = [
      ("reportedOn", reportedOn), ("respondedOn", respondedOn),
    ]
    for side in DeviationSide.allCases {
      dates.append(("\(side.rawValue)Signature", signature(side)?.date))
    }
    dates.append(("filedOn", filedOn))
    for case (let field, let date?) in dates where date > today {
      problems.append(FieldProblem(field, "\(date) is in the future (today is \(today))"))
    }
    func notBefore(_ field: String, _ date: CivilDate?, _ earlier: CivilDate?, _ what: String) {
      guard let date, let earlier, date < earlier else { return }
      problems.append(FieldProblem(field, "\(date) is before \(what) (\(earlier))"))
    }
    notBefore("respondedOn", respondedOn, reportedOn, "the report date")
    for side in DeviationSide.allCases {
      notBefore(
        "\(side.rawValue)Signature", signature(side)?.date, respondedOn, "the date of part 2")
    }
    let lastSignature = [reportingSignature?.date, receivingSignature?.date].compactMap { $0 }.max()
    notBefore("filedOn", filedOn, lastSignature, "the last signature")
    return problems
  }
}

/// Where a deviation report is in the routine.
public enum DeviationState: String, Codable, StoredAsText, CaseIterable, Sendable {
  /// Part 1 is being written and has not been sent to the other unit.
  case draft
  /// Part 1 is reported; the other side's part 2 is awaited or being signed.
  case reported
  /// Part 2 is written and signed by both sides.
  case resolved
  /// Filed with the controller; can no longer change.
  case filed

  /// The state in Swedish, for documents.
  public var swedish: String {
    switch self {
    case .draft: "utkast"
    case .reported: "rapporterad"
    case .resolved: "åtgärdad"
    case .filed: "arkiverad hos verksamhetscontroller"
    }
  }
}

extension DeviationState: ArgumentValue {}

/// The two sides that sign part 2.
public enum DeviationSide: String, Codable, StoredAsText, CaseIterable, Sendable {
  /// The unit that noticed the deviation and wrote part 1.
  case reporting
  /// The other unit, which part 1 was sent to.
  case receiving

  /// The side that is not this one.
  public var other: DeviationSide {
    switch self {
    case .reporting: .receiving
    case .receiving: .reporting
    }
  }
}

extension DeviationSide: ArgumentValue {}

/// A signature on part 2 (*signatur och titel*): who, with what title, for which unit, when.
public struct DeviationSignature: Codable, Sendable, Equatable {
  public var name: String
  public var title: String
  public var unit: OrganizationID
  public var date: CivilDate
  /// The login of the user who signed, when the store has a user register: the two sides
  /// must be signed by two different users.
  public var login: String?

  public init(
    name: String, title: String, unit: OrganizationID, date: CivilDate, login: String? = nil
  ) {
    self.name = name
    self.title = title
    self.unit = unit
    self.date = date
    self.login = login
  }
}

extension DeviationReport: DueWatched {
  /// From the day it was reported while part 2 is awaited; nil otherwise.
  ///
  /// Why no item is missed: the agenda and `deviation due` list a report only while it is
  /// reported without part 2, due the profile's response days after the report (at least
  /// one: the profile refuses fewer); a report without a report day is always in the index.
  public var dueWindow: DueWindow? {
    guard state == .reported, !hasResponse else { return nil }
    return DueWindow(from: reportedOn, through: nil)
  }
}
