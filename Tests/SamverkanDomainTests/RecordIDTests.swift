import SamverkanDomain
import Testing

/// `RecordID(parsing:)`: IDs as written are read directly; every other form as before.
@Suite struct RecordIDTests {
  @Test(arguments: [
    ("CON-12", "CON-12"), ("con-12", "CON-12"), (" CON-12 ", "CON-12"), ("CON-012", "CON-12"),
    ("CON-+5", "CON-5"), ("KONS-3", "KONS-3"), ("SP-999999999", "SP-999999999"),
    ("ACC-1", "ACC-1"),
  ])
  func readsWhatIsWrittenAndWhatPeopleType(text: String, id: String) throws {
    #expect(try RecordID(parsing: text).description == id)
  }

  @Test(arguments: ["CON-0", "CON-1000000000", "XYZ-1", "CON-", "-12", "CON-1a", "CON12"])
  func refusesWhatIsNoID(text: String) {
    #expect(throws: ValueError.self) { try RecordID(parsing: text) }
  }

  @Test func theExpectedKindStillDecides() throws {
    #expect(try RecordID(parsing: "12", expected: .consent).description == "CON-12")
    #expect(try RecordID(parsing: "CON-12", expected: .consent).description == "CON-12")
    #expect(throws: ValueError.self) { try RecordID(parsing: "SIP-12", expected: .consent) }
  }
}
