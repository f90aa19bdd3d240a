import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanJSON
import SamverkanStore

extension PersonCommand {
  /// `person extract <pnr>`: the register extract (registerutdrag), logged as an access.
  enum Extract {
    static func spec(_ types: [RecordType]) -> CommandSpec {
      CommandSpec(
        name: "extract",
        abstract: "Write the register extract (registerutdrag, GDPR art. 15) for a person.",
        discussion:
          "A Swedish document a caseworker can hand to the person: every item of personal data the store holds about them and in which record, why (the purposes), who has received it (the disclosure log), and how long it is kept. Every extract is written to the access log ('store access-log'). --format md (the default on a terminal too) or --format json. A protected person is masked unless --reveal: an extract handed over is read with --reveal by the caseworker who checked the person's identity.",
        examples: [
          Example(
            "samverkan person extract 19900101-2385 --format md > utdrag.md", "The document."),
          Example("samverkan person extract 19900101-2385 --json", "The same as data."),
        ],
        arguments: [person],
        documentFormats: [.md]
      ) { call in try run(call, types: types) }
    }

    static func run(_ call: Invocation, types: [RecordType]) throws -> Int32 {
      let number = try call.require(person)
      let format =
        try call.value(GlobalOptions.format) == nil && !call.isSet(GlobalOptions.json)
        ? OutputFormat.md : try call.outputFormat()
      guard format == .md || format == .json else {
        throw SamverkanError.invalidValue(
          format.rawValue, option: GlobalOptions.format.spec.usage,
          reason: "the extract is a document: 'md' or 'json'")
      }
      let records = try call.store().read { reader in
        let holdings = try Holdings(number, reader: reader, types: types)
        let extract = RegisterExtract(
          holdings: holdings, profile: try call.profile(), today: call.clock.today,
          masking: try call.masking(reader))
        if format == .md {
          call.stdout.write(extract.markdown)
        } else {
          call.stdout.line(JSONWriter.write(extract.json, style: .pretty))
        }
        return holdings.records.map(\.id)
      }
      // Every extract is logged: who took out everything about the person, and when.
      if !records.isEmpty {
        try call.logAccess(records: records, persons: [number], action: "extract")
      }
      return ExitCode.success
    }
  }
}
