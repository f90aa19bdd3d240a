import SamverkanCommandLine
import Foundation
import SamverkanDomain
import SamverkanJSON
import SamverkanStore

/// An input row read, decoded and encoded, ready for the rules and the store.
struct PreparedRow<R: CommandRecord>: Sendable {
  var line: Int
  /// The row's `id` as written, for a second pass that collects IDs.
  var idText: String?
  /// Whether the row says its person has protected personal data.
  var personProtected: Bool
  /// Problems reading or decoding the row; when there are any, `record` is nil.
  var problems: [InputProblem]
  /// The fields the row gives, read and in their stored form (`null` for an empty cell):
  /// what `--update` changes in a stored record.
  var given: [String: JSONValue] = [:]
  /// The row's problems as a new record (a required field it leaves out, a value the
  /// record cannot hold): they do not matter when the row changes a stored record.
  var newRecordProblems: [InputProblem] = []
  /// The header's problems, not a row.
  var isHeader = false
  /// The row as a new record: what it gives, with the verbs' defaults for the rest.
  var record: R?
  /// The record written as the store keeps it, but for the ID it may not have yet.
  var prepared: PreparedRecord?
}

/// Reads import rows on one thread and decodes and encodes them on another, while the
/// calling thread checks the rules and writes to the store: the work that needs no store
/// runs beside it on the other core, and at most a few batches wait in memory.
final class RowPipeline<R: CommandRecord>: @unchecked Sendable {
  /// Rows as read, from the reading thread to the preparing one.
  private let read = BatchQueue<ImportRow>()
  /// Rows prepared, from the preparing thread to the caller.
  private let prepared = BatchQueue<PreparedRow<R>>()
  private static var batchSize: Int { 512 }

  /// Starts reading `input` in `format` on a background thread; with `onlyKind`, only rows
  /// whose `id` has that kind's prefix are passed on.
  init(input: ImportInput, format: ImportFormat, reader: ImportReader, onlyKind: RecordKind? = nil)
  {
    Self.start { [read] in
      var batch: [ImportRow] = []
      batch.reserveCapacity(Self.batchSize)
      var failure: (any Error)?
      do {
        try reader.forEachRow(input, format: format) { row in
          if let onlyKind,
            RecordID.kindOf(row.value["id"]?.stringValue ?? "", among: [onlyKind]) == nil
          {
            return
          }
          batch.append(row)
          if batch.count == Self.batchSize {
            guard read.hand(batch) else { throw CancellationError() }
            batch.removeAll(keepingCapacity: true)
          }
        }
      } catch {
        failure = error
      }
      // The rows before a syntax error are handed on before it, so their problems are
      // listed with it.
      if !batch.isEmpty { _ = read.hand(batch) }
      read.finish(failure: failure)
    }
    Self.start { [read, prepared] in
      let decoder = JSONValueDecoder()
      let encoder = JSONValueEncoder()
      let columns = reader.columns
      do {
        while let rows = try read.next() {
          let batch = try rows.map { row in
            try Self.prepare(
              row, columns: columns, source: reader.source, decoder: decoder, encoder: encoder)
          }
          guard prepared.hand(batch) else {
            read.cancel()
            return
          }
        }
        prepared.finish(failure: nil)
      } catch {
        prepared.finish(failure: error)
      }
    }
  }

  private static func start(_ body: @escaping @Sendable () -> Void) {
    let thread = Thread(block: body)
    thread.stackSize = 8 << 20
    thread.start()
  }

  /// A row read, decoded and encoded.
  private static func prepare(
    _ row: ImportRow, columns: ImportFields, source: String, decoder: JSONValueDecoder,
    encoder: JSONValueEncoder
  ) throws -> PreparedRow<R> {
    var prepared = PreparedRow<R>(
      line: row.line, idText: row.value["id"]?.stringValue,
      personProtected: row.value["personProtected"] == .bool(true), problems: row.problems,
      record: nil, prepared: nil)
    prepared.isHeader = row.isHeader
    if var given = row.value.objectValue, !row.isHeader {
      given["personProtected"] = nil
      prepared.given = given
      // Every problem of the row: its cells, and each required field it leaves out.
      let completed = columns.completed(given)
      // A field whose value had a problem is there, only wrong: not missing as well.
      let wrong = Set(prepared.problems.compactMap(\.field))
      for missing in completed.missing where !wrong.contains(missing.field) {
        prepared.newRecordProblems.append(
          InputProblem(
            source: source, line: row.line, field: missing.field,
            message: missing.message))
      }
      if prepared.problems.isEmpty, prepared.newRecordProblems.isEmpty {
        do {
          // A null is a field left out. Most rows have none, and filtering copies the row.
          let present =
            completed.row.values.contains(.null)
            ? completed.row.filter { $0.value != .null } : completed.row
          let record = try decoder.decode(R.self, from: .object(present))
          prepared.record = record
          prepared.prepared = try PreparedRecord(record: record, encoder: encoder)
        } catch let error as DecodingError {
          prepared.newRecordProblems.append(
            RowPipeline.problem(error, row: completed.row, line: row.line, source: source))
        }
      }
    } else if !row.isHeader, row.problems.isEmpty {
      prepared.problems.append(
        InputProblem(
          source: source, line: row.line, field: nil,
          message: "a row must be a JSON object with the record's fields"))
    }
    return prepared
  }

  /// Calls `body` with each row in input order; rethrows a reading error (a syntax error
  /// ends the input) after the rows before it.
  func forEach(_ body: (PreparedRow<R>) throws -> Void) throws {
    defer {
      prepared.cancel()
      read.cancel()
    }
    while let batch = try prepared.next() {
      for row in batch { try body(row) }
    }
  }
}

/// Batches handed from one thread to another, at most a few waiting.
final class BatchQueue<Element: Sendable>: @unchecked Sendable {
  private let condition = NSCondition()
  private var batches: [[Element]] = []
  private var finished = false
  private var failure: (any Error)?
  private var cancelled = false
  private static var maximumWaiting: Int { 4 }

  /// Waits for room and hands a batch over; false when the taker stopped.
  func hand(_ batch: [Element]) -> Bool {
    condition.lock()
    defer { condition.unlock() }
    while batches.count >= Self.maximumWaiting && !cancelled { condition.wait() }
    guard !cancelled else { return false }
    batches.append(batch)
    condition.broadcast()
    return true
  }

  /// No more batches will come; `failure` is what ended them early, if anything.
  func finish(failure: (any Error)?) {
    condition.lock()
    if self.failure == nil { self.failure = failure }
    finished = true
    condition.broadcast()
    condition.unlock()
  }

  /// The next batch, waiting for it; nil after the last, or the failure that ended them
  /// (a stop by the taker is no failure).
  func next() throws -> [Element]? {
    condition.lock()
    while batches.isEmpty && !finished && !cancelled { condition.wait() }
    if batches.isEmpty {
      let failure = failure
      condition.unlock()
      if let failure, !(failure is CancellationError) { throw failure }
      return nil
    }
    let batch = batches.removeFirst()
    condition.broadcast()
    condition.unlock()
    return batch
  }

  /// The taker stops: the handing thread stops at its next batch.
  func cancel() {
    condition.lock()
    cancelled = true
    condition.broadcast()
    condition.unlock()
  }
}

extension RowPipeline {
  /// A decoding error as a problem of the row, naming the value found.
  static func problem(
    _ error: DecodingError, row: [String: JSONValue], line: Int, source: String
  ) -> InputProblem {
    let field = error.fieldPath
    let top = String(field.prefix { $0 != "." && $0 != "[" })
    let value = row[top].map { $0.stringValue ?? ImportReader.describe($0) }
    return InputProblem(
      source: source, line: line, field: field.isEmpty ? nil : field,
      message: (value.map { "'\(ImportReader.echo($0))': " } ?? "") + error.plainMessage,
      value: value.map(ImportReader.echo))
  }
}
