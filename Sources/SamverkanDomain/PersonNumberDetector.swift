/// Finds text that looks like a personnummer or samordningsnummer, for places that must hold
/// no personal data at all (an anonymous consultation, *oidentifierad konsultation*).
///
/// It errs on the side of caution: a number is flagged when its date part is a date that
/// exists (a samordningsnummer's day is the day of birth plus 60), whatever its check digit,
/// because a mistyped personnummer still points at a person. The forms it knows are the
/// common ones: `YYMMDD-NNNN`, `YYMMDD+NNNN`, `YYMMDDNNNN`, `YYYYMMDD-NNNN`, `YYYYMMDDNNNN`,
/// and any of them with a space, a non-breaking space or a dash (– or ‑) as the separator,
/// or a dash with spaces around it.
/// A number must stand on its own: digits right before or after it make it another number.
public enum PersonNumberDetector {
  /// One stretch of text that looks like a personnummer.
  public struct Match: Equatable, Sendable, CustomStringConvertible {
    /// Where it starts: the 1-based position of its first character in the text.
    public var position: Int
    /// How many characters it spans.
    public var length: Int
    /// The form it has, e.g. `YYMMDD-NNNN` (never the digits themselves).
    public var form: String

    public init(position: Int, length: Int, form: String) {
      self.position = position
      self.length = length
      self.form = form
    }

    /// "characters 12–22 (YYMMDD-NNNN)": where it is, without repeating the number.
    public var description: String {
      "characters \(position)–\(position + length - 1) (\(form))"
    }
  }

  /// Every stretch of `text` that looks like a personnummer or samordningsnummer, in order.
  public static func matches(in text: String) -> [Match] {
    let characters = Array(text)
    var runs: [(start: Int, end: Int)] = []
    var index = 0
    while index < characters.count {
      guard isDigit(characters[index]) else {
        index += 1
        continue
      }
      let start = index
      while index < characters.count, isDigit(characters[index]) { index += 1 }
      runs.append((start, index))
    }

    var found: [Match] = []
    var runIndex = 0
    while runIndex < runs.count {
      let run = runs[runIndex]
      let digits = String(characters[run.start..<run.end])
      // A date part, a separator (up to three characters, as in "900101 - 2385"), then
      // the last four digits.
      if digits.count == 6 || digits.count == 8, runIndex + 1 < runs.count {
        let next = runs[runIndex + 1]
        let between = characters[run.end..<next.start].map(separatorName)
        if (1...3).contains(between.count), between.allSatisfy({ $0 != nil }),
          next.end - next.start == 4, isPlausibleDate(digits)
        {
          let names = between.compactMap { $0 }
          let separator = names.contains("+") ? "+" : names.contains("-") ? "-" : " "
          let datePart = digits.count == 6 ? "YYMMDD" : "YYYYMMDD"
          found.append(
            Match(
              position: run.start + 1, length: next.end - run.start,
              form: datePart + separator + "NNNN"))
          runIndex += 2
          continue
        }
      }
      // Ten or twelve digits without a separator.
      if digits.count == 10 || digits.count == 12,
        isPlausibleDate(String(digits.prefix(digits.count - 4)))
      {
        found.append(
          Match(
            position: run.start + 1, length: digits.count,
            form: digits.count == 10 ? "YYMMDDNNNN" : "YYYYMMDDNNNN"))
      }
      runIndex += 1
    }
    return found
  }

  /// Whether `text` holds anything that looks like a personnummer.
  public static func containsPersonNumber(_ text: String) -> Bool {
    !matches(in: text).isEmpty
  }

  // MARK: - Parts

  private static func isDigit(_ character: Character) -> Bool {
    guard let ascii = character.asciiValue else { return false }
    return ascii >= UInt8(ascii: "0") && ascii <= UInt8(ascii: "9")
  }

  /// The separator as the form shows it, or nil when the character is not one.
  private static func separatorName(_ character: Character) -> String? {
    switch character {
    case "-", "\u{2010}", "\u{2011}", "\u{2012}", "\u{2013}", "\u{2212}": return "-"
    case "+": return "+"
    case " ", "\u{00A0}", "\u{202F}": return " "
    default: return nil
    }
  }

  /// Whether six (`YYMMDD`) or eight (`YYYYMMDD`) digits are a date that exists, the day
  /// possibly plus 60. With two digits for the year, either century will do.
  static func isPlausibleDate(_ digits: String) -> Bool {
    let values = digits.compactMap(\.wholeNumberValue)
    guard values.count == digits.count, values.count == 6 || values.count == 8 else {
      return false
    }
    func number(_ from: Int, _ count: Int) -> Int {
      values[from..<(from + count)].reduce(0) { $0 * 10 + $1 }
    }
    let yearDigits = values.count - 4
    let month = number(yearDigits, 2)
    var day = number(yearDigits + 2, 2)
    if day > 60 { day -= 60 }
    let years =
      yearDigits == 4 ? [number(0, 4)] : [1900 + number(0, 2), 2000 + number(0, 2)]
    return years.contains { CivilDate(year: $0, month: month, day: day) != nil }
  }
}
