import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain

/// Oidentifierad konsultation: an anonymous consultation with another administration when
/// there is no consent. The case is described without personal data or anything else that
/// could identify the person, to get advice for the continued handling (seed 000).
///
/// It records no person, and refuses text that looks like a personnummer or
/// samordningsnummer in any field.
public struct Consultation: CommandRecord, Equatable {
  public static let kind = RecordKind.consultation

  public var id: RecordID?
  public var ref: String?
  /// The administration that asked.
  public var askedBy: OrganizationID
  /// The administrations consulted.
  public var consulted: [OrganizationID]
  /// The question, described without anything that identifies the person.
  public var question: String
  /// The advice the other administration gave.
  public var advice: String
  public var date: CivilDate
  public var note: String?

  public init(
    id: RecordID? = nil, ref: String? = nil, askedBy: OrganizationID,
    consulted: [OrganizationID], question: String, advice: String, date: CivilDate,
    note: String? = nil
  ) {
    self.id = id
    self.ref = ref
    self.askedBy = askedBy
    self.consulted = consulted
    self.question = question
    self.advice = advice
    self.date = date
    self.note = note
  }

  public static let fields: [RecordField] = [
    RecordField("id"), RecordField("ref"), RecordField("askedBy", presence: .required),
    RecordField("consulted", .list, presence: .required),
    RecordField("question", presence: .required), RecordField("advice", presence: .required),
    RecordField("date", format: .date, presence: .defaulted(.today)), RecordField("note"),
  ]

  /// How an import row with neither id nor ref finds its record (README, Bulk import).
  public static let naturalKey = ["askedBy", "date", "question"]

  public static let listColumns = [
    Column("id", "ID"), Column("date", "DATE"), Column("askedBy", "ASKED BY"),
    Column("consulted", "CONSULTED"), Column("question", "QUESTION"),
  ]

  /// A consultation is a single record, never open.
  public var isOpen: Bool { false }

  public var stateName: String { "recorded" }

  /// The free-text fields, each of which must hold no personnummer.
  var texts: [(field: String, text: String)] {
    [("question", question), ("advice", advice), ("note", note ?? ""), ("ref", ref ?? "")]
  }

  public func problems(previous: Consultation?, in context: RuleContext) -> [FieldProblem] {
    var problems: [FieldProblem] = []
    let profile = context.profile
    for (field, id) in [("askedBy", askedBy)] + consulted.map({ ("consulted", $0) }) {
      do {
        try profile.validate(id)
      } catch {
        problems.append(FieldProblem(field, "\(id): \(error.description)"))
        continue
      }
      if let organization = profile.organization(of: id), organization.kind != .administration {
        problems.append(
          FieldProblem(
            field,
            "\(id.organization) (\(organization.name)) is not one of the city's administrations; an anonymous consultation under the SP routine is between them",
            rule: true))
      }
    }
    if consulted.isEmpty {
      problems.append(
        FieldProblem("consulted", "name the administration(s) consulted (--with)", rule: true))
    }
    if consulted.contains(where: { $0.organization == askedBy.organization }) {
      problems.append(
        FieldProblem(
          "consulted", "\(askedBy.organization) asked; it cannot also be the one consulted",
          rule: true))
    }
    if Set(consulted.map(\.organization)).count != consulted.count {
      problems.append(FieldProblem("consulted", "an administration is named twice", rule: true))
    }
    if question.isBlank {
      problems.append(FieldProblem("question", "the question is needed", rule: true))
    }
    if advice.isBlank {
      problems.append(FieldProblem("advice", "the advice given is needed", rule: true))
    }
    if date > context.clock.today {
      problems.append(
        FieldProblem(
          "date", "\(date) is in the future (today is \(context.clock.today))", rule: true))
    }
    problems += Self.personalDataProblems(texts, context: context)
    return problems
  }

  /// A problem for everything in the texts that identifies someone (a personnummer, a
  /// name recorded in the store, an e-mail address, a phone number), naming the field and
  /// where, but never repeating it.
  static func personalDataProblems(
    _ texts: [(field: String, text: String)], context: RuleContext
  ) -> [FieldProblem] {
    texts.flatMap { field, text in
      context.identifyingFindings(in: text).map { finding in
        FieldProblem(
          field,
          "\(finding); an anonymous consultation must hold nothing that identifies the person, so describe the situation without it",
          rule: true)
      }
    }
  }
}
