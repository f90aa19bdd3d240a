/// The deviation routine's parameters (SPEC §9).
public struct DeviationRules: Codable, Sendable, Equatable {
  /// Days the other side has to answer (part 2) before `deviation due` lists the report.
  public var responseDays: Int
  /// Titles from the most junior to the most senior, to compare a reporter's title.
  public var titles: [String]
  /// The most junior title allowed to report and sign: "biträdande enhetschef".
  public var minimumTitle: String
  /// Categories of deviation, as IDs: `absence-without-valid-reason`, …
  public var categories: [String]

  public init(responseDays: Int, titles: [String], minimumTitle: String, categories: [String]) {
    self.responseDays = responseDays
    self.titles = titles
    self.minimumTitle = minimumTitle
    self.categories = categories
  }

  /// Göteborg's deviation rules (seed 001, the 2018-02-22 form; seed 000).
  public static let goteborg = DeviationRules(
    responseDays: 60,
    titles: [
      "socialsekreterare", "1:e socialsekreterare", "biträdande enhetschef", "enhetschef",
      "avdelningschef", "förvaltningschef",
    ],
    minimumTitle: "biträdande enhetschef",
    categories: [
      "absence-without-valid-reason", "routine-not-followed", "late-notice", "no-response",
      "other",
    ])

  /// The rank of a title (index in `titles`, case-insensitive), if listed.
  public func rank(of title: String) -> Int? {
    titles.firstIndex { $0.lowercased() == title.lowercased() }
  }

  func problems() -> [String] {
    var problems: [String] = []
    if responseDays < 1 { problems.append("deviation.responseDays: must be at least 1") }
    if rank(of: minimumTitle) == nil {
      problems.append("deviation.minimumTitle: '\(minimumTitle)' is not in deviation.titles")
    }
    return problems
  }
}
