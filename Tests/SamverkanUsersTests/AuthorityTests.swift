import Foundation
import SamverkanDomain
import SamverkanTestSupport
import Testing

/// Every authority rule of the Göteborg profile (SPEC §12): the record is brought to just
/// before the step while the store has no register, then the register is made, and the
/// wrong user is refused (77, naming who may, the store byte-for-byte unchanged) before the
/// right one succeeds.
@Suite struct AuthorityTests {
  static let adult = TestPerson.adult
  static let youth = "20080601-2399"

  /// login, name, organization, title, roles
  static let people: [(String, String, String, String, String)] = [
    ("anna", "Anna Berg", "SF-NORDOST/BOU", "biträdande enhetschef", "manager,admin"),
    ("karin", "Karin Lund", "SF-NORDOST/BOU", "socialsekreterare", "caseworker"),
    ("olof", "Olof Ek", "SF-NORDOST/VUXEN", "socialsekreterare", "caseworker"),
    ("bo", "Bo Nord", "SF-NORDOST", "enhetschef", "manager"),
    ("per", "Per Holm", "FFS", "socialsekreterare", "caseworker"),
    ("eva", "Eva Ek", "FFS", "enhetschef", "manager"),
    ("lars", "Lars Lind", "REGION", "enhetschef", "manager"),
  ]

  /// Runs the setup without a register (as today: anyone does anything), then makes the
  /// register with anna as its admin.
  static func store(setup: [[String]], stdin: String = "") throws -> TestStore {
    let store = TestStore()
    for arguments in setup {
      let result = store.run(arguments, stdin: stdin)
      try #require(result.code == 0, "\(arguments): \(result.stderr)")
    }
    for (login, name, org, title, roles) in people {
      let result = runAs(
        "anna",
        [
          "users", "add", "--login", login, "--name", name, "--org", org, "--title", title,
          "--role", roles,
        ], store: store)
      try #require(result.code == 0, "\(result.stderr)")
    }
    return store
  }

  static func consent(_ parties: String, _ purpose: String, person: String = adult) -> [String] {
    [
      "consent", "grant", "--person", person, "--parties", parties, "--purpose", purpose,
      "--type", "explicit", "--form", "written", "--until", "2027-11-30", "--informed",
    ]
  }

  /// The wrong user is refused with 77, a message naming who may, and nothing written.
  static func refuses(
    _ login: String, _ arguments: [String], _ store: TestStore, saying words: String,
    stdin: String = "", sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let before = store.snapshot()
    let result = runAs(login, arguments, store: store, stdin: stdin)
    #expect(result.code == 77, "\(result.stderr)", sourceLocation: sourceLocation)
    #expect(result.stderr.contains(words), "\(result.stderr)", sourceLocation: sourceLocation)
    #expect(result.stdout.isEmpty, sourceLocation: sourceLocation)
    #expect(
      store.changedFiles(since: before) == [], sourceLocation: sourceLocation)
  }

  static func succeeds(
    _ login: String, _ arguments: [String], _ store: TestStore, stdin: String = "",
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let result = runAs(login, arguments, store: store, stdin: stdin)
    #expect(result.code == 0, "\(result.stderr)", sourceLocation: sourceLocation)
  }

  // MARK: - SP

  static let spSetup: [[String]] =
    [
      consent("SF-NORDOST,FFS", "sp"),
      [
        "sp", "create", "--person", adult, "--name", "Alex Andersson", "--by", "SF-NORDOST",
        "--with", "FFS", "--caseworker", "Karin Lund",
      ],
      [
        "sp", "summon", "SP-1", "--title", "socialsekreterare", "--phone", "031-365 00 00",
        "--email",
        "karin.ek@socialnordost.goteborg.se", "--reply-by", "2026-11-30", "--recipient",
        "FFS=Anna Berg", "--needs", "Stöd i vardagen.",
        "--purpose", "Fördela ansvaret.", "--why", "Båda förvaltningarnas insatser.",
        "--questions", "Vem utreder boendestöd?", "--hoped-outcome", "En gemensam plan.",
        "--proposed-time", "2026-12-10T10:00", "--meeting-form", "video",
      ],
      [
        "sp", "meeting", "SP-1", "--held", "2026-11-25", "--attendance",
        "SF-NORDOST=present,FFS=present",
      ],
    ] + SPPlanFixture.all() + [
      ["sp", "submit", "SP-1"]
    ]

  @Test func spApprovalByTheApprovingAdministration() throws {
    let store = try Self.store(setup: Self.spSetup)
    let approve = ["sp", "approve", "SP-1", "--org", "FFS"]
    Self.refuses(
      "karin", approve, store,
      saying:
        "Karin Lund (karin, socialsekreterare, SF-NORDOST/BOU) may not approve SP-1 for FFS: only a user of FFS (the administration answering) may."
    )
    Self.refuses(
      "karin", ["sp", "reject", "SP-1", "--org", "FFS", "--comment", "Nej"], store,
      saying: "only a user of FFS")
    // A name typed for someone else is refused: the decider is the user running it.
    let named = runAs("per", approve + ["--decided-by", "Eva Ek"], store: store)
    #expect(named.code == 64)
    #expect(named.stderr.contains("cannot name someone else"))
    Self.succeeds("per", approve, store)
    let json = runAs("per", ["sp", "show", "SP-1", "--json"], store: store).stdout
    #expect(json.contains("\"by\": \"Per Holm\""), "\(json)")
  }

  // MARK: - Deviation

  static func deviationSetup(units: String, reporting: String) -> [[String]] {
    [
      [
        "deviation", "report", "--reporting-unit", reporting, "--units", units, "--category",
        "absence-without-valid-reason", "--what", "Ingen kom till mötet.", "--perceived",
        "Planeringen försenades.", "--improvement", "Bekräfta kallelser.", "--name",
        "Karin Lund", "--title", "biträdande enhetschef",
      ],
      [
        "deviation", "respond", "DEV-1", "--summary", "Kallelser bekräftas.", "--remaining",
        "Inga.",
      ],
    ]
  }

  @Test func deviationSidesBySeniorUsersOfEachSide() throws {
    let store = try Self.store(
      setup: Self.deviationSetup(units: "SF-NORDOST/BOU,FFS", reporting: "SF-NORDOST/BOU"))
    let reporting = ["deviation", "sign", "DEV-1", "--side", "reporting"]
    let receiving = ["deviation", "sign", "DEV-1", "--side", "receiving"]
    Self.refuses("per", reporting, store, saying: "only a user of SF-NORDOST (the reporting side)")
    Self.refuses("karin", reporting, store, saying: "with at least the title biträdande enhetschef")
    Self.succeeds("anna", reporting, store)
    Self.refuses("anna", receiving, store, saying: "only a user of FFS (the receiving side)")
    Self.refuses("per", receiving, store, saying: "with at least the title biträdande enhetschef")
    Self.succeeds("eva", receiving, store)
    let json = runAs("eva", ["deviation", "show", "DEV-1", "--json"], store: store).stdout
    #expect(json.contains("\"state\": \"resolved\""))
    #expect(json.contains("\"login\": \"eva\""))
    #expect(json.contains("\"name\": \"Eva Ek\""))
  }

  @Test func deviationReportedByASeniorUserOfTheReportingUnit() throws {
    let store = try Self.store(setup: [])
    let report = [
      "deviation", "report", "--reporting-unit", "SF-NORDOST/BOU", "--units", "FFS",
      "--category", "late-notice", "--what", "Sen avisering.", "--perceived", "Stress.",
      "--improvement", "Avisera i tid.",
    ]
    // A caseworker may prepare the draft; sending it is a manager's step.
    Self.succeeds("karin", report + ["--draft"], store)
    Self.refuses(
      "karin", ["deviation", "report", "DEV-1"], store,
      saying:
        "only a user of SF-NORDOST (the reporting unit) with at least the title biträdande enhetschef may"
    )
    Self.refuses(
      "eva", ["deviation", "report", "DEV-1"], store, saying: "only a user of SF-NORDOST")
    let named = runAs("anna", ["deviation", "report", "DEV-1", "--name", "Bo Nord"], store: store)
    #expect(named.code == 64)
    Self.succeeds("anna", ["deviation", "report", "DEV-1"], store)
    let json = runAs("anna", ["deviation", "show", "DEV-1", "--json"], store: store).stdout
    #expect(json.contains("\"reporterName\": \"Anna Berg\""))
    #expect(json.contains("\"reporterTitle\": \"biträdande enhetschef\""))
  }

  @Test func deviationSidesByTwoDifferentUsers() throws {
    // Both units are in SF-NORDOST: one person could belong to both sides.
    let store = try Self.store(
      setup: Self.deviationSetup(
        units: "SF-NORDOST/BOU,SF-NORDOST/VUXEN", reporting: "SF-NORDOST/BOU"))
    Self.succeeds("anna", ["deviation", "sign", "DEV-1", "--side", "reporting"], store)
    Self.refuses(
      "anna", ["deviation", "sign", "DEV-1", "--side", "receiving"], store,
      saying: "other than the user who signed the other side")
    Self.succeeds("bo", ["deviation", "sign", "DEV-1", "--side", "receiving"], store)
  }

  // MARK: - Escalation

  static let escalateSetup: [[String]] = [
    consent("SF-NORDOST/BOU,FFS", "consultation"),
    [
      "escalate", "open", "--person", adult, "--name", "Anna Andersson", "--parties",
      "SF-NORDOST/BOU,FFS", "--responsible", "SF-NORDOST/BOU", "--question", "Vem ansvarar?",
      "--background", "Autism, utredd 2019.", "--situation", "Boendestöd från BoU.",
    ],
    ["escalate", "attempt", "ESC-1", "--note", "Talats vid utan att enas."],
    ["escalate", "raise", "ESC-1"],
  ]

  @Test func escalationLevelsByTheLevelsTitleInAParty() throws {
    let store = try Self.store(setup: Self.escalateSetup)
    // Level 2: biträdande enhetschef in SF-NORDOST or FFS.
    let resolve = ["escalate", "resolve", "ESC-1", "--decision", "FFS utreder."]
    Self.refuses("karin", resolve, store, saying: "with at least the title biträdande enhetschef")
    Self.refuses(
      "lars", resolve, store, saying: "only a user of SF-NORDOST or FFS (a party to the matter)")
    Self.refuses(
      "anna", resolve + ["--level", "1"], store, saying: "is decided there, not at level 1")
    // Each party agrees for itself before level 3.
    Self.refuses(
      "karin", ["escalate", "agree", "ESC-1", "--party", "FFS"], store,
      saying: "only a user of FFS (the party agreeing)")
    Self.succeeds("per", ["escalate", "agree", "ESC-1", "--party", "FFS"], store)
    Self.succeeds("karin", ["escalate", "agree", "ESC-1", "--party", "SF-NORDOST/BOU"], store)
    // Level 2's samverkansmöte was held without a decision, so the matter may go up.
    Self.succeeds("eva", ["escalate", "held", "ESC-1"], store)
    let raise = ["escalate", "raise", "ESC-1", "--report", "-"]
    Self.refuses(
      "per", raise, store, saying: "with at least the title biträdande enhetschef",
      stdin: "Rapport.")
    Self.succeeds("eva", raise, store, stdin: "Rapport.")
    // Level 3: enhetschef; the biträdande enhetschef may no longer decide.
    Self.refuses("anna", resolve, store, saying: "with at least the title enhetschef")
    Self.succeeds("bo", resolve, store)
  }

  // MARK: - SIP

  static let sipSetup: [[String]] = [
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
  ]

  @Test func eachPrincipalsClosingIsDocumentedByItsOwnUsers() throws {
    let store = try Self.store(setup: Self.sipSetup)
    let close = ["sip", "close", "SIP-1", "--reason", "no-longer-needed", "--by", "REGION"]
    Self.refuses(
      "karin", close, store,
      saying: "only a user of REGION (the principal documenting its closing) may")
    Self.succeeds("lars", close, store)
    // Without --by, the closing is the acting user's organization's: karin's SF-NORDOST/BOU
    // documents SF-NORDOST's closing, and the SIP is closed.
    let own = ["sip", "close", "SIP-1", "--reason", "no-longer-needed"]
    Self.refuses(
      "lars", own, store,
      saying: "REGION already documented its closing of SIP-1")
    Self.succeeds("karin", own, store)
    let shown = runAs("karin", ["sip", "show", "SIP-1", "--json"], store: store).stdout
    #expect(shown.contains("\"state\": \"closed\""), "\(shown)")
    #expect(shown.contains("SF-NORDOST/BOU"))
  }

  // MARK: - Transfer

  static let transferSetup: [[String]] = [
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
  ]

  @Test func transferReceivedByTheReceivingUnit() throws {
    let store = try Self.store(setup: Self.transferSetup)
    Self.refuses(
      "karin", ["transfer", "acknowledge", "TRF-1"], store,
      saying: "only a user of SF-NORDOST/VUXEN (the receiving unit) may")
    Self.succeeds("olof", ["transfer", "acknowledge", "TRF-1"], store)
    let assign = ["transfer", "assign", "TRF-1", "--caseworker", "Olof Ek"]
    Self.refuses("karin", assign, store, saying: "only a user of SF-NORDOST/VUXEN")
    // A user of the whole administration belongs to its units too.
    Self.succeeds("bo", assign, store)
    let json = runAs("olof", ["transfer", "show", "TRF-1", "--json"], store: store).stdout
    #expect(json.contains("\"acknowledgedBy\": \"Olof Ek\""))
  }

  // MARK: - Admin steps

  @Test func importsNeedAnAdmin() throws {
    let store = try Self.store(setup: [Self.consent("SF-NORDOST,FFS", "sp")])
    let export = runAs("anna", ["consent", "export"], store: store).stdout
    Self.refuses(
      "per", ["consent", "import", "-"], store, saying: "only a user with the role admin may",
      stdin: export)
    Self.refuses(
      "per", ["store", "import", "-"], store, saying: "only a user with the role admin may",
      stdin: export)
    Self.refuses(
      "per",
      ["users", "add", "--login", "x", "--name", "X", "--org", "FFS", "--title", "handläggare"],
      store, saying: "only a user with the role admin may")
    Self.succeeds("anna", ["consent", "import", "-"], store, stdin: export)
  }

  @Test func theRulesAreProfileData() throws {
    let store = try Self.store(setup: Self.spSetup)
    // A municipality whose profile only asks that a manager records SP answers.
    try Data(#"{"authority": {"rules": [{"step": "sp approve", "roles": ["manager"]}]}}"#.utf8)
      .write(to: URL(fileURLWithPath: store.path + "/profile.json"))
    Self.refuses(
      "per", ["sp", "approve", "SP-1", "--org", "FFS"], store,
      saying: "only a user with the role manager may")
    Self.succeeds("anna", ["sp", "approve", "SP-1", "--org", "FFS"], store)
  }

  @Test func withoutARegisterNothingIsEnforced() throws {
    let store = TestStore()
    for arguments in Self.spSetup {
      #expect(store.run(arguments).code == 0)
    }
    let result = runAs(
      "karin", ["sp", "approve", "SP-1", "--org", "FFS", "--decided-by", "Anna Berg"],
      store: store)
    #expect(result.code == 0, "\(result.stderr)")
  }
}
