import Foundation
import SamverkanDomain
import SamverkanStore
import SamverkanTestSupport
import Testing

/// Every sharing step of every command walked through the same cases (SPEC §11): each step
/// answers the same way — the same exit code, the store byte-for-byte unchanged when
/// refused, exactly one disclosure logged when a disclosure passes.
///
/// Each step's record is first brought to just before the step under a setup consent that
/// covers everything, withdrawn two days before the step's day D so that only the case's
/// own consents (or ground) can answer.
@Suite struct SharingMatrixTests {
  // MARK: - The steps

  struct Step: Sendable, CustomTestStringConvertible {
    var name: String
    var person: String
    var purpose: ConsentPurpose
    /// The parties a covering consent names.
    var parties: [String]
    /// Commands that bring the record to just before the step, each with its own day.
    var setup: [(day: String, arguments: [String])]
    /// The step's day D.
    var day: String
    /// The step's command; `date` is given when the step is dated with an option.
    var command: @Sendable (_ date: String?) -> [String]
    /// Whether it takes a date option (so it can be recorded after its day).
    var datable: Bool
    /// Whether a secrecy-breaking ground may stand in for consent.
    var takesGround: Bool
    /// Whether it discloses (logged) rather than contacts the person.
    var logs: Bool = true
    /// What the step reads on standard input (a written report).
    var stdin = ""

    var testDescription: String { name }
  }

  static let adult = TestPerson.adult
  static let youth = "20080601-2399"

  static let sipCreate = [
    "sip", "create", "--person", adult, "--name", "Anna Andersson", "--initiator", "SF-NORDOST",
    "--trigger", "need",
  ]
  static let sipReady: [(day: String, arguments: [String])] = [
    ("2026-11-16", sipCreate),
    (
      "2026-11-17",
      [
        "sip", "invite", "SIP-1", "--purpose", "Samordna stödet", "--question", "Vem gör vad?",
        "--party", "REGION", "--on", "2026-11-17",
      ]
    ),
    ("2026-11-18", ["sip", "respond", "SIP-1", "--party", "REGION", "--attending", "Lars Lind"]),
    ("2026-11-20", ["sip", "meeting", "SIP-1", "--at", "2026-11-20T13:00", "--place", "Angered"]),
    ("2026-11-20", ["sip", "need", "SIP-1", "Stöd i vardagen"]),
    ("2026-11-20", ["sip", "goal", "SIP-1", "En fungerande dygnsrytm", "--term", "short"]),
    (
      "2026-11-20",
      [
        "sip", "intervention", "SIP-1", "Boendestöd", "--responsible", "SF-NORDOST", "--by",
        "2027-01-31",
      ]
    ),
    ("2026-11-20", ["sip", "responsible", "SIP-1", "--principal", "SF-NORDOST"]),
  ]

  static let spCreate = [
    "sp", "create", "--person", adult, "--name", "Alex Andersson", "--by", "SF-NORDOST", "--with",
    "FFS", "--caseworker", "Karin Ek",
  ]
  static func spSummon(sent: String?) -> [String] {
    [
      "sp", "summon", "SP-1", "--recipient", "FFS=Anna Berg", "--title", "socialsekreterare",
      "--phone", "031-365 00 00", "--email", "karin.ek@socialnordost.goteborg.se", "--reply-by",
      "2026-12-01", "--needs", "Stöd i vardagen.",
      "--purpose", "Fördela ansvaret.", "--why", "Båda förvaltningarnas insatser.",
      "--questions", "Vem utreder boendestöd?", "--hoped-outcome", "En gemensam plan.",
      "--proposed-time", "2026-12-10T10:00", "--meeting-form", "video",
    ] + (sent.map { ["--sent", $0] } ?? [])
  }
  static let spMeeting = [
    "sp", "meeting", "SP-1", "--held", "2026-11-18", "--attendance",
    "SF-NORDOST=present,FFS=present",
  ]
  static let spPlan = SPPlanFixture.plan()
  /// The SP steps up to and including the documented plan: create, summon, meeting, the
  /// plan's content, the plan.
  static let spPlanned = 3 + SPPlanFixture.content().count + 1
  static let spSetup: [(day: String, arguments: [String])] =
    [
      ("2026-11-16", spCreate), ("2026-11-17", spSummon(sent: nil)), ("2026-11-18", spMeeting),
    ] + SPPlanFixture.content().map { ("2026-11-19", $0) } + [
      ("2026-11-19", spPlan), ("2026-11-19", ["sp", "submit", "SP-1"]),
      ("2026-11-20", ["sp", "approve", "SP-1", "--org", "FFS", "--decided-by", "Anna Berg"]),
    ]

  static let transferPlan = [
    "transfer", "plan", "--person", youth, "--from", "SF-NORDOST/BOU", "--to", "SF-NORDOST/VUXEN",
  ]
  static let transferPackage = [
    "transfer", "package", "TRF-1", "--background", "Bor med mamma.", "--guardian", "Ingen.",
    "--current-situation", "Går på gymnasiet.", "--disability", "Utredd 2019.",
    "--interventions", "Kontaktperson.", "--caseworker", "Karin Lund",
  ]
  static let transferSetup: [(day: String, arguments: [String])] = [
    ("2026-11-16", transferPlan), ("2026-11-16", transferPackage),
    ("2026-11-17", ["transfer", "notify", "TRF-1"]),
    ("2026-11-18", ["transfer", "acknowledge", "TRF-1"]),
    ("2026-11-18", ["transfer", "assign", "TRF-1", "--caseworker", "Per Berg"]),
    ("2026-11-19", ["transfer", "meeting", "TRF-1"]),
  ]

  static let escalateOpen = [
    "escalate", "open", "--person", adult, "--name", "Anna Andersson", "--parties",
    "SF-NORDOST/BOU,FFS", "--responsible", "SF-NORDOST/BOU", "--question", "Vem ansvarar?",
    "--background", "Autism, utredd 2019.", "--situation", "Boendestöd från BoU.",
  ]
  static let escalateLevel2: [(day: String, arguments: [String])] = [
    ("2026-11-16", escalateOpen),
    ("2026-11-16", ["escalate", "attempt", "ESC-1", "--note", "Talats vid utan att enas."]),
    ("2026-11-16", ["escalate", "raise", "ESC-1"]),
  ]
  static let escalateAgreed =
    escalateLevel2 + [
      ("2026-11-17", ["escalate", "agree", "ESC-1", "--party", "SF-NORDOST/BOU"]),
      ("2026-11-17", ["escalate", "agree", "ESC-1", "--party", "FFS"]),
      // Level 2's meeting held without a decision, so the matter can go up.
      ("2026-11-18", ["escalate", "held", "ESC-1"]),
    ]

  static func dated(_ option: String, _ arguments: [String]) -> @Sendable (String?) -> [String] {
    { date in arguments + (date.map { [option, $0] } ?? []) }
  }

  static let sipParties = ["SF-NORDOST", "REGION"]
  static let spParties = ["SF-NORDOST", "FFS"]
  static let transferParties = ["SF-NORDOST/BOU", "SF-NORDOST/VUXEN"]
  static let escalateParties = ["SF-NORDOST/BOU", "FFS"]

  static let steps: [Step] = [
    Step(
      name: "sip invite", person: adult, purpose: .sip, parties: sipParties,
      setup: [("2026-11-16", sipCreate)], day: "2026-11-25",
      command: dated(
        "--on",
        [
          "sip", "invite", "SIP-1", "--purpose", "Samordna stödet", "--question", "Vem gör vad?",
          "--party", "REGION",
        ]), datable: true,
      takesGround: false),
    Step(
      name: "sip meeting", person: adult, purpose: .sip, parties: sipParties,
      setup: Array(sipReady.prefix(3)), day: "2026-11-25",
      command: { _ in
        ["sip", "meeting", "SIP-1", "--at", "2026-12-01T10:00", "--place", "Angered"]
      }, datable: false, takesGround: false),
    Step(
      name: "sip establish", person: adult, purpose: .sip, parties: sipParties, setup: sipReady,
      day: "2026-11-25",
      command: dated(
        "--on",
        [
          "sip", "establish", "SIP-1", "--follow-up", "2027-02-20", "--follow-up-place",
          "Socialkontoret",
        ]),
      datable: true, takesGround: false),
    Step(
      name: "sip follow-up", person: adult, purpose: .sip, parties: sipParties,
      setup: sipReady + [
        (
          "2026-11-20",
          [
            "sip", "establish", "SIP-1", "--follow-up", "2026-11-24", "--follow-up-place",
            "Socialkontoret",
          ]
        )
      ], day: "2026-11-25",
      command: dated(
        "--on",
        ["sip", "follow-up", "SIP-1", "--outcome", "continue", "--next", "2027-02-20"]),
      datable: true, takesGround: false),
    Step(
      name: "sp summon", person: adult, purpose: .sp, parties: spParties,
      setup: [spSetup[0]], day: "2026-11-25", command: { spSummon(sent: $0) }, datable: true,
      takesGround: true),
    Step(
      name: "sp meeting", person: adult, purpose: .sp, parties: spParties,
      setup: Array(spSetup.prefix(2)), day: "2026-11-25",
      command: { date in
        [
          "sp", "meeting", "SP-1", "--attendance", "SF-NORDOST=present,FFS=present", "--held",
          date ?? "2026-11-25",
        ]
      }, datable: true, takesGround: true),
    Step(
      name: "sp plan", person: adult, purpose: .sp, parties: spParties,
      setup: Array(spSetup.prefix(3)), day: "2026-11-25", command: { _ in spPlan },
      datable: false, takesGround: true),
    Step(
      name: "sp intervention", person: adult, purpose: .sp, parties: spParties,
      setup: Array(spSetup.prefix(3)), day: "2026-11-25",
      command: { _ in SPPlanFixture.content()[3] }, datable: false, takesGround: true),
    Step(
      name: "sp submit", person: adult, purpose: .sp, parties: spParties,
      setup: Array(spSetup.prefix(spPlanned)), day: "2026-11-25",
      command: dated("--on", ["sp", "submit", "SP-1"]), datable: true, takesGround: true),
    Step(
      name: "sp approve", person: adult, purpose: .sp, parties: spParties,
      setup: Array(spSetup.prefix(spPlanned + 1)), day: "2026-11-25",
      command: dated("--on", ["sp", "approve", "SP-1", "--org", "FFS"]), datable: true,
      takesGround: true),
    Step(
      name: "sp follow-up", person: adult, purpose: .sp, parties: spParties, setup: spSetup,
      day: "2026-11-25",
      command: dated("--on", ["sp", "follow-up", "SP-1", "--note", "Stödet fungerar."]),
      datable: true, takesGround: true),
    Step(
      name: "sp support-contact", person: adult, purpose: .supportContact, parties: spParties,
      setup: [spSetup[0]], day: "2026-11-25",
      command: dated("--on", ["sp", "support-contact", "SP-1", "--org", "FFS"]), datable: true,
      takesGround: false, logs: false),
    Step(
      name: "transfer notify", person: youth, purpose: .transfer, parties: transferParties,
      setup: Array(transferSetup.prefix(2)), day: "2026-11-25",
      command: dated("--on", ["transfer", "notify", "TRF-1"]), datable: true, takesGround: false),
    Step(
      name: "transfer package", person: youth, purpose: .transfer, parties: transferParties,
      setup: Array(transferSetup.prefix(3)), day: "2026-11-25",
      command: { _ in ["transfer", "package", "TRF-1", "--current-situation", "Ny situation."] },
      datable: false, takesGround: false),
    Step(
      name: "transfer acknowledge", person: youth, purpose: .transfer, parties: transferParties,
      setup: Array(transferSetup.prefix(3)), day: "2026-11-25",
      command: dated("--on", ["transfer", "acknowledge", "TRF-1"]), datable: true,
      takesGround: false, logs: false),
    Step(
      name: "transfer assign", person: youth, purpose: .transfer, parties: transferParties,
      setup: Array(transferSetup.prefix(4)), day: "2026-11-25",
      command: dated("--on", ["transfer", "assign", "TRF-1", "--caseworker", "Per Berg"]),
      datable: true, takesGround: false, logs: false),
    Step(
      name: "transfer meeting", person: youth, purpose: .transfer, parties: transferParties,
      setup: Array(transferSetup.prefix(5)), day: "2026-11-25",
      command: dated("--on", ["transfer", "meeting", "TRF-1"]), datable: true, takesGround: false
    ),
    Step(
      name: "transfer complete", person: youth, purpose: .transfer, parties: transferParties,
      setup: transferSetup, day: "2027-06-01",
      command: dated("--on", ["transfer", "complete", "TRF-1"]), datable: true, takesGround: false
    ),
    Step(
      name: "escalate register", person: adult, purpose: .consultation,
      parties: escalateParties, setup: escalateLevel2, day: "2026-11-25",
      command: { _ in ["escalate", "register", "ESC-1", "--meeting", "2026-12-10"] },
      datable: false, takesGround: true),
    Step(
      name: "escalate raise", person: adult, purpose: .consultation, parties: escalateParties,
      setup: escalateAgreed, day: "2026-11-25",
      command: { _ in ["escalate", "raise", "ESC-1", "--report", "-"] }, datable: false,
      takesGround: true, stdin: "Skriftlig rapport: parterna är oense om ansvaret."),
  ]

  // MARK: - The cases

  enum Case: String, CaseIterable, Sendable {
    case covered, notCovered, withdrawnBefore, withdrawnAfterRecordedLate, expired
    case reviewOverdue, twoRestrictions, groundMet, groundNotForSocialServices
    case groundWithoutNote, groundPersonConditionNotMet
  }

  /// What the step must answer: its exit code and why, and for a pass whether it is
  /// recorded late and rests on a ground.
  struct Expected: Equatable {
    var code: Int32
    var saying = ""
    var recordedLate = false
    var ground = false
  }

  static func expected(_ test: Case, _ step: Step) -> Expected? {
    let noGround = Expected(code: 77, saying: "no secrecy-breaking ground can stand in for it")
    return switch test {
    case .covered, .twoRestrictions: Expected(code: 0)
    case .withdrawnAfterRecordedLate: step.datable ? Expected(code: 0, recordedLate: true) : nil
    case .notCovered: Expected(code: 77, saying: "does not cover")
    case .withdrawnBefore: Expected(code: 77, saying: "was revoked on")
    case .expired: Expected(code: 77, saying: "expired after")
    case .reviewOverdue: Expected(code: 77, saying: "should have been reviewed")
    case .groundMet: step.takesGround ? Expected(code: 0, ground: true) : noGround
    case .groundNotForSocialServices:
      step.takesGround
        ? Expected(code: 77, saying: "does not apply to social-services secrecy") : noGround
    case .groundPersonConditionNotMet:
      step.takesGround ? Expected(code: 77, saying: "not under 18") : noGround
    case .groundWithoutNote:
      step.takesGround ? Expected(code: 64, saying: "--legal-ground-note <text>") : noGround
    }
  }

  struct Pair: Sendable, CustomTestStringConvertible {
    var step: Step
    var test: Case
    var testDescription: String { "\(step.name): \(test.rawValue)" }
  }

  static let pairs: [Pair] = steps.flatMap { step in
    Case.allCases.filter { expected($0, step) != nil }.map { Pair(step: step, test: $0) }
  }

  @Test(arguments: pairs)
  func everyStepAnswersTheSameWay(_ pair: Pair) throws {
    let step = pair.step
    let expected = try #require(Self.expected(pair.test, step))
    let store = TestStore()
    let d = try CivilDate(iso: step.day)
    try insertConsent(
      store, step: step, from: "2026-01-01", until: "2027-12-31", parties: Self.allParties,
      purposes: ConsentPurpose.allCases)
    for (day, arguments) in step.setup {
      let result = store.run(arguments, environment: clock(day))
      try #require(result.code == 0, "setup \(arguments): \(result)")
    }
    try revoke(store, "CON-1", on: d.adding(days: -2))

    var today = d
    var date: String? = nil
    var extra: [String] = []
    let covering = (step.parties, [step.purpose])
    switch pair.test {
    case .covered:
      try insertConsent(store, step: step, until: d.adding(days: 300), covering)
    case .notCovered:
      // It names the sender but not the recipient.
      try insertConsent(
        store, step: step, until: d.adding(days: 300), ([step.parties[0], "SKOLA"], [step.purpose]))
    case .withdrawnBefore:
      try insertConsent(store, step: step, until: d.adding(days: 300), covering)
      try revoke(store, "CON-2", on: d.adding(days: -1))
    case .withdrawnAfterRecordedLate:
      try insertConsent(store, step: step, until: d.adding(days: 300), covering)
      try revoke(store, "CON-2", on: d.adding(days: 1))
      today = d.adding(days: 2)
      date = step.day
    case .expired:
      try insertConsent(store, step: step, until: d.adding(days: -1), covering)
    case .reviewOverdue:
      try insertConsent(
        store, step: step, until: d.adding(days: 300), covering, review: d.adding(days: -1))
    case .twoRestrictions:
      try insertConsent(
        store, step: step, until: d.adding(days: 300), covering, restrictions: "Inget om pappan")
      try insertConsent(
        store, step: step, until: d.adding(days: 300), covering,
        restrictions: "Inget om tidigare LVM-vård")
    case .groundMet:
      extra = ["--legal-ground", "emergency", "--legal-ground-note", "Akut fara för hälsan"]
    case .groundNotForSocialServices:
      extra = ["--legal-ground", "general-clause", "--legal-ground-note", "Uppenbart"]
    case .groundWithoutNote:
      extra = ["--legal-ground", "emergency"]
    case .groundPersonConditionNotMet:
      extra = ["--legal-ground", "crime-against-child", "--legal-ground-note", "Misstanke"]
    }

    let before = store.snapshot()
    let logged = try disclosures(store, step, today: today)
    let result = store.run(
      step.command(date) + extra, stdin: step.stdin, environment: clock(today.description))
    #expect(result.code == expected.code, "\(result)")
    if expected.code != 0 {
      #expect(result.stdout.isEmpty, "\(result)")
      #expect(store.changedFiles(since: before) == [], "a refused step changed the store")
      #expect(result.stderr.hasPrefix("Error: "), "\(result)")
      #expect(result.stderr.contains(expected.saying), "\(result)")
      if expected.code == 77 {
        #expect(result.stderr.contains("'\(step.name)' on "), "\(result)")
      }
      return
    }
    let after = try disclosures(store, step, today: today)
    guard step.logs else {
      #expect(after.count == logged.count, "a person-contact step is no disclosure")
      return
    }
    try #require(after.count == logged.count + 1, "one disclosure per passing step: \(after)")
    let entry = try #require(after.last)
    #expect(entry["step"] as? String == step.name)
    #expect(entry["date"] as? String == step.day)
    #expect(entry["recordedLate"] as? Bool == expected.recordedLate)
    if expected.ground {
      #expect((entry["legalGround"] as? [String: Any])?["ground"] as? String == "emergency")
      #expect((entry["consents"] as? [Any])?.isEmpty == true)
    } else {
      #expect((entry["consents"] as? [String])?.isEmpty == false)
    }
    if pair.test == .twoRestrictions {
      #expect(
        entry["restrictions"] as? [String] == ["Inget om pappan", "Inget om tidigare LVM-vård"])
      #expect(result.stderr.contains("Inget om pappan; Inget om tidigare LVM-vård"))
    }
    let check = store.run(["store", "check"], environment: clock(today.description))
    #expect(check.code == 0, "\(check)")
  }

  // MARK: - Helpers

  static let allParties = [
    "SF-NORDOST", "REGION", "FFS", "FK",
  ]

  func clock(_ day: String) -> [String: String] {
    ["SAMVERKAN_TODAY": day, "SAMVERKAN_NOW": "\(day)T09:00"]
  }

  func insertConsent(
    _ store: TestStore, step: Step, from: String = "2026-01-01", until: CivilDate,
    _ covering: ([String], [ConsentPurpose]), review: CivilDate? = nil,
    restrictions: String? = nil
  ) throws {
    try insertConsent(
      store, step: step, from: from, until: until.description, parties: covering.0,
      purposes: covering.1, review: review, restrictions: restrictions)
  }

  func insertConsent(
    _ store: TestStore, step: Step, from: String, until: String, parties: [String],
    purposes: [ConsentPurpose], review: CivilDate? = nil, restrictions: String? = nil
  ) throws {
    let writerStore = Store(directory: store.path, actor: "tester", commandLine: ["test"])
    _ = try writerStore.write { writer in
      try writer.insert(
        Consent(
          person: try PersonNumber(longForm: step.person),
          parties: parties.map { OrganizationID(unchecked: $0) }, purposes: purposes,
          type: review == nil ? .explicit : .implied, form: review == nil ? .written : nil,
          givenBy: .self_, validFrom: try CivilDate(iso: from),
          validUntil: try CivilDate(iso: until), reviewDate: review, informed: true,
          restrictions: restrictions, recordedBy: "tester",
          recordedOn: try CivilDate(iso: from)),
        action: "grant")
    }
  }

  func revoke(_ store: TestStore, _ id: String, on date: CivilDate) throws {
    let writerStore = Store(directory: store.path, actor: "tester", commandLine: ["test"])
    try writerStore.write { writer in
      var consent = try writer.require(try RecordID(parsing: id), as: Consent.self)
      consent.revocation = ConsentRevocation(
        date: date, reason: "Den enskilde återkallade", communicated: "muntligt",
        recordedBy: "tester")
      try writer.update(consent, action: "revoke")
    }
  }

  func disclosures(_ store: TestStore, _ step: Step, today: CivilDate) throws -> [[String: Any]] {
    let result = store.run(
      ["consent", "disclosures", "--person", step.person, "--format", "ndjson"],
      environment: clock(today.description))
    try #require(result.code == 0, "\(result)")
    return try result.stdout.split(separator: "\n").map {
      try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
    }
  }
}
