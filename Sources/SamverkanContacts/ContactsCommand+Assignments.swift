import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanStore

extension ContactsCommand {
  /// `contacts assignments`: the recorded caseworkers.
  enum Assignments {
    static let person = CommonOptions.person
    static let spec = CommandSpec(
      name: "assignments", abstract: "List assigned caseworkers, for a person or an organization.",
      examples: [
        Example(
          "samverkan contacts assignments --person 19900101-2385", "Who handles the person where.")
      ],
      options: [person, organization]
    ) { call in try run(call) }

    static func run(_ call: Invocation) throws -> Int32 {
      let person = try call.value(Self.person)
      let organization = try call.value(ContactsCommand.organization)
      try call.store().read { reader in
        let found =
          try person.map { try reader.records(Assignment.self, person: $0) }
          ?? reader.records(Assignment.self)
        try call.writeList(
          columns: Assignment.listColumns, fields: Assignment.fieldNames,
          masking: try call.masking(reader)
        ) { emit in
          for assignment in found
          where organization.map({ $0.contains(assignment.organization) }) ?? true {
            try emit(try assignment.json)
          }
        }
      }
      return ExitCode.success
    }
  }
}
