import Foundation

/// An e-mail address, checked for the shape real addresses have; the domain is lower-cased.
public struct EmailAddress: Hashable, Sendable, Codable, CustomStringConvertible {
  public let value: String

  static let expected = "an e-mail address such as namn.efternamn@goteborg.se"

  public init(parsing text: String) throws(ValueError) {
    // Byte checks, not Character sets: an import validates 100,000 addresses.
    let bytes = Array(text.utf8).trimmingSpaces()
    let at = bytes.indices.filter { bytes[$0] == UInt8(ascii: "@") }
    guard at.count == 1 else {
      throw ValueError(
        at.isEmpty ? "it has no @" : "it has more than one @", expected: Self.expected)
    }
    let local = bytes[..<at[0]]
    let domain = bytes[(at[0] + 1)...].map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }
    guard !local.isEmpty, local.count <= 64, local.allSatisfy(Self.isLocalByte),
      local.first != UInt8(ascii: "."), local.last != UInt8(ascii: "."),
      !zip(local, local.dropFirst()).contains(where: { $0 == 46 && $1 == 46 })
    else {
      throw ValueError(
        "the part before @ is empty or has characters an address cannot have (spaces, å, ä, ö, ..)",
        expected: Self.expected)
    }
    let labels = domain.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
    guard labels.count >= 2,
      labels.allSatisfy({ label in
        !label.isEmpty && label.count <= 63 && label.allSatisfy(Self.isDomainByte)
          && label.first != UInt8(ascii: "-") && label.last != UInt8(ascii: "-")
      }),
      let top = labels.last, top.count >= 2, top.allSatisfy({ $0 >= 97 && $0 <= 122 })
    else {
      throw ValueError(
        "the domain after @ is not a valid domain such as goteborg.se", expected: Self.expected)
    }
    guard bytes.count <= 254 else { throw ValueError("it is longer than 254 characters") }
    value = String(decoding: local, as: UTF8.self) + "@" + String(decoding: domain, as: UTF8.self)
  }

  /// Letters, digits and the specials RFC 5322 allows before the @ (no quoting).
  private static func isLocalByte(_ byte: UInt8) -> Bool {
    switch byte {
    case 48...57, 65...90, 97...122: return true
    default: return Array("!#$%&'*+/=?^_`{|}~-.".utf8).contains(byte)
    }
  }

  private static func isDomainByte(_ byte: UInt8) -> Bool {
    (48...57).contains(byte) || (97...122).contains(byte) || byte == UInt8(ascii: "-")
  }

  public var description: String { value }

  public init(from decoder: any Decoder) throws {
    self = try decoder.decodeText(EmailAddress.init(parsing:))
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(value)
  }
}

extension Array where Element == UInt8 {
  /// The bytes without leading and trailing spaces and tabs.
  func trimmingSpaces() -> [UInt8] {
    var slice = self[...]
    while let first = slice.first, first == 32 || first == 9 { slice = slice.dropFirst() }
    while let last = slice.last, last == 32 || last == 9 { slice = slice.dropLast() }
    return Array(slice)
  }
}

/// A phone number, normalized to international form (`+46313653647`) and shown in the
/// Swedish national form (`031-365 36 47`).
public struct PhoneNumber: Hashable, Sendable, Codable, CustomStringConvertible {
  /// `+` and digits: `+46313653647`.
  public let international: String

  static let expected =
    "a phone number such as 031-365 36 47, 070-123 45 67 or +46 31 365 36 47"

  /// Reads `031-365 36 47`, `031 3653647`, `+46 (0)31 365 36 47`, `0046 31 …`.
  public init(parsing text: String) throws(ValueError) {
    var text = text.trimmingCharacters(in: .whitespaces)
    text = text.replacingOccurrences(of: "(0)", with: "")
    let separators = Set(" -–/().")
    let stripped = text.filter { !separators.contains($0) }
    guard !stripped.isEmpty else { throw ValueError("it is empty", expected: Self.expected) }
    var digits: Substring
    var international: Bool
    if stripped.hasPrefix("+") {
      digits = stripped.dropFirst()
      international = true
    } else if stripped.hasPrefix("00") {
      digits = stripped.dropFirst(2)
      international = true
    } else if stripped.hasPrefix("0") {
      digits = stripped.dropFirst()
      international = false
    } else {
      throw ValueError(
        "a Swedish number starts with 0 (the area code) and an international one with +",
        expected: Self.expected)
    }
    guard digits.allSatisfy({ $0.isASCII && $0.isNumber }) else {
      throw ValueError(
        "it has characters other than digits, spaces, - and +", expected: Self.expected)
    }
    if international {
      guard (7...15).contains(digits.count) else {
        throw ValueError("an international number has 7 to 15 digits", expected: Self.expected)
      }
      if digits.hasPrefix("46") {
        let national = digits.dropFirst(2)
        guard (7...9).contains(national.count), !national.hasPrefix("0") else {
          throw ValueError("a Swedish number has 7 to 9 digits after +46", expected: Self.expected)
        }
      }
      self.international = "+" + digits
    } else {
      guard (7...9).contains(digits.count) else {
        throw ValueError(
          "a Swedish number has 8 to 10 digits with the area code", expected: Self.expected)
      }
      self.international = "+46" + digits
    }
  }

  /// The national form for Swedish numbers (`031-365 36 47`), else the international one.
  public var national: String {
    guard international.hasPrefix("+46") else { return international }
    let digits = Array(international.dropFirst(3))
    let areaLength = Self.areaCodeLength(digits)
    let area = "0" + String(digits[..<areaLength])
    return area + "-" + Self.group(Array(digits[areaLength...]))
  }

  public var description: String { national }

  /// Digits of the area code without its leading 0: 1 for Stockholm (08), 2 for
  /// Göteborg (031) and mobiles (07x), else 3.
  private static func areaCodeLength(_ digits: [Character]) -> Int {
    if digits.first == "8" { return 1 }
    let twoDigitAreas: Set<String> = [
      "10", "11", "13", "16", "18", "19", "20", "21", "23", "26", "31", "33", "35", "36", "40",
      "42", "44", "46", "54", "60", "63", "70", "72", "73", "76", "77", "79", "90",
    ]
    return twoDigitAreas.contains(String(digits.prefix(2))) ? 2 : 3
  }

  /// Groups a subscriber number as Swedes write it: `365 36 47`, `36 47 14`, `123 456 78`.
  private static func group(_ digits: [Character]) -> String {
    let sizes: [Int]
    switch digits.count {
    case 5: sizes = [3, 2]
    case 6: sizes = [2, 2, 2]
    case 7: sizes = [3, 2, 2]
    case 8: sizes = [3, 3, 2]
    default: return String(digits)
    }
    var groups: [String] = []
    var start = 0
    for size in sizes {
      groups.append(String(digits[start..<start + size]))
      start += size
    }
    return groups.joined(separator: " ")
  }

  public init(from decoder: any Decoder) throws {
    self = try decoder.decodeText(PhoneNumber.init(parsing:))
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(international)
  }
}
