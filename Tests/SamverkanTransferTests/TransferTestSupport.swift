import Foundation
import SamverkanDomain
import SamverkanStore
import SamverkanTestSupport
import Testing

/// A person from one of Skatteverket's test numbers (long form).
func testPerson(_ longForm: String) throws -> PersonNumber {
  try PersonNumber(longForm: longForm)
}

/// The samordningsnummer for the same birth date and serial as a test number: day plus 60,
/// check digit recomputed. Only made from test numbers born before 1911, who cannot be
/// alive, so no real person's number is ever formed.
func coordinationNumber(_ longForm: String) -> String {
  #expect(longForm.prefix(4) < "1911", "a samordningsnummer for a test must be born before 1911")
  let digits = Array(longForm.replacingOccurrences(of: "-", with: ""))
  let day = (Int(String(digits[6...7])) ?? 0) + 60
  var changed = digits
  changed.replaceSubrange(6...7, with: Array(String(day)))
  let nine = changed[2..<11].compactMap(\.wholeNumberValue)
  var sum = 0
  for (index, digit) in nine.enumerated() {
    let product = index % 2 == 0 ? digit * 2 : digit
    sum += product / 10 + product % 10
  }
  changed[11] = Character(String((10 - sum % 10) % 10))
  let twelve = String(changed)
  return "\(twelve.prefix(8))-\(twelve.suffix(4))"
}

/// The units most tests hand over between.
let youthUnit = "SF-NORDOST/BOU"
let adultUnit = "SF-NORDOST/VUXEN"

extension TestStore {
  /// Inserts a consent directly (the `consent` verbs are built on another branch) and
  /// returns its ID.
  @discardableResult
  func grantConsent(
    person: String, parties: [String] = [youthUnit, adultUnit],
    purposes: [ConsentPurpose] = [.transfer], from: String = "2026-01-01",
    until: String = "2029-12-31", restrictions: String? = nil
  ) throws -> RecordID {
    try seedConsent(
      person: person, parties: parties, purposes: purposes, from: from, until: until,
      restrictions: restrictions)
  }

  /// Revokes a consent directly, from a date.
  func revokeConsent(_ id: RecordID, on date: String) throws {
    try seedRevocation(id, on: day(date))
  }

  /// What the store says relies on a record (as `consent revoke` asks).
  func references(to id: RecordID) throws -> [RecordReference] {
    try Store(directory: path, actor: "tester", commandLine: ["test"]).read {
      try $0.references(to: id)
    }
  }

  /// Runs with the clock pinned to another day.
  @discardableResult
  func run(_ arguments: [String], on today: String) -> RunResult {
    run(arguments, environment: ["SAMVERKAN_TODAY": today])
  }

  /// Writes a package with every part filled in.
  @discardableResult
  func fillPackage(_ id: String, on today: String = testToday) -> RunResult {
    run(
      [
        "transfer", "package", id, "--background", "Bor med mamma och två yngre syskon.",
        "--guardian", "Ingen; myndig från 18 år.", "--current-situation",
        "Går tredje året på gymnasiet, har boendestöd.", "--disability",
        "Utredd för adhd 2019 (BUP), diagnos fastställd.", "--interventions",
        "Kontaktperson sedan 2024; planering för eget boende.", "--caseworker", "Karin Lund",
      ], on: today)
  }
}

extension TestStore {
  /// Runs a transfer command that must be refused, and checks the store did not change.
  @discardableResult
  func refused(
    _ arguments: [String], on today: String = testToday, code: Int32 = 77,
    saying text: String, sourceLocation: SourceLocation = #_sourceLocation
  ) -> RunResult {
    expectRefused(
      arguments, code: code, mentioning: [text], environment: ["SAMVERKAN_TODAY": today],
      sourceLocation: sourceLocation)
  }
}
