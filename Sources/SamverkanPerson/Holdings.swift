import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanJSON
import SamverkanStore

/// Everything the store holds about one person: the records of every kind (found through
/// the person index, a point lookup), the deviation reports that name those records, and
/// the disclosure log.
struct Holdings {
  struct Record {
    var id: RecordID
    var raw: JSONValue
    var state: String
    var isOpen: Bool
  }

  let person: PersonNumber
  var records: [Record] = []
  var deviations: [Record] = []
  var disclosures: [Disclosure] = []
  /// The name the newest record gives, if any.
  var name: String?

  init(_ person: PersonNumber, reader: StoreReader, types: [RecordType]) throws {
    self.person = person
    func describe(_ id: RecordID, _ raw: JSONValue) throws -> Record {
      let described = try types.first { $0.kind == id.kind }?.describe(raw)
      return Record(
        id: id, raw: raw, state: described?.state ?? "", isOpen: described?.isOpen ?? false)
    }
    for id in try reader.recordIDs(person: person).sorted() where id.kind != .disclosure {
      guard let raw = try reader.rawRecord(id) else { continue }
      records.append(try describe(id, raw))
      if let name = raw["personName"]?.stringValue { self.name = name }
    }
    let named = Set(records.map(\.id.description))
    if try reader.hasCollection(.deviation) {
      try reader.forEachRawRecord(of: .deviation) { id, raw in
        if let from = raw["from"]?.stringValue, named.contains(from) {
          deviations.append(try describe(id, raw))
        }
      }
    }
    disclosures = try reader.records(Disclosure.self, person: person).sorted {
      try ($0.date, $0.savedID) < ($1.date, $1.savedID)
    }
  }

  var isEmpty: Bool { records.isEmpty && disclosures.isEmpty }

  /// `person show`'s rows: the records, the deviations that name them, the disclosures.
  var rows: [JSONValue] {
    get throws {
      var rows: [JSONValue] = []
      func base(_ id: String, _ kind: String) -> [String: JSONValue] {
        var row: [String: JSONValue] = [
          "id": .string(id), "kind": .string(kind), "person": .string(person.longForm),
        ]
        if let name { row["personName"] = .string(name) }
        return row
      }
      for record in records + deviations {
        var row = base(record.id.description, record.id.kind.noun)
        row["state"] = .string(record.state)
        row["open"] = .bool(record.isOpen)
        row["detail"] = .string(Self.detail(record))
        rows.append(.object(row))
      }
      for entry in disclosures {
        var row = base(try entry.savedID.description, "disclosure")
        row["state"] = .string(entry.stateName)
        row["open"] = .bool(false)
        row["detail"] = .string(
          "\(entry.date) \(entry.step) \(entry.record): \(entry.from) → \(entry.to.map(\.value).joined(separator: ", ")), \(entry.purpose.rawValue), \(entry.basisText)"
        )
        rows.append(.object(row))
      }
      return rows
    }
  }

  /// A line saying what the record is about, from its own fields.
  static func detail(_ record: Record) -> String {
    let raw = record.raw
    func text(_ key: String) -> String? {
      if let value = raw[key]?.stringValue { return value }
      if let list = raw[key]?.arrayValue {
        let items = list.compactMap(\.stringValue)
        return items.isEmpty ? nil : items.joined(separator: ", ")
      }
      return nil
    }
    switch record.id.kind {
    case .consent:
      return
        "\(text("parties") ?? ""); \(text("purposes") ?? ""); \(text("validFrom") ?? "")–\(text("validUntil") ?? "")"
    case .transfer:
      return "\(text("from") ?? "") → \(text("to") ?? ""), \(text("handoverDate") ?? "")"
    case .deviation:
      return "names \(text("from") ?? ""); \(text("units") ?? "")"
    default:
      let parties = ["parties", "administrations", "initiator", "organization"].compactMap(text)
      return parties.first ?? ""
    }
  }
}
