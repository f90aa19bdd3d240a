import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanStore

extension SIPCommand {
  /// `sip need`: the individual's needs and wishes.
  enum Need {
    // MARK: - Plan content

    static let wish = Flag("wish", help: "The text is one of the individual's wishes (önskemål).")

    static let spec = CommandSpec(
      name: "need",
      abstract: "Record one of the individual's needs or wishes (behov och önskemål).",
      discussion:
        "The individual's needs and wishes are documented in the plan, prepared together with them. The plan can change until it is established; after that only through a follow-up that revises it.",
      examples: [
        Example("samverkan sip need SIP-3 'Stöd i att klara vardagen hemma'", "Adds a need."),
        Example("samverkan sip need SIP-3 --wish 'Vill bo kvar i sin lägenhet'", "Adds a wish."),
        Example("samverkan sip need SIP-3 --remove 2", "Removes the second need."),
      ],
      options: [wish, PlanItems.remove] + sharingOptions,
      arguments: [sipID, PlanItems.text]
    ) { call in try run(call) }

    static func run(_ call: Invocation) throws -> Int32 {
      let (added, removed) = try PlanItems.textOrRemoval(
        call, adding: call.isSet(wish) ? "wish" : "need")
      let isWish = call.isSet(wish)
      return try change(
        call, action: "need", step: "Changing the plan of", sharing: .onceShared,
        on: call.clock.today
      ) { sip, _ in
        try sip.requireDraft("changing the needs and wishes")
        if let removed {
          if isWish {
            try PlanItems.remove(removed, from: &sip.wishes, what: "wishes", of: sip.name)
          } else {
            try PlanItems.remove(removed, from: &sip.needs, what: "needs", of: sip.name)
          }
        } else if let added {
          if isWish { sip.wishes.append(SIPNeed(added)) } else { sip.needs.append(SIPNeed(added)) }
        }
        return Change()
      }
    }
  }
}
