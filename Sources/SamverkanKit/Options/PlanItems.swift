import SamverkanCommandLine
import SamverkanDomain

extension GoalTerm: ArgumentValue {}

/// The declarations and reading the plan-content verbs of the SIP and the SP share
/// (`sip need|goal|intervention`, `sp need|goal|intervention`): one item's text to add, or
/// `--remove N` to take out the Nth item as `show` lists it.
public enum PlanItems {
  /// The text of the item to add.
  public static let text = Argument<String>(
    "text", help: "The text, in the individual's words where possible.", required: false)

  /// `--remove N`.
  public static let remove = Option<Int>(
    "remove", value: "n", help: "Remove item n (1 = the first, as 'show' lists them).")

  /// Either a text to add or `--remove N`, not both and not neither (exit 64); a blank text
  /// is refused.
  public static func textOrRemoval(_ call: Invocation, adding: String) throws -> (String?, Int?) {
    let added = try call.value(text)
    let removed = try call.value(remove)
    guard (added == nil) != (removed == nil) else {
      throw SamverkanError.usage("Give the \(adding) to add, or --remove N, not both.")
    }
    if let added, added.isBlank {
      throw SamverkanError.invalidValue(
        added, option: text.spec.usage, reason: "the \(adding) is empty")
    }
    return (added, removed)
  }

  /// Removes item `n` (1-based) of `list`, or says which numbers `record` has (exit 64).
  public static func remove<T>(_ n: Int, from list: inout [T], what: String, of record: String)
    throws
  {
    guard n >= 1, n <= list.count else {
      throw SamverkanError.invalidValue(
        String(n), option: remove.spec.usage,
        reason: list.isEmpty
          ? "\(record) has no \(what) to remove"
          : "\(record) has \(what) 1 to \(list.count)")
    }
    list.remove(at: n - 1)
  }
}
