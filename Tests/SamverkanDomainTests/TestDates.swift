import SamverkanDomain
import Testing

/// A date written as a literal in a test table.
func civil(_ text: String) -> CivilDate {
  do {
    return try CivilDate(iso: text)
  } catch {
    Issue.record("the test's own date \(text) is invalid: \(error)")
    return CivilDate(daysSinceEpoch: 0)
  }
}
