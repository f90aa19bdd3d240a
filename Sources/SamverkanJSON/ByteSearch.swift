#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension Array where Element == UInt8 {
  /// The first line feed in `range`, found by the C library a word at a time (a store's
  /// files are split into a line per record or journal entry, a city's into millions).
  public func firstNewline(in range: Range<Int>) -> Int? {
    precondition(range.lowerBound >= 0 && range.upperBound <= count, "range out of bounds")
    guard !range.isEmpty else { return nil }
    return withUnsafeBytes { raw -> Int? in
      guard let base = raw.baseAddress,
        let found = memchr(base + range.lowerBound, 10, range.count)
      else { return nil }
      return base.distance(to: UnsafeRawPointer(found))
    }
  }
}

extension ArraySlice where Element == UInt8 {
  /// Whether two runs of bytes are the same, compared by the C library.
  public func sameBytes(as other: ArraySlice<UInt8>) -> Bool {
    guard count == other.count else { return false }
    return withUnsafeBytes { mine in
      other.withUnsafeBytes { theirs in
        guard let mine = mine.baseAddress, let theirs = theirs.baseAddress else { return true }
        return memcmp(mine, theirs, count) == 0
      }
    }
  }
}
