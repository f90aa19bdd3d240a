import Dispatch
import Foundation

/// Work on every core for what does not depend on order: each item transformed on its own,
/// the results in the items' order.
enum BothCores {
  /// Below this many items one thread is quicker than handing out the work.
  static let minimumItems = 2_000

  /// `transform` of each item, on every core when there are `minimumItems` or more; the
  /// first error thrown (in the items' order) is rethrown.
  static func map<Item: Sendable, Result: Sendable>(
    _ items: [Item], minimumItems: Int = minimumItems,
    _ transform: @Sendable (Item) throws -> Result
  ) throws -> [Result] {
    let lanes = min(ProcessInfo.processInfo.activeProcessorCount, 8)
    guard items.count >= minimumItems, lanes > 1 else { return try items.map(transform) }
    let results = Slots<Result>(count: items.count)
    DispatchQueue.concurrentPerform(iterations: lanes) { lane in
      // Lane by lane in blocks, so each lane reads neighbouring items.
      let size = (items.count + lanes - 1) / lanes
      for index in (lane * size)..<min((lane + 1) * size, items.count) {
        do {
          results.set(index, .success(try transform(items[index])))
        } catch {
          results.set(index, .failure(error))
          return
        }
      }
    }
    return try results.all()
  }

  /// One result per item, set from several threads.
  private final class Slots<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Swift.Result<Value, any Error>?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ result: Swift.Result<Value, any Error>) {
      lock.lock()
      slots[index] = result
      lock.unlock()
    }

    /// The values in order, or the first error; a lane that stopped at an error leaves the
    /// slots after it empty, and that error comes first.
    func all() throws -> [Value] {
      var values: [Value] = []
      values.reserveCapacity(slots.count)
      for slot in slots {
        guard let slot else { continue }
        values.append(try slot.get())
      }
      return values
    }
  }
}
