import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanStore

extension DeviationCommand {
  /// `deviation sign <id>`: one side's signature on part 2.
  enum Sign {
    static let side = Option<DeviationSide>(
      "side", value: "side",
      help: "Which side signs: the reporting unit or the receiving (other) unit.", required: true)
    static let signerName = Option<String>(
      "name", value: "name",
      help: "The signer's name (required without a user register; with one, the user signing).")
    static let signerTitle = Option<String>(
      "title", value: "title",
      help:
        "The signer's title, at least biträdande enhetschef (required without a user register; with one, the user's title).",
      completion: title.spec.completion)
    static let signerUnit = Option<OrganizationID>(
      "unit", value: "org",
      help: "The unit signed for (default: the reporting unit, or the only other unit concerned).")

    static let spec = CommandSpec(
      name: "sign",
      abstract: "Sign part 2 for one side (signatur och titel); both sides make it resolved.",
      discussion:
        "Part 2 is signed by one person from each side, each at least biträdande enhetschef (lägst av biträdande enhetschef). When both sides have signed the report is resolved and can be filed with 'deviation file'.",
      examples: [
        Example(
          "samverkan deviation sign DEV-1 --side reporting --name 'Karin Lund' --title 'biträdande enhetschef'",
          "The reporting unit signs."),
        Example(
          "samverkan deviation sign DEV-1 --side receiving --name 'Per Holm' --title enhetschef --unit FFS",
          "The other unit signs; DEV-1 is now resolved."),
      ],
      options: [side, signerName, signerTitle, signerUnit, date],
      arguments: [reportID]
    ) { call in try run(call) }

    static func run(_ call: Invocation) throws -> Int32 {
      let id = try call.recordID(reportID, kind: .deviation)
      let side = try call.require(Self.side)
      let signer = try call.registeredUser()
      // With a register the signature is the user's own: a typed name would let anyone
      // sign for anyone.
      let name = try signer?.name ?? call.require(signerName).trimmingCharacters(in: .whitespaces)
      let title = try signer?.title ?? DeviationCommand.title(try call.require(signerTitle), call)
      if let signer {
        for (option, given) in [(signerName, signer.name), (signerTitle, signer.title)] {
          if let typed = call.text(option), typed.trimmingCharacters(in: .whitespaces) != given,
            try option.spec.name != "title" || DeviationCommand.title(typed, call) != given
          {
            throw SamverkanError.usage(
              "\(option.spec.usage) cannot be given when the store has a user register: the signature is the user signing (\(signer.summary)). Leave it out."
            )
          }
        }
      }
      let givenUnit = try call.value(signerUnit)
      let signedOn = try call.value(date) ?? call.clock.today
      let report = try call.store().write { writer in
        let previous = try DeviationCommand.loadForChange(id, writer, call)
        guard previous.state != .draft else {
          throw SamverkanError.refused(
            "\(id) is a draft: part 1 has not been reported yet, so there is no part 2 to sign. Report it with 'samverkan deviation report \(id) …'."
          )
        }
        guard previous.hasResponse else {
          throw SamverkanError.refused(
            "Part 2 of \(id) has not been written yet; the signatures go on part 2. Write it together first: 'samverkan deviation respond \(id) --summary …'."
          )
        }
        if let existing = previous.signature(side) {
          throw SamverkanError.refused(
            "The \(side.rawValue) side has signed \(id) already: \(existing.name) (\(existing.title)) on \(existing.date). Each side signs once."
          )
        }
        let unit: OrganizationID
        if let givenUnit {
          unit = givenUnit
        } else if side == .reporting {
          unit = previous.reportingUnit
        } else if previous.otherUnits.count == 1 {
          unit = previous.otherUnits[0]
        } else if let signer,
          let own = previous.otherUnits.first(where: {
            $0.organization == signer.organization.organization
          })
        {
          unit = own
        } else {
          throw SamverkanError.usage(
            "\(id) concerns several other units (\(DeviationCommand.names(previous.otherUnits))); add --unit to say which one the receiving side signs for."
          )
        }
        let other = side.other
        try call.authorize(
          AuthorityQuestion(
            step: "deviation sign", action: "sign \(id) for the \(side.rawValue) side (\(unit))",
            organizations: [unit], organizationRole: "the \(side.rawValue) side",
            earlierUsers: previous.signature(other)?.login.map { [$0] } ?? []))
        var report = previous
        report.setSignature(
          DeviationSignature(
            name: name, title: title, unit: unit, date: signedOn, login: signer?.login),
          side)
        if report.reportingSignature != nil, report.receivingSignature != nil {
          report.state = .resolved
        }
        try DeviationCommand.refuseIfAny(
          report.problems(previous: previous, in: try call.ruleContext(writer)),
          "\(id) cannot be signed by \(name) for the \(side.rawValue) side")
        try writer.update(
          report, action: "sign",
          event: report.state == .resolved ? "Åtgärdad: signerad av båda parter" : nil)
        return report
      }
      try call.writeCreated(try report.json, masking: .none)
      if report.state == .resolved {
        let controller = try call.profile().deviation.controller
        call.note(
          "Both sides have signed; \(id) is resolved. Next: file it with the \(controller): 'samverkan deviation file \(id) --to …'."
        )
      } else {
        // Not resolved with this side's signature: the other side's is missing.
        call.note(
          "Signed for the \(side.rawValue) side. Still needed: the \(side.other.rawValue) side's signature."
        )
      }
      return ExitCode.success
    }
  }
}
