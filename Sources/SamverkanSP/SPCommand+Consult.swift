import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanStore

extension SPCommand {
  /// `sp consult`: an anonymous consultation (oidentifierad konsultation).
  enum Consult {
    static let askedBy = Option<OrganizationID>(
      "by", value: "org", help: "The administration that asks, e.g. SF-NORDOST.", required: true)
    static let consulted = ListOption<OrganizationID>(
      "with", value: "org", help: "The administration(s) consulted, e.g. FFS.", required: true)
    static let question = Option<String>(
      "question", value: "text",
      help:
        "The question and the situation, described without personal data or anything that could identify the person.",
      required: true)
    static let advice = Option<String>(
      "advice", value: "text", help: "The advice the other administration gave.", required: true)
    static let ref = Option<String>(
      "ref", value: "ref", help: "An external reference for the consultation (no personal data).")

    static let spec = CommandSpec(
      name: "consult",
      abstract:
        "Record an anonymous consultation with another administration: no person, no personal data.",
      discussion: """
        When there is no consent, the case can be discussed with another administration without identifying the person, to get its knowledge for the continued handling. The consultation records no person; the text must contain nothing that identifies the person. Text that looks like a personnummer or samordningsnummer (YYMMDD-NNNN, YYMMDD+NNNN, YYYYMMDDNNNN, with or without a separator or with a space, even with a wrong check digit) is refused (exit 77), naming the field and the characters, without repeating the number. Names, addresses and other details are for you to leave out.
        Consultations are listed with 'sp list --consultations' and shown with 'sp show KONS-n'.
        """,
      examples: [
        Example(
          "samverkan sp consult --by SF-NORDOST --with FFS --question 'Vuxen med intellektuell funktionsnedsättning som nyligen flyttat; vem utreder behov av boendestöd?' --advice 'FFS utreder efter ansökan; hänvisa till mottag Nordost'",
          "Records the consultation; prints its ID, e.g. KONS-2.")
      ],
      options: [
        askedBy, consulted, question, advice, on, note, ref,
      ]
    ) { call in try run(call) }

    static func run(_ call: Invocation) throws -> Int32 {
      var consultation = Consultation(
        ref: try text(call, ref), askedBy: try call.require(askedBy),
        consulted: try call.values(consulted),
        question: try text(call, question) ?? "", advice: try text(call, advice) ?? "",
        date: try call.stepDate(on), note: try text(call, note))
      try call.store().write { writer in
        try consultation.problems(previous: nil, in: try call.ruleContext(writer))
          .throwIfAny("The anonymous consultation cannot be recorded")
        consultation = try writer.insert(consultation, action: "consult")
      }
      try call.writeCreated(try consultation.json, masking: .none)
      return ExitCode.success
    }
  }
}
