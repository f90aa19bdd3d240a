import Foundation
import Testing

/// Skatteverket's test personnummer, the only real-looking numbers the project may use: one per
/// line in the 12-digit form, in `Tests/Fixtures/` (a copy of Skatteverket's published list).
/// Invalid numbers for the tests are made from these by changing digits in code, never written
/// out.
enum TestNumbers {
  static let fileURL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()
    .appendingPathComponent("../Fixtures/skatteverket-testpersonnummer.txt")
    .standardizedFileURL

  struct Missing: Error, CustomStringConvertible {
    var description: String
  }

  private static let loaded: Result<[String], Missing> = {
    guard let text = try? String(contentsOf: fileURL, encoding: .utf8) else {
      return .failure(
        Missing(
          description: "Skatteverket's test personnummer are missing: expected them in "
            + "\(fileURL.path)"))
    }
    return .success(text.split(separator: "\n").map { String($0) }.filter { !$0.isEmpty })
  }()

  private static let loadedCoordination: Result<[String], Missing> = {
    let url = fileURL.deletingLastPathComponent()
      .appendingPathComponent("skatteverket-testsamordningsnummer.txt")
    guard let text = try? String(contentsOf: url, encoding: .utf8) else {
      return .failure(
        Missing(
          description: "Skatteverket's test samordningsnummer are missing: expected them in "
            + "\(url.path)"))
    }
    return .success(text.split(separator: "\n").map { String($0) }.filter { !$0.isEmpty })
  }()

  /// Skatteverket's published test samordningsnummer (a sample), in the 12-digit form.
  static func coordinationNumbers() throws -> [String] {
    try loadedCoordination.get()
  }

  /// Every test number in the 12-digit form; throws, failing the test, when the file is missing.
  static func all() throws -> [String] {
    try loaded.get()
  }

  /// The first test number whose 12-digit form starts with `prefix`.
  static func first(_ prefix: String) throws -> String {
    try #require(try all().first { $0.hasPrefix(prefix) }, "no test number starts with \(prefix)")
  }

  /// The 12-digit form as `YYYYMMDD-NNNN`.
  static func longForm(_ twelve: String) -> String {
    "\(twelve.prefix(8))-\(twelve.suffix(4))"
  }

  /// `twelve` with its first eleven digits kept and the check digit recomputed, so that a
  /// test number changed on purpose is wrong in one way only.
  static func withCheckDigit(_ twelve: String) -> String {
    let nine = twelve.dropFirst(2).prefix(9).compactMap(\.wholeNumberValue)
    var sum = 0
    for (index, digit) in nine.enumerated() {
      let product = index % 2 == 0 ? digit * 2 : digit
      sum += product / 10 + product % 10
    }
    return "\(twelve.prefix(11))\((10 - sum % 10) % 10)"
  }

  /// `twelve` with the characters from `offset` replaced by `text`.
  static func replacing(_ twelve: String, at offset: Int, with text: String) -> String {
    var characters = Array(twelve)
    characters.replaceSubrange(offset..<offset + text.count, with: text)
    return String(characters)
  }

  /// The samordningsnummer for the same birth date and serial: day plus 60, check digit
  /// recomputed. Only made from test numbers born before 1911, who cannot be alive.
  static func coordinationNumber(_ twelve: String) -> String {
    if twelve.prefix(4) >= "1911" {
      Issue.record("a samordningsnummer made for a test must be for someone born before 1911")
    }
    let day = Int(twelve.dropFirst(6).prefix(2)) ?? 0
    return withCheckDigit(replacing(twelve, at: 6, with: String(day + 60)))
  }
}
