import Foundation

/// The check on text a routine requires to be anonymous (`sp consult`, an anonymous
/// escalation; SPEC §11): nothing in it may identify the person. Each finding says what
/// was found and where, without repeating it.
public enum AnonymousText {
  /// What in `text` identifies someone: a personnummer or samordningsnummer, the name of
  /// a person recorded in the store (`knownNames`), an e-mail address, a phone number.
  public static func findings(in text: String, knownNames: [String]) -> [String] {
    var found = PersonNumberDetector.matches(in: text).map {
      "\($0) looks like a personnummer or samordningsnummer"
    }
    let folded = fold(text)
    for name in namesToFind(knownNames) {
      var start = folded.startIndex
      while let range = folded.range(of: name, range: start..<folded.endIndex) {
        start = range.upperBound
        guard isWordBoundary(folded, before: range.lowerBound),
          isWordBoundary(folded, after: range.upperBound)
        else { continue }
        let position = folded.distance(from: folded.startIndex, to: range.lowerBound) + 1
        found.append(
          "characters \(position)–\(position + name.count - 1) are the name of a person recorded in the store"
        )
        break
      }
    }
    for (position, length) in emailAddresses(in: text) {
      found.append("characters \(position)–\(position + length - 1) are an e-mail address")
    }
    for (position, length) in phoneNumbers(in: text) {
      found.append("characters \(position)–\(position + length - 1) look like a phone number")
    }
    return found
  }

  /// Names as they are searched for: the whole name, and first and last name together
  /// (a middle name left out), lower case with single spaces. Single words are not
  /// searched: "Ek" or "Berg" alone names no one.
  static func namesToFind(_ names: [String]) -> [String] {
    var result: Set<String> = []
    for name in names {
      let parts = fold(name).split(separator: " ").map(String.init)
      guard parts.count >= 2, let first = parts.first, let last = parts.last else { continue }
      result.insert(parts.joined(separator: " "))
      result.insert("\(first) \(last)")
    }
    return result.sorted()
  }

  private static func fold(_ text: String) -> String {
    text.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
  }

  private static func isWordBoundary(_ text: String, before index: String.Index) -> Bool {
    index == text.startIndex || !text[text.index(before: index)].isLetter
  }

  private static func isWordBoundary(_ text: String, after index: String.Index) -> Bool {
    index == text.endIndex || !text[index].isLetter
  }

  /// `name@domain.tld` runs: (1-based position, length).
  static func emailAddresses(in text: String) -> [(Int, Int)] {
    let characters = Array(text)
    func part(_ c: Character) -> Bool { c.isLetter || c.isNumber || "._%+-".contains(c) }
    var found: [(Int, Int)] = []
    for (index, character) in characters.enumerated() where character == "@" {
      var start = index
      while start > 0, part(characters[start - 1]) { start -= 1 }
      var end = index + 1
      while end < characters.count, part(characters[end]) { end += 1 }
      let domain = String(characters[(index + 1)..<end])
      if start < index, domain.contains("."), !domain.hasSuffix(".") {
        found.append((start + 1, end - start))
      }
    }
    return found
  }

  /// Runs starting with `0` or `+` of 8 to 15 digits, with spaces or dashes between them:
  /// "070-123 45 67", "+46 31 365 00 00". Dates (2026-11-30) start with neither.
  static func phoneNumbers(in text: String) -> [(Int, Int)] {
    let characters = Array(text)
    var found: [(Int, Int)] = []
    var index = 0
    while index < characters.count {
      let c = characters[index]
      let startsNumber =
        (c == "0" || (c == "+" && index + 1 < characters.count && characters[index + 1].isNumber))
        && (index == 0 || !(characters[index - 1].isNumber || characters[index - 1].isLetter))
      guard startsNumber else {
        index += 1
        continue
      }
      var end = index + 1
      var digits = c == "+" ? 0 : 1
      var last = index
      while end < characters.count {
        let d = characters[end]
        if d.isASCII, d.isNumber {
          digits += 1
          last = end
        } else if d != " " && d != "-" {
          break
        }
        end += 1
      }
      if (8...15).contains(digits) { found.append((index + 1, last - index + 1)) }
      index = last + 1
    }
    return found
  }
}
