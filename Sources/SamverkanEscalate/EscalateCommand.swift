import Foundation
import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanStore

extension MeetingType: ArgumentValue {}
extension EscalationState: ArgumentValue {}

/// `samverkan escalate` — samverkanssvårigheter: collaboration matters raised level by
/// level (caseworkers, assistant unit managers, unit managers, department managers) until
/// they are decided, with registration for the assistant unit managers' monthly meetings.
public enum EscalateCommand: SamverkanCommand {
  public static let spec = CommandSpec(
    name: "escalate",
    abstract:
      "Raise collaboration difficulties level by level until decided (samverkanssvårigheter).",
    discussion: """
      Collaboration happens first between the caseworkers (level 1). What they cannot solve is raised to the assistant unit managers' meeting (level 2: after the caseworkers have talked and tried themselves), then in writing and with every party's agreement to the unit managers (level 3), then to the department managers (level 4). The levels and their roles come from the profile ('samverkan store profile').
      While a matter is open, the ongoing interventions stay with the unit that decided them: the individual's support must not stop. Every view of a matter shows that unit.
      A matter is registered for a monthly meeting (avstämningsmöte or samverkansmöte) by 12:00 the day before; 'agenda' renders the meeting's agenda in Swedish.
      """,
    examples: [
      Example(
        "samverkan escalate open --person 19900101-2385 --name 'Anna Andersson' --parties SF-NORDOST/BOU,FFS --responsible SF-NORDOST/BOU --question 'Vem ansvarar för boendestödet efter 19 år?'",
        "Opens a matter at level 1 and prints its ID."),
      Example(
        "samverkan escalate agenda --meeting 2026-12-10",
        "The agenda of the meeting on 2026-12-10 as a Swedish Markdown document."),
    ],
    subcommands: [
      Open.spec, Attempt.spec, Raise.spec, Agree.spec, Register.spec, Held.spec, Agenda.spec,
      Meeting.spec, Resolve.spec, Withdraw.spec, List.spec, Show.spec,
      StandardVerbs.history(kind: .escalation),
      StandardVerbs.correct([.of(Escalation.self)]),
      StandardVerbs.export(Escalation.self, filter: filter),
      StandardVerbs.importVerb(Escalation.self),
    ])

  public static let recordTypes: [RecordType] = [
    .of(Escalation.self), .of(ManagersMeeting.self),
  ]

  // MARK: - Shared options

  static let id = RecordArguments.id(of: .escalation).help("The matter's ID, e.g. ESC-12.")
  static let by = Option<String>(
    "by", value: "name",
    help: "Who did it (default: the --as user; with a user register always the user running it).")
  static let note = CommonOptions.note.help("A note.")
  static let background = Option<String>(
    "background", value: "text",
    help: "Short background: diagnoses, earlier investigations (kort bakgrund).")
  static let situation = Option<String>(
    "situation", value: "text",
    help: "Current situation: ongoing interventions, planning (aktuell situation).")
  static let personName = Option<String>("name", value: "name", help: "The person's name.")

  // MARK: - Filter

  static let person = CommonOptions.person.help("Only matters about this person.")
  static let level = Option<Int>("level", value: "n", help: "Only matters at this level (1–4).")
  static let state = Option<EscalationState>(
    "state", value: "state", help: "Only matters in this state.")
  static let party = Option<OrganizationID>(
    "party", value: "org", help: "Only matters this organization or unit takes part in.")
  static let meeting = Option<CivilDate>(
    "meeting", value: "date", help: "Only matters registered for the meeting on this date.")

  /// The filter `list` and `export` share.
  static let filter = StandardVerbs.Filter<Escalation>(
    options: [state, level, party, meeting, person]
  ) { call, _ in
    let state = try call.value(Self.state)
    let level = try call.value(Self.level)
    let party = try call.value(Self.party)
    let meeting = try call.value(Self.meeting)
    let person = try call.value(Self.person)
    if let level {
      let levels = try call.profile().escalation.levels.count
      guard (1...levels).contains(level) else {
        throw SamverkanError.invalidValue(
          String(level), option: Self.level.spec.usage,
          reason: "there is no such level. Please provide a level from 1 to \(levels).")
      }
    }
    guard state != nil || level != nil || party != nil || meeting != nil || person != nil else {
      return nil
    }
    return { matter in
      (state.map { $0 == matter.state } ?? true)
        && (level.map { $0 == matter.level } ?? true)
        && (party.map { party in
          matter.parties.contains { $0.contains(party) || party.contains($0) }
        } ?? true)
        && (meeting.map { date in matter.registrations.contains { $0.meeting == date } } ?? true)
        && (person.map { $0 == matter.person } ?? true)
    }
  }

  // MARK: - Helpers for the verbs

  /// The sharing steps of a named matter: purpose `consultation`, where a ground whose
  /// conditions hold may stand in for consent.
  static func sharingStep(_ verb: String) -> SharingStep {
    SharingStep("escalate \(verb)", purpose: .consultation)
  }

  /// Takes a step of a named matter through the sharing gate: from the unit responsible
  /// for the person's interventions to the other parties, today.
  static func share(
    _ call: Invocation, _ matter: Escalation, writer: StoreWriter, step: String, hint: String
  ) throws -> SharingBasis {
    guard let person = matter.person, let id = matter.id else {
      throw SamverkanError.internalError("a named matter without a person or ID")
    }
    return try call.passGate(
      sharingStep(step), record: id, person: person, from: matter.responsibleUnit,
      to: matter.parties.filter { !$0.contains(matter.responsibleUnit) }, on: call.clock.today,
      writer: writer, hint: hint
    ).basis
  }

  /// Refuses (exit 77) a step on a matter that is no longer open.
  static func requireOpen(_ matter: Escalation) throws {
    switch matter.state {
    case .open:
      return
    case .resolved:
      let decision = matter.decision
      throw SamverkanError.locked(
        id: try matter.savedID.description,
        reason:
          "it was decided\(decision.map { " on \($0.date) at level \($0.level)" } ?? ""); a decided matter does not change. Open a new matter if the question comes back."
      )
    case .withdrawn:
      throw SamverkanError.locked(
        id: try matter.savedID.description,
        reason:
          "it was withdrawn\(matter.withdrawal.map { " on \($0.date)" } ?? ""); open a new matter if the question comes back."
      )
    }
  }

  /// "level 2 (biträdande enhetschef)".
  static func levelName(_ number: Int, _ profile: Profile) -> String {
    guard let level = profile.escalation.level(number) else { return "level \(number)" }
    return "level \(number) (\(level.role))"
  }

  /// The reminder every view of an open matter carries: who keeps the interventions.
  static func responsibilityNote(_ matter: Escalation, _ profile: Profile) -> String {
    "Ongoing interventions stay with \(matter.responsibleUnit) (\(profile.name(of: matter.responsibleUnit))) while \(matter.id.map { "\($0)" } ?? "the matter") is open; the individual's support must not stop."
  }

  /// Changes an open matter through the change pipeline: `body` takes the step (a named
  /// matter's sharing step passes the gate with `share`) and returns the event to journal;
  /// every rule is checked before anything is saved, under `refusal`.
  @discardableResult
  /// The authority question of a step taken at the matter's current level: a user of one
  /// of the parties' administrations with at least the level's title (SPEC §12).
  static func atCurrentLevel(
    _ step: String, _ action: String, _ matter: Escalation, _ profile: Profile
  ) -> AuthorityQuestion {
    AuthorityQuestion(
      step: step, action: action, organizations: matter.parties,
      organizationRole: "a party to the matter",
      levelTitle: profile.escalation.level(matter.level)?.role)
  }

  @discardableResult
  static func change(
    _ call: Invocation, _ id: RecordID, action: String, refusal: String,
    authority: ((Escalation) throws -> AuthorityQuestion?)? = nil,
    _ body: (inout Escalation, StoreWriter) throws -> String
  ) throws -> Escalation {
    try call.change(
      Escalation.self, id, action: action, refusal: refusal, authority: authority
    ) { matter, writer, _ in
      try requireOpen(matter)
      return ChangeNote(event: try body(&matter, writer))
    }
  }
}

extension EscalateCommand {
  /// The report's text from a file or standard input (`-`): UTF-8, as written.
  static func readReport(_ path: String, call: Invocation) throws -> String {
    let bytes: [UInt8]
    if path == "-" {
      bytes = call.standardInput()
    } else {
      let absolute =
        path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: absolute, isDirectory: &isDirectory),
        !isDirectory.boolValue
      else {
        throw SamverkanError.fileNotFound(path)
      }
      guard let data = FileManager.default.contents(atPath: absolute) else {
        throw SamverkanError.usage("The report '\(path)' cannot be read; check its permissions.")
      }
      bytes = Array(data)
    }
    guard var text = String(validating: bytes, as: UTF8.self) else {
      throw SamverkanError.invalidInput(
        [
          InputProblem(
            source: path, line: nil, field: nil,
            message: "the report is not UTF-8 text; save it as UTF-8 and try again")
        ], omitted: 0)
    }
    if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
    return text
  }
}
