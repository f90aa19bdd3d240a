import Foundation
import SamverkanDomain
import SamverkanStore
import SamverkanTestSupport
import Testing

extension TestStore {
  /// The store as the tests' own process sees it, to insert what other commands make.
  var direct: Store { Store(directory: path, actor: "tester", commandLine: ["test"]) }

  /// Inserts a consent directly (the `consent` verbs are another module's), and returns its
  /// ID.
  @discardableResult
  func grant(
    _ person: String = TestPerson.adult, parties: [String],
    purposes: [ConsentPurpose] = [.sp], from: String = "2026-01-01",
    until: String = "2027-12-31", restrictions: String? = nil
  ) throws -> RecordID {
    try seedConsent(
      person: person, parties: parties, purposes: purposes, from: from, until: until,
      restrictions: restrictions)
  }

  /// Withdraws a consent directly, from `date`.
  func revoke(_ id: RecordID, on date: String) throws {
    try seedRevocation(id, on: day(date))
  }

  /// Runs a command that must succeed, and returns its result.
  @discardableResult
  func ok(
    _ arguments: [String], stdin: String = "", sourceLocation: SourceLocation = #_sourceLocation
  ) -> RunResult {
    let result = run(arguments, stdin: stdin)
    #expect(
      result.code == 0, "\(arguments.joined(separator: " "))\n\(result)",
      sourceLocation: sourceLocation)
    return result
  }

  /// Runs a command that must be refused with `code`, changing nothing in the store.
  @discardableResult
  func refused(
    _ arguments: [String], code: Int32 = 77, stdin: String = "",
    sourceLocation: SourceLocation = #_sourceLocation
  ) -> RunResult {
    expectRefused(arguments, code: code, stdin: stdin, sourceLocation: sourceLocation)
  }

  /// The SP's field as JSON text, from `sp show --json`.
  func field(_ id: String, _ name: String) -> String {
    let result = run(["sp", "show", id, "--fields", name, "--format", "tsv"])
    return result.lines.first.map { String($0.split(separator: "\t", maxSplits: 1).last ?? "") }
      ?? ""
  }
}

/// The command lines of one SP's walk through the routine, Socialförvaltningen Nordost with
/// FFS (and ÄVO when `three`).
enum Walk {
  static func create(_ person: String = TestPerson.adult, three: Bool = false) -> [String] {
    [
      "sp", "create", "--person", person, "--name", "Alex Andersson", "--by", "SF-NORDOST",
      "--with", three ? "FFS,AVO" : "FFS", "--caseworker", "Karin Ek",
    ]
  }

  static func summon(_ id: String = "SP-1", three: Bool = false) -> [String] {
    [
      "sp", "summon", id, "--recipient", "FFS=Anna Berg", "--title", "socialsekreterare", "--phone",
      "031-365 00 00", "--email", "karin.ek@socialnordost.goteborg.se", "--reply-by", "2026-12-01",
    ] + (three ? ["--recipient", "AVO=Bo Lind"] : []) + [
      "--needs", "Stöd i vardagen efter flytt till egen lägenhet.",
      "--purpose", "Att fördela ansvaret för stödet mellan förvaltningarna.",
      "--why", "Behoven rör både socialtjänstens och funktionsstödets insatser.",
      "--questions", "Vem utreder boendestöd? Hur samordnas kontakterna?",
      "--hoped-outcome", "En gemensam plan utan glapp i ansvar.",
      "--proposed-time", "2026-12-02T10:00", "--proposed-time", "2026-12-03T13:30",
      "--meeting-form", "video", "--today", "2026-11-25",
    ]
  }

  static func meeting(_ id: String = "SP-1", three: Bool = false, ffs: String = "present")
    -> [String]
  {
    [
      "sp", "meeting", id, "--held", "2026-12-02", "--attendance",
      "SF-NORDOST=present,FFS=\(ffs)" + (three ? ",AVO=present" : ""), "--today", "2026-12-02",
    ]
  }

  static func plan(_ id: String = "SP-1", three: Bool = false) -> [String] {
    [
      "sp", "plan", id,
      "--responsibility", "SF-NORDOST: Samordnar, och håller kontakten med den enskilde.",
      "--responsibility", "FFS: Utreder och beslutar om boendestöd.",
    ] + (three ? ["--responsibility", "AVO: Hemtjänst vid behov."] : []) + [
      "--follow-up", "2027-03-01", "--follow-up-note", "Nytt SP-möte, digitalt.",
      "--today", "2026-12-03",
    ]
  }

  /// The plan's content beside the responsibility split: needs, own view, goals,
  /// interventions with their time, and each administration's named contact.
  static func content(_ id: String = "SP-1", three: Bool = false) -> [[String]] {
    let today = ["--today", "2026-12-03"]
    var commands: [[String]] = [
      ["sp", "need", id, "Stöd i vardagen efter flytt till egen lägenhet."],
      ["sp", "need", id, "Någon att vända sig till när något krånglar."],
      ["sp", "own-view", id, "Vill bo kvar i lägenheten och ha en kontakt i stället för många."],
      ["sp", "goal", id, "Bor kvar i egen lägenhet med det stöd som behövs.", "--term", "long"],
      ["sp", "goal", id, "Har en fungerande vardag."],
      [
        "sp", "intervention", id, "Boendestöd, två tillfällen i veckan.", "--responsible", "FFS",
        "--from", "2027-01-01",
      ],
      [
        "sp", "intervention", id, "Samtalsstöd varannan vecka.", "--responsible", "SF-NORDOST",
        "--from", "2026-12-07", "--by", "2027-03-01",
      ],
      [
        "sp", "contact", id, "--org", "SF-NORDOST", "--name", "Karin Ek", "--title",
        "socialsekreterare", "--phone", "031-365 47 14", "--email",
        "karin.ek@socialnordost.goteborg.se",
      ],
      [
        "sp", "contact", id, "--org", "FFS", "--name", "Anna Berg", "--phone", "031-365 33 67",
      ],
    ]
    if three { commands.append(["sp", "contact", id, "--org", "AVO", "--name", "Bo Lind"]) }
    return commands.map { $0 + today }
  }

  /// The whole plan: its content, then the responsibility split and follow-up.
  static func document(_ id: String = "SP-1", three: Bool = false) -> [[String]] {
    content(id, three: three) + [plan(id, three: three)]
  }

  static func submit(_ id: String = "SP-1") -> [String] {
    ["sp", "submit", id, "--today", "2026-12-03"]
  }

  static func approve(
    _ id: String = "SP-1", org: String = "FFS", by: String = "Anna Berg", ref: String? = nil
  ) -> [String] {
    ["sp", "approve", id, "--org", org, "--decided-by", by, "--today", "2026-12-04"]
      + (ref.map { ["--ref", $0] } ?? [])
  }
}
