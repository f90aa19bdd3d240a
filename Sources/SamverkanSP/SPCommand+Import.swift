import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanStore

extension SPCommand {
  /// `sp import`: SPs, or with `--consultations` the anonymous consultations.
  enum Import {
    static let plans = StandardVerbs.importVerb(CoordinatedPlan.self)
    static let consultationRecords = StandardVerbs.importVerb(Consultation.self)

    static let spec = withConsultations(
      plans,
      Example(
        "samverkan sp import --consultations konsultationer.ndjson",
        "Imports anonymous consultations; rows naming a person or holding a personnummer are refused."
      )
    ) { call in try run(call) }

    static func run(_ call: Invocation) throws -> Int32 {
      try SPCommand.run(of: call.isSet(consultations) ? consultationRecords : plans)(call)
    }
  }
}
