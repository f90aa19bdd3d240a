import SamverkanCommandLine
import SamverkanDomain
import SamverkanStore

/// What a change journals besides the changed fields: an event ("SP genomförd") and a note.
public struct ChangeNote: Sendable, Equatable {
  public var event: String?
  public var note: String?

  public init(event: String? = nil, note: String? = nil) {
    self.event = event
    self.note = note
  }

  /// Adds a note after the one already there.
  public mutating func add(_ text: String) {
    note = [note, text].compactMap { $0 }.joined(separator: "; ")
  }
}

extension Invocation {
  /// The change pipeline every workflow verb goes through, so that each keeps only its own
  /// step:
  ///
  /// 1. take the store's lock and load the record (66 when there is none); with a user
  ///    register, ask the profile's authority rules whether the actor may take the step the
  ///    verb declares in `authority` (77 naming who may);
  /// 2. let `edit` check the step against the record's state and change it — a sharing
  ///    step asks the gate there (`passGate`), which logs its disclosure in this same
  ///    commit; anything `edit` throws leaves the store as it was;
  /// 3. check the changed record against every rule of its kind, all problems at once
  ///    (64 for a malformed value, 77 for a rule), under `refusal` or "ID cannot be changed";
  /// 4. save it with one journal line, commit, and print its ID (the record with --json),
  ///    masked as the store says; the saved record is returned for the verb's notes.
  @discardableResult
  public func change<R: CommandRecord>(
    _ type: R.Type, _ id: RecordID, action: String, refusal: String? = nil,
    authority: ((R) throws -> AuthorityQuestion?)? = nil,
    _ edit: (inout R, StoreWriter, RuleContext) throws -> ChangeNote
  ) throws -> R {
    var masking = Masking.none
    let saved = try store().write { writer in
      let context = try ruleContext(writer)
      let previous = try writer.require(id, as: R.self)
      if let question = try authority?(previous) { try authorize(question) }
      var record = previous
      let change = try edit(&record, writer, context)
      try record.problems(previous: previous, in: context)
        .throwIfAny(refusal ?? "\(id) cannot be changed")
      try writer.update(record, action: action, event: change.event, note: change.note)
      masking = try self.masking(writer)
      return record
    }
    try writeCreated(try saved.json, masking: masking)
    return saved
  }
}
