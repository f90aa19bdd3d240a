import SamverkanDomain
import SamverkanJSON

/// One line of the journal: who changed which record, when, with which command, and how.
///
/// The journal is how the routines' "register an event" (registrera en händelse) is met.
public struct JournalEntry: Equatable, Sendable {
  /// When, in UTC: `2026-11-25T14:03:07Z` (the real time, even when the clock is pinned).
  public var time: String
  /// Who: `--as`, `SAMVERKAN_USER` or the login.
  public var actor: String
  /// The login that ran the command when an admin acted as `actor`.
  public var login: String?
  /// The command line that made the change.
  public var commandLine: [String]
  public var id: RecordID
  /// The verb: `grant`, `revoke`, `import`, …
  public var action: String
  /// The fields that changed, with their new values; null for a field that was removed.
  public var changes: [String: JSONValue]
  /// A named event for the case system, e.g. "SP genomförd".
  public var event: String?
  public var note: String?
  /// Whether this line removed the record.
  public var removed: Bool

  init?(json: JSONValue) {
    guard let time = json["time"]?.stringValue, let actor = json["actor"]?.stringValue,
      let idText = json["id"]?.stringValue, let id = try? RecordID(parsing: idText),
      let action = json["action"]?.stringValue, let changes = json["changes"]?.objectValue
    else { return nil }
    self.time = time
    self.actor = actor
    self.commandLine = json["argv"]?.arrayValue?.compactMap(\.stringValue) ?? []
    self.id = id
    self.action = action
    self.changes = changes
    self.event = json["event"]?.stringValue
    self.login = json["login"]?.stringValue
    self.note = json["note"]?.stringValue
    self.removed = json["removed"] == .bool(true)
  }

  /// The line as JSON, as the journal file holds it.
  public var json: JSONValue {
    var object: [String: JSONValue] = [
      "time": .string(time), "actor": .string(actor),
      "argv": .array(commandLine.map { .string($0) }), "id": .string(id.description),
      "action": .string(action), "changes": .object(changes),
    ]
    if let event { object["event"] = .string(event) }
    if let note { object["note"] = .string(note) }
    if let login { object["login"] = .string(login) }
    if removed { object["removed"] = .bool(true) }
    return .object(object)
  }
}

/// Reading and diffing journal files.
enum Journal {
  /// The fields that differ between two versions of a record, with the new values (null
  /// where the new version lacks a field).
  static func changes(from old: JSONValue?, to new: JSONValue) -> [String: JSONValue] {
    let before = old?.objectValue ?? [:]
    let after = new.objectValue ?? [:]
    var changes: [String: JSONValue] = [:]
    for (key, value) in after where before[key] != value { changes[key] = value }
    for key in before.keys where after[key] == nil { changes[key] = .null }
    return changes
  }

  /// Applies one line's changes to a record, as `store check` replays the journal.
  static func apply(_ changes: [String: JSONValue], to record: inout [String: JSONValue]) {
    for (key, value) in changes {
      // Not `record[key] = value == .null ? nil : value`: JSONValue takes `nil` as a literal,
      // so that stored a null instead of removing the field.
      if value == .null {
        record.removeValue(forKey: key)
      } else {
        record[key] = value
      }
    }
  }

  /// Every line of a journal file, plus lines not yet committed.
  static func entries(in path: String, store: Store, pending: [UInt8]) throws -> [JournalEntry] {
    var bytes = try FileSystem.read(store.path(path)) ?? []
    bytes.append(contentsOf: pending)
    var entries: [JournalEntry] = []
    try forEachLine(bytes) { line, number in
      guard let value = try? JSONParser.parse(line), let entry = JournalEntry(json: value) else {
        throw SamverkanError.storeUnavailable(
          path: store.path(path),
          reason: "journal line \(number) is damaged; run 'samverkan store check'")
      }
      entries.append(entry)
    }
    return entries
  }

  /// Calls `body` with each non-empty line and its 1-based number.
  static func forEachLine(_ bytes: [UInt8], _ body: (ArraySlice<UInt8>, Int) throws -> Void)
    rethrows
  {
    var start = 0
    var number = 1
    while start < bytes.count {
      let end = bytes.firstNewline(in: start..<bytes.count) ?? bytes.count
      if end > start { try body(bytes[start..<end], number) }
      start = end + 1
      number += 1
    }
  }
}
