import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanStore

extension SPCommand {
  /// `sp summon`: the summons (kallelse) to the SP meeting.
  enum Summon {
    static let recipient = ListOption<String>(
      "recipient", value: "org=name",
      help:
        "Who is summoned at another administration, e.g. 'FFS=Anna Berg' (a socialsekreterare or 1:e socialsekreterare); one per other administration.",
      commaSeparated: false)
    static let senderTitle = Option<String>(
      "title", value: "title",
      help: "The sender's title, e.g. socialsekreterare or 1:e socialsekreterare.")
    static let senderPhone = Option<PhoneNumber>(
      "phone", value: "phone", help: "The sender's phone number, for the answer.")
    static let senderEmail = Option<EmailAddress>(
      "email", value: "address", help: "The sender's e-mail address, for the answer.")
    static let replyBy = Option<CivilDate>(
      "reply-by", value: "date",
      help: "The day the recipients answer by (svar senast), at the latest the first proposed day.")
    static let needs = Option<String>(
      "needs", value: "text",
      help: "The individual's current needs, only as far as the consent allows.")
    static let purpose = Option<String>(
      "purpose", value: "text", help: "The purpose of the meeting.")
    static let why = Option<String>(
      "why", value: "text", help: "Why coordination is needed, from the individual's needs.")
    static let questions = Option<String>(
      "questions", value: "text", help: "The questions to work on together.")
    static let hopedOutcome = Option<String>(
      "hoped-outcome", value: "text", help: "What you hope to achieve through the collaboration.")
    static let proposedTime = ListOption<LocalDateTime>(
      "proposed-time", value: "datetime",
      help: "A proposed meeting time, YYYY-MM-DDTHH:MM (Stockholm time); repeat for alternatives.")
    static let meetingForm = Option<CoordinatedPlan.MeetingForm>(
      "meeting-form", value: "form", help: "How the meeting is held.")
    static let place = Option<String>("place", value: "text", help: "Where the meeting is held.")
    static let inviteIndividual = Flag(
      "invite-individual",
      help:
        "The administrations have jointly judged that the individual (or a relative or representative) taking part helps; an exception."
    )
    static let sent = Option<CivilDate>(
      "sent", value: "date", help: "The day the summons is sent (default today).")

    static let spec = CommandSpec(
      name: "summon",
      abstract: "Summon the SP meeting (kallelse): needs, purpose, questions, proposed times.",
      discussion: """
        Send the summons as early as possible to a socialsekreterare or 1:e socialsekreterare of every other administration. It states the individual's current needs (only as far as the consent allows), the purpose of the meeting and why coordination is needed, the questions to work on and what the collaboration should achieve, proposed times and meeting form, and the sender's title, phone and e-mail with the day to answer by. Summoning again before the meeting replaces the summons.
        Refused (exit 77) unless a consent with purpose 'sp' covers every administration of the SP, on the day it is sent and today; otherwise use 'sp consult'. 'sp show <id> --format md --document summons' renders the summons in Swedish.
        """,
      examples: [
        Example(
          "samverkan sp summon SP-3 --recipient 'FFS=Anna Berg' --needs 'Stöd i vardagen efter flytt' --purpose 'Fördela ansvaret för stödet' --why 'Behoven rör både SF och FFS' --questions 'Vem ansvarar för boendestöd?' --hoped-outcome 'En gemensam plan utan glapp' --proposed-time 2026-12-02T10:00 --meeting-form video --title socialsekreterare --phone 031-365 00 00 --email karin.ek@socialnordost.goteborg.se --reply-by 2026-11-30",
          "Records the summons; prints SP-3.")
      ],
      options: [
        recipient, caseworker, senderTitle, senderPhone, senderEmail, replyBy, needs, purpose, why,
        questions, hopedOutcome, proposedTime, meetingForm, place, inviteIndividual, sent,
        legalGroundOption, legalGroundNoteOption,
        legalGroundConditionOption,
      ],
      arguments: [spID]
    ) { call in try run(call) }

    static func run(_ call: Invocation) throws -> Int32 {
      let profile = try call.profile()
      var missing: [OptionSpec] = []
      func required(_ option: Option<String>) throws -> String {
        guard let value = try text(call, option) else {
          missing.append(option.spec)
          return ""
        }
        return value
      }
      let texts = (
        needs: try required(needs), purpose: try required(purpose), why: try required(why),
        questions: try required(questions), hopedOutcome: try required(hopedOutcome)
      )
      let times = try call.values(proposedTime)
      if times.isEmpty { missing.append(proposedTime.spec) }
      let form = try call.value(meetingForm)
      if form == nil { missing.append(meetingForm.spec) }
      let recipients = try call.values(recipient).map { text in
        let (administration, name) = try administrationPart(
          text, option: recipient.spec, profile: profile, example: "FFS=Anna Berg")
        return CoordinatedPlan.Recipient(administration: administration, name: name)
      }
      if recipients.isEmpty { missing.append(recipient.spec) }
      let title = try required(senderTitle)
      let phone = try call.value(senderPhone)
      if phone == nil { missing.append(senderPhone.spec) }
      let email = try call.value(senderEmail)
      if email == nil { missing.append(senderEmail.spec) }
      let answerBy = try call.value(replyBy)
      if answerBy == nil { missing.append(replyBy.spec) }
      try requireAll(missing, "the summons (kallelse) must state each.")
      guard let form else {
        throw SamverkanError.internalError("a summons without a meeting form was not refused")
      }
      let sentOn = try call.value(sent) ?? call.clock.today

      let plan = try change(
        call, step: .summon, action: "summon",
        refusal: { id in "The summons for \(id) cannot be recorded" }
      ) { plan, previous, writer in
        guard let sender = try text(call, caseworker) ?? previous.caseworker else {
          throw SamverkanError.usage(
            "Missing expected argument '\(caseworker.spec.usage)': who summons (\(previous.idText) has no caseworker yet)."
          )
        }
        let basis = try sharingBasis(call, previous, writer: writer, step: .summon, on: sentOn)
        plan.rely(on: basis, for: .summon)
        if plan.caseworker == nil { plan.caseworker = sender }
        plan.summon(
          CoordinatedPlan.Summons(
            sentOn: sentOn, sentBy: sender, recipients: recipients, needs: texts.needs,
            purpose: texts.purpose, whyCoordination: texts.why, questions: texts.questions,
            hopedOutcome: texts.hopedOutcome, proposedTimes: times, meetingForm: form,
            place: try text(call, place), individualInvited: call.isSet(inviteIndividual),
            senderTitle: title, senderPhone: phone, senderEmail: email, replyBy: answerBy))
        return ChangeNote()
      }
      call.note(
        "Summoned \(names(plan.others)) to the SP meeting for \(plan.idText). The meeting is to be prioritized by every administration; record it with 'samverkan sp meeting \(plan.idText) --held DATE --attendance ORG=present …'."
      )
      return ExitCode.success
    }
  }
}
