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
      for byte in field.utf8 {
        switch byte {
        case backslash: buffer.append(contentsOf: [backslash, backslash])
        case tab: buffer.append(contentsOf: [backslash, UInt8(ascii: "t")])
        case lf: buffer.append(contentsOf: [backslash, UInt8(ascii: "n")])
        case cr: buffer.append(contentsOf: [backslash, UInt8(ascii: "r")])
        default: buffer.append(byte)
        }
      }
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
    for byte in value.utf8 {
      if escaped {
        escaped = false
        switch byte {
        case backslash: buffer.append(backslash)
        case UInt8(ascii: "t"): buffer.append(tab)
        case UInt8(ascii: "n"): buffer.append(lf)
        case UInt8(ascii: "r"): buffer.append(cr)
        default: buffer.append(contentsOf: [backslash, byte])
        }
      } else if byte == backslash {
        escaped = true
      } else {
        buffer.append(byte)
      }
    }
    if escaped { buffer.append(backslash) }
    return String(decoding: buffer, as: UTF8.self)
  }

  private static let backslash = UInt8(ascii: "\\")
  private static let tab = UInt8(ascii: "\t")
  private static let lf = UInt8(ascii: "\n")
  private static let cr = UInt8(ascii: "\r")
}
