import Foundation
import SamverkanDomain
import SamverkanJSON

// MARK: - The person register

extension StoreWriter {
  /// The record's JSON without the person's name, as the store keeps it.
  static func withoutName(_ json: JSONValue) -> JSONValue {
    guard case .object(var members) = json, members["person"] != nil else { return json }
    members["personName"] = nil
    return .object(members)
  }

  /// Why a record's name for its person cannot be saved, if it cannot: the register holds
  /// another name for the person. The message names neither (the person may be protected).
  public func nameConflict(person: PersonNumber?, name: String?) throws -> String? {
    guard let person, let name,
      let known = try registeredName(of: person.longForm), known != name
    else { return nil }
    return Self.nameConflictMessage
  }

  private static let nameConflictMessage =
    "the name given differs from the one the person register holds for this person; a person has one name in the store. Leave the name out, or correct it everywhere with 'samverkan person correct PNR --name … --reason …'"

  /// Sets or confirms the person's name in the register; refused (77) when it holds another.
  func register(_ name: String, for person: PersonNumber, id: RecordID) throws {
    let key = person.longForm
    let path = StorePaths.names(StorePaths.bucket(of: key))
    // The register's bucket read once, for the conflict and for whether to add the name.
    if let known = try bucket(path)[key]?.stringValue {
      guard known == name else {
        throw SamverkanError.refused("\(id) cannot be saved: \(Self.nameConflictMessage).")
      }
      return
    }
    try editBucket(path) { $0[key] = .string(name) }
  }

  /// Corrects the person's name in the register (rättelse): the one place it lives.
  public func renamePerson(_ person: PersonNumber, to name: String) throws {
    let key = person.longForm
    try editBucket(StorePaths.names(StorePaths.bucket(of: key))) { $0[key] = .string(name) }
  }

  /// Removes a person from the register (gallring).
  public func forgetPerson(_ person: PersonNumber) throws {
    let key = person.longForm
    guard try registeredName(of: key) != nil else { return }
    try editBucket(StorePaths.names(StorePaths.bucket(of: key))) { $0[key] = nil }
  }

  // MARK: - Migration from schema 1

  /// Moves every record's name into the person register (schema 1 → 2), in the same commit
  /// as the command that opened the store: each record whose name moves gets a journal line
  /// saying so (so its journal still replays to it), and the files as they were are kept
  /// under `backup/schema-1/` until `store check` finds the store sound.
  ///
  /// Where two records of one person gave different names, the register keeps the newest
  /// record's (the highest ID of the latest kind to name it) and the journal line of each
  /// other record says which name it had.
  func migrateToRegister() throws {
    var names: [String: (name: String, id: RecordID)] = [:]
    var moved: [(id: RecordID, person: String, name: String)] = []
    for kind in RecordKind.all {
      for index in try shardIndices(of: kind) {
        let key = ShardKey(kind: kind, index: index)
        let path = StorePaths.shard(kind, index)
        let shard = try self.shard(key)
        var touched = false
        for number in shard.records.keys.sorted() {
          guard let stored = shard.records[number] else { continue }
          let raw = try stored.value(path: path, store)
          guard let person = raw["person"]?.stringValue,
            let name = raw["personName"]?.stringValue
          else { continue }
          let id = RecordID(kind: kind, number: number)
          var bytes: [UInt8] = []
          JSONWriter.write(Self.withoutName(raw), into: &bytes)
          shard.records[number] = .encoded(bytes)
          names[person] = (name, id)
          moved.append((id, person, name))
          touched = true
        }
        if touched {
          if let original = try FileSystem.read(store.path(path)) {
            journalRewrites["\(StorePaths.schema1Backup)/\(path)"] = original
          }
          dirtyShards.insert(key)
        }
      }
    }
    for (person, entry) in names {
      try editBucket(StorePaths.names(StorePaths.bucket(of: person))) {
        $0[person] = .string(entry.name)
      }
    }
    for entry in moved {
      guard let kept = names[entry.person] else {
        throw SamverkanError.internalError("\(entry.id) moved a name the register did not keep")
      }
      var changes: [UInt8] = []
      JSONWriter.write(.object(["personName": .null]), into: &changes)
      journal(
        id: entry.id, action: "migrate", changes: changes,
        note: kept.name == entry.name
          ? "the name now lives once per person in the person register (schema 2)"
          : "the name now lives once per person in the person register (schema 2); this record named the person differently from \(kept.id), whose name the register keeps"
      )
    }
    schemaUpgraded = true
  }
}

extension Store {
  /// Where a migration keeps the schema-1 files, relative to the store.
  public static let schema1Backup = StorePaths.schema1Backup

  /// Removes the copy of the schema-1 files a migration kept (`backup/schema-1`), under the
  /// write lock; `store check` calls it once the migrated store is sound. Whether it did.
  public func removeSchema1Backup() throws -> Bool {
    let backup = path(StorePaths.schema1Backup)
    guard FileSystem.type(backup) == S_IFDIR else { return false }
    return try write { _ in
      do {
        try FileManager.default.removeItem(atPath: backup)
        rmdir(path("backup"))  // only when nothing else is in it
        return true
      } catch {
        throw SamverkanError.storeUnavailable(path: backup, reason: "it cannot be removed")
      }
    }
  }
}
