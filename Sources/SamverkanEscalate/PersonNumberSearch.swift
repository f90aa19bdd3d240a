import SamverkanDomain

/// Finds personnummer written in free text, so an anonymous consultation stays anonymous.
enum PersonNumberSearch {
  /// The personnummer and samordningsnummer in `text` (valid check digit), in the order
  /// they appear: `YYMMDD-NNNN`, `YYMMDD+NNNN`, `YYYYMMDD-NNNN`, or 10/12 digits in a row.
  static func find(in text: String, today: CivilDate) -> [String] {
    let characters = Array(text)
    var found: [String] = []
    var index = 0
    while index < characters.count {
      guard characters[index].isASCIIDigit, index == 0 || !characters[index - 1].isASCIIDigit
      else {
        index += 1
        continue
      }
      var end = index
      while end < characters.count, characters[end].isASCIIDigit { end += 1 }
      var candidate = String(characters[index..<end])
      var next = end
      if (candidate.count == 6 || candidate.count == 8), end < characters.count,
        characters[end] == "-" || characters[end] == "+"
      {
        var tail = end + 1
        while tail < characters.count, characters[tail].isASCIIDigit { tail += 1 }
        if tail - end - 1 == 4 {
          candidate = String(characters[index..<tail])
          next = tail
        }
      }
      let digits = candidate.filter(\.isASCIIDigit).count
      if digits == 10 || digits == 12, (try? PersonNumber(parsing: candidate, today: today)) != nil
      {
        found.append(candidate)
      }
      index = next
    }
    return found
  }
}

extension Character {
  fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
