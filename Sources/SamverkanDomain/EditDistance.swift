/// Damerau–Levenshtein distance, for "did you mean" suggestions on mistyped names.
public enum EditDistance {
  /// The number of single-character edits (insert, delete, substitute, swap neighbours)
  /// turning `a` into `b`, compared case-insensitively.
  public static func distance(_ a: String, _ b: String) -> Int {
    let a = Array(a.lowercased()), b = Array(b.lowercased())
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous2 = [Int](repeating: 0, count: b.count + 1)
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      current[0] = i
      for j in 1...b.count {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
          current[j] = min(current[j], previous2[j - 2] + 1)
        }
      }
      (previous2, previous, current) = (previous, current, previous2)
    }
    return previous[b.count]
  }

  /// The candidate closest to `text`, if it is close enough to be a likely typo: at most a
  /// third of the text's length in edits (and at least one), or `text` is its prefix.
  public static func closest(to text: String, among candidates: [String]) -> String? {
    // The distance costs the product of the lengths; nothing known is this long anyway.
    guard text.count <= 100 else { return nil }
    let limit = max(1, text.count / 3)
    var best: (candidate: String, distance: Int)?
    for candidate in candidates {
      let distance = distance(text, candidate)
      if distance <= limit, distance < (best?.distance ?? .max) {
        best = (candidate, distance)
      }
    }
    if let best { return best.candidate }
    let prefixed = candidates.filter { $0.lowercased().hasPrefix(text.lowercased()) }
    return text.count >= 2 && prefixed.count == 1 ? prefixed[0] : nil
  }
}
