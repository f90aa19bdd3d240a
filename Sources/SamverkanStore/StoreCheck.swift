import Foundation
import SamverkanDomain
import SamverkanJSON

/// A record type as `store check` needs it: how to decode one and what it indexes.
public struct CheckedKind: Sendable {
  public let kind: RecordKind
  let keys: @Sendable (JSONValue) throws -> IndexKeys

  /// The check for records of type `R`.
  public static func of<R: StoredRecord>(_ type: R.Type) -> CheckedKind {
    CheckedKind(kind: R.kind) { raw in
      let record = try JSONValueDecoder().decode(R.self, from: raw)
      return IndexKeys(
        person: record.person?.longForm, references: record.references.map(\.description),
        ref: record.ref, isOpen: record.isOpen, state: record.stateName)
    }
  }
}

struct IndexKeys {
  var person: String?
  var references: [String]
  var ref: String?
  var isOpen: Bool
  var state: String
}

/// `samverkan store check`: every file parses, every record decodes in its right place,
/// the indexes match the records, every reference resolves, and each record's journal
/// replays to exactly the record.
public struct StoreCheck {
  public let store: Store
  public let kinds: [CheckedKind]

  public init(store: Store, kinds: [CheckedKind]) {
    self.store = store
    self.kinds = kinds
  }

  /// A problem found: the file (relative to the store) and what is wrong.
  public struct Problem: Equatable, Sendable, CustomStringConvertible {
    public var file: String
    public var message: String
    public var description: String { "\(file): \(message)" }

    public init(file: String, message: String) {
      self.file = file
      self.message = message
    }
  }

  /// What was checked, for the summary line.
  public struct Report: Sendable {
    public var problems: [Problem] = []
    public var records = 0
    public var journalLines = 0
  }

  /// Calls `body` with every path in the store below `relative` and what is there, without
  /// following links.
  private func walk(_ relative: String, _ body: (String, mode_t) -> Void) {
    let directory = relative.isEmpty ? store.directory : store.path(relative)
    for name in (try? FileSystem.list(directory)) ?? [] {
      let file = relative.isEmpty ? name : relative + "/" + name
      guard let type = FileSystem.type(store.path(file)) else { continue }
      body(file, type)
      if type == S_IFDIR { walk(file, body) }
    }
  }

  /// What the check says about a store directory that does not exist.
  public static let missingStore =
    "there is no store here: the directory does not exist. A command that changes something creates it; check --store or SAMVERKAN_STORE."

  /// Runs every check. Like every command, it first finishes a change that a killed
  /// process left half-done (what the commit marker describes); it changes nothing else.
  public func run() throws -> Report {
    var report = Report()
    func problem(_ file: String, _ message: String) {
      report.problems.append(Problem(file: file, message: message))
    }
    // A store that does not exist is not an empty one: it may be a mistyped --store.
    guard FileSystem.exists(store.directory) else {
      problem(store.directory, StoreCheck.missingStore)
      return report
    }
    // Links and special files first: every command refuses to read through them, so they
    // are reported alone, and the rest is checked once they are gone.
    walk("") { file, type in
      switch type {
      case _ where file == Profile.fileName: break
      case S_IFDIR, S_IFREG: break
      case S_IFLNK:
        let target =
          (try? FileManager.default.destinationOfSymbolicLink(atPath: store.path(file))) ?? "?"
        problem(
          file,
          "a symbolic link (to \(target)); a store holds no links, which could make it read or write outside it"
        )
      default:
        problem(
          file, "not a plain file (a FIFO, socket or device); a store holds only plain files")
      }
    }
    // A marker naming paths outside the store would stop the check below; say what it names.
    if let marker = Commit.markerProblem(in: store) {
      problem(StorePaths.commitMarker, marker)
    }
    if !report.problems.isEmpty {
      report.problems.sort { ($0.file, $0.message) < ($1.file, $1.message) }
      return report
    }
    return try store.read { reader in
      if store.exists {
        if let bytes = try FileSystem.read(store.path(StorePaths.storeFile)),
          (try? JSONParser.parse(bytes))?["schemaVersion"] == nil
        {
          problem(StorePaths.storeFile, "it does not parse or has no schemaVersion")
        }
      }
      var persons: [String: Set<String>] = [:]
      var references: [String: [String: JSONValue]] = [:]
      var allIDs = Set<String>()
      var wanted: [(from: String, to: String)] = []
      for checked in kinds {
        let kind = checked.kind
        var refs: [String: String] = [:]
        var highest = 0
        var journals: [Int: [JournalEntry]] = [:]
        var recordsByShard: [Int: [Int: JSONValue]] = [:]
        let recordFiles = try FileSystem.list(store.path(StorePaths.recordsDirectory(kind)))
        for name in recordFiles {
          let file = "\(StorePaths.recordsDirectory(kind))/\(name)"
          guard name.hasSuffix(".json"), let index = Int(name.dropLast(5)) else {
            problem(file, "an unexpected file in the records folder")
            continue
          }
          let shard: Shard
          do {
            shard = try Shard.load(
              path: file, key: ShardKey(kind: kind, index: index), store: store)
          } catch let error as SamverkanError {
            problem(file, error.message)
            continue
          }
          for (number, slot) in shard.records {
            let raw = try slot.value(path: file, store)
            let id = RecordID(kind: kind, number: number)
            highest = max(highest, number)
            report.records += 1
            allIDs.insert(id.description)
            recordsByShard[index, default: [:]][number] = raw
            let keys: IndexKeys
            do {
              keys = try checked.keys(raw)
            } catch let error as DecodingError {
              problem(file, "\(id): \(error.fieldPath): \(error.plainMessage)")
              continue
            } catch {
              problem(file, "\(id): \(error)")
              continue
            }
            if let person = keys.person { persons[person, default: []].insert(id.description) }
            for target in keys.references {
              references[target, default: [:]][id.description] =
                RecordReference(
                  id: id, isOpen: keys.isOpen, state: keys.state
                ).json
              wanted.append((id.description, target))
            }
            if let ref = keys.ref {
              if let owner = refs[ref] {
                problem(file, "\(id) and \(owner) have the same ref '\(ref)'")
              }
              refs[ref] = id.description
            }
          }
        }
        // The counter must be past every ID, or the next record would take an existing ID.
        if highest > 0 {
          let meta = try? reader.meta(kind)
          if let meta, meta.nextNumber <= highest {
            problem(
              StorePaths.meta(kind),
              "nextNumber is \(meta.nextNumber) but \(kind.prefix)-\(highest) exists")
          } else if meta == nil || meta?.exists == false {
            problem(StorePaths.meta(kind), "missing or damaged")
          }
        }
        // Journals: every line parses, and replaying a record's lines gives the record.
        for name in try FileSystem.list(store.path(StorePaths.journalDirectory(kind))) {
          let file = "\(StorePaths.journalDirectory(kind))/\(name)"
          guard name.hasSuffix(".ndjson"), let index = Int(name.dropLast(7)) else {
            problem(file, "an unexpected file in the journal folder")
            continue
          }
          let bytes: [UInt8]
          do throws(SamverkanError) {
            bytes = try FileSystem.read(store.path(file)) ?? []
          } catch {
            problem(file, error.message)
            continue
          }
          if let last = bytes.last, last != UInt8(ascii: "\n") {
            problem(file, "the last line is cut off")
          }
          Journal.forEachLine(bytes) { line, number in
            guard let value = try? JSONParser.parse(line), let entry = JournalEntry(json: value)
            else {
              problem(file, "line \(number) is not a journal entry")
              return
            }
            report.journalLines += 1
            journals[index, default: []].append(entry)
          }
        }
        for index in Set(journals.keys).union(recordsByShard.keys).sorted() {
          let file = StorePaths.journal(kind, index)
          var replayed: [Int: [String: JSONValue]] = [:]
          var removed = Set<Int>()
          for entry in journals[index] ?? [] {
            guard entry.id.kind == kind, StorePaths.shardIndex(of: entry.id) == index else {
              problem(file, "a line for \(entry.id) is in the wrong journal")
              continue
            }
            if entry.removed {
              replayed[entry.id.number] = nil
              removed.insert(entry.id.number)
            } else {
              Journal.apply(entry.changes, to: &replayed[entry.id.number, default: [:]])
              removed.remove(entry.id.number)
            }
          }
          let stored = recordsByShard[index] ?? [:]
          for (number, raw) in stored.sorted(by: { $0.key < $1.key }) {
            let id = RecordID(kind: kind, number: number)
            guard let state = replayed[number] else {
              problem(file, "\(id) has no journal lines")
              continue
            }
            if JSONValue.object(state) != raw {
              problem(file, "\(id): the journal does not replay to the stored record")
            }
          }
          for number in replayed.keys.sorted() where stored[number] == nil {
            problem(
              file,
              "\(RecordID(kind: kind, number: number)) is in the journal but not in the records")
          }
        }
        // External references.
        for name in try FileSystem.list(store.path("\(kind.collection)/refs")) {
          let file = "\(kind.collection)/refs/\(name)"
          guard name.hasSuffix(".json"), let bucket = Int(name.dropLast(5), radix: 16) else {
            continue
          }
          for (ref, id) in (try? reader.bucket(file)) ?? [:] {
            if StorePaths.bucket(of: ref) != bucket {
              problem(file, "'\(ref)' is in the wrong bucket")
            }
            if refs[ref] != id.stringValue {
              problem(
                file,
                "'\(ref)' points to \(id.stringValue ?? "nothing"), but the records say \(refs[ref] ?? "no record has it")"
              )
            }
            refs[ref] = nil
          }
        }
        for (ref, id) in refs.sorted(by: { $0.key < $1.key }) {
          problem(
            StorePaths.refs(kind, StorePaths.bucket(of: ref)),
            "'\(ref)' of \(id) is missing from the index")
        }
      }
      // Every bucket the manifest lists must be there, or its entries are lost.
      if let listed = try? reader.indexBuckets() {
        for file in listed.sorted() where !FileSystem.exists(store.path(file)) {
          problem(file, "missing, though index/buckets.json lists it; its entries are lost")
        }
      }
      // The person register names only persons the store holds records about.
      let known = Set(persons.keys)
      for bucket in 0..<Store.bucketCount {
        let file = StorePaths.names(bucket)
        for person in ((try? reader.bucket(file)) ?? [:]).keys.sorted()
        where !known.contains(person) {
          problem(file, "the person register names a person no record is about")
        }
      }
      // The person and reference indexes must say exactly what the records say.
      for bucket in 0..<Store.bucketCount {
        let file = StorePaths.persons(bucket)
        for (person, ids) in (try? reader.bucket(file)) ?? [:] {
          let listed = Set((ids.arrayValue ?? []).compactMap(\.stringValue))
          let expected = persons[person] ?? []
          if listed != expected {
            problem(
              file,
              "the person index lists \(listed.sorted()) for a person whose records are \(expected.sorted())"
            )
          }
          persons[person] = nil
        }
        let referencesFile = StorePaths.references(bucket)
        for (target, entries) in (try? reader.bucket(referencesFile)) ?? [:] {
          let listed = Dictionary(
            (entries.arrayValue ?? []).map { ($0["id"]?.stringValue ?? "", $0) },
            uniquingKeysWith: { first, _ in first })
          if listed != (references[target] ?? [:]) {
            problem(referencesFile, "the references to \(target) do not match the records")
          }
          references[target] = nil
        }
      }
      for person in persons.keys.sorted() {
        problem(
          StorePaths.persons(StorePaths.bucket(of: person)),
          "a person's records are missing from the person index")
      }
      for target in references.keys.sorted() {
        problem(
          StorePaths.references(StorePaths.bucket(of: target)),
          "records relying on \(target) are missing from the index")
      }
      for (from, to) in wanted where !allIDs.contains(to) {
        problem(from, "\(from) relies on \(to), which does not exist")
      }
      do {
        _ = try reader.protectedSet()
      } catch let error as SamverkanError {
        problem(StorePaths.protectedPersons, error.message)
      }
      report.problems.sort { ($0.file, $0.message) < ($1.file, $1.message) }
      return report
    }
  }
}
