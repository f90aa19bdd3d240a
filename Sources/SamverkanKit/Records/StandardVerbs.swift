import SamverkanCommandLine
import Foundation
import SamverkanDomain
import SamverkanJSON
import SamverkanStore

/// The verbs every command has (SPEC §2) — `show`, `history`, `import`, `export` — built
/// once for any `CommandRecord`.
public enum StandardVerbs {
  /// A filter a command's `list` and `export` share: its options and, from them, a test.
  public struct Filter<R: CommandRecord>: Sendable {
    public var options: [any OptionDeclaration]
    /// Reads the options and returns the test, or nil when no filter was given (so export
    /// can copy records without decoding them).
    public var make: @Sendable (Invocation, StoreReader) throws -> ((R) -> Bool)?

    public init(
      options: [any OptionDeclaration],
      make: @escaping @Sendable (Invocation, StoreReader) throws -> ((R) -> Bool)?
    ) {
      self.options = options
      self.make = make
    }

    /// No filter options.
    public static var none: Filter { Filter(options: []) { _, _ in nil } }
  }
}
