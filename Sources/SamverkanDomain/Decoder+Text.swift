extension Decoder {
  /// Decodes a value stored as text with the parser that reads it on input, so that a damaged
  /// file is reported with the parser's reason rather than read with a guess.
  func decodeText<Value>(_ read: (String) throws(ValueError) -> Value) throws -> Value {
    let container = try singleValueContainer()
    let text = try container.decode(String.self)
    do {
      return try read(text)
    } catch {
      throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
    }
  }
}
