import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanJSON
import SamverkanStore

extension ContactsCommand {
  /// `contacts route`: whom to contact about a person at another organization.
  enum Route {
    static let person = CommonOptions.person.required

    static let spec = CommandSpec(
      name: "route",
      abstract:
        "Whom to contact about a person at an organization: the assigned caseworker, else the intake unit.",
      discussion: """
        The routine (kontaktvägar): first contact the caseworker already involved; when there is none, the administration's intake unit (mottag) for the district. For social services the function follows from the person's age when not given: barn och unga under the profile's adult age (19), vuxen from it.
        """,
      examples: [
        Example(
          "samverkan contacts route --person 19900101-2385 --org FFS --district Nordost",
          "The caseworker at FFS if one is assigned, else FFS's intake in Nordost."),
        Example(
          "samverkan contacts route --person 19900101-2385 --org SF-HISINGEN --function ekonomiskt-bistand --json",
          "The answer as JSON."),
      ],
      options: [
        person,
        Option<OrganizationID>(
          "org", value: "org", help: "The organization to contact, e.g. FFS or SF-NORDOST.",
          required: true),
        district, function,
      ]
    ) { call in try run(call) }

    static func run(_ call: Invocation) throws -> Int32 {
      let person = try call.require(Self.person)
      let organization = try call.require(ContactsCommand.organization)
      let profile = try call.profile()
      let districtName = try call.value(ContactsCommand.district).map {
        try ContactsCommand.district(named: $0, call)
      }
      var function = try call.value(ContactsCommand.function)
      try call.store().read { reader in
        let masking = try call.masking(reader)
        var assigned = try reader.records(Assignment.self, person: person).filter {
          organization.contains($0.organization) || $0.organization.contains(organization)
        }
        // A function asked for is honoured: a caseworker assigned at a unit of another function
        // (barn och unga, when vuxen is asked for) is not the contact for it.
        var otherFunction: [Assignment] = []
        if let asked = function {
          let directory = try reader.allRecords(Contact.self, profile: profile)
          assigned = assigned.filter { assignment in
            let functions = directory.filter { $0.organization == assignment.organization }
              .map(\.function)
            let matches = functions.isEmpty || functions.contains(asked)
            if !matches { otherFunction.append(assignment) }
            return matches
          }
        }
        if let assignment = assigned.first {
          var answer = try assignment.json.objectValue ?? [:]
          answer["route"] = .string("assigned caseworker")
          answer["reason"] = .string(
            "\(assignment.caseworker) is assigned to the person at \(assignment.organization) since \(assignment.since); contact them first."
          )
          try call.writeRecord(
            .object(answer),
            fields: [
              "route", "caseworker", "organization", "email", "phone", "since", "person",
              "personName", "id", "reason",
            ],
            masking: masking)
          return
        }
        var reasons = [
          "No caseworker is assigned to the person at \(organization); contact the intake unit."
        ]
        if let asked = function, !otherFunction.isEmpty {
          reasons = [
            "No caseworker is assigned to the person at \(organization) for \(asked.label) (\(otherFunction.map { "\($0.caseworker) at \($0.organization)" }.joined(separator: ", ")) handles another function); contact the intake unit."
          ]
        }
        let home = profile.organization(of: organization)
        let district = districtName ?? home?.district
        if function == nil, organization.unit == nil, home?.kind == .administration,
          home?.district != nil
        {
          let age = person.age(on: call.clock.today)
          let byAge: IntakeFunction = age < profile.transfer.adultAge ? .barnOchUnga : .vuxen
          function = byAge
          reasons.append(
            "The person is \(age), so the function is \(byAge.label) (use --function to choose another)."
          )
        }
        let candidates = try reader.allRecords(Contact.self, profile: profile).filter {
          (contact: Contact) -> Bool in
          organization.contains(contact.organization)
            && (district == nil || contact.district == district)
            && (function == nil || contact.function == function)
        }
        guard let unit = candidates.first else {
          throw SamverkanError.refused(
            "The directory has no intake unit for \(organization)\(district.map { " in \($0)" } ?? "")\(function.map { " for \($0.label)" } ?? ""). 'samverkan contacts list --org \(organization.organization)' shows what there is."
          )
        }
        if candidates.count > 1 {
          let districts = Set(candidates.map(\.district))
          let hint =
            districts.count > 1
            ? "add --district (\(profile.districts.filter(districts.contains).joined(separator: ", ")))"
            : "add --function (\(Set(candidates.map(\.function.rawValue)).sorted().joined(separator: ", ")))"
          throw SamverkanError.usage(
            "\(candidates.count) intake units of \(organization) match: \(try candidates.map { "\(try $0.savedID) \($0.name), \($0.district)" }.joined(separator: "; ")). To choose one, \(hint)."
          )
        }
        var answer = try unit.displayJSON.objectValue ?? [:]
        answer["route"] = .string("intake unit")
        answer["reason"] = .string(reasons.joined(separator: " "))
        try call.writeRecord(
          .object(answer),
          fields: [
            "route", "name", "organization", "district", "function", "emails", "phone", "id",
            "reason",
          ],
          masking: masking)
      }
      return ExitCode.success
    }
  }
}
