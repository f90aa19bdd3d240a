import Foundation
import SamverkanDomain
import SamverkanJSON
import SamverkanStore

/// One `import`: reads rows, validates each by the record's rules, and writes all of them
/// in one commit — or none, listing every problem.
struct Importer<R: CommandRecord> {
  let call: Invocation

  /// Problems listed before the rest are only counted.
  static var problemLimit: Int { 50 }

  enum Action: String { case create, update, unchanged }

  /// What one pass over the input found.
  struct Outcome {
    var counts: [Action: Int] = [:]
    var plan: [(action: Action, line: Int, id: String, ref: String)] = []
  }

  /// A row named an ID this import had already given a new row: the import starts again,
  /// keeping every ID named in the input free for its row.
  struct Restart: Error {
    var named: Set<Int>
  }

  func run() throws -> Int32 {
    let path = try call.require(StandardVerbs.importFile)
    let bytes = try readInput(path)
    let dryRun = call.isSet(StandardVerbs.dryRun)
    var named = Set<Int>()
    var outcome: Outcome
    while true {
      do {
        outcome = try importRows(bytes, path: path, dryRun: dryRun, named: named)
        break
      } catch let restart as Restart {
        named = restart.named
      }
    }
    if dryRun {
      try call.writeList(
        columns: [Column("action"), Column("line"), Column("id"), Column("ref")],
        fields: ["action", "line", "id", "ref"], masking: .none
      ) { emit in
        for entry in outcome.plan {
          try emit(
            .object([
              "action": .string(entry.action.rawValue), "line": .integer(entry.line),
              "id": .string(entry.id), "ref": .string(entry.ref),
            ]))
        }
      }
    }
    let counts = outcome.counts
    let summary =
      "\(counts[.create, default: 0]) created, \(counts[.update, default: 0]) updated, \(counts[.unchanged, default: 0]) unchanged"
    call.note(dryRun ? "Dry run, nothing written: would be \(summary)." : "Imported \(path): \(summary).")
    return ExitCode.success
  }

  /// One pass: every row checked, and — when none has a problem — every change committed.
  /// `named` are ID numbers rows give explicitly, which new rows must not take.
  private func importRows(_ bytes: [UInt8], path: String, dryRun: Bool, named: Set<Int>) throws
    -> Outcome
  {
    let allowUpdate = call.isSet(StandardVerbs.update)
    let reader = ImportReader(source: path, fields: R.fields)
    let encoder = JSONValueEncoder()
    let decoder = JSONValueDecoder()
    var problems: [InputProblem] = []
    var omitted = 0
    var outcome = Outcome()
    var seenIDs: [RecordID: Int] = [:]
    var seenRefs: [String: Int] = [:]
    var given = Set<Int>()
    var collision: Set<Int>?
    let progress = Progress(stream: call.stderr, noun: "rows")

    func problem(_ line: Int, _ field: String?, _ message: String) {
      if problems.count < Self.problemLimit {
        problems.append(InputProblem(source: path, line: line, field: field, message: message))
      } else {
        omitted += 1
      }
    }

    try call.store().write(dryRun: dryRun) { writer in
      let context = try call.ruleContext(writer)
      // A fresh store shows built-in records (the contact directory); they are saved now so
      // an import adds to them, and rows for the same IDs may replace them: nobody has
      // changed them yet, so nothing of anyone's is lost.
      let replaceable: Set<RecordID> =
        try writer.hasCollection(R.kind)
        ? [] : Set(R.builtInRecords(profile: context.profile).compactMap(\.id))
      try writer.saveBuiltInRecords(R.self, profile: context.profile)
      var next = try writer.nextNumber(of: R.kind)

      try reader.forEachRow(bytes, format: format(path, bytes)) { row in
        progress.step()
        if var found = collision {
          // Only collecting the IDs rows name, for the second pass.
          if let text = row.value["id"]?.stringValue,
            let id = try? RecordID(parsing: text), id.kind == R.kind
          {
            found.insert(id.number)
          }
          collision = found
          return
        }
        for rowProblem in row.problems { problem(row.line, rowProblem.field, rowProblem.message) }
        guard row.problems.isEmpty else { return }
        guard row.value.objectValue != nil else {
          problem(row.line, nil, "a row must be a JSON object with the record's fields")
          return
        }
        var record: R
        do {
          record = try decoder.decode(R.self, from: Self.withDefaults(row.value))
        } catch let error as DecodingError {
          problem(row.line, error.fieldPath.isEmpty ? nil : error.fieldPath, error.plainMessage)
          return
        }

        // Which stored record the row is: by its ID, else by its external reference.
        var existingID = record.id
        if let id = record.id, given.contains(id.number) {
          collision = Set(seenIDs.keys.map(\.number)).union([id.number])
          return
        }
        if let ref = record.ref {
          if let first = seenRefs[ref] {
            problem(row.line, "ref", "'\(ref)' appears twice in the input (first on line \(first))")
            return
          }
          seenRefs[ref] = row.line
          if let owner = try writer.recordID(forRef: ref, kind: R.kind) {
            if let id = record.id, id != owner {
              problem(row.line, "ref", "'\(ref)' belongs to \(owner), but the row's id is \(id)")
              return
            }
            existingID = owner
          }
        }
        if let id = existingID {
          guard id.kind == R.kind else {
            problem(
              row.line, "id", "\(id) is not a \(R.kind.noun) ID (they look like \(R.kind.prefix)-12)")
            return
          }
          if let first = seenIDs[id] {
            problem(row.line, "id", "\(id) appears twice in the input (first on line \(first))")
            return
          }
          seenIDs[id] = row.line
        }
        let previous = try existingID.flatMap { try writer.record($0, as: R.self) }
        if previous != nil { record.id = existingID }
        if let previous, try encoder.encode(previous) == encoder.encode(record) {
          outcome.counts[.unchanged, default: 0] += 1
          if dryRun {
            outcome.plan.append((.unchanged, row.line, existingID!.description, record.ref ?? ""))
          }
          return
        }
        if previous != nil, !allowUpdate, !replaceable.contains(existingID!) {
          problem(
            row.line, "id",
            "\(existingID!) exists with different content; add --update to replace it, or leave the row out"
          )
          return
        }
        for rule in record.problems(previous: previous, in: context) {
          problem(row.line, rule.field, rule.message)
        }
        // After the first problem nothing will be written; the rest are only checked.
        guard problems.isEmpty else { return }
        let action: Action
        if previous != nil {
          try writer.update(record, action: "import")
          action = .update
        } else {
          if record.id == nil {
            while named.contains(next) { next += 1 }
            record.id = RecordID(kind: R.kind, number: next)
            given.insert(next)
            next += 1
          }
          record = try writer.insert(record, action: "import")
          next = max(next, record.id!.number + 1)
          action = .create
        }
        outcome.counts[action, default: 0] += 1
        if dryRun { outcome.plan.append((action, row.line, record.id!.description, record.ref ?? "")) }
      }
      if let collision { throw Restart(named: collision.union(named)) }
      guard problems.isEmpty else {
        throw SamverkanError.invalidInput(
          problems.sorted { ($0.line ?? 0) < ($1.line ?? 0) }, omitted: omitted)
      }
      progress.finish()
    }
    return outcome
  }

  private func format(_ path: String, _ bytes: [UInt8]) -> ImportFormat {
    ImportFormat.detect(path: path, bytes: bytes)
  }

  /// A row with absent list fields as empty lists and absent flags as false, as an empty
  /// CSV cell or a left-out key means "none".
  static func withDefaults(_ row: JSONValue) -> JSONValue {
    guard case .object(var object) = row else { return row }
    for field in R.fields where object[field.name] == nil || object[field.name] == .null {
      switch field.kind {
      case .list: object[field.name] = .array([])
      case .flag: object[field.name] = .bool(false)
      default: break
      }
    }
    return .object(object)
  }

  private func readInput(_ path: String) throws -> [UInt8] {
    if path == "-" { return call.standardInput() }
    let absolute =
      path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    guard let bytes = try readInputFile(absolute) else { throw SamverkanError.fileNotFound(path) }
    return bytes
  }
}

/// Progress on stderr for long work: count, rate and, when the total is known, time left.
/// Only on a terminal, and only once the work has taken a second.
final class Progress {
  private let stream: OutputSink
  private let noun: String
  private let total: Int?
  private let start = Date()
  private var count = 0
  private var lastShown = Date.distantPast
  private var shown = false

  init(stream: OutputSink, noun: String, total: Int? = nil) {
    self.stream = stream
    self.noun = noun
    self.total = total
  }

  func step() {
    count += 1
    guard stream.isTerminal, count % 256 == 0 else { return }
    let now = Date()
    let elapsed = now.timeIntervalSince(start)
    guard elapsed >= 1, now.timeIntervalSince(lastShown) >= 0.2 else { return }
    lastShown = now
    shown = true
    let rate = Double(count) / elapsed
    var text = "\r\(count) \(noun), \(Int(rate))/s"
    if let total, rate > 0 {
      text += ", about \(Int((Double(total - count) / rate).rounded(.up))) s left"
    }
    stream.write(text + "   ")
    stream.flush()
  }

  func finish() {
    guard shown else { return }
    stream.write(
      "\r\(count) \(noun) in \(String(format: "%.1f", Date().timeIntervalSince(start))) s   \n")
  }
}
