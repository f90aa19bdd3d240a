// MARK: - Writer

/// Writes CSV records as RFC 4180 has them, which Excel, LibreOffice and `CSVReader` read.
public enum CSVWriter {
  /// The UTF-8 byte order mark. Write it first in a file meant for Excel, which otherwise
  /// reads the file as Windows-1252 and shows å as Ã¥; `CSVReader` skips it.
  public static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

  /// One RFC 4180 record: fields separated by `separator` (`,` unless given), quoted when they
  /// contain the separator, `"`, CR or LF (quotes doubled), ending in CRLF.
  ///
  /// Text is written as it is (no trimming, no line end conversion). An empty field is
  /// written empty, which `CSVReader` reads as absent. Swedish Excel opens a file with a
  /// double click only when the separator is `;`.
  public static func record(
    _ fields: [String], separator: UInt8 = UInt8(ascii: ","), into buffer: inout [UInt8]
  ) {
    for (index, field) in fields.enumerated() {
      if index > 0 { buffer.append(separator) }
      let utf8 = field.utf8
      let needsQuotes = utf8.contains { byte in
        byte == separator || byte == quote || byte == cr || byte == lf
      }
      guard needsQuotes else {
        buffer.append(contentsOf: utf8)
        continue
      }
      buffer.append(quote)
      for byte in utf8 {
        if byte == quote { buffer.append(quote) }
        buffer.append(byte)
      }
      buffer.append(quote)
    }
    buffer.append(cr)
    buffer.append(lf)
  }

  /// One RFC 4180 record as a String, ending in CRLF; see `record(_:separator:into:)`.
  public static func record(_ fields: [String], separator: UInt8 = UInt8(ascii: ","))
    -> String
  {
    var buffer: [UInt8] = []
    record(fields, separator: separator, into: &buffer)
    return String(decoding: buffer, as: UTF8.self)
  }

  private static let quote = UInt8(ascii: "\"")
  private static let cr = UInt8(ascii: "\r")
  private static let lf = UInt8(ascii: "\n")
}
