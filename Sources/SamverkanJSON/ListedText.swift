extension Sequence where Element: StringProtocol {
  /// The items as a sentence lists them: "a", "a or b", "a, b or c", with the
  /// `conjunction` ("or", "and", "eller") before the last; empty for no items.
  ///
  /// The one list formatter for messages and documents; it lives here, at the bottom, so the
  /// JSON decoder's messages list allowed values the same way.
  public func listed(_ conjunction: String) -> String {
    let items = map { String($0) }
    guard let last = items.last else { return "" }
    guard items.count > 1 else { return last }
    return items.dropLast().joined(separator: ", ") + " \(conjunction) " + last
  }
}
