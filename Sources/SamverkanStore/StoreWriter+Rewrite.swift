import SamverkanDomain
import SamverkanJSON

extension StoreWriter {
  /// Replaces every occurrence of `value` in a record's journal lines — the changes of
  /// `field`, the notes and the command lines that were journaled — by `marker` ("[raderat av anna
  /// 2026-11-25: skäl]"): rättelse with erasure (SPEC §14), for identifying text written by
  /// mistake. The rest of the journal file stays byte for byte; the file is replaced in the
  /// same commit as the correction, so a crash leaves it as before or as after.
  ///
  /// Call it after the correcting change (whose own line names only the new value), so the
  /// pending lines are rewritten too.
  public func eraseFromJournal(
    of id: RecordID, field: String, value: String, marker: String
  ) throws {
    guard !value.isEmpty else { return }
    let path = StorePaths.journal(id.kind, StorePaths.shardIndex(of: id))
    let stored = try journalRewrites[path] ?? (try FileSystem.read(store.path(path)) ?? [])
    let lines = try (stored + pendingJournal(path)).split(
      separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true)
    var rewritten: [UInt8] = []
    for line in lines {
      let parsed = try? JSONParser.parse(Array(line))
      if case .object(var members)? = parsed, members["id"]?.stringValue == id.description {
        // The corrected field's values, and the command lines and notes that typed them;
        // other fields keep their history (they still hold what they hold).
        for key in ["argv", "note"] {
          if let member = members[key] {
            members[key] = Self.replacing(value, with: marker, in: member)
          }
        }
        if case .object(var changes)? = members["changes"], let changed = changes[field] {
          changes[field] = Self.replacing(value, with: marker, in: changed)
          members["changes"] = .object(changes)
        }
        JSONWriter.write(.object(members), into: &rewritten)
      } else {
        rewritten.append(contentsOf: line)
      }
      rewritten.append(UInt8(ascii: "\n"))
    }
    journalRewrites[path] = rewritten
    journalAppends[path] = nil
  }

  /// The value with every string holding `value` rewritten.
  static func replacing(_ value: String, with marker: String, in json: JSONValue) -> JSONValue {
    switch json {
    case .string(let text) where text.contains(value):
      return .string(text.replacingOccurrences(of: value, with: marker))
    case .array(let items):
      return .array(items.map { replacing(value, with: marker, in: $0) })
    case .object(let members):
      return .object(members.mapValues { replacing(value, with: marker, in: $0) })
    default:
      return json
    }
  }
}

// MARK: - Gallring

extension StoreWriter {
  /// The log of gallring in the store's folder: one line per removed or archived record,
  /// without personal data (its ID, kind, the day and the rule) — the tombstones.
  public static let gallringLog = "gallring.ndjson"

  /// Removes every journal line of these records: gallring takes a record's history with
  /// it. Each journal file touched is replaced whole in the same commit.
  public func dropFromJournal(_ ids: Set<RecordID>) throws {
    let paths = Set(ids.map { StorePaths.journal($0.kind, StorePaths.shardIndex(of: $0)) })
    let names = Set(ids.map(\.description))
    for path in paths {
      let stored = try journalRewrites[path] ?? (try FileSystem.read(store.path(path)) ?? [])
      var kept: [UInt8] = []
      for line in try (stored + pendingJournal(path)).split(
        separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true)
      {
        if let id = (try? JSONParser.parse(Array(line)))?["id"]?.stringValue, names.contains(id) {
          continue
        }
        kept.append(contentsOf: line)
        kept.append(UInt8(ascii: "\n"))
      }
      journalRewrites[path] = kept
      journalAppends[path] = nil
      // Lines written ahead were read with the pending ones above.
      if let staged = spilledJournals.removeValue(forKey: path) {
        try FileSystem.remove(store.path(staged.path))
      }
    }
  }

  /// Appends tombstones to the gallring log.
  public func appendToGallringLog(_ entries: [JSONValue]) throws {
    let path = Self.gallringLog
    var bytes = try journalRewrites[path] ?? (try FileSystem.read(store.path(path)) ?? [])
    for entry in entries {
      JSONWriter.write(entry, into: &bytes)
      bytes.append(UInt8(ascii: "\n"))
    }
    journalRewrites[path] = bytes
  }

  /// Takes a person off the list of protected persons (their records are gone).
  public func unmarkProtected(_ person: PersonNumber) throws {
    var set = try protectedSet()
    guard set.remove(person.longForm) != nil else { return }
    protectedPersonNumbers = set
    protectedDirty = true
  }
}
