import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanJSON
import SamverkanStore

/// One thing `sp due` lists.
struct DueItem {
  let plan: CoordinatedPlan
  /// `summon`, `follow-up`, `approval`, `meeting`, or `consent`: the consent relied on stops
  /// covering and no other does, so every sharing step is blocked until new consent.
  let due: String
  /// The administration concerned: the one to answer, or the one driving the SP.
  let administration: OrganizationID
  let date: CivilDate
  /// Why, for a plan blocked by its consent.
  var detail: String? = nil

  /// What is due on an SP by `limit`: its step by the routine's order, and — for an open SP
  /// whose consent stops covering with no other consent in its place — the block.
  static func items(
    for plan: CoordinatedPlan, until limit: CivilDate, today: CivilDate, reader: StoreReader,
    profile: Profile
  ) throws -> [DueItem] {
    var items = steps(for: plan, until: limit)
    if plan.isOpen, let person = plan.person, let consent = plan.consents.last,
      let block = SharingGate.block(
        reliedOn: consent,
        request: SharingRequest(
          step: SPCommand.sharingStep(.followUp), person: person, from: plan.initiator,
          to: plan.others, date: today, today: today),
        consents: try reader.records(Consent.self, person: person), until: limit,
        profile: profile)
    {
      items.append(
        DueItem(
          plan: plan, due: "consent", administration: plan.initiator, date: block.since,
          detail: block.reason))
    }
    return items
  }

  /// The SP's next step by the routine: the summons as early as possible once it is
  /// created, the other administrations' answers, the follow-up, the meeting.
  static func steps(for plan: CoordinatedPlan, until limit: CivilDate) -> [DueItem] {
    switch plan.state {
    case .created:
      guard plan.createdOn <= limit else { return [] }
      // The summons goes out "så tidigt som möjligt" (seed 000): an SP never summoned is due
      // from the day it was created.
      return [
        DueItem(plan: plan, due: "summons", administration: plan.initiator, date: plan.createdOn)
      ]
    case .submitted:
      guard let sent = plan.submissions.last?.date else { return [] }
      return plan.awaitingApproval.map {
        DueItem(plan: plan, due: "approval", administration: $0, date: sent)
      }
    case .established:
      guard let next = plan.nextFollowUp, next <= limit else { return [] }
      return [DueItem(plan: plan, due: "follow-up", administration: plan.initiator, date: next)]
    case .summoned:
      var items: [DueItem] = []
      // Each summoned administration answers by the reply-by date (without one, before
      // the first proposed time): one that has not is due 'answer'.
      if let summons = plan.summons,
        let answerBy = summons.replyBy ?? summons.proposedTimes.map(\.date).min(),
        answerBy <= limit
      {
        items += summons.unanswered(among: plan.others).map {
          DueItem(plan: plan, due: "answer", administration: $0, date: answerBy)
        }
      }
      if let last = plan.summons?.proposedTimes.map(\.date).max(), last <= limit {
        items.append(
          DueItem(plan: plan, due: "meeting", administration: plan.initiator, date: last))
      }
      return items
    default:
      return []
    }
  }

  /// Whether the item concerns an administration: the one named, or any for the SP's own
  /// follow-ups and meetings.
  func concerns(_ organization: OrganizationID) -> Bool {
    due == "approval" || due == "answer"
      ? administration.organization == organization.organization
      : plan.administration(matching: organization) != nil
  }

  func json(today: CivilDate) -> JSONValue {
    var object: [String: JSONValue] = [
      "id": .string(plan.idText), "due": .string(due),
      "administration": .string(administration.value), "date": .string(date.description),
      "days": .integer(date.days(until: today)),
    ]
    if let person = plan.person { object["person"] = .string(person.longForm) }
    if let name = plan.personName { object["personName"] = .string(name) }
    if let detail { object["detail"] = .string(detail) }
    return .object(object)
  }
}

extension CoordinatedPlan: DueWatched {
  /// Any day while open; nil once closed.
  ///
  /// Why no item is missed: a closed SP has no next step (`DueItem.steps`) and no `consent`
  /// item, which needs it open; an open SP is always in the index, since its `consent` item
  /// follows the person's consents, which expire or are withdrawn without a change to the
  /// SP.
  public var dueWindow: DueWindow? { isOpen ? .always : nil }
}
