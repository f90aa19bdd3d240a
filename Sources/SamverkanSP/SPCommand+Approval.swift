import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanStore

extension SPCommand {
  /// The journal event when the plan is established, as the routine names it.
  static let establishedEvent = "SP genomförd"

  /// `sp submit`: send the plan to the other administrations for approval.
  static let submit = CommandSpec(
    name: "submit",
    abstract: "Send the documented plan to the other administration(s) for approval.",
    discussion: """
      The plan is sent for approval before it is established. Sending it is the discovering administration's own approval; each other administration then approves or rejects it with 'sp approve' or 'sp reject'. Refused (exit 77) while the plan lacks an administration's responsibility, an intervention or a follow-up date (all listed at once), or when consent no longer covers the SP.
      """,
    examples: [
      Example(
        "samverkan sp submit SP-3",
        "Sends SP-3's plan for approval; 'sp due' lists it until every administration has answered."
      )
    ],
    options: [
      onDate, caseworker, legalGroundOption, legalGroundNoteOption, legalGroundConditionOption,
    ],
    arguments: [spID]
  ) { call in
    let date = try call.value(onDate) ?? call.clock.today
    let plan = try change(
      call, step: .submit, action: "submit",
      refusal: { id in "The plan of \(id) cannot be sent for approval" }
    ) { plan, previous, writer in
      let basis = try sharingBasis(call, previous, writer: writer, step: .submit, on: date)
      plan.rely(on: basis, for: .submit)
      try plan.submit(on: date, by: try text(call, caseworker) ?? previous.caseworker ?? call.actor)
      return ChangeNote()
    }
    call.note(
      "Sent the plan of \(plan.idText) for approval to \(names(plan.others)). It is established when each has approved ('samverkan sp approve \(plan.idText) --org …')."
    )
    return ExitCode.success
  }

  static let deciding = Option<OrganizationID>(
    "org", value: "org", help: "The administration that answers, e.g. FFS.", required: true)
  static let comment = Option<String>(
    "comment", value: "text", help: "The administration's comment on the plan.")
  static let caseReference = Option<String>(
    "ref", value: "ref",
    help:
      "The case-system reference (e.g. Treserva) noted with the event 'SP genomförd' when this approval establishes the plan."
  )

  /// `sp approve`: one administration approves the submitted plan.
  static let approve = CommandSpec(
    name: "approve",
    abstract: "Record that an administration approves the plan; the last approval establishes it.",
    discussion: """
      When every other administration has approved, the plan is established and write-protected (skrivskyddad): any later change is refused (exit 77), while follow-ups, stödkontakt decisions and the closing are still recorded beside it. The journal then gets the event 'SP genomförd', noted with the case-system reference when --ref is given (or the SP has one).
      """,
    examples: [
      Example(
        "samverkan sp approve SP-3 --org FFS --decided-by 'Anna Berg' --ref 'TRE-2026-1234'",
        "FFS approves; if it was the last, SP-3 is established and 'SP genomförd' journaled.")
    ],
    options: [
      deciding, decidedBy, comment, onDate, caseReference, legalGroundOption,
      legalGroundNoteOption, legalGroundConditionOption,
    ],
    arguments: [spID]
  ) { call in
    try decide(call, verdict: .approved)
  }

  /// `sp reject`: one administration does not approve the submitted plan.
  static let reject = CommandSpec(
    name: "reject",
    abstract:
      "Record that an administration does not approve the plan, with why; it goes back for revision.",
    discussion: """
      The plan goes back to 'documented': revise it with 'sp plan' and send it again with 'sp submit'; every other administration then answers anew. When the administrations cannot agree, the disagreement goes to 'samverkan escalate' — the person's support continues meanwhile.
      """,
    examples: [
      Example(
        "samverkan sp reject SP-3 --org FFS --comment 'Ansvaret för boendestödet behöver förtydligas'",
        "FFS does not approve; SP-3 goes back to be revised.")
    ],
    options: [
      deciding, decidedBy, comment, onDate, legalGroundOption, legalGroundNoteOption,
      legalGroundConditionOption,
    ],
    arguments: [spID]
  ) { call in
    try decide(call, verdict: .rejected)
  }

  /// What `approve` and `reject` share.
  static func decide(_ call: Invocation, verdict: CoordinatedPlan.Verdict) throws -> Int32 {
    let administration = try call.require(deciding)
    let date = try call.value(onDate) ?? call.clock.today
    let reference = try text(call, caseReference)
    var established = false
    let step: CoordinatedPlan.Step = verdict == .approved ? .approve : .reject
    let plan = try change(
      call, step: step, action: step.rawValue,
      refusal: { id in "\(administration)'s answer on \(id) cannot be recorded" },
      authority: { plan in
        AuthorityQuestion(
          step: "sp \(step.rawValue)",
          action: "\(step.rawValue) \(plan.idText) for \(administration)",
          organizations: [administration], organizationRole: "the administration answering")
      }
    ) { plan, previous, writer in
      let basis = try sharingBasis(call, previous, writer: writer, step: step, on: date)
      plan.rely(on: basis, for: step)
      established = try plan.decide(
        administration, verdict: verdict, on: date,
        by: try call.decider(decidedBy), comment: try text(call, comment))
      if let reference { plan.ref = reference }
      return ChangeNote(
        event: established ? establishedEvent : nil, note: established ? plan.ref : nil)
    }
    if established {
      call.note(
        "Every administration has approved: the plan of \(plan.idText) is established on \(plan.establishedOn!) and write-protected (skrivskyddad). '\(establishedEvent)' is journaled\(plan.ref.map { " with the reference \($0)" } ?? ""). Register it in the case system and file the plan there ('samverkan sp show \(plan.idText) --format md --document plan')."
      )
    } else if verdict == .approved {
      call.note(
        "\(administration) approved the plan of \(plan.idText); still waiting for \(names(plan.awaitingApproval))."
      )
    } else {
      call.note(
        "\(administration) did not approve the plan of \(plan.idText); it is back at 'documented': revise it with 'samverkan sp plan \(plan.idText) …' and send it again with 'samverkan sp submit \(plan.idText)'. If the administrations cannot agree, raise the disagreement with 'samverkan escalate open --from \(plan.idText) --responsible ORG --question …' — the person's support continues meanwhile."
      )
    }
    return ExitCode.success
  }
}
