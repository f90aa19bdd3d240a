/// A JSON document as a value tree. (Placeholder; the full module follows.)
public enum JSONValue: Equatable, Sendable {
  case null
}
