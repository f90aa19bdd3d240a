import Foundation
import SamverkanTestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Every authority rule of the Göteborg profile between real operating-system users of one
/// shared store, through the built binary: the wrong user is refused (77, naming who may,
/// the store byte-for-byte unchanged) and the right one succeeds. The same rules are tested
/// in process, case by case, in SamverkanUsersTests/AuthorityTests.
final class Crew: @unchecked Sendable {
  /// Logical name → organization, title, roles. The first is the register's admin.
  static let people: [(String, String, String, String)] = [
    ("anna", "SF-NORDOST/BOU", "biträdande enhetschef", "manager,admin"),
    ("karin", "SF-NORDOST/BOU", "socialsekreterare", "caseworker"),
    ("olof", "SF-NORDOST/VUXEN", "socialsekreterare", "caseworker"),
    ("bo", "SF-NORDOST", "enhetschef", "manager"),
    ("per", "FFS", "socialsekreterare", "caseworker"),
    ("eva", "FFS", "enhetschef", "manager"),
    ("lars", "REGION", "enhetschef", "manager"),
  ]

  let group: String
  let logins: [String: String]
  let store = TestStore()

  init() throws {
    let prefix = "sv\(getpid() % 100_000)c"
    group = prefix + "g"
    var logins: [String: String] = [:]
    for (name, _, _, _) in Crew.people { logins[name] = prefix + name }
    self.logins = logins
    try Team.system(["groupadd", group])
    for login in logins.values {
      try Team.system(["useradd", "-M", "-N", "-g", "users", "-G", group, login])
    }
    chmod(store.directory.path, 0o755)
  }

  deinit {
    for login in logins.values { _ = try? Team.system(["userdel", login]) }
    _ = try? Team.system(["groupdel", group])
  }

  /// The system login made for a user of the team; a name the team lacks names no one.
  func login(_ name: String) -> String { logins[name] ?? "no-such-team-member-\(name)" }

  func run(_ name: String, _ arguments: [String], stdin: String = "") throws -> RunResult {
    try runBinary(
      arguments,
      environment: binaryEnvironment(store: store.path, ["SAMVERKAN_USER": ""]),
      stdin: stdin,
      shell: "exec setpriv --reuid=\(login(name)) --regid=users --init-groups")
  }
}

@Suite(.serialized) struct TeamAuthorityTests {
  static let adult = TestPerson.adult
  static let youth = "20080601-2399"

  static func consent(_ parties: String, _ purpose: String, person: String = adult) -> [String] {
    [
      "consent", "grant", "--person", person, "--parties", parties, "--purpose", purpose,
      "--type", "explicit", "--form", "written", "--until", "2027-11-30", "--informed",
    ]
  }

  static func deviation(units: String) -> [[String]] {
    [
      [
        "deviation", "report", "--reporting-unit", "SF-NORDOST/BOU", "--units", units,
        "--category", "late-notice", "--what", "Sen avisering.", "--perceived", "Stress.",
        "--improvement", "Avisera i tid.", "--name", "Karin Lund", "--title",
        "biträdande enhetschef",
      ]
    ]
  }

  /// SP-1 submitted; DEV-1 (BOU–FFS) and DEV-2 (BOU–VUXEN) with part 2 written; ESC-1 at
  /// level 2; SIP-1 with REGION responsible; TRF-1 notified. All before the register.
  static let setup: [[String]] =
    [
      consent("SF-NORDOST,FFS", "sp"),
      [
        "sp", "create", "--person", adult, "--name", "Anna Andersson", "--by", "SF-NORDOST",
        "--with", "FFS", "--caseworker", "Karin Lund",
      ],
      [
        "sp", "summon", "SP-1", "--title", "socialsekreterare", "--phone", "031-365 00 00",
        "--email", "karin.ek@socialnordost.goteborg.se", "--reply-by", "2026-11-30", "--recipient",
        "FFS=Anna Berg", "--needs", "Stöd.", "--purpose",
        "Ansvar.", "--why", "Två förvaltningar.", "--questions", "Vem?", "--hoped-outcome",
        "En plan.", "--proposed-time", "2026-12-10T10:00", "--meeting-form", "video",
      ],
      [
        "sp", "meeting", "SP-1", "--held", "2026-11-25", "--attendance",
        "SF-NORDOST=present,FFS=present",
      ],
    ] + SPPlanFixture.all() + [
      ["sp", "submit", "SP-1"]
    ]
    + deviation(units: "SF-NORDOST/BOU,FFS")
    + [["deviation", "respond", "DEV-1", "--summary", "Avisera i tid.", "--remaining", "Inga."]]
    + deviation(units: "SF-NORDOST/BOU,SF-NORDOST/VUXEN")
    + [["deviation", "respond", "DEV-2", "--summary", "Avisera i tid.", "--remaining", "Inga."]]
    + [
      consent("SF-NORDOST/BOU,FFS", "consultation"),
      [
        "escalate", "open", "--person", adult, "--name", "Anna Andersson", "--parties",
        "SF-NORDOST/BOU,FFS", "--responsible", "SF-NORDOST/BOU", "--question", "Vem ansvarar?",
        "--background", "Autism, utredd 2019.", "--situation", "Boendestöd från BoU.",
      ],
      ["escalate", "attempt", "ESC-1", "--note", "Talats vid utan att enas."],
      ["escalate", "raise", "ESC-1"],
      // Level 2's samverkansmöte was held without a decision, so the matter may go up.
      ["escalate", "held", "ESC-1"],
      consent("SF-NORDOST,REGION", "sip"),
      [
        "sip", "create", "--person", adult, "--name", "Anna Andersson", "--initiator",
        "SF-NORDOST", "--trigger", "need",
      ],
      [
        "sip", "invite", "SIP-1", "--purpose", "Samordna stödet", "--question", "Vem gör vad?",
        "--party", "REGION",
      ],
      ["sip", "responsible", "SIP-1", "--principal", "REGION"],
      consent("SF-NORDOST/BOU,SF-NORDOST/VUXEN", "transfer", person: youth),
      [
        "transfer", "plan", "--person", youth, "--from", "SF-NORDOST/BOU", "--to",
        "SF-NORDOST/VUXEN",
      ],
      [
        "transfer", "package", "TRF-1", "--background", "Bor med mamma.", "--guardian", "Ingen.",
        "--current-situation", "Går på gymnasiet.", "--disability", "Utredd 2019.",
        "--interventions", "Kontaktperson.", "--caseworker", "Karin Lund",
      ],
      ["transfer", "notify", "TRF-1"],
      [
        "deviation", "report", "--draft", "--reporting-unit", "SF-NORDOST/BOU", "--units", "FFS",
        "--category", "late-notice", "--what", "Sen.", "--perceived", "Stress.",
        "--improvement", "Avisera.",
      ],
    ]

  /// One rule: the wrong user and what they are told, then the right user.
  struct Case: Sendable {
    var wrong: String
    var arguments: [String]
    var saying: String
    var right: String?
    var stdin = ""
  }

  static let cases: [Case] = [
    Case(
      wrong: "karin", arguments: ["sp", "approve", "SP-1", "--org", "FFS"],
      saying: "only a user of FFS (the administration answering) may", right: "per"),
    Case(
      wrong: "per", arguments: ["deviation", "sign", "DEV-1", "--side", "reporting"],
      saying: "only a user of SF-NORDOST (the reporting side)", right: nil),
    Case(
      wrong: "karin", arguments: ["deviation", "sign", "DEV-1", "--side", "reporting"],
      saying: "with at least the title biträdande enhetschef", right: "anna"),
    Case(
      wrong: "per", arguments: ["deviation", "sign", "DEV-1", "--side", "receiving"],
      saying: "with at least the title biträdande enhetschef", right: "eva"),
    Case(
      wrong: "karin", arguments: ["deviation", "sign", "DEV-2", "--side", "reporting"],
      saying: "with at least the title biträdande enhetschef", right: "anna"),
    Case(
      wrong: "anna", arguments: ["deviation", "sign", "DEV-2", "--side", "receiving"],
      saying: "other than the user who signed the other side", right: "bo"),
    Case(
      wrong: "karin", arguments: ["deviation", "report", "DEV-3"],
      saying: "only a user of SF-NORDOST (the reporting unit) with at least the title",
      right: "anna"),
    Case(
      wrong: "karin", arguments: ["escalate", "agree", "ESC-1", "--party", "FFS"],
      saying: "only a user of FFS (the party agreeing)", right: "per"),
    Case(
      wrong: "per", arguments: ["escalate", "agree", "ESC-1", "--party", "SF-NORDOST/BOU"],
      saying: "only a user of SF-NORDOST (the party agreeing)", right: "karin"),
    Case(
      wrong: "per", arguments: ["escalate", "raise", "ESC-1", "--report", "-"],
      saying: "with at least the title biträdande enhetschef", right: "eva", stdin: "Rapport."),
    Case(
      wrong: "lars", arguments: ["escalate", "resolve", "ESC-1", "--decision", "FFS utreder."],
      saying: "only a user of SF-NORDOST or FFS (a party to the matter)", right: nil),
    Case(
      wrong: "anna", arguments: ["escalate", "resolve", "ESC-1", "--decision", "FFS utreder."],
      saying: "with at least the title enhetschef", right: "bo"),
    Case(
      wrong: "karin",
      arguments: ["sip", "close", "SIP-1", "--reason", "no-longer-needed", "--by", "REGION"],
      saying: "only a user of REGION (the principal documenting its closing) may",
      right: "lars"),
    Case(
      wrong: "karin", arguments: ["transfer", "acknowledge", "TRF-1"],
      saying: "only a user of SF-NORDOST/VUXEN (the receiving unit) may", right: "olof"),
    Case(
      wrong: "karin", arguments: ["transfer", "assign", "TRF-1", "--caseworker", "Olof Ek"],
      saying: "only a user of SF-NORDOST/VUXEN (the receiving unit) may", right: "olof"),
    Case(
      wrong: "per", arguments: ["users", "update", "per", "--add-role", "admin"],
      saying: "only a user with the role admin may", right: nil),
    Case(
      wrong: "per", arguments: ["store", "access-log"],
      saying: "only a user with the role controller or admin may", right: "anna"),
  ]

  @Test func everyRuleBetweenRealUsers() throws {
    let crew = try Crew()
    let made = try runBinary(
      ["store", "init", "--shared=group", "--group", crew.group],
      environment: binaryEnvironment(store: crew.store.path))
    try #require(made.code == 0, "\(made.stderr)")
    for arguments in Self.setup {
      let result = try crew.run("anna", arguments)
      try #require(result.code == 0, "\(arguments): \(result.stderr)")
    }
    for (name, org, title, roles) in Crew.people {
      let added = try crew.run(
        "anna",
        [
          "users", "add", "--login", crew.login(name), "--name", name, "--org", org, "--title",
          title, "--role", roles,
        ])
      try #require(added.code == 0, "\(added.stderr)")
    }
    for rule in Self.cases {
      // Logins in arguments are the crew's real ones.
      let arguments = rule.arguments.map { crew.logins[$0] ?? $0 }
      let before = crew.store.snapshot()
      let wrong = try crew.run(rule.wrong, arguments, stdin: rule.stdin)
      #expect(wrong.code == 77, "\(arguments) as \(rule.wrong): \(wrong.stderr)")
      #expect(wrong.stderr.contains(rule.saying), "\(arguments): \(wrong.stderr)")
      #expect(wrong.stdout.isEmpty)
      #expect(crew.store.changedFiles(since: before) == [], "\(arguments)")
      if let right = rule.right {
        let result = try crew.run(right, arguments, stdin: rule.stdin)
        #expect(result.code == 0, "\(arguments) as \(right): \(result.stderr)")
      }
    }
    // The journal names the real logins that decided.
    let history = try crew.run("eva", ["sp", "history", "SP-1", "--format", "ndjson"])
    #expect(history.stdout.contains("\"action\":\"approve\",\"actor\":\"\(crew.login("per"))\""))
    #expect(try crew.run("anna", ["store", "check"]).code == 0)
  }
}
