import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanJSON

/// A consent is a record `consent` lists, shows, imports and exports.
extension Consent: CommandRecord {
  /// How an import row with neither id nor ref finds its record (README, Bulk import).
  public static let naturalKey = ["person", "parties", "purposes", "validFrom", "validUntil"]

  public static let listColumns = [
    Column("id", "ID"), Column("person", "PERSON"), Column("personName", "NAME"),
    Column("parties", "PARTIES"), Column("purposes", "PURPOSES"), Column("type", "TYPE"),
    Column("validFrom", "FROM"), Column("validUntil", "UNTIL"), Column("reviewDate", "REVIEW"),
    Column("status", "STATUS"),
  ]

  /// The fields `list` can show: the record's, and its status on the day asked about.
  static let listFieldNames = fieldNames + ["status"]

  /// The rules of the record (`problems(profile:)`) and of changing it: a withdrawal stays
  /// withdrawn and a consent stays the consent of the person who gave it.
  public func problems(previous: Consent?, in context: RuleContext) -> [FieldProblem] {
    var problems = problems(profile: context.profile)
    guard let previous else { return problems + recordingProblems(profile: context.profile) }
    if let revoked = previous.revocation, revocation != revoked {
      problems.append(
        FieldProblem(
          "revocation",
          "\(previous.id.map(\.description) ?? "the consent") was withdrawn on \(revoked.date); a withdrawal cannot be undone or changed. Record new consent with 'samverkan consent grant'",
          rule: true))
    }
    if previous.person != person {
      problems.append(
        FieldProblem(
          "person",
          "a consent belongs to the person who gave it and cannot be moved to another; record new consent for them instead"
        ))
    }
    return problems
  }

  /// The record as `list` writes it: its fields and its status on `date`.
  func listJSON(on date: CivilDate) throws -> JSONValue {
    guard case .object(var object) = try json else { return try json }
    object["status"] = .string(status(on: date).rawValue)
    return .object(object)
  }

  /// What `show` prints for a person: the fields in the routine's order with their Swedish
  /// names, the status today, and what the person does not want shared near the top.
  func display(_ context: RuleContext) -> [(field: String, value: JSONValue)] {
    let profile = context.profile
    let today = context.clock.today
    var rows: [(field: String, value: JSONValue)] = []
    func add(_ field: String, _ text: String?) {
      if let text, !text.isEmpty { rows.append((field, .string(text))) }
    }
    add("id", id?.description)
    add("status", statusLine(on: today))
    add("restrictions", restrictions.map { "Does NOT want shared: \($0)" })
    add("person", person?.longForm)
    add("personName", personName)
    add("parties", parties.map { "\($0) (\(profile.name(of: $0)))" }.joined(separator: "; "))
    add("purposes", purposes.map { "\($0.rawValue) (\($0.swedish))" }.joined(separator: "; "))
    add("type", "\(type.rawValue) (\(type.swedish))")
    add("form", form.map { "\($0.rawValue) (\($0.swedish))" })
    let givers = [givenByName, otherGuardianName].compactMap { $0 }
    add(
      "givenBy",
      "\(givenBy.rawValue) (\(givenBy.swedish))"
        + (givers.isEmpty ? "" : ": " + givers.joined(separator: " and "))
        + (soleGuardian ? " (ensam vårdnadshavare)" : ""))
    add("childView", childView.map { "the child's own view: \($0)" })
    add("validFrom", validFrom.description)
    add("validUntil", validUntil.description)
    add("reviewDate", reviewDate?.description)
    add(
      "informed",
      informed
        ? "yes: told that they can withdraw the consent and how" : "NO: not told how to withdraw")
    add("recordedBy", "\(recordedBy) on \(recordedOn)")
    add(
      "reviews",
      reviews.map { review in
        "\(review.date) by \(review.by); next review by \(review.nextReview)"
          + (review.note.map { ": \($0)" } ?? "")
      }.joined(separator: "\n"))
    add(
      "revocation",
      revocation.map {
        "withdrawn from \($0.date): \($0.reason) (communicated: \($0.communicated); recorded by \($0.recordedBy))"
      })
    add("ref", ref)
    add("note", note)
    return rows
  }

  /// "active (gäller) on 2026-11-25; covers sharing until 2027-11-24".
  func statusLine(on date: CivilDate) -> String {
    let status = status(on: date)
    var text = "\(status.rawValue) (\(status.swedish)) on \(date)"
    switch status {
    case .active:
      text += "; covers what it names until \(validUntil)"
      if let due = reviewDate(on: date) { text += ", if re-examined by \(due)" }
    case .notYetValid:
      text += "; valid from \(validFrom)"
    case .expired:
      text += "; its last valid day was \(validUntil)"
    case .revoked:
      // Revoked on a day means withdrawn on or before it.
      if let revocation { text += "; withdrawn from \(revocation.date)" }
    case .reviewDue:
      // Review-due on a day means a review date before it.
      if let due = reviewDate(on: date) {
        text +=
          "; should have been re-examined by \(due) and covers nothing until 'samverkan consent review \(id?.description ?? "")'"
      }
    }
    return text
  }
}
