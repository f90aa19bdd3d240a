extension StringProtocol {
  /// Whether the text is empty or only white space: spaces, tabs, line breaks and the
  /// no-break and other Unicode spaces a pasted text brings. A text that is not blank is
  /// told at its first character, so an import of 100,000 rows stays cheap.
  public var isBlank: Bool { unicodeScalars.allSatisfy(\.properties.isWhitespace) }
}

extension Optional where Wrapped: StringProtocol {
  /// Nil, empty or only white space.
  public var isBlank: Bool { self?.isBlank ?? true }
}

extension String {
  /// The text without the spaces and tabs before and after it, as Foundation's
  /// `trimmingCharacters(in: .whitespaces)` (Unicode's space separators and the tab), without
  /// a copy when there are none: an import reads every cell through this.
  public var trimmingSpaces: String {
    func isSpace(_ scalar: Unicode.Scalar) -> Bool {
      if scalar.isASCII { return scalar == " " || scalar == "\t" }
      return scalar.properties.generalCategory == .spaceSeparator
    }
    // Most cells begin and end with an ASCII letter or digit: told by two bytes.
    if let first = utf8.first, let last = utf8.last, first > 0x20, first < 0x80, last > 0x20,
      last < 0x80
    {
      return self
    }
    let scalars = unicodeScalars
    guard let first = scalars.first, let last = scalars.last, isSpace(first) || isSpace(last)
    else { return self }
    guard let start = scalars.firstIndex(where: { !isSpace($0) }),
      let end = scalars.lastIndex(where: { !isSpace($0) })
    else { return "" }
    return String(scalars[start...end])
  }
}
