import SamverkanCommandLine
import SamverkanStore

extension Invocation {
  /// The masking for this command: the store's protected persons, unless `--reveal`.
  public func masking(_ reader: StoreReader) throws -> Masking {
    Masking(
      protected: Set(try reader.protectedPersons().map(\.longForm)), reveal: reveal,
      revealed: revealed)
  }
}
