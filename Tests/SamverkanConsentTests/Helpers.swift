import Foundation
import SamverkanDomain
import SamverkanStore
import SamverkanTestSupport
import Testing

/// A date from its text, for tests: `day("2026-11-25")`.
func day(_ text: String) -> CivilDate {
  try! CivilDate(iso: text)
}

/// An organization ID as written.
func org(_ text: String) -> OrganizationID {
  OrganizationID(unchecked: text)
}

/// The test person as a `PersonNumber`.
func pnr(_ text: String = TestPerson.adult) -> PersonNumber {
  try! PersonNumber(longForm: text)
}

/// A valid consent with everything a test does not care about filled in: written explicit
/// consent between SF-NORDOST and FFS for `sp`, 2026-01-01 … 2026-12-31, stored as CON-1.
func consent(
  id: Int? = 1, person: String = TestPerson.adult, parties: [String] = ["SF-NORDOST", "FFS"],
  purposes: [ConsentPurpose] = [.sp], type: ConsentType = .explicit,
  form: ConsentForm? = .written, givenBy: ConsentGiver = .self_, givenByName: String? = nil,
  from: String = "2026-01-01", until: String = "2026-12-31", review: String? = nil,
  reviews: [ConsentReview] = [], informed: Bool = true, restrictions: String? = nil,
  revoked: String? = nil
) -> Consent {
  Consent(
    id: id.map { RecordID(kind: .consent, number: $0) }, person: pnr(person),
    parties: parties.map(org), purposes: purposes, type: type,
    form: type == .explicit ? form : nil, givenBy: givenBy, givenByName: givenByName,
    validFrom: day(from), validUntil: day(until), reviewDate: review.map(day), reviews: reviews,
    informed: informed, restrictions: restrictions, recordedBy: "tester",
    recordedOn: day(from),
    revocation: revoked.map {
      ConsentRevocation(
        date: day($0), reason: "changed her mind", communicated: "by phone",
        recordedBy: "tester")
    })
}

/// Saves records straight into a test store, as other commands' records will be.
func insert<R: StoredRecord>(_ records: [R], into store: TestStore) throws {
  let direct = Store(directory: store.path, actor: "tester", commandLine: ["test"])
  try direct.write { writer in
    for record in records { try writer.insert(record, action: "test") }
  }
}

/// A stand-in for a SIP, SP or transfer that relies on a consent (none exist yet): it lists
/// the consent in `references` as those commands will.
struct FakePlan: StoredRecord, Equatable {
  static let kind = RecordKind.sip
  static let fields = [RecordField("id"), RecordField("person"), RecordField("consent")]

  var id: RecordID?
  var person: PersonNumber?
  var consent: RecordID
  var closed: Bool

  var references: [RecordID] { [consent] }
  var isOpen: Bool { !closed }
  var stateName: String { closed ? "closed" : "invited" }
}

/// The ID on stdout's first line.
extension RunResult {
  var firstLine: String { lines.first ?? "" }
}

/// The arguments of a valid `consent grant`; an option in `extra` replaces the same option
/// of the valid set (list options would otherwise add up).
func grantArguments(_ extra: [String] = [], person: String = TestPerson.adult) -> [String] {
  var base: [(String, String?)] = [
    ("--person", person), ("--parties", "SF-NORDOST,FFS"), ("--purpose", "sp"),
    ("--form", "written"), ("--until", "2027-11-30"), ("--informed", nil),
  ]
  base.removeAll { option, _ in extra.contains(option) }
  return ["consent", "grant"] + base.flatMap { [$0.0] + ($0.1.map { [$0] } ?? []) } + extra
}

/// Runs a program found on PATH (jq) with input on stdin; returns exit code and stdout.
func runTool(_ name: String, _ arguments: [String], stdin: String) throws -> (Int32, String) {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
  process.arguments = [name] + arguments
  let input = Pipe()
  let output = Pipe()
  process.standardInput = input
  process.standardOutput = output
  process.standardError = FileHandle.nullDevice
  try process.run()
  input.fileHandleForWriting.write(Data(stdin.utf8))
  try input.fileHandleForWriting.close()
  let data = output.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}
