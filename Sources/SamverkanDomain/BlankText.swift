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
