import SamverkanDomain
import SamverkanJSON
import Testing

/// A record of each wrapper, with synthesized `Codable`.
struct DefaultedSample: Codable, Equatable {
  @Defaulted var items: [String]
  @Defaulted var flag: Bool
  @OmittedWhenEmpty var later: [String]
  @CountsFromOne var version: Int
}

@Suite struct DefaultedFieldsTests {
  func read(_ json: String) throws -> DefaultedSample {
    try JSONValueDecoder().decode(DefaultedSample.self, from: try JSONParser.parse(json))
  }

  func written(_ sample: DefaultedSample) throws -> String {
    JSONWriter.write(try JSONValueEncoder().encode(sample))
  }

  @Test func absentOrNullFieldsTakeTheirDefault() throws {
    let expected = DefaultedSample(items: [], flag: false, later: [], version: 1)
    #expect(try read("{}") == expected)
    #expect(try read(#"{"items":null,"flag":null,"later":null,"version":null}"#) == expected)
  }

  @Test func writesEveryFieldButAnEmptyOmittedList() throws {
    #expect(
      try written(DefaultedSample(items: [], flag: false, later: [], version: 1))
        == #"{"flag":false,"items":[],"version":1}"#)
    let full = DefaultedSample(items: ["a"], flag: true, later: ["b"], version: 3)
    #expect(try written(full) == #"{"flag":true,"items":["a"],"later":["b"],"version":3}"#)
    #expect(try read(try written(full)) == full)
  }

  @Test func aWrongValueNamesItsField() throws {
    #expect {
      _ = try read(#"{"items":[1]}"#)
    } throws: { error in
      (error as? DecodingError)?.fieldPath == "items[0]"
    }
  }
}
