import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanJSON

extension StoreCommand {
  /// `store profile`: the profile in force, as JSON.
  enum Profile {
    static let spec = CommandSpec(
      name: "profile",
      abstract:
        "Print the profile in force (built-in Göteborg, with profile.json applied) as JSON.",
      discussion:
        "Copy what you need to change into profile.json in the store directory; keys you leave out keep the built-in values.",
      examples: [
        Example(
          "samverkan store profile | jq .transfer", "The ages and notice period of transfers.")
      ]
    ) { call in try run(call) }

    static func run(_ call: Invocation) throws -> Int32 {
      call.stdout.line(
        JSONWriter.write(try JSONValueEncoder().encode(try call.profile()), style: .pretty))
      return ExitCode.success
    }
  }
}
