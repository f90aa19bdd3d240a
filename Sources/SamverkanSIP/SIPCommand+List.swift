import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanJSON
import SamverkanStore

extension SIPCommand {
  /// `sip list`: SIPs, filtered.
  enum List {
    static let spec = CommandSpec(
      name: "list",
      abstract: "List SIPs, filtered by person, step, organization or overall responsibility.",
      examples: [
        Example("samverkan sip list --state established", "Every established plan."),
        Example("samverkan sip list --person 19900101-2385", "One person's SIPs."),
        Example(
          "samverkan sip list --responsible REGION --format csv",
          "The plans the region is responsible for, for a spreadsheet."),
      ],
      options: filter.options + ListOptions.all
    ) { call in try run(call) }

    static func run(_ call: Invocation) throws -> Int32 {
      try call.store().read { reader in
        let test = try filter.make(call, reader)
        // One person's SIPs come from the person index, without walking the collection.
        let sips =
          try call.value(personFilter).map { try reader.records(SIP.self, person: $0) }
          ?? reader.records(SIP.self)
        try call.writeList(
          columns: SIP.listColumns, fields: SIP.fieldNames, masking: try call.masking(reader)
        ) { emit in
          for sip in sips where test?(sip) ?? true { try emit(try sip.json) }
        }
      }
      return ExitCode.success
    }
  }
}
