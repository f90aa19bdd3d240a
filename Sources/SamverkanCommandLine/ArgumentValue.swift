import SamverkanDomain
import SamverkanJSON

/// What reading a typed value may need: the pinned date (relative dates, the century of a
/// 10-digit personnummer) and the profile (organization IDs).
public struct ValueContext: Sendable {
  public var today: CivilDate
  public var profile: Profile

  public init(today: CivilDate, profile: Profile) {
    self.today = today
    self.profile = profile
  }
}

/// A type an option or argument can hold: it reads itself from the text a user typed.
public protocol ArgumentValue: Sendable {
  /// Reads a value, or says why it cannot (without repeating the text: callers quote it).
  static func parse(_ text: String, in context: ValueContext) throws(ValueError) -> Self
  /// The only values accepted, for help, the parser's check and completion; nil if free.
  static var allowedValues: [String]? { get }
  /// How a shell completes the value.
  static var completion: CompletionKind { get }
}

extension ArgumentValue {
  public static var allowedValues: [String]? { nil }
  public static var completion: CompletionKind { allowedValues.map { .values($0) } ?? .none }

  /// Reads a value of this type for the parser's conversion step; nil for text, which
  /// needs none.
  static var converter: ValueConverter? {
    if Self.self == String.self { return nil }
    return { (text, context) throws(ValueError) -> any Sendable in
      try Self.parse(text, in: context)
    }
  }
}

/// Reads one typed value from its text, or says why it cannot.
public typealias ValueConverter =
  @Sendable (String, ValueContext) throws(ValueError) -> any Sendable

extension RecordID {
  /// Reads an ID of one of `kinds`; without a prefix, of the first.
  static func converter(kinds: [RecordKind]) -> ValueConverter {
    { (text, _) throws(ValueError) -> any Sendable in
      try RecordID(parsing: text, expected: RecordID.kindOf(text, among: kinds) ?? kinds.first)
    }
  }
}

/// Enumerations read by their raw value, case-insensitively: `--type implied`.
extension ArgumentValue where Self: CaseIterable & RawRepresentable, RawValue == String {
  public static var allowedValues: [String]? { allCases.map(\.rawValue) }

  public static func parse(_ text: String, in context: ValueContext) throws(ValueError) -> Self {
    let lower = text.lowercased()
    if let value = allCases.first(where: { $0.rawValue.lowercased() == lower }) { return value }
    throw ValueError(
      "it is not one of the accepted values", expected: quotedList(allowedValues ?? []))
  }
}

/// `'a', 'b' or 'c'`, as swift-argument-parser lists accepted values.
public func quotedList(_ values: [String]) -> String {
  values.map { "'\($0)'" }.listed("or")
}

extension String: ArgumentValue {
  public static func parse(_ text: String, in context: ValueContext) throws(ValueError) -> String {
    text
  }
}

extension Int: ArgumentValue {
  public static func parse(_ text: String, in context: ValueContext) throws(ValueError) -> Int {
    guard let value = Int(text) else {
      throw ValueError("it is not a whole number", expected: "a number such as 3")
    }
    return value
  }
}

extension CivilDate: ArgumentValue {
  public static func parse(_ text: String, in context: ValueContext) throws(ValueError)
    -> CivilDate
  {
    try CivilDate.parse(text, today: context.today)
  }
}

extension LocalDateTime: ArgumentValue {
  public static func parse(_ text: String, in context: ValueContext) throws(ValueError)
    -> LocalDateTime
  {
    try LocalDateTime(iso: text)
  }
}

extension DateOffset: ArgumentValue {
  public static func parse(_ text: String, in context: ValueContext) throws(ValueError)
    -> DateOffset
  {
    try DateOffset(parsing: text)
  }
}

extension PersonNumber: ArgumentValue {
  public static func parse(_ text: String, in context: ValueContext) throws(ValueError)
    -> PersonNumber
  {
    try PersonNumber(parsing: text, today: context.today)
  }
}

extension OrganizationID: ArgumentValue {
  public static func parse(_ text: String, in context: ValueContext) throws(ValueError)
    -> OrganizationID
  {
    try OrganizationID(parsing: text, profile: context.profile)
  }

  public static var completion: CompletionKind { .dynamic("organizations") }
}

extension RecordID: ArgumentValue {
  public static func parse(_ text: String, in context: ValueContext) throws(ValueError)
    -> RecordID
  {
    try RecordID(parsing: text)
  }
}

extension EmailAddress: ArgumentValue {
  public static func parse(_ text: String, in context: ValueContext) throws(ValueError)
    -> EmailAddress
  {
    try EmailAddress(parsing: text)
  }
}

extension PhoneNumber: ArgumentValue {
  public static func parse(_ text: String, in context: ValueContext) throws(ValueError)
    -> PhoneNumber
  {
    try PhoneNumber(parsing: text)
  }
}
