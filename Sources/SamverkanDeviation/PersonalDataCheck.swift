import Foundation
import SamverkanDomain

/// Finds personnummer and samordningsnummer written in free text, so that a deviation
/// report — which is about units and routines, not persons — never stores one.
///
/// Every run of 10 or 12 digits (with an optional `-`, `+` or space before the last four)
/// that reads as a valid personnummer counts; other numbers (phone numbers, dates, case
/// numbers) pass.
enum PersonalDataCheck {
  private static let candidate = try! NSRegularExpression(
    pattern: "(?<![0-9])(?:[0-9]{8}|[0-9]{6})[-+ ]?[0-9]{4}(?![0-9])")

  /// How many personnummer the text contains (never the numbers themselves, so that
  /// messages do not repeat them).
  static func personNumberCount(in text: String, today: CivilDate) -> Int {
    let range = NSRange(text.startIndex..., in: text)
    return candidate.matches(in: text, range: range).count { match in
      guard let found = Range(match.range, in: text) else { return false }
      let digits = text[found].replacingOccurrences(of: " ", with: "-")
      return (try? PersonNumber(parsing: digits, today: today)) != nil
    }
  }
}
