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
  /// `--replace`: a row replaces the whole stored record, as a new record would be.
  let replace: Bool
  let ignoreUnknown: Bool
  let encoding: TextEncoding
  let csvSeparator: UInt8?
  /// `--problems FILE|-`: every problem is written there too.
  let problemsFile: String?
  /// Only rows whose `id` has this kind's prefix (`store import`, which reads every kind
  /// from one file); nil for a command's own import.
  var onlyKind: RecordKind?
  var problems: [InputProblem] = []
  /// IDs of the records created, in input order, printed one per line.
  var created = CreatedIDs()
  let progress: Progress

  /// Problems listed on the terminal; the rest are counted (and all go to `--problems`).
  static let problemLimit = InputProblem.terminalLimit
  /// After this many problems the input is read no further: it is not what the command
  /// imports (a wrong file, `yes`), and reading on would only take time and memory. With
  /// `--problems` the admin asked for all of them, so the limit is much higher.
  var stopLimit: Int { problemsFile == nil ? 1_000 : 1_000_000 }

  init(call: Invocation, path: String) throws {
    self.call = call
    self.path = path
    self.dryRun = call.isSet(StandardVerbs.dryRun)
    self.allowUpdate = call.isSet(StandardVerbs.update)
    self.replace = call.isSet(StandardVerbs.replace)
    if allowUpdate, replace {
      throw SamverkanError.usage(
        "--update and --replace say different things: --update changes the fields a row gives, --replace replaces the whole record. Give one."
      )
    }
    self.ignoreUnknown = call.isSet(StandardVerbs.ignoreUnknown)
    self.encoding = try call.value(StandardVerbs.encoding) ?? .utf8
    self.csvSeparator = try call.value(GlobalOptions.csvSeparator)?.byte
    self.problemsFile = try call.value(StandardVerbs.problemsFile)
    if path == "-", call.standardInputDescriptor.map({ isatty($0) == 1 }) == true {
      call.note(
        "Waiting for rows on standard input (end with Ctrl-D); give a file name to import a file.")
    }
    self.input = try Self.input(path, call: call)
    self.format = ImportFormat.detect(path: path, bytes: try input.head())
    // On a terminal, count the lines first so progress can say how long is left.
    let total = call.stderr.isTerminal ? try input.lineCount() : nil
    // -q: only the data (and errors); no progress either.
    self.progress = Progress(
      stream: call.quiet ? OutputSink(capturingAsTerminal: false) : call.stderr, noun: "rows",
      total: total)
  }

  /// How rows are read for records of `fields`.
  func reader(fields: [RecordField], readOnly: Set<String>) throws -> ImportReader {
    var reader = ImportReader(
      source: path, fields: fields,
      reading: ImportReading(
        values: ValueContext(today: call.clock.today, profile: try call.profile()),
        actor: call.actor, readOnly: readOnly, ignoreUnknown: ignoreUnknown),
      encoding: encoding)
    reader.csvSeparator = csvSeparator
    return reader
  }

  func problem(_ line: Int, _ field: String?, _ message: String, value: String? = nil) {
    problem(InputProblem(source: path, line: line, field: field, message: message, value: value))
  }

  func problem(_ problem: InputProblem) {
    problems.append(problem)
  }

  /// Runs `body`; when a syntax error ends the input, it is listed with the problems
  /// already found in the rows before it.
  func listingEarlierProblems(_ body: () throws -> Void) throws {
    do {
      try body()
    } catch SamverkanError.invalidInput(let found, _) where !stopped && !problems.isEmpty {
      problems += found
      try throwProblems()
    }
  }

  private var stopped = false

  /// Ends the import (exit 65) once there are too many problems to be worth reading on.
  func stopIfOverwhelmed() throws {
    guard problems.count >= stopLimit else { return }
    stopped = true
    problems.sort { ($0.line ?? 0) < ($1.line ?? 0) }
    problems.append(
      InputProblem(
        source: path, line: nil, field: nil,
        message: "reading stopped after \(stopLimit) problems; is this the right file?"))
    try throwProblems()
  }

  /// Throws every problem found, sorted by line (exit 65): the first `problemLimit` on the
  /// terminal with a count of the rest, and all of them in the `--problems` file.
  func throwProblems() throws {
    guard !problems.isEmpty else { return }
    let sorted = problems.enumerated().sorted {
      ($0.element.line ?? 0, $0.offset) < ($1.element.line ?? 0, $1.offset)
    }.map(\.element)
    if let problemsFile { try ProblemReport.write(sorted, to: problemsFile, call: call) }
    throw SamverkanError.invalidInput(
      Array(sorted.prefix(Self.problemLimit)),
      omitted: max(0, sorted.count - Self.problemLimit))
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

  /// The `--dry-run` plan, or the IDs created one per line, on stdout; the summary on stderr.
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
    } else {
      for id in created { call.stdout.line(id.description) }
    }
    call.note(
      dryRun
        ? "Dry run, nothing written: would be \(outcome.summary)."
        : "Imported \(path): \(outcome.summary).")
  }
}

/// `--problems FILE`: every problem of an import as CSV (or NDJSON) for the admin to work
/// through in the spreadsheet.
enum ProblemReport {
  static let columns = ["file", "line", "field", "value", "problem"]

  /// Writes `problems` to `path` (`-` standard output) as NDJSON when the path ends in
  /// `.ndjson`/`.jsonl` or `--format ndjson` is given, else CSV.
  static func write(_ problems: [InputProblem], to path: String, call: Invocation) throws {
    let lower = path.lowercased()
    let byName =
      lower.hasSuffix(".ndjson") || lower.hasSuffix(".jsonl") || lower.hasSuffix(".json")
    let asked = call.isGiven(GlobalOptions.format) ? try call.outputFormat() : nil
    let ndjson = byName || asked == .ndjson || asked == .json
    var bytes: [UInt8] = []
    if !ndjson { CSVWriter.record(columns, into: &bytes) }
    for problem in problems {
      let cells: [String: JSONValue] = [
        "file": .string(problem.source), "line": problem.line.map { .integer($0) } ?? .null,
        "field": problem.field.map { .string($0) } ?? .null,
        "value": problem.value.map { .string($0) } ?? .null, "problem": .string(problem.message),
      ]
      if ndjson {
        JSONWriter.write(.object(cells), into: &bytes)
        bytes.append(UInt8(ascii: "\n"))
      } else {
        CSVWriter.record(columns.map { Cell.csv(cells[$0]) }, into: &bytes)
      }
    }
    if path == "-" {
      call.stdout.write(bytes: bytes)
      return
    }
    guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
      throw SamverkanError.usage("The problems file '\(path)' cannot be written.")
    }
    call.note("All \(problems.count) problem\(problems.count == 1 ? "" : "s") written to \(path).")
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
        run.created = CreatedIDs()
      }
    }
  }

  /// One pass over the input inside an open transaction: every row checked, and — while
  /// no row has a problem — every change made. `named` are ID numbers rows give
  /// explicitly, which new rows must not take.
  func pass(_ run: ImportRun, writer: StoreWriter, named: Set<Int>) throws -> ImportOutcome {
    let encoder = JSONValueEncoder()
    let decoder = JSONValueDecoder()
    var outcome = ImportOutcome()
    var seenIDs: [RecordID: Int] = [:]
    // The refs of rows that did not create a record; a created record's ref is found in the
    // store's index of refs, and its row's line in `createdLines`.
    var seenRefs: [String: Int] = [:]
    // Records this pass created (their ID numbers), by the line of their row: a later row
    // matching one by its natural key is the same record twice.
    var createdLines = NumberedLines()
    // The ID numbers this pass handed out to rows without an ID.
    var given = NumberedLines()
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
    let reader = try run.reader(fields: R.fields, readOnly: R.readOnlyColumns)
    var naturalKeys = NaturalKeyIndex(kind: R.kind, key: R.naturalKey)

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
        for rowProblem in row.problems { run.problem(rowProblem) }
        guard row.problems.isEmpty, !row.isHeader else {
          // A row with neither id nor ref is most likely new: what a new record would miss
          // is listed too, so that one round of fixing is enough.
          if row.given["id"] == nil, row.given["ref"] == nil {
            for rowProblem in row.newRecordProblems { run.problem(rowProblem) }
          }
          return
        }

        // Which stored record the row is: by its ID, else by its external reference, else
        // by its natural key.
        var rowID: RecordID?
        if let text = row.given["id"]?.stringValue {
          do {
            rowID = try RecordID(parsing: text)
          } catch {
            run.problem(
              row.line, "id", "'\(ImportReader.echo(text))': \(String(describing: error))",
              value: text)
            return
          }
        }
        var existingID = rowID
        if let id = rowID, id.kind == R.kind, given[id.number] != nil {
          collision = Set(seenIDs.keys.map(\.number)).union([id.number])
          return
        }
        let ref = row.record?.ref ?? row.given["ref"]?.stringValue
        if let ref {
          let owner = try writer.recordID(forRef: ref, kind: R.kind)
          // An earlier row with the same ref: one that created a record is found by the
          // store's index of refs.
          if let first = seenRefs[ref]
            ?? owner.flatMap({ $0.kind == R.kind ? createdLines[$0.number] : nil })
          {
            run.problem(
              row.line, "ref", "'\(ref)' appears twice in the input (first on line \(first))",
              value: ref)
            return
          }
          seenRefs[ref] = row.line
          if let owner {
            if let id = rowID, id != owner {
              run.problem(
                row.line, "ref", "'\(ref)' belongs to \(owner), but the row's id is \(id)",
                value: ref)
              return
            }
            existingID = owner
          }
        } else if rowID == nil {
          switch try naturalKeys.match(row.given, reader: writer) {
          case .none: break
          case .one(let id): existingID = id
          case .several(let ids):
            run.problem(
              row.line, nil,
              "the row matches \(ids.map(\.description).joined(separator: ", ")) (same \(naturalKeys.describe(row.given))); give the record's 'id' to say which"
            )
            return
          }
        }
        if let id = existingID {
          guard id.kind == R.kind else {
            run.problem(
              row.line, "id",
              "\(id) is not a \(R.kind.noun) ID (they look like \(R.kind.prefix)-12)",
              value: id.description)
            return
          }
          if let first = seenIDs[id] ?? createdLines[id.number] {
            run.problem(
              row.line, rowID == nil && ref == nil ? nil : "id",
              rowID == nil && ref == nil
                ? "the row is the same record as line \(first) (same \(naturalKeys.describe(row.given)))"
                : "\(id) appears twice in the input (first on line \(first))")
            return
          }
          seenIDs[id] = row.line
        }
        let previous = try existingID.flatMap { try writer.record($0, as: R.self) }
        var record: R
        if let previous, !run.replace {
          // The fields the row gives change; every other field keeps its stored value.
          guard case .object(var merged) = try encoder.encode(previous) else { return }
          for (field, value) in row.given { merged[field] = value }
          do {
            record = try decoder.decode(R.self, from: .object(merged.filter { $0.value != .null }))
          } catch let error as DecodingError {
            run.problem(
              RowPipeline<R>.problem(error, row: merged, line: row.line, source: run.path))
            return
          }
          record.id = existingID
        } else {
          for rowProblem in row.newRecordProblems { run.problem(rowProblem) }
          guard var new = row.record else { return }
          if previous != nil { new.id = existingID }
          record = new
        }
        // A row may say its person has protected personal data (exports say so).
        if let person = record.person, row.personProtected, try !writer.isProtected(person) {
          try writer.markProtected(person)
        }
        // A stored record was found by its ID: `previous` comes with `existingID`.
        if let previous, let existingID, try encoder.encode(previous) == encoder.encode(record) {
          outcome.counts[.unchanged, default: 0] += 1
          if run.dryRun {
            outcome.plan.append((.unchanged, row.line, existingID.description, record.ref ?? ""))
          }
          return
        }
        if let previous, let existingID, !run.allowUpdate, !run.replace,
          !replaceable.contains(existingID)
        {
          let changed = try ImportOutcome.changedFields(
            from: encoder.encode(previous), to: encoder.encode(record))
          run.problem(
            row.line, "id",
            "\(existingID) exists with other values in \(changed.joined(separator: ", ")); add --update to change the fields the row gives, --replace to replace the whole record, or leave the row out",
            value: existingID.description)
          return
        }
        let rules = record.problems(previous: previous, in: context)
        if !rules.isEmpty {
          let json = try encoder.encode(record)
          for rule in rules {
            run.problem(
              row.line, rule.field, rule.message,
              value: json[rule.field].map { $0.stringValue ?? ImportReader.describe($0) })
          }
        }
        if let conflict = try writer.nameConflict(person: record.person, name: record.personName) {
          run.problem(row.line, "personName", conflict, value: record.personName)
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
            given.add(next, line: row.line)
            next += 1
          }
          record = try writer.insert(
            record, action: "import", prepared: previous == nil && !run.replace ? row.prepared : nil
          )
          let id = try record.savedID
          next = max(next, id.number + 1)
          action = .create
          run.created.append(id)
          createdLines.add(id.number, line: row.line)
          // Its ref is in the store's index of refs now, which finds it again.
          if let ref { seenRefs[ref] = nil }
          if naturalKeys.isRead { naturalKeys.add(id, try encoder.encode(record)) }
        }
        outcome.counts[action, default: 0] += 1
        if run.dryRun {
          outcome.plan.append((action, row.line, try record.savedID.description, record.ref ?? ""))
        }
      }
    }
    if let collision { throw ImportRestart(kind: R.kind, named: collision.union(named)) }
    return outcome
  }
}

/// ID numbers of one kind with the line of the row each came from, held compactly for a
/// million rows: numbers added in ascending order (as new IDs are handed out) in two flat
/// lists searched by halves, any other in a dictionary.
struct NumberedLines {
  private var numbers: [Int32] = []
  private var lines: [Int] = []
  private var others: [Int: Int] = [:]

  /// The line of the row that `number` came from, if it was added.
  subscript(number: Int) -> Int? {
    if let line = others[number] { return line }
    guard let wanted = Int32(exactly: number) else { return nil }
    var low = 0
    var high = numbers.count
    while low < high {
      let middle = (low + high) / 2
      if numbers[middle] < wanted { low = middle + 1 } else { high = middle }
    }
    return low < numbers.count && numbers[low] == wanted ? lines[low] : nil
  }

  mutating func add(_ number: Int, line: Int) {
    guard let small = Int32(exactly: number), numbers.last.map({ $0 < small }) ?? true else {
      others[number] = line
      return
    }
    numbers.append(small)
    lines.append(line)
  }
}

/// The IDs an import created, in input order: the numbers of each kind's run of them, not a
/// `RecordID` (with its kind's names) per record.
struct CreatedIDs: Sequence {
  private var runs: [(kind: RecordKind, numbers: [Int])] = []

  mutating func append(_ id: RecordID) {
    if runs.last?.kind != id.kind { runs.append((id.kind, [])) }
    runs[runs.count - 1].numbers.append(id.number)
  }

  func makeIterator() -> some IteratorProtocol<RecordID> {
    runs.lazy.flatMap { run in run.numbers.lazy.map { RecordID(kind: run.kind, number: $0) } }
      .makeIterator()
  }
}

/// The stored records of a kind by their natural key (CommandRecord.naturalKey), read on
/// first need: how a row with neither `id` nor `ref` finds the record it is.
struct NaturalKeyIndex {
  enum Match { case none, one(RecordID), several([RecordID]) }

  let kind: RecordKind
  let key: [String]
  /// By the first key field's value: each record's ID and key fields.
  private var index: [String: [(id: RecordID, values: [String: JSONValue])]]?

  init(kind: RecordKind, key: [String]) {
    self.kind = kind
    self.key = key
  }

  /// The records whose key fields equal those the row gives (lists as sets); a row that
  /// does not give the first key field matches nothing.
  mutating func match(_ row: [String: JSONValue], reader: StoreReader) throws -> Match {
    guard let first = key.first, let value = row[first], value != .null else { return .none }
    if index == nil {
      index = [:]
      try reader.forEachRawRecord(of: kind) { id, raw in add(id, raw) }
    }
    let found = (index?[Self.text(value)] ?? []).filter { entry in
      key.allSatisfy { field in
        guard let given = row[field], given != .null else { return true }
        return Self.normalised(given) == entry.values[field]
      }
    }.map(\.id)
    let ids = Array(Set(found)).sorted()
    switch ids.count {
    case 0: return .none
    case 1: return .one(ids[0])
    default: return .several(ids)
    }
  }

  /// Whether the store's records have been read into the index (by the first row that
  /// gives no ID or ref); until then `add` has nothing to add to.
  var isRead: Bool { index != nil }

  /// Adds a record (one the import created); only once the index has been read.
  mutating func add(_ id: RecordID, _ record: JSONValue) {
    guard let first = key.first, index != nil, let value = record[first] else { return }
    var values: [String: JSONValue] = [:]
    for field in key { values[field] = record[field].map(Self.normalised) }
    index?[Self.text(value), default: []].append((id, values))
  }

  /// The key fields the row gives, for a message: "person, parties, purposes, validUntil".
  func describe(_ row: [String: JSONValue]) -> String {
    key.filter { row[$0] != nil && row[$0] != .null }.joined(separator: ", ")
  }

  private static func text(_ value: JSONValue) -> String {
    ImportReader.describe(normalised(value))
  }

  private static func normalised(_ value: JSONValue) -> JSONValue {
    guard case .array(let items) = value else { return value }
    return .array(items.sorted { ImportReader.describe($0) < ImportReader.describe($1) })
  }
}

extension ImportOutcome {
  /// The fields whose values differ between two records, for a conflict's message.
  static func changedFields(from old: JSONValue, to new: JSONValue) -> [String] {
    let before = old.objectValue ?? [:]
    let after = new.objectValue ?? [:]
    return Set(before.keys).union(after.keys).filter { before[$0] != after[$0] }.sorted()
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
