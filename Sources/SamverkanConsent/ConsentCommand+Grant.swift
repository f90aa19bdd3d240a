import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanStore

extension ConsentCommand {
  /// `consent grant`: record the person's consent.
  enum Grant {
    static let person = CommonOptions.person.required
    static let name = Option<String>("name", value: "name", help: "The person's name.")
    static let parties = ListOption<OrganizationID>(
      "parties", value: "org",
      help:
        "The parties information may pass between: at least two organizations or units, e.g. SF-NORDOST,FFS. A whole organization covers its units.",
      required: true)
    static let purposes = ListOption<ConsentPurpose>(
      "purpose", value: "purpose", help: "What the information may be used for; one or more.",
      required: true)
    static let type = Option<ConsentType>(
      "type", value: "type",
      help:
        "explicit (uttryckligt, default), implied (konkludent: shown by actions) or presumed (presumerat: for someone who cannot express a view)."
    )
    static let form = Option<ConsentForm>(
      "form", value: "form",
      help: "For explicit consent: written (skriftligt) or oral (muntligt).")
    static let givenBy = ListOption<ConsentGiver>(
      "given-by", value: "giver",
      help:
        "Who gave it: self (default), guardian (vårdnadshavare, for a child under 18; twice when the child has two) or representative (god man/förvaltare, for an adult).",
      commaSeparated: false)
    static let givenByName = ListOption<String>(
      "given-by-name", value: "name",
      help: "The guardian's or representative's name; once per guardian.", commaSeparated: false)
    static let soleGuardian = Flag(
      "sole-guardian",
      help: "The child has one guardian (ensam vårdnad), so one guardian's consent is enough.")
    static let childView = Option<String>(
      "child-view", value: "text",
      help:
        "For a guardian's consent: the child's own view (barnets inställning), or why the child could not give one."
    )
    static let from = Option<CivilDate>(
      "from", value: "date", help: "The first day the consent is valid (default today).")
    static let until = Option<CivilDate>(
      "until", value: "date", help: "The last day the consent is valid (required: consent ends).",
      required: true)
    static let reviewOn = Option<CivilDate>(
      "review", value: "date",
      help:
        "For implied and presumed consent: the date it must be re-examined by (default the profile's interval, 90 days, from the start or today, whichever is later)."
    )
    static let informed = Flag(
      "informed",
      help: "The person has been told that they can withdraw the consent and how (required).")
    static let restrict = Option<String>(
      "restrict", value: "text",
      help:
        "What the person does not want shared: shown to the caseworker at every step that shares information about them, never printed in a document for the recipients."
    )
    static let protected = CommonOptions.protectedPerson.help(
      "The person has protected personal data (skyddade personuppgifter): mask their name and number in every output."
    )
    static let ref = Option<String>(
      "ref", value: "ref", help: "An external reference, e.g. the consent's ID in Treserva.")
    static let note = CommonOptions.note.help("A note kept with the consent.")

    static let spec = CommandSpec(
      name: "grant", abstract: "Record a person's consent to share information between parties.",
      discussion: """
        The routine requires that the person knows that consent is voluntary and that they can withdraw it, and how; --informed records that they were told, and without it nothing is recorded. Consent is specific and time-limited: name the parties, the purposes and the last valid day (--until), at most the profile's consent.maxValidityMonths (36) after the first.
        A guardian consents only for a child under 18, until the day before the 18th birthday, and both guardians when the child has two (--given-by guardian twice, or --sole-guardian); the child's own view is recorded with --child-view. A god man or förvaltare (--given-by representative) consents for an adult.
        Implied (konkludent) and presumed (presumerat) consent get a review date and cover nothing after it until 'consent review'. Presumed consent is for someone who cannot take in the information: it needs no --informed, but --note must say how the view was presumed. It does not cover exchange between authorities unless the profile allows it.
        Prints the new consent's ID; with --json the whole record.
        """,
      examples: [
        Example(
          "samverkan consent grant --person 19900101-2385 --name 'Anna Andersson' --parties SF-NORDOST,FFS --purpose sp --form written --until 2027-11-30 --informed",
          "Written consent for a samordnad plan between SF Nordost and FFS."),
        Example(
          "samverkan consent grant --person 20180101-2392 --parties SF-NORDOST/BOU,REGION --purpose sip --form oral --given-by guardian --given-by-name 'Eva Berg' --given-by guardian --given-by-name 'Olle Berg' --child-view 'Vill att skolan får veta' --until +6m --informed --restrict 'Nothing about the father'",
          "Oral consent from both guardians for a SIP, with the child's view and what must not be shared."
        ),
        Example(
          "samverkan consent grant --person 19900101-2385 --parties SF-NORDOST/VUXEN,AVO --purpose sp --type presumed --until +6m --note 'Har vid flera tillfällen visat att hon vill ha stöd från ÄVO'",
          "Presumed consent for someone who cannot express a view: no --informed, but how it was presumed."
        ),
        Example(
          "samverkan consent grant --person 19900101-2385 --parties SF-NORDOST/VUXEN,SF-NORDOST/EKB --purpose information-exchange --type implied --until +1y --informed",
          "Implied consent between two units of one administration; review due in 90 days."),
      ],
      options: [
        person, name, parties, purposes, type, form, givenBy, givenByName, soleGuardian,
        childView, from, until, reviewOn, informed, restrict, protected, ref, note,
      ]
    ) { call in try run(call) }

    static func run(_ call: Invocation) throws -> Int32 {
      let profile = try call.profile()
      let today = call.clock.today
      let type = try call.value(Self.type) ?? .explicit
      let validFrom = try call.value(Self.from) ?? today
      var reviewDate = try call.value(Self.reviewOn)
      if reviewDate == nil, type != .explicit {
        reviewDate = Consent.defaultReviewDate(validFrom: validFrom, today: today, profile: profile)
      }
      let givers = try call.values(Self.givenBy)
      let names = try call.values(Self.givenByName)
      let giver = givers.first ?? .self_
      if Set(givers).count > 1 {
        throw SamverkanError.usage(
          "--given-by is given as \(givers.map(\.rawValue).joined(separator: " and ")): one consent has one kind of giver. Repeat --given-by only for a child's two guardians."
        )
      }
      if givers.count > 2 || names.count > 2
        || (max(givers.count, names.count) == 2 && giver != .guardian)
      {
        throw SamverkanError.usage(
          "Only a child's two guardians give one consent together: --given-by guardian --given-by-name … at most twice (given: \(givers.count) --given-by, \(names.count) --given-by-name)."
        )
      }
      let person = try call.require(Self.person)
      var consent = Consent(
        ref: try call.value(Self.ref), person: person,
        personName: try call.value(Self.name), parties: try call.values(Self.parties),
        purposes: try call.values(Self.purposes), type: type, form: try call.value(Self.form),
        givenBy: giver, givenByName: names.first, otherGuardianName: names.dropFirst().first,
        soleGuardian: call.isSet(Self.soleGuardian), childView: try call.value(Self.childView),
        validFrom: validFrom,
        validUntil: try call.require(Self.until), reviewDate: reviewDate,
        informed: call.isSet(Self.informed), restrictions: try call.value(Self.restrict),
        recordedBy: call.actor, recordedOn: today, note: try call.value(Self.note))
      var masking = Masking.none
      try call.store().write { writer in
        try consent.problems(previous: nil, in: try call.ruleContext(writer))
          .throwIfAny("The consent cannot be recorded")
        if call.isSet(Self.protected) { try writer.markProtected(person) }
        consent = try writer.insert(consent, action: "grant", event: "Samtycke registrerat")
        masking = try call.masking(writer)
      }
      let id = try consent.savedID
      if consent.validUntil < today {
        call.note(
          "Note: \(id) ended on \(consent.validUntil); it is recorded, but covers nothing from today."
        )
      } else if let due = consent.reviewDate {
        call.note(
          "Note: \(id) is \(type.swedish); re-examine it by \(due) ('consent review').")
      }
      try call.writeCreated(try consent.json, masking: masking)
      return ExitCode.success
    }
  }
}
