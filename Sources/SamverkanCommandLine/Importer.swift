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

  private enum Action: String { case create, update, unchanged }

  func run() throws -> Int32 {
    let path = try call.require(StandardVerbs.importFile)
    let bytes = try readInput(path)
    let format = ImportFormat.detect(path: path, bytes: bytes)
    let dryRun = call.isSet(StandardVerbs.dryRun)
    let allowUpdate = call.isSet(StandardVerbs.update)
    let reader = ImportReader(source: path, fields: R.fields)
    let encoder = JSONValueEncoder()
    let decoder = JSONValueDecoder()
    var problems: [InputProblem] = []
    var omitted = 0
    var plan: [(action: Action, line: Int, id: String, ref: String)] = []
    var counts: [Action: Int] = [:]
    var seenIDs: [RecordID: Int] = [:]
    var seenRefs: [String: Int] = [:]
    // New rows without an ID get theirs after every row that names one, so an ID given
    // further down the file is never handed out first.
    var newRows: [(line: Int, record: R)] = []
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
      try reader.forEachRow(bytes, format: format) { row in
        progress.step()
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
            problem(row.line, "id", "\(id) is not a \(R.kind.noun) ID (they look like \(R.kind.prefix)-12)")
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
          counts[.unchanged, default: 0] += 1
          if dryRun { plan.append((.unchanged, row.line, existingID!.description, record.ref ?? "")) }
          return
        }
        if previous != nil, !allowUpdate, !replaceable.contains(existingID!) {
          problem(
            row.line, "id",
            "\(existingID!) exists with different content; add --update to replace it, or leave the row out")
          return
        }
        for rule in record.problems(previous: previous, in: context) {
          problem(row.line, rule.field, rule.message)
        }
        guard problems.isEmpty else { return }
        if previous != nil {
          try writer.update(record, action: "import")
          counts[.update, default: 0] += 1
          if dryRun { plan.append((.update, row.line, existingID!.description, record.ref ?? "")) }
        } else if record.id != nil {
          try writer.insert(record, action: "import")
          counts[.create, default: 0] += 1
          if dryRun { plan.append((.create, row.line, record.id!.description, record.ref ?? "")) }
        } else {
          newRows.append((row.line, record))
        }
      }
      guard problems.isEmpty else {
        throw SamverkanError.invalidInput(problems.sorted { ($0.line ?? 0) < ($1.line ?? 0) }, omitted: omitted)
      }
      for (line, record) in newRows {
        let saved = try writer.insert(record, action: "import")
        counts[.create, default: 0] += 1
        if dryRun { plan.append((.create, line, saved.id!.description, record.ref ?? "")) }
      }
      progress.finish()
    }

    if dryRun {
      try call.writeList(
        columns: [Column("action"), Column("line"), Column("id"), Column("ref")],
        fields: ["action", "line", "id", "ref"], masking: .none
      ) { emit in
        for entry in plan.sorted(by: { $0.line < $1.line }) {
          try emit(
            .object([
              "action": .string(entry.action.rawValue), "line": .integer(entry.line),
              "id": .string(entry.id), "ref": .string(entry.ref),
            ]))
        }
      }
    }
    let summary =
      "\(counts[.create, default: 0]) created, \(counts[.update, default: 0]) updated, \(counts[.unchanged, default: 0]) unchanged"
    call.note(dryRun ? "Dry run, nothing written: would be \(summary)." : "Imported \(path): \(summary).")
    return ExitCode.success
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
    let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    guard FileManager.default.fileExists(atPath: absolute) else {
      throw SamverkanError.fileNotFound(path)
    }
    guard let data = FileManager.default.contents(atPath: absolute) else {
      throw SamverkanError.usage("The file '\(path)' cannot be read; check its permissions.")
    }
    return Array(data)
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
    stream.write("\r\(count) \(noun) in \(String(format: "%.1f", Date().timeIntervalSince(start))) s   \n")
  }
}
