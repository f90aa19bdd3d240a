/// Byte-level helpers for the parsers of dates, times and person numbers, which read UTF-8
/// bytes rather than characters: they run for every row of an import of many thousands.
enum ASCII {
  static let plus = UInt8(ascii: "+")
  static let minus = UInt8(ascii: "-")
  static let colon = UInt8(ascii: ":")
  static let space = UInt8(ascii: " ")

  static func isDigit(_ byte: UInt8) -> Bool {
    (byte &- UInt8(ascii: "0")) < 10
  }

  static func isLetter(_ byte: UInt8) -> Bool {
    (byte | 0x20) &- UInt8(ascii: "a") < 26
  }

  static func isWhitespace(_ byte: UInt8) -> Bool {
    byte == space || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n")
      || byte == UInt8(ascii: "\r")
  }

  /// The byte as a lowercase letter when it is an uppercase ASCII letter.
  static func lowercased(_ byte: UInt8) -> UInt8 {
    (byte &- UInt8(ascii: "A")) < 26 ? byte | 0x20 : byte
  }

  /// The number written by `count` digits starting `offset` bytes into `bytes`, or nil when
  /// any of them is not a digit.
  static func number<Bytes: RandomAccessCollection<UInt8>>(
    _ bytes: Bytes, at offset: Int, count: Int
  ) -> Int? where Bytes.Index == Int {
    var value = 0
    var index = bytes.startIndex + offset
    let end = index + count
    guard end <= bytes.endIndex else { return nil }
    while index < end {
      let byte = bytes[index]
      guard isDigit(byte) else { return nil }
      value = value * 10 + Int(byte &- UInt8(ascii: "0"))
      index += 1
    }
    return value
  }

  /// Appends `value` as exactly `width` decimal digits, padded with zeros; `value` must not be
  /// negative or wider than `width`.
  static func appendDigits(_ value: Int, width: Int, to bytes: inout [UInt8]) {
    var divisor = 1
    for _ in 1..<width { divisor *= 10 }
    var rest = value
    while divisor > 0 {
      bytes.append(UInt8(ascii: "0") + UInt8(rest / divisor))
      rest %= divisor
      divisor /= 10
    }
  }
}

extension Int {
  /// Division rounding toward negative infinity, as calendar arithmetic needs.
  func floorDivided(by divisor: Int) -> Int {
    let quotient = self / divisor
    return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
  }

  /// The remainder that goes with `floorDivided(by:)`: never negative for a positive divisor.
  func floorModulo(_ divisor: Int) -> Int {
    self - floorDivided(by: divisor) * divisor
  }
}
