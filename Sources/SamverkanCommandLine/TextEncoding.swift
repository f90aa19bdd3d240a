/// The character sets `import --encoding` reads: UTF-8, and the single-byte sets older
/// Windows programs and exports write. The others are converted to UTF-8 as they are read.
public enum TextEncoding: String, CaseIterable, Sendable, ArgumentValue {
  case utf8 = "utf-8"
  case windows1252 = "windows-1252"
  case iso88591 = "iso-8859-1"

  /// The bytes as UTF-8. Each byte of a single-byte set is one character, so blocks can be
  /// converted one at a time.
  func utf8(_ bytes: [UInt8]) -> [UInt8] {
    guard self != .utf8, bytes.contains(where: { $0 >= 0x80 }) else { return bytes }
    var result: [UInt8] = []
    result.reserveCapacity(bytes.count + bytes.count / 8)
    for byte in bytes {
      guard byte >= 0x80 else {
        result.append(byte)
        continue
      }
      var scalar = UInt32(byte)
      if self == .windows1252, (0x80...0x9F).contains(byte) {
        scalar = Self.windows1252High[Int(byte - 0x80)]
      }
      // Every entry of the table is a character; a byte that maps to none would be U+FFFD.
      let character = Unicode.Scalar(scalar) ?? "\u{FFFD}"
      result.append(contentsOf: String(Character(character)).utf8)
    }
    return result
  }

  /// Windows-1252's characters for 0x80–0x9F (where ISO-8859-1 has control characters);
  /// the five bytes it leaves undefined are read as the control characters.
  private static let windows1252High: [UInt32] = [
    0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
    0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
  ]
}
