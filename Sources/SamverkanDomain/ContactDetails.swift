import Foundation

/// An e-mail address, checked for the shape real addresses have; the domain is lower-cased.
public struct EmailAddress: Hashable, Sendable, Codable, CustomStringConvertible {
  public let value: String

  static let expected = "an e-mail address such as namn.efternamn@goteborg.se"

  public init(parsing text: String) throws(ValueError) {
    let text = text.trimmingCharacters(in: .whitespaces)
    let parts = text.split(separator: "@", omittingEmptySubsequences: false)
    guard parts.count == 2 else {
      throw ValueError(
        parts.count == 1 ? "it has no @" : "it has more than one @", expected: Self.expected)
    }
    let local = parts[0]
    let domain = parts[1].lowercased()
    let localAllowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.!#$%&'*+/=?^_`{|}~-")
    guard !local.isEmpty, local.count <= 64, local.allSatisfy(localAllowed.contains),
      !local.hasPrefix("."), !local.hasSuffix("."), !local.contains("..")
    else {
      throw ValueError(
        "the part before @ is empty or has characters an address cannot have (spaces, å, ä, ö, ..)",
        expected: Self.expected)
    }
    let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
    let labelAllowed = Set("abcdefghijklmnopqrstuvwxyz0123456789-")
    guard labels.count >= 2,
      labels.allSatisfy({
        !$0.isEmpty && $0.count <= 63 && $0.allSatisfy(labelAllowed.contains)
          && !$0.hasPrefix("-") && !$0.hasSuffix("-")
      }),
      let top = labels.last, top.count >= 2, top.allSatisfy(\.isLetter)
    else {
      throw ValueError(
        "the domain after @ is not a valid domain such as goteborg.se", expected: Self.expected)
    }
    guard text.count <= 254 else { throw ValueError("it is longer than 254 characters") }
    value = "\(local)@\(domain)"
  }

  public var description: String { value }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    do {
      try self.init(parsing: try container.decode(String.self))
    } catch let error as ValueError {
      throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
    }
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(value)
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
      throw ValueError("it has characters other than digits, spaces, - and +", expected: Self.expected)
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
    let container = try decoder.singleValueContainer()
    do {
      try self.init(parsing: try container.decode(String.self))
    } catch let error as ValueError {
      throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
    }
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(international)
  }
}
