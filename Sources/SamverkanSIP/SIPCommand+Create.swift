import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanStore

extension SIPCommand {
  /// `sip create`: the need is identified and the SIP starts.
  enum Create {
    static let person = CommonOptions.person.help(
      "The individual's personnummer or samordningsnummer."
    ).required
    static let personName = Option<String>("name", value: "name", help: "The individual's name.")
    static let trigger = Option<SIPTrigger>(
      "trigger", value: "trigger",
      help:
        "Why: a need seen by staff, a request by the individual or a relative, discharge from inpatient care, or before a treatment decision for an adult.",
      required: true)
    static let initiator = Option<OrganizationID>(
      "initiator", value: "org",
      help: "The principal (or its unit) taking the initiative, e.g. SF-NORDOST/VUXEN or REGION.",
      required: true)
    static let caseworker = Option<String>(
      "caseworker", value: "name", help: "The initiator's caseworker.")
    static let internalSIP = Flag(
      "internal", help: "An internal SIP (I-SIP): coordinates units of one principal only.")
    static let readyForDischarge = Option<CivilDate>(
      "ready-for-discharge", value: "date",
      help: "For --trigger discharge: the day of the ready-for-discharge notice (utskrivningsklar)."
    )
    static let ref = Option<String>(
      "ref", value: "ref", help: "A reference in another system (e.g. SAMSA), unique per SIP.")
    static let protected = CommonOptions.protectedPerson

    static let spec = CommandSpec(
      name: "create",
      abstract: "Start a SIP: the need is identified (upptäck behov).",
      discussion: """
        Prints the new SIP's ID. Work starts without delay: 'sip due' lists a SIP not at the meeting step after the profile's limit (Göteborg: 5 days).
        On discharge from inpatient care (lag 2017:612) the region's named care contact (fast vårdkontakt) calls the SIP within 3 days of the ready-for-discharge notice: give --ready-for-discharge, and the region as initiator.
        """,
      examples: [
        Example(
          "samverkan sip create --person 19900101-2385 --name 'Anna Andersson' --trigger need --initiator SF-NORDOST/VUXEN --caseworker 'Eva Ek'",
          "Social services start a SIP for a need they have seen."),
        Example(
          "samverkan sip create --person 19900101-2385 --trigger discharge --initiator REGION --ready-for-discharge 2026-11-23",
          "A SIP on discharge from hospital, called by the region."),
        Example(
          "samverkan sip create --person 19900101-2385 --trigger request --initiator SF-NORDOST/VUXEN --internal",
          "An internal SIP (I-SIP) between units of the municipality."),
      ],
      options: [
        Self.person, personName, trigger, initiator, caseworker, internalSIP, readyForDischarge, on,
        ref, note, protected,
      ]
    ) { call in try run(call) }

    static func run(_ call: Invocation) throws -> Int32 {
      let person = try call.require(Self.person)
      let trigger = try call.require(Self.trigger)
      let initiator = try call.require(Self.initiator)
      let date = try call.stepDate(on)
      let ready = try call.value(readyForDischarge)
      if trigger == .discharge, ready == nil {
        throw SamverkanError.usage(
          "A discharge SIP records the day of the ready-for-discharge notice: add --ready-for-discharge DATE."
        )
      }
      if trigger != .discharge, ready != nil {
        throw SamverkanError.usage(
          "--ready-for-discharge is only for --trigger discharge (the trigger given is '\(trigger.rawValue)')."
        )
      }
      let profile = try call.profile()
      var sip = SIP(
        person: person, personName: try call.value(personName), trigger: trigger,
        isInternal: call.isSet(internalSIP), initiator: initiator,
        caseworker: try call.value(caseworker), createdOn: date, readyForDischarge: ready)
      sip.ref = try call.value(ref)
      sip.note = try call.value(note)

      var masking = Masking.none
      var open: [RecordID] = []
      let saved = try call.store().write { writer in
        try sip.problems(previous: nil, in: try call.ruleContext(writer))
          .throwIfAny("The SIP cannot be created")
        open = try writer.records(SIP.self, person: person).filter(\.isOpen).compactMap(\.id)
        if call.isSet(protected) { try writer.markProtected(person) }
        let inserted = try writer.insert(sip, action: "create", event: "Behov av SIP identifierat")
        masking = try call.masking(writer)
        return inserted
      }
      if trigger == .discharge, SIP.principal(of: initiator, in: profile) != .region {
        call.note(
          "Warning: on discharge from inpatient care (lag 2017:612) the region's named care contact (fast vårdkontakt) calls the SIP; the initiator given is \(initiator) (\(profile.name(of: initiator))), not the region. The SIP was created; check who calls it."
        )
      }
      if !open.isEmpty {
        call.note(
          "Note: the person already has an open SIP (\(open.map(\.description).joined(separator: ", "))); one plan usually coordinates everything."
        )
      }
      try call.writeCreated(try saved.json, masking: masking)
      return ExitCode.success
    }
  }
}
