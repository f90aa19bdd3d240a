import SamverkanCommandLine
import Foundation
import SamverkanDomain
import SamverkanJSON
import SamverkanStore

/// Access-log entries are records `store access-log` lists and `store export`/`import`
/// carry; only a command's own `--reveal` appends them.
extension AccessEntry: CommandRecord {
  public static let listColumns = [
    Column("id", "ID"), Column("recordedAt", "TIME"), Column("actor", "ACTOR"),
    Column("command", "COMMAND"), Column("records", "RECORDS"), Column("persons", "PERSONS"),
  ]

  /// An entry names who and what; the records it names exist (or existed: a removed
  /// record's journal stays), and it never changes once written.
  public func problems(previous: AccessEntry?, in context: RuleContext) -> [FieldProblem] {
    var problems: [FieldProblem] = []
    if let previous, previous != self {
      problems.append(
        FieldProblem(
          "id",
          "\(previous.id?.description ?? "the entry") is in the access log, which is never changed",
          rule: true))
    }
    if actor.isEmpty { problems.append(FieldProblem("actor", "an entry names who saw the data")) }
    if persons.isEmpty {
      problems.append(FieldProblem("persons", "an entry names the protected persons shown"))
    }
    for record in records {
      let known =
        ((try? context.reader.rawRecord(record)) ?? nil) != nil
        || !((try? context.reader.history(of: record)) ?? []).isEmpty
      if !known {
        problems.append(FieldProblem("records", "\(record) is not in the store", rule: true))
      }
    }
    return problems
  }
}

extension Invocation {
  /// Appends what the command revealed to the access log, in its own commit after the
  /// output (a command that only reads takes no write lock until then).
  public func logRevealedPersons() throws {
    guard reveal, !revealed.isEmpty else { return }
    let (records, persons) = revealed.contents
    try logAccess(
      records: records.compactMap { try? RecordID(parsing: $0) },
      persons: persons.compactMap { try? PersonNumber(longForm: $0) }, action: "reveal")
  }

  /// Appends one access-log entry: who saw these persons' data in these records, now
  /// (a `--reveal`, a register extract).
  public func logAccess(records: [RecordID], persons: [PersonNumber], action: String) throws {
    let store = try store()
    let entry = AccessEntry(
      recordedAt: Timestamp.utcString(Date()), date: clock.today, actor: actor,
      login: store.login, command: commandName, records: records, persons: persons)
    try store.write { writer in _ = try writer.insert(entry, action: action) }
  }

  /// `store check`'s reading of the access log: each entry by the rules an imported entry
  /// meets.
  public func accessLogProblems() throws -> [StoreCheck.Problem] {
    let store = try store()
    guard store.exists else { return [] }
    return try store.read { reader in
      let context = try ruleContext(reader)
      var problems: [StoreCheck.Problem] = []
      for entry in try reader.records(AccessEntry.self) {
        for problem in entry.problems(previous: nil, in: context) {
          problems.append(
            StoreCheck.Problem(
              file: "\(AccessEntry.kind.collection)/\(entry.id?.description ?? "?")",
              message: problem.description))
        }
      }
      return problems
    }
  }
}
