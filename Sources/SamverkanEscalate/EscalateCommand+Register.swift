import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanStore

extension EscalateCommand {
  /// `escalate register <id> --meeting DATE`: anmälan to a regular meeting.
  enum Register {
    static let meeting = Option<CivilDate>(
      "meeting", value: "date", help: "The meeting's date.", required: true)
    static let meetingType = Option<MeetingType>(
      "type", value: "type",
      help:
        "The kind of meeting: avstämningsmöte or samverkansmöte (default: the kind of the meeting planned that day, else samverkansmöte)."
    )
    static let acute = Flag(
      "acute",
      help:
        "An acute matter that cannot wait: the assistant unit managers contact each other directly; accepted after the deadline."
    )
    static let question = Option<String>(
      "question", value: "text", help: "The current problem and question (frågeställning).")

    static let spec = CommandSpec(
      name: "register",
      abstract:
        "Register a matter for an assistant unit managers' meeting, by 12:00 the day before.",
      discussion: """
        Registration closes at 12:00 (Stockholm time; 12:00 itself is in time) the day before the meeting, counted in working days: for a Monday meeting the Friday before, and Swedish public holidays, midsommarafton, julafton and nyårsafton are skipped (the profile's escalation.registrationDeadline, registrationDaysBefore, registrationOnWorkingDays and evesAreDaysOff). A late registration is refused unless --acute: the assistant unit managers then contact each other directly.
        A registration contains the person's name and age (or is anonymous), a short background (diagnoses, earlier investigations), the current situation (ongoing interventions, planning) and the current problem and question. What the matter lacks can be given here; a registration missing any part is refused, listing everything missing.
        Registering a named matter sends information about the person to the other administrations: it needs the person's consent for the purpose 'consultation' covering every party, or --legal-ground. Anonymous consultations, and matters between units of one administration (where only inner secrecy applies), need neither.
        """,
      examples: [
        Example(
          "samverkan escalate register ESC-1 --meeting 2026-12-10 --background 'Autism, utredd 2019' --situation 'Boendestöd från BoU; planering saknas efter 19 år'",
          "Registers ESC-1 for the samverkansmöte on 2026-12-10, adding what it lacked."),
        Example(
          "samverkan escalate register ESC-2 --meeting tomorrow --type reconciliation --acute",
          "An acute matter after the deadline: recorded, and the managers contact each other directly."
        ),
      ],
      options: [
        Self.meeting, meetingType, acute, personName, background, situation, question,
        legalGroundOption, legalGroundNoteOption, legalGroundConditionOption,
      ],
      arguments: [id]
    ) { call in try run(call) }

    static func run(_ call: Invocation) throws -> Int32 {
      let matterID = try call.recordID(id, kind: .escalation)
      let meetingDate = try call.require(Self.meeting)
      let givenType = try call.value(meetingType)
      let isAcute = call.isSet(acute)
      let profile = try call.profile()
      let rules = profile.escalation
      let deadline = try RegistrationDeadline(meeting: meetingDate, rules: rules)
      let now = call.clock.now
      var typeName = MeetingType.collaboration.swedish
      let matter = try change(
        call, matterID, action: "register",
        refusal: "\(matterID) cannot be registered for the meeting on \(meetingDate)"
      ) {
        matter, writer in
        let previous = matter
        guard previous.level == rules.registrationLevel else {
          let forum = rules.level(rules.registrationLevel)?.forum ?? "meeting"
          throw SamverkanError.refused(
            "\(matterID) is at \(levelName(previous.level, profile)); matters are registered for the \(forum) at level \(rules.registrationLevel)."
              + (previous.level < rules.registrationLevel
                ? " Raise it first: 'samverkan escalate raise \(matterID)'." : ""))
        }
        if let earlier = previous.registrations.first(where: { $0.meeting == meetingDate }) {
          throw SamverkanError.refused(
            "\(matterID) is already registered for the meeting on \(meetingDate) (at \(earlier.registeredAt.local.description.replacingOccurrences(of: "T", with: " "))); nothing was changed."
          )
        }
        let local = LocalDateTime(instant: now)
        if meetingDate < local.date {
          throw SamverkanError.refused(
            "The meeting on \(meetingDate) is over (today is \(local.date)); register \(matterID) for a coming meeting."
          )
        }
        if !deadline.isOpen(at: now), !isAcute {
          throw SamverkanError.refused(
            "Registration for the meeting on \(meetingDate) closed at \(deadline.text) (Stockholm time); it is now \(local.date) \(String(local.description.suffix(5))). Register \(matterID) for a later meeting, or give --acute if it cannot wait (the assistant unit managers then contact each other directly)."
          )
        }
        if let name = try call.value(personName) {
          guard !previous.anonymous else {
            throw SamverkanError.usage(
              "\(matterID) is an anonymous consultation: it records no name; leave out --name.")
          }
          matter.personName = name
        }
        if let text = try call.value(background) { matter.background = text }
        if let text = try call.value(situation) { matter.situation = text }
        if let text = try call.value(question) { matter.question = text }
        let type = try plannedMeetingType(on: meetingDate, given: givenType, writer)
        typeName = type.swedish
        let gaps = matter.registrationGaps
        if !gaps.isEmpty {
          throw SamverkanError.incomplete(
            "\(matterID) cannot be registered for the meeting on \(meetingDate): a registration contains name and age, a short background, the current situation and the question",
            missing: gaps)
        }
        var registration = MeetingRegistration(
          meeting: meetingDate, type: type, registeredAt: UTCInstant(now),
          registeredBy: call.actor, acute: isAcute)
        if matter.sharingNeedsBasis {
          let basis = try share(
            call, matter, writer: writer, step: "register",
            hint:
              "Without consent the matter can be raised as an anonymous consultation ('samverkan escalate open --anonymous')."
          )
          switch basis {
          case .consent(let consent, let restrictions):
            registration.consent = consent
            registration.restrictions = restrictions
          case .legalGround(let use):
            registration.legalGround = use
          }
        }
        matter.registrations.append(registration)
        return "registered for the \(type.swedish) on \(meetingDate)\(isAcute ? " (acute)" : "")"
      }
      if isAcute {
        call.note(
          "Acute: \(matterID) is registered for the \(typeName) on \(meetingDate)\(deadline.isOpen(at: now) ? "" : " after the deadline (\(deadline.text))"). Contact the other units' \(rules.level(rules.registrationLevel)?.role ?? "managers") directly now; it cannot wait for the meeting."
        )
      } else {
        call.note(
          "Registered \(matterID) for the \(typeName) on \(meetingDate) (registration closes \(deadline.text))."
        )
      }
      call.note(responsibilityNote(matter, profile))
      return ExitCode.success
    }

    /// The kind of the meeting a matter is registered for: the planned meeting's on that day
    /// ('escalate meeting plan'); a samverkansmöte unless --type says otherwise when the
    /// month has no planned meeting. Refused (77) when the month's meeting is on another day
    /// or is of the other kind.
    static func plannedMeetingType(
      on date: CivilDate, given: MeetingType?, _ reader: StoreReader
    ) throws -> MeetingType {
      let month = try reader.records(ManagersMeeting.self).filter {
        $0.date.monthIndex == date.monthIndex
      }
      guard let planned = month.first else { return given ?? .collaboration }
      guard planned.date == date else {
        throw SamverkanError.refused(
          "The assistant unit managers meet on \(planned.date) this month (\(try planned.savedID), \(planned.type.swedish)), not on \(date); register the matter for that meeting."
        )
      }
      if let given, given != planned.type {
        throw SamverkanError.refused(
          "The meeting on \(date) (\(try planned.savedID)) is planned as \(planned.type.swedish), not \(given.swedish); leave out --type or give --type \(planned.type.rawValue)."
        )
      }
      return planned.type
    }
  }
}
