import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanStore

extension SPCommand {
  /// `sp export`: SPs, or with `--consultations` the anonymous consultations.
  enum Export {
    static let plans = StandardVerbs.export(CoordinatedPlan.self, filter: filter)
    static let consultationRecords = StandardVerbs.export(
      Consultation.self, filter: consultationFilter)

    static let spec = withConsultations(
      plans,
      Example(
        "samverkan sp export --consultations > konsultationer.ndjson",
        "The anonymous consultations instead.")
    ) { call in try run(call) }

    static func run(_ call: Invocation) throws -> Int32 {
      guard call.isSet(consultations) else { return try SPCommand.run(of: plans)(call) }
      try checkConsultationFilters(call)
      return try SPCommand.run(of: consultationRecords)(call)
    }
  }
}
