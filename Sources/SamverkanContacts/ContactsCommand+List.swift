import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanJSON

extension ContactsCommand {
  /// `contacts list`: the intake units, filtered.
  enum List {
    static let spec = CommandSpec(
      name: "list",
      abstract: "List intake units (mottag), filtered by organization, district, function or text.",
      examples: [
        Example("samverkan contacts list", "The whole directory."),
        Example(
          "samverkan contacts list --org SF-NORDOST --function vuxen",
          "The adult intake of Socialförvaltningen Nordost."),
        Example(
          "samverkan contacts list --search hisingen --format csv", "As CSV for a spreadsheet."),
      ],
      options: filter.options + ListOptions.all
    ) { call in try run(call) }

    static func run(_ call: Invocation) throws -> Int32 {
      try call.store().read { reader in
        let profile = try call.profile()
        let test = try filter.make(call, reader)
        let forPeople = try call.outputFormat() == .table
        try call.writeList(
          columns: Contact.listColumns, fields: Contact.fieldNames, masking: .none
        ) { emit in
          for contact in try reader.allRecords(Contact.self, profile: profile)
          where test?(contact) ?? true {
            try emit(forPeople ? try contact.displayJSON : try contact.json)
          }
        }
      }
      return ExitCode.success
    }
  }
}
