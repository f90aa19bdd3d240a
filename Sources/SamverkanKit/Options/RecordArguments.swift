import SamverkanCommandLine
import SamverkanDomain

/// The record-ID argument of each kind, declared once: `<id>` completing the kind's IDs.
/// A verb takes it as it is or with its own help line (`.help("The matter's ID, e.g.
/// ESC-12.")`), and reads it with `Invocation.recordID(_:kind:)` or `recordIDs(_:kinds:)`.
public enum RecordArguments {
  /// `<id>`: one record of the kind, e.g. `SIP-12`.
  public static func id(of kind: RecordKind) -> Argument<String> {
    Argument<String>(
      "id", help: "The \(kind.noun)'s ID, e.g. \(kind.prefix)-12.",
      completion: .dynamic("ids:\(kind.prefix)")
    ).recordID(of: [kind])
  }

  /// `<id> ...`: one or several records of the kind.
  public static func ids(of kind: RecordKind) -> VariadicArgument<String> {
    VariadicArgument<String>(
      "id", help: "The \(kind.noun)'s ID, e.g. \(kind.prefix)-12; several may be given.",
      completion: .dynamic("ids:\(kind.prefix)")
    ).recordIDs(of: [kind])
  }
}
