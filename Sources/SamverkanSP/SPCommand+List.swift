import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanJSON
import SamverkanStore

extension SPCommand {
  /// `sp list`: SPs (or consultations), filtered.
  enum List {
    static let spec = CommandSpec(
      name: "list",
      abstract:
        "List SPs, filtered by person, administration or state; or anonymous consultations.",
      examples: [
        Example(
          "samverkan sp list --open --org FFS", "The SPs FFS takes part in that are not closed."),
        Example("samverkan sp list --person 19900101-2385", "One person's SPs."),
        Example(
          "samverkan sp list --consultations --org FFS", "Anonymous consultations involving FFS."),
      ],
      options: filter.options + [consultations] + ListOptions.all
    ) { call in try run(call) }

    static func run(_ call: Invocation) throws -> Int32 {
      try call.store().read { reader in
        if call.isSet(consultations) {
          try checkConsultationFilters(call)
          let test = try consultationFilter.make(call, reader)
          try call.writeList(
            columns: Consultation.listColumns, fields: Consultation.fieldNames, masking: .none
          ) { emit in
            for consultation in try reader.records(Consultation.self)
            where test?(consultation) ?? true {
              try emit(try consultation.json)
            }
          }
          return
        }
        let test = try filter.make(call, reader)
        // One person's SPs come from the person index, not a walk of every SP.
        let plans =
          try call.value(person).map { try reader.records(CoordinatedPlan.self, person: $0) }
          ?? reader.records(CoordinatedPlan.self)
        try call.writeList(
          columns: CoordinatedPlan.listColumns, fields: CoordinatedPlan.fieldNames,
          masking: try call.masking(reader)
        ) { emit in
          for plan in plans where test?(plan) ?? true {
            try emit(try plan.json)
          }
        }
      }
      return ExitCode.success
    }
  }
}
