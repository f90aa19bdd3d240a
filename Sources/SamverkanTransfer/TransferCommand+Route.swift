import SamverkanCommandLine
import SamverkanDomain
import SamverkanJSON

extension TransferCommand {
  static let routeAge = Option<Int>(
    "age", value: "years",
    help: "The person's age when the report or application came in.")
  static let routePerson = Option<PersonNumber>(
    "person", value: "pnr", help: "The person, instead of --age: the age is taken from today.")
  static let knownYouthCase = Flag(
    "known-youth-case",
    help: "The case was known before at barn och unga and returns with a report or application.")
  static let needs = ListOption<String>(
    "needs", value: "need",
    help:
      "The needs (problem areas) that are clear: \(Profile.goteborg.transfer.needs.map(\.id).joined(separator: ", ")).",
    completion: .values(Profile.goteborg.transfer.needs.map(\.id)))

  /// `transfer route`: which unit takes a new or returning case.
  static let route = CommandSpec(
    name: "route",
    abstract: "Say which unit should handle a new or returning case, and by which rule.",
    discussion: """
      The responsibility rules of the routine (Aktualisering): a case not known before, of a person 19 or older (transfer.adultAge), goes to the adult unit (AoF) — unless it is clear that the need is substance abuse, economic assistance or violence in close relationships, which stay with IoF's units. A youth case known before that returns before 19 goes back to barn och unga. When the problems concern several units, each investigates its own part in parallel. The units and needs are the profile's (transfer.units, transfer.needs).
      """,
    examples: [
      Example(
        "samverkan transfer route --age 23", "A new case of a 23-year-old: the adult unit (AoF)."),
      Example(
        "samverkan transfer route --age 23 --needs substance-abuse,social-psychiatry",
        "Two units: a parallel investigation."),
      Example(
        "samverkan transfer route --age 17 --known-youth-case --json",
        "A returning youth case, as JSON."),
    ],
    options: [routeAge, routePerson, knownYouthCase, needs]
  ) { call in
    let rules = try call.profile().transfer
    let age: Int
    switch (try call.value(routeAge), try call.value(routePerson)) {
    case (let given?, nil):
      guard (0...130).contains(given) else {
        throw SamverkanError.invalidValue(
          String(given), option: routeAge.spec.usage, reason: "an age is from 0 to 130 years")
      }
      age = given
    case (nil, let person?):
      age = person.age(on: call.clock.today)
    case (.some, .some):
      throw SamverkanError.usage("Give either --age or --person, not both.")
    case (nil, nil):
      throw SamverkanError.usage(
        "Give the person's age with --age N (or --person P to take it from the personnummer).")
    }
    let question = CaseRouting.Question(
      age: age, knownYouthCase: call.isSet(knownYouthCase), needs: try call.values(needs))
    let answer: CaseRouting.Answer
    do {
      answer = try CaseRouting.answer(question, rules: rules)
    } catch let error as CaseRouting.UnknownNeed {
      throw SamverkanError.invalidValue(
        error.given, option: needs.spec.usage,
        reason:
          "it is not a need the profile knows. Please provide one of \(quotedList(error.known)).")
    }
    let object: [String: JSONValue] = [
      "rule": .string(answer.rule.rawValue),
      "units": .array(answer.assignments.map { .string($0.unit.id) }),
      "unitNames": .array(answer.assignments.map { .string($0.unit.name) }),
      "parallel": .bool(answer.isParallel),
      "investigations": .array(
        answer.assignments.filter { !$0.needs.isEmpty }.map {
          .string("\($0.unit.name): \($0.needs.map(\.name).joined(separator: ", "))")
        }),
      "explanation": .string(answer.explanation),
      "age": .integer(age),
      "knownYouthCase": .bool(question.knownYouthCase),
      "needs": .array(question.needs.map { .string($0.lowercased()) }),
    ]
    try call.writeRecord(
      .object(object),
      fields: [
        "rule", "units", "unitNames", "parallel", "investigations", "explanation", "age",
        "knownYouthCase", "needs",
      ],
      masking: .none)
    return ExitCode.success
  }
}
