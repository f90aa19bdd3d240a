import Foundation

/// The deviation routine's parameters (SPEC §9).
public struct DeviationRules: Codable, Sendable, Equatable {
  /// Days the other side has to answer (part 2) before `deviation due` lists the report.
  public var responseDays: Int
  /// Titles from the most junior to the most senior, to compare a reporter's title.
  public var titles: [String]
  /// The most junior title allowed to report and sign: "biträdande enhetschef".
  public var minimumTitle: String
  /// Categories of deviation, each an ID (`absence-without-valid-reason`) and its Swedish
  /// label for documents.
  public var categories: [DeviationCategory]
  /// The role finished reports are filed with: "verksamhetscontroller".
  public var controller: String

  public init(
    responseDays: Int, titles: [String], minimumTitle: String,
    categories: [DeviationCategory], controller: String
  ) {
    self.responseDays = responseDays
    self.titles = titles
    self.minimumTitle = minimumTitle
    self.categories = categories
    self.controller = controller
  }

  /// Göteborg's deviation rules (seed 001, the 2018-02-22 form; seed 000).
  public static let goteborg = DeviationRules(
    responseDays: 60,
    titles: [
      "handläggare", "biståndshandläggare", "socialsekreterare", "1:e socialsekreterare",
      "biträdande enhetschef", "enhetschef", "avdelningschef", "förvaltningschef",
    ],
    minimumTitle: "biträdande enhetschef",
    categories: [
      DeviationCategory(
        id: "absence-without-valid-reason", label: "Utebliven närvaro utan giltig orsak"),
      DeviationCategory(id: "routine-not-followed", label: "Rutinen har inte följts"),
      DeviationCategory(id: "late-notice", label: "Sen avisering"),
      DeviationCategory(id: "no-response", label: "Uteblivet svar"),
      DeviationCategory(id: "other", label: "Övrigt"),
    ],
    controller: "verksamhetscontroller")

  /// A title as the profile spells it, matched ignoring case and å/ä/ö
  /// (`bitradande enhetschef` is "biträdande enhetschef").
  public func title(named name: String) -> String? {
    let key = Self.folded(name)
    return titles.first { Self.folded($0) == key }
  }

  /// The rank of a title (index in `titles`, ignoring case and å/ä/ö), if listed.
  public func rank(of title: String) -> Int? {
    let key = Self.folded(title)
    return titles.firstIndex { Self.folded($0) == key }
  }

  /// Whether a title is at least the minimum title (false for a title not listed).
  public func isSeniorEnough(_ title: String) -> Bool {
    guard let given = rank(of: title), let minimum = rank(of: minimumTitle) else { return false }
    return given >= minimum
  }

  /// The titles allowed to report and sign, most junior first.
  public var acceptedTitles: [String] {
    guard let minimum = rank(of: minimumTitle) else { return [] }
    return Array(titles[minimum...])
  }

  /// The category with this ID (case-insensitive), if the profile lists it.
  public func category(_ id: String) -> DeviationCategory? {
    let lower = id.lowercased()
    return categories.first { $0.id.lowercased() == lower }
  }

  private static func folded(_ text: String) -> String {
    text.trimmingCharacters(in: .whitespaces)
      .folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
  }

  func problems() -> [String] {
    var problems: [String] = []
    if responseDays < 1 { problems.append("deviation.responseDays: must be at least 1") }
    if rank(of: minimumTitle) == nil {
      problems.append("deviation.minimumTitle: '\(minimumTitle)' is not in deviation.titles")
    }
    if Set(titles.map(Self.folded)).count != titles.count {
      problems.append("deviation.titles: a title is listed twice")
    }
    if categories.isEmpty {
      problems.append("deviation.categories: must list at least one category")
    }
    if Set(categories.map { $0.id.lowercased() }).count != categories.count {
      problems.append("deviation.categories: a category ID is listed twice")
    }
    if controller.isBlank {
      problems.append("deviation.controller: must name the role reports are filed with")
    }
    return problems
  }
}

/// A category of deviation: an ID for the command line and its Swedish label.
public struct DeviationCategory: Codable, Sendable, Equatable {
  /// `absence-without-valid-reason`.
  public var id: String
  /// "Utebliven närvaro utan giltig orsak".
  public var label: String

  public init(id: String, label: String) {
    self.id = id
    self.label = label
  }
}
