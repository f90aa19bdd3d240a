import Foundation
import SamverkanDomain
import SamverkanEscalate
import SamverkanStore
import SamverkanTestSupport
import Testing

/// The parties most tests use: a youth unit and the administration for disability support.
let youthUnit = "SF-NORDOST/BOU"
let parties = "\(youthUnit),FFS"

extension TestStore {
  /// Runs a command and requires it to succeed, returning its stdout's first line.
  @discardableResult
  func ok(
    _ arguments: [String], stdin: String = "", today: String = testToday,
    sourceLocation: SourceLocation = #_sourceLocation
  ) -> String {
    let result = run(arguments, stdin: stdin, environment: ["SAMVERKAN_TODAY": today])
    #expect(
      result.code == 0, "\(arguments.joined(separator: " "))\n\(result)",
      sourceLocation: sourceLocation)
    return result.lines.first ?? ""
  }

  /// Runs a command that must be refused with `code`, and checks the store is unchanged
  /// byte for byte; returns stderr.
  @discardableResult
  func refused(
    _ arguments: [String], code: Int32 = 77, stdin: String = "", today: String = testToday,
    sourceLocation: SourceLocation = #_sourceLocation
  ) -> String {
    expectRefused(
      arguments, code: code, stdin: stdin, environment: ["SAMVERKAN_TODAY": today],
      sourceLocation: sourceLocation
    ).stderr
  }

  /// Opens a named matter about `TestPerson.adult` between the youth unit and FFS.
  @discardableResult
  func openNamed(
    person: String = TestPerson.adult, name: String = "Anna Andersson",
    parties: String = parties, responsible: String = youthUnit, complete: Bool = true,
    today: String = testToday
  ) -> String {
    var arguments = [
      "escalate", "open", "--person", person, "--name", name, "--parties", parties,
      "--responsible", responsible, "--question", "Vem ansvarar för boendestödet efter 19 år?",
    ]
    if complete {
      arguments += [
        "--background", "Autism, utredd 2019.", "--situation",
        "Boendestöd från BoU; ingen planering efter 19 år.",
      ]
    }
    return ok(arguments, today: today)
  }

  /// Opens a matter and takes it to level 2.
  @discardableResult
  func namedAtLevel2(
    person: String = TestPerson.adult, name: String = "Anna Andersson",
    parties: String = parties, today: String = testToday
  ) -> String {
    let id = openNamed(person: person, name: name, parties: parties, today: today)
    ok(
      ["escalate", "attempt", id, "--note", "Handläggarna har talats vid utan att enas."],
      today: today)
    ok(["escalate", "raise", id], today: today)
    return id
  }

  /// Opens an anonymous consultation, complete for registration, and takes it to level 2.
  @discardableResult
  func anonymousAtLevel2(today: String = testToday, question: String = "Kan FFS erbjuda stöd?")
    -> String
  {
    let id = ok(
      [
        "escalate", "open", "--anonymous", "--parties", parties, "--responsible", youthUnit,
        "--question", question, "--background", "Autism.", "--situation", "Boendestöd.",
      ], today: today)
    ok(["escalate", "attempt", id, "--note", "Samtal utan lösning."], today: today)
    ok(["escalate", "raise", id], today: today)
    return id
  }

  /// Saves a consent for the person, as the consent verbs would.
  @discardableResult
  func grantConsent(
    person: String = TestPerson.adult, parties: [String] = ["SF-NORDOST", "FFS"],
    purposes: [ConsentPurpose] = [.consultation], restrictions: String? = nil
  ) throws -> RecordID {
    try seedConsent(
      person: person, parties: parties, purposes: purposes, restrictions: restrictions)
  }

  /// Revokes a consent from a date.
  func revokeConsent(_ id: RecordID, on date: CivilDate) throws {
    try seedRevocation(id, on: date)
  }

  /// The stored matter.
  func matter(_ id: String) throws -> Escalation {
    let store = Store(directory: path, actor: "tester", commandLine: ["test"])
    return try store.read { reader in
      try reader.require(try RecordID(parsing: id), as: Escalation.self)
    }
  }
}
