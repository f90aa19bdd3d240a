import SamverkanCommandLine
import Foundation
import SamverkanDomain
import SamverkanJSON
import SamverkanStore

/// What an import did or would do, for the summary and `--dry-run`.
struct ImportOutcome {
  enum Action: String { case create, update, unchanged }

  var counts: [Action: Int] = [:]
  var plan: [(action: Action, line: Int, id: String, ref: String)] = []

  mutating func add(_ other: ImportOutcome) {
    counts.merge(other.counts, uniquingKeysWith: +)
    plan += other.plan
  }

  var summary: String {
    "\(counts[.create, default: 0]) created, \(counts[.update, default: 0]) updated, \(counts[.unchanged, default: 0]) unchanged"
  }
}

/// How one import runs: its input, its options, and the problems found so far.
final class ImportRun {
  let call: Invocation
  let path: String
  let input: ImportInput
  let format: ImportFormat
  let dryRun: Bool
  let allowUpdate: Bool
  /// Only rows whose `id` has this kind's prefix (`store import`, which reads every kind
  /// from one file); nil for a command's own import.
  var onlyKind: RecordKind?
  var problems: [InputProblem] = []
  var omitted = 0
  let progress: Progress

  /// Problems listed before the rest are only counted.
  static let problemLimit = InputProblem.terminalLimit
  /// After this many problems the input is read no further: it is not what the command
  /// imports (a wrong file, `yes`), and reading on would only take time and memory.
  static let stopLimit = 1_000

  init(call: Invocation, path: String) throws {
    self.call = call
    self.path = path
    self.input = try Self.input(path, call: call)
    self.format = ImportFormat.detect(path: path, bytes: try input.head())
    self.dryRun = call.isSet(StandardVerbs.dryRun)
    self.allowUpdate = call.isSet(StandardVerbs.update)
    // On a terminal, count the lines first so progress can say how long is left.
    let total = call.stderr.isTerminal ? try input.lineCount() : nil
    // -q: only the data (and errors); no progress either.
    self.progress = Progress(
      stream: call.quiet ? OutputSink(capturingAsTerminal: false) : call.stderr, noun: "rows",
      total: total)
  }

  func problem(_ line: Int, _ field: String?, _ message: String) {
    if problems.count < Self.problemLimit {
      problems.append(InputProblem(source: path, line: line, field: field, message: message))
    } else {
      omitted += 1
    }
  }

  /// Runs `body`; when a syntax error ends the input, it is listed with the problems
  /// already found in the rows before it.
  func listingEarlierProblems(_ body: () throws -> Void) throws {
    do {
      try body()
    } catch SamverkanError.invalidInput(let found, let more) where !stopped && !problems.isEmpty {
      problems += found
      omitted += more
      try throwProblems()
    }
  }

  private var stopped = false

  /// Ends the import (exit 65) once there are too many problems to be worth reading on.
  func stopIfOverwhelmed() throws {
    guard problems.count + omitted >= Self.stopLimit else { return }
    stopped = true
    problems.sort { ($0.line ?? 0) < ($1.line ?? 0) }
    problems.append(
      InputProblem(
        source: path, line: nil, field: nil,
        message: "reading stopped after \(Self.stopLimit) problems; is this the right file?"))
    try throwProblems()
  }

  /// Throws every problem found, sorted by line (exit 65).
  func throwProblems() throws {
    guard !problems.isEmpty else { return }
    throw SamverkanError.invalidInput(
      problems.sorted { ($0.line ?? 0) < ($1.line ?? 0) }, omitted: omitted)
  }

  /// An input file, or standard input for `-`; opened once and read as it is used.
  static func input(_ path: String, call: Invocation) throws -> ImportInput {
    if path == "-" {
      if let descriptor = call.standardInputDescriptor {
        return try ImportInput(descriptor: descriptor, name: "-")
      }
      return ImportInput(bytes: call.standardInput())
    }
    return try ImportInput(path: path)
  }

  /// The `--dry-run` plan on stdout and the summary on stderr.
  func report(_ outcome: ImportOutcome) throws {
    if dryRun {
      try call.writeList(
        columns: [Column("action"), Column("line"), Column("id"), Column("ref")],
        fields: ["action", "line", "id", "ref"], masking: .none
      ) { emit in
        for entry in outcome.plan.sorted(by: { $0.line < $1.line }) {
          try emit(
            .object([
              "action": .string(entry.action.rawValue), "line": .integer(entry.line),
              "id": .string(entry.id), "ref": .string(entry.ref),
            ]))
        }
      }
    }
    call.note(
      dryRun
        ? "Dry run, nothing written: would be \(outcome.summary)."
        : "Imported \(path): \(outcome.summary).")
  }
}

/// A row named an ID the import had already given a new row: the import starts again,
/// keeping every ID named in the input free for its row.
struct ImportRestart: Error {
  var kind: RecordKind
  var named: Set<Int>
}

/// Imports the rows of one record type: each row validated by the record's rules, and all
/// of them written in one commit — or none, listing every problem.
struct Importer<R: CommandRecord> {
  /// `import` of one command: its own transaction, started again if IDs collide.
  static func run(_ call: Invocation) throws -> Int32 {
    // Bulk changes bypass the step-by-step authority rules, so with a register only an
    // admin imports (checked before the input is read).
    try call.authorize(step: "import", action: "import \(R.kind.noun) records")
    let run = try ImportRun(call: call, path: try call.require(StandardVerbs.importFile))
    var named = Set<Int>()
    while true {
      do {
        let outcome = try call.store().write(dryRun: run.dryRun) { writer in
          let outcome = try Importer<R>().pass(run, writer: writer, named: named)
          try run.throwProblems()
          run.progress.finish()
          return outcome
        }
        try run.report(outcome)
        return ExitCode.success
      } catch let restart as ImportRestart {
        named = restart.named
      }
    }
  }

  /// One pass over the input inside an open transaction: every row checked, and — while
  /// no row has a problem — every change made. `named` are ID numbers rows give
  /// explicitly, which new rows must not take.
  func pass(_ run: ImportRun, writer: StoreWriter, named: Set<Int>) throws -> ImportOutcome {
    let encoder = JSONValueEncoder()
    var outcome = ImportOutcome()
    var seenIDs: [RecordID: Int] = [:]
    var seenRefs: [String: Int] = [:]
    var given = Set<Int>()
    var collision: Set<Int>?
    let context = try run.call.ruleContext(writer)
    // A fresh store shows built-in records (the contact directory); they are saved now so an
    // import adds to them, and rows for the same IDs may replace them: nobody has changed
    // them yet, so nothing of anyone's is lost.
    let replaceable: Set<RecordID> =
      try writer.hasCollection(R.kind)
      ? [] : Set(R.builtInRecords(profile: context.profile).compactMap(\.id))
    try writer.saveBuiltInRecords(R.self, profile: context.profile)
    var next = try writer.nextNumber(of: R.kind)
    let reader = ImportReader(source: run.path, fields: R.fields)

    let rows = RowPipeline<R>(
      input: run.input, format: run.format, reader: reader, onlyKind: run.onlyKind)
    try run.listingEarlierProblems {
      try rows.forEach { row in
        try run.stopIfOverwhelmed()
        run.progress.step()
        if var found = collision {
          // Only collecting the IDs rows name, for the second pass.
          if let text = row.idText,
            let id = try? RecordID(parsing: text), id.kind == R.kind
          {
            found.insert(id.number)
          }
          collision = found
          return
        }
        for rowProblem in row.problems {
          run.problem(row.line, rowProblem.field, rowProblem.message)
        }
        guard var record = row.record else { return }

        // Which stored record the row is: by its ID, else by its external reference.
        var existingID = record.id
        if let id = record.id, given.contains(id.number) {
          collision = Set(seenIDs.keys.map(\.number)).union([id.number])
          return
        }
        if let ref = record.ref {
          if let first = seenRefs[ref] {
            run.problem(
              row.line, "ref", "'\(ref)' appears twice in the input (first on line \(first))")
            return
          }
          seenRefs[ref] = row.line
          if let owner = try writer.recordID(forRef: ref, kind: R.kind) {
            if let id = record.id, id != owner {
              run.problem(
                row.line, "ref", "'\(ref)' belongs to \(owner), but the row's id is \(id)")
              return
            }
            existingID = owner
          }
        }
        if let id = existingID {
          guard id.kind == R.kind else {
            run.problem(
              row.line, "id",
              "\(id) is not a \(R.kind.noun) ID (they look like \(R.kind.prefix)-12)")
            return
          }
          if let first = seenIDs[id] {
            run.problem(row.line, "id", "\(id) appears twice in the input (first on line \(first))")
            return
          }
          seenIDs[id] = row.line
        }
        let previous = try existingID.flatMap { try writer.record($0, as: R.self) }
        if previous != nil { record.id = existingID }
        // A row may say its person has protected personal data (exports say so).
        let protect = row.personProtected
        if let person = record.person, protect, try !writer.isProtected(person) {
          try writer.markProtected(person)
        }
        if let previous, try encoder.encode(previous) == encoder.encode(record) {
          outcome.counts[.unchanged, default: 0] += 1
          if run.dryRun {
            outcome.plan.append((.unchanged, row.line, existingID!.description, record.ref ?? ""))
          }
          return
        }
        if previous != nil, !run.allowUpdate, !replaceable.contains(existingID!) {
          run.problem(
            row.line, "id",
            "\(existingID!) exists with different content; add --update to replace it, or leave the row out"
          )
          return
        }
        for rule in record.problems(previous: previous, in: context) {
          run.problem(row.line, rule.field, rule.message)
        }
        if let conflict = try writer.nameConflict(person: record.person, name: record.personName) {
          run.problem(row.line, "personName", conflict)
        }
        // After the first problem nothing will be written; the rest are only checked.
        guard run.problems.isEmpty else { return }
        let action: ImportOutcome.Action
        if previous != nil {
          try writer.update(record, action: "import")
          action = .update
        } else {
          if record.id == nil {
            // Neither an ID a later row names nor one a record has (a rolled-back counter).
            repeat {
              while named.contains(next) { next += 1 }
              next = try writer.freeID(of: R.kind, from: next).number
            } while named.contains(next)
            record.id = RecordID(kind: R.kind, number: next)
            given.insert(next)
            next += 1
          }
          record = try writer.insert(record, action: "import", prepared: row.prepared)
          next = max(next, record.id!.number + 1)
          action = .create
        }
        outcome.counts[action, default: 0] += 1
        if run.dryRun {
          outcome.plan.append((action, row.line, record.id!.description, record.ref ?? ""))
        }
      }
    }
    if let collision { throw ImportRestart(kind: R.kind, named: collision.union(named)) }
    return outcome
  }
}

/// Progress on stderr for long work: count, rate and, when the total is known, time left.
/// Only on a terminal, and only once the work has taken a second.
final class Progress {
  private let stream: OutputSink
  private let noun: String
  private let total: Int?
  private let now: () -> Date
  private let start: Date
  private var count = 0
  private var lastShown = Date.distantPast
  private var shown = false

  init(stream: OutputSink, noun: String, total: Int? = nil, now: @escaping () -> Date = Date.init) {
    self.stream = stream
    self.noun = noun
    self.total = total
    self.now = now
    self.start = now()
  }

  func step() {
    count += 1
    guard stream.isTerminal, count % 256 == 0 else { return }
    let time = now()
    let elapsed = time.timeIntervalSince(start)
    guard elapsed >= 1, time.timeIntervalSince(lastShown) >= 0.2 else { return }
    lastShown = time
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
      "\r\(count) \(noun) in \(String(format: "%.1f", now().timeIntervalSince(start))) s   \n")
  }
}
