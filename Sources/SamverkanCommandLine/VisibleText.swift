// MARK: - Control characters

/// Text from the store or the command line made safe to print: control characters are
/// written visibly (`\e` for ESC, `\u0007` for BEL…), so a name or note holding an escape
/// sequence cannot set a terminal's title, clear its screen or hide what follows.
///
/// C0 controls, DEL and the C1 controls (U+0080–U+009F, which some terminals also obey) are
/// escaped; the characters in `keeping` (a table keeps none; CSV keeps tab, CR and LF,
/// which it quotes) pass through. JSON output needs none of this: it escapes them already.
public enum VisibleText {
  /// `text` with its control characters escaped, except those in `keeping`.
  public static func escape(_ text: String, keeping: Set<Unicode.Scalar> = []) -> String {
    // Nearly all text has none: return it without building a copy.
    guard text.unicodeScalars.contains(where: { isControl($0) && !keeping.contains($0) }) else {
      return text
    }
    var result = ""
    for scalar in text.unicodeScalars {
      guard isControl(scalar), !keeping.contains(scalar) else {
        result.unicodeScalars.append(scalar)
        continue
      }
      result += escaped(scalar)
    }
    return result
  }

  /// How one control character is written: `\e` for ESC, else `\u` and four hex digits.
  static func escaped(_ scalar: Unicode.Scalar) -> String {
    if scalar.value == 0x1B { return "\\e" }
    let hex = String(scalar.value, radix: 16, uppercase: true)
    return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
  }

  static func isControl(_ scalar: Unicode.Scalar) -> Bool {
    scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
  }

  /// Tab, CR and LF: what CSV keeps (inside quotes).
  public static let lineBreaksAndTabs: Set<Unicode.Scalar> = ["\t", "\r", "\n"]
}
