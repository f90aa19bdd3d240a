import SamverkanDomain
import Testing

@Suite struct DateOffsetTests {
  @Test(arguments: [
    ("14d", 14, DateOffset.Unit.days), ("+14d", 14, .days), ("2W", 2, .weeks),
    ("6m", 6, .months), ("1Y", 1, .years), ("0d", 0, .days), ("99999d", 99_999, .days),
    ("007w", 7, .weeks),
  ])
  func spans(text: String, amount: Int, unit: DateOffset.Unit) throws {
    let offset = try DateOffset(parsing: text)
    #expect(offset == DateOffset(amount: amount, unit: unit))
    #expect(offset.description == "\(amount)\(unit.rawValue)")
  }

  @Test(arguments: [
    ("-14d", "a span cannot be negative"),
    ("", "the number is missing"),
    ("d", "the number is missing"),
    ("+", "the number is missing"),
    ("++14d", "the number is missing"),
    (" 14d", "the number is missing"),
    ("14", "the unit is missing: d, w, m or y"),
    ("14x", "the unit must be d, w, m or y"),
    ("14 d", "the unit must be d, w, m or y"),
    ("14d ", "the unit must be d, w, m or y"),
    ("14days", "the unit must be d, w, m or y"),
    ("1.5m", "the unit must be d, w, m or y"),
    ("123456d", "the number has more than 5 digits"),
  ])
  func refusals(text: String, reason: String) {
    let error = #expect(throws: ValueError.self) { try DateOffset(parsing: text) }
    #expect(error?.reason == reason)
    #expect(error?.expected == "a span such as 14d, 2w, 6m or 1y")
  }

  @Test(arguments: [
    ("14d", "2026-11-25", "2026-12-09", "2026-11-11"),
    ("2w", "2026-11-25", "2026-12-09", "2026-11-11"),
    ("6m", "2026-08-31", "2027-02-28", "2026-02-28"),
    ("1m", "2026-03-31", "2026-04-30", "2026-02-28"),
    ("1y", "2024-02-29", "2025-02-28", "2023-02-28"),
    ("4y", "2024-02-29", "2028-02-29", "2020-02-29"),
    ("0d", "2026-11-25", "2026-11-25", "2026-11-25"),
  ])
  func afterAndBefore(span: String, from: String, after: String, before: String) throws {
    let offset = try DateOffset(parsing: span)
    #expect(offset.after(civil(from)) == civil(after))
    #expect(offset.before(civil(from)) == civil(before))
  }
}
