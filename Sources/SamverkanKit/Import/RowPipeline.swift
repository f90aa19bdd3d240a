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

/// Reads, decodes and encodes import rows on a second thread while the calling thread
/// checks the rules and writes to the store: the work that needs no store runs in parallel,
/// and at most a few batches wait in memory.
final class RowPipeline<R: CommandRecord>: @unchecked Sendable {
  private let condition = NSCondition()
  private var batches: [[PreparedRow<R>]] = []
  private var finished = false
  private var failure: (any Error)?
  private var cancelled = false
  private static var batchSize: Int { 512 }
  private static var maximumWaiting: Int { 4 }

  /// Starts reading `input` in `format` on a background thread; with `onlyKind`, only rows
  /// whose `id` has that kind's prefix are passed on.
  init(input: ImportInput, format: ImportFormat, reader: ImportReader, onlyKind: RecordKind? = nil)
  {
    let thread = Thread { [self] in
      do {
        try produce(input: input, format: format, reader: reader, onlyKind: onlyKind)
      } catch {
        condition.lock()
        failure = error
        condition.unlock()
      }
      condition.lock()
      finished = true
      condition.broadcast()
      condition.unlock()
    }
    thread.stackSize = 8 << 20
    thread.start()
  }

  private func produce(
    input: ImportInput, format: ImportFormat, reader: ImportReader, onlyKind: RecordKind?
  ) throws {
    let decoder = JSONValueDecoder()
    let encoder = JSONValueEncoder()
    let columns = reader.columns
    var batch: [PreparedRow<R>] = []
    batch.reserveCapacity(Self.batchSize)
    // The rows before a syntax error are handed on before it, so their problems are
    // listed with it.
    defer { if !batch.isEmpty { _ = hand(batch) } }
    try reader.forEachRow(input, format: format) { row in
      if let onlyKind, RecordID.kindOf(row.value["id"]?.stringValue ?? "", among: [onlyKind]) == nil
      {
        return
      }
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
              source: reader.source, line: row.line, field: missing.field,
              message: missing.message))
        }
        if prepared.problems.isEmpty, prepared.newRecordProblems.isEmpty {
          do {
            let record = try decoder.decode(
              R.self, from: .object(completed.row.filter { $0.value != .null }))
            prepared.record = record
            if case .object(let object) = try encoder.encode(record) {
              prepared.prepared = PreparedRecord(object)
            }
          } catch let error as DecodingError {
            prepared.newRecordProblems.append(
              RowPipeline.problem(error, row: completed.row, line: row.line, source: reader.source))
          }
        }
      } else if !row.isHeader, row.problems.isEmpty {
        prepared.problems.append(
          InputProblem(
            source: reader.source, line: row.line, field: nil,
            message: "a row must be a JSON object with the record's fields"))
      }
      batch.append(prepared)
      if batch.count == Self.batchSize {
        guard hand(batch) else { throw CancellationError() }
        batch.removeAll(keepingCapacity: true)
      }
    }
  }

  /// Waits for room and hands a batch over; false when the consumer stopped.
  private func hand(_ batch: [PreparedRow<R>]) -> Bool {
    condition.lock()
    defer { condition.unlock() }
    while batches.count >= Self.maximumWaiting && !cancelled { condition.wait() }
    guard !cancelled else { return false }
    batches.append(batch)
    condition.broadcast()
    return true
  }

  /// Calls `body` with each row in input order; rethrows a reading error (a syntax error
  /// ends the input) after the rows before it.
  func forEach(_ body: (PreparedRow<R>) throws -> Void) throws {
    defer { cancel() }
    while true {
      condition.lock()
      while batches.isEmpty && !finished { condition.wait() }
      if batches.isEmpty {
        let failure = failure
        condition.unlock()
        if let failure, !(failure is CancellationError) { throw failure }
        return
      }
      let batch = batches.removeFirst()
      condition.broadcast()
      condition.unlock()
      for row in batch { try body(row) }
    }
  }

  /// Stops the reading thread (after an error in the consumer).
  private func cancel() {
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
