// MARK: - TSV

/// Tab-separated values for shell pipelines: one record per line, so `cut -f`, `sort` and
/// `awk -F'\t'` work.
///
/// Values are not quoted. A backslash, tab, newline and carriage return inside a value are
/// written as `\\`, `\t`, `\n` and `\r`, as in PostgreSQL's `COPY` text format.
public enum TSV {
  /// One line: the fields escaped, separated by tabs, ending in LF.
  public static func line(_ fields: [String], into buffer: inout [UInt8]) {
    for (index, field) in fields.enumerated() {
      if index > 0 { buffer.append(tab) }
      var pendingC2 = false
      for byte in field.utf8 {
        // U+0080–U+009F (C1 controls) are 0xC2 0x80…0x9F in UTF-8.
        if pendingC2 {
          pendingC2 = false
          if (0x80...0x9F).contains(byte) {
            buffer.append(contentsOf: Array(VisibleText.escaped(Unicode.Scalar(byte)).utf8))
            continue
          }
          buffer.append(0xC2)
        }
        switch byte {
        case backslash: buffer.append(contentsOf: [backslash, backslash])
        case tab: buffer.append(contentsOf: [backslash, UInt8(ascii: "t")])
        case lf: buffer.append(contentsOf: [backslash, UInt8(ascii: "n")])
        case cr: buffer.append(contentsOf: [backslash, UInt8(ascii: "r")])
        case 0xC2: pendingC2 = true
        // Other control characters (ESC, BEL, DEL…) as `\e` and `\u0007`: a terminal
        // showing the line must not obey them.
        case 0..<0x20, 0x7F:
          buffer.append(contentsOf: Array(VisibleText.escaped(Unicode.Scalar(byte)).utf8))
        default: buffer.append(byte)
        }
      }
      if pendingC2 { buffer.append(0xC2) }
    }
    buffer.append(lf)
  }

  /// One line as a String, ending in LF; see `line(_:into:)`.
  public static func line(_ fields: [String]) -> String {
    var buffer: [UInt8] = []
    line(fields, into: &buffer)
    return String(decoding: buffer, as: UTF8.self)
  }

  /// `value` with backslash, tab, newline and carriage return written as `\\`, `\t`, `\n`,
  /// `\r`.
  public static func escape(_ value: String) -> String {
    var buffer: [UInt8] = []
    line([value], into: &buffer)
    buffer.removeLast()  // the line's LF
    return String(decoding: buffer, as: UTF8.self)
  }

  /// `value` with `\\`, `\t`, `\n`, `\r` turned back into the characters; a backslash before
  /// anything else, or at the end, is kept as it is.
  public static func unescape(_ value: String) -> String {
    guard value.utf8.contains(backslash) else { return value }
    var buffer: [UInt8] = []
    var escaped = false
    var hex: [UInt8]?
    for byte in value.utf8 {
      if escaped {
        escaped = false
        switch byte {
        case backslash: buffer.append(backslash)
        case UInt8(ascii: "t"): buffer.append(tab)
        case UInt8(ascii: "n"): buffer.append(lf)
        case UInt8(ascii: "r"): buffer.append(cr)
        case UInt8(ascii: "e"): buffer.append(0x1B)
        case UInt8(ascii: "u"): hex = []
        default: buffer.append(contentsOf: [backslash, byte])
        }
      } else if var digits = hex {
        // `\u` and four hex digits, as `line` writes control characters.
        digits.append(byte)
        hex = digits
        guard digits.count == 4 else { continue }
        hex = nil
        if let value = UInt32(String(decoding: digits, as: UTF8.self), radix: 16),
          let scalar = Unicode.Scalar(value)
        {
          buffer.append(contentsOf: Array(String(scalar).utf8))
        } else {
          buffer.append(contentsOf: [backslash, UInt8(ascii: "u")] + digits)
        }
      } else if byte == backslash {
        escaped = true
      } else {
        buffer.append(byte)
      }
    }
    if let hex { buffer.append(contentsOf: [backslash, UInt8(ascii: "u")] + hex) }
    if escaped { buffer.append(backslash) }
    return String(decoding: buffer, as: UTF8.self)
  }

  private static let backslash = UInt8(ascii: "\\")
  private static let tab = UInt8(ascii: "\t")
  private static let lf = UInt8(ascii: "\n")
  private static let cr = UInt8(ascii: "\r")
}
