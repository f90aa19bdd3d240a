import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanStore

extension ContactsCommand {
  /// `contacts unassign <id>`: the caseworker is no longer assigned.
  enum Unassign {
    static let id = RecordArguments.id(of: .assignment).help("The assignment's ID, e.g. ASG-4.")

    static let spec = CommandSpec(
      name: "unassign", abstract: "Remove an assignment (the caseworker no longer has the case).",
      examples: [Example("samverkan contacts unassign ASG-4", "Removes ASG-4; its history stays.")],
      arguments: [id]
    ) { call in try run(call) }

    static func run(_ call: Invocation) throws -> Int32 {
      let id = try call.recordID(Self.id, kind: .assignment)
      try call.store().write { writer in
        try writer.remove(Assignment.self, id: id, action: "unassign")
      }
      call.note("Removed \(id).")
      return ExitCode.success
    }
  }
}
