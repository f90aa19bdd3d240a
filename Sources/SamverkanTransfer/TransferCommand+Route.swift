import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanJSON

extension TransferCommand {
  /// `transfer route`: which unit takes a new or returning case.
  enum Route {
    static let age = Option<Int>(
      "age", value: "years",
      help: "The person's age when the report or application came in.")
    static let person = CommonOptions.person.help(
      "The person, instead of --age: the age is taken from today.")
    static let knownYouthCase = Flag(
      "known-youth-case",
      help: "The case was known before at barn och unga and returns with a report or application.")
    static let needs = ListOption<String>(
      "needs", value: "need",
      help:
        "The needs (problem areas) that are clear: \(Profile.goteborg.transfer.needs.map(\.id).joined(separator: ", ")).",
      completion: .values(Profile.goteborg.transfer.needs.map(\.id)))

    static let district = Option<String>(
      "district", value: "district",
      help:
        "The person's district (Centrum, Hisingen, Nordost, Sydväst), for the real unit and its intake; with --person it is taken from a recorded assignment when not given."
    )

    static let spec = CommandSpec(
      name: "route",
      abstract: "Say which unit should handle a new or returning case, and by which rule.",
      discussion: """
        The responsibility rules of the routine (Aktualisering): a case not known before, of a person 19 or older (transfer.adultAge), goes to the adult unit (AoF) — unless it is clear that the need is substance abuse, economic assistance or violence in close relationships, which stay with IoF's units. A youth case known before that returns before 19 goes back to barn och unga. When the problems concern several units, each investigates its own part in parallel. The units and needs are the profile's (transfer.units, transfer.needs).
        The answer names the real unit of the directory (SF-NORDOST/VUXEN, FFS, from 65 AVO) and, when the district is known (--district, or an assignment of the --person), its intake unit. For a person over 65 in homelessness the cost rule between IoF and AoF is part of the answer.
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
      options: [age, person, knownYouthCase, needs, district]
    ) { call in try run(call) }

    // A closure rather than a function: Swift 6.3.1's SILGen crashes on this body as a
    // static function (SILGenCleanup, LinearLifetimeChecker).
    static let run: @Sendable (Invocation) throws -> Int32 = { call in
      let profile = try call.profile()
      let rules = profile.transfer
      let age: Int
      switch (try call.value(Self.age), try call.value(Self.person)) {
      case (let given?, nil):
        guard (0...130).contains(given) else {
          throw SamverkanError.invalidValue(
            String(given), option: Self.age.spec.usage, reason: "an age is from 0 to 130 years")
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
      // The district: given, or where the person has an assigned caseworker (there is no
      // person register yet, so an assignment is the only record of where they live).
      var district = try call.value(Self.district).map { text throws(SamverkanError) -> String in
        guard let known = profile.districts.first(where: { $0.lowercased() == text.lowercased() })
        else {
          throw SamverkanError.invalidValue(
            text, option: Self.district.spec.usage,
            reason: "Please provide one of \(quotedList(profile.districts)).")
        }
        return known
      }
      var districtSource = district == nil ? nil : "--district"
      if district == nil, let person = try call.value(Self.person) {
        try call.store().read { reader in
          for id in try reader.recordIDs(person: person) where id.kind == .assignment {
            guard let organization = try reader.rawRecord(id)?["organization"]?.stringValue,
              let found = profile.organization(of: OrganizationID(unchecked: organization))?
                .district
            else { continue }
            district = found
            districtSource = "assignment \(id) (\(organization))"
            break
          }
        }
      }
      let routes = answer.assignments.map {
        DirectoryRoute.resolve($0.unit, age: age, district: district, profile: profile)
      }
      var object: [String: JSONValue] = [
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
        "directoryUnits": .array(routes.compactMap { $0.unit.map { .string($0.value) } }),
        "intake": .array(
          routes.compactMap { route in
            route.intake.map { intake in
              .string(
                "\(intake.organization) \(intake.name) \(intake.district): "
                  + (intake.emails + [intake.phone].compactMap { $0 }).joined(separator: ", "))
            }
          }),
      ]
      if let district { object["district"] = .string(district) }
      if let districtSource { object["districtFrom"] = .string(districtSource) }
      let missing = routes.compactMap(\.missing)
      if !missing.isEmpty { object["missing"] = .array(missing.map { .string($0) }) }
      if age >= rules.elderlyAge,
        question.needs.contains(where: { $0.lowercased() == "homelessness" })
      {
        object["costRule"] = .string(rules.elderlyHomelessnessRule)
      }
      try call.writeRecord(
        .object(object),
        fields: [
          "rule", "units", "unitNames", "directoryUnits", "intake", "district", "districtFrom",
          "missing", "parallel", "investigations", "costRule", "explanation", "age",
          "knownYouthCase", "needs",
        ],
        masking: .none)
      return ExitCode.success
    }
  }
}
