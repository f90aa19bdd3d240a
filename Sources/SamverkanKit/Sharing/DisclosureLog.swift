import SamverkanCommandLine
import SamverkanDomain
import SamverkanJSON
import SamverkanStore

/// The disclosure log's entries are records `consent disclosures` lists and `store
/// export`/`store import` carry along; the gate is the only one that appends them.
extension Disclosure: CommandRecord {
  public static let listColumns = [
    Column("id", "ID"), Column("date", "DATE"), Column("record", "RECORD"),
    Column("step", "STEP"), Column("from", "FROM"), Column("to", "TO"),
    Column("purpose", "PURPOSE"), Column("basis", "BASIS"), Column("person", "PERSON"),
  ]

  /// An entry is checked against what it names: the record and consents exist and are
  /// the person's, the consents covered the step on its day (a later withdrawal does not
  /// undo that), a ground is one the profile lists and carries its note. An entry, once
  /// written, never changes.
  public func problems(previous: Disclosure?, in context: RuleContext) -> [FieldProblem] {
    var problems: [FieldProblem] = []
    if let previous, previous != self {
      problems.append(
        FieldProblem(
          "id",
          "\(previous.id?.description ?? "the entry") is in the disclosure log, which is never changed",
          rule: true))
    }
    guard let person else {
      return [FieldProblem("person", "a disclosure names the person it is about")]
    }
    if to.isEmpty { problems.append(FieldProblem("to", "a disclosure names who received it")) }
    if let raw = try? context.reader.rawRecord(record) {
      if let owner = raw["person"]?.stringValue, owner != person.longForm {
        problems.append(FieldProblem("record", "\(record) is about another person", rule: true))
      }
    } else {
      problems.append(
        FieldProblem(
          "record", "\(record) is not in the store (import the records before their disclosures)",
          rule: true))
    }
    let request = SharingRequest(
      step: SharingStep(step, purpose: purpose), person: person, from: from, to: to, date: date,
      today: context.clock.today)
    if let legalGround {
      if !consents.isEmpty {
        problems.append(
          FieldProblem("consents", "a disclosure rests on consents or on a ground, not both"))
      }
      if let problem = SharingGate.recordedBasisProblem(
        .legalGround(legalGround), request: request, consents: [], profile: context.profile)
      {
        problems.append(FieldProblem("legalGround", problem, rule: true))
      }
    } else if consents.isEmpty {
      problems.append(
        FieldProblem("consents", "a disclosure names its basis: consents or a ground"))
    }
    for consent in consents {
      let record = (try? context.reader.record(consent, as: Consent.self)).flatMap { $0 }
      if let problem = SharingGate.recordedBasisProblem(
        .consent(consent, restrictions: nil), request: request,
        consents: record.map { [$0] } ?? [], profile: context.profile)
      {
        problems.append(FieldProblem("consents", problem, rule: true))
      }
    }
    return problems
  }

  /// The entry as `consent disclosures` lists it.
  public var listJSON: JSONValue {
    get throws {
      guard case .object(var members) = try json else { return try json }
      members["basis"] = .string(basisText)
      return .object(members)
    }
  }
}

extension Invocation {
  /// `store check`'s reading of the disclosure log: each entry against the records and
  /// consents it names, by the same rules an imported entry meets.
  public func disclosureLogProblems() throws -> [StoreCheck.Problem] {
    let store = try store()
    guard store.exists else { return [] }
    return try store.read { reader in
      let context = try ruleContext(reader)
      var problems: [StoreCheck.Problem] = []
      for entry in try reader.records(Disclosure.self) {
        for problem in entry.problems(previous: nil, in: context) {
          problems.append(
            StoreCheck.Problem(
              file: "\(Disclosure.kind.collection)/\(entry.id?.description ?? "?")",
              message: problem.description))
        }
      }
      return problems
    }
  }
}
