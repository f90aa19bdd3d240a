import SamverkanDomain
import Testing

/// The authority rules as a pure function: who may take a step, and the refusal's words.
@Suite struct AuthorityRulesTests {
  static func user(_ org: String, _ title: String, roles: [UserRole] = [.caseworker]) -> User {
    User(
      login: "u", name: "U", organization: OrganizationID(unchecked: org), title: title,
      roles: roles)
  }

  static let approveForFFS = AuthorityQuestion(
    step: "sp approve", action: "approve SP-1 for FFS",
    organizations: [OrganizationID(unchecked: "FFS")],
    organizationRole: "the administration answering")

  static let resolveAtLevel3 = AuthorityQuestion(
    step: "escalate resolve", action: "decide ESC-1",
    organizations: [OrganizationID(unchecked: "SF-NORDOST/BOU"), OrganizationID(unchecked: "FFS")],
    levelTitle: "enhetschef")

  @Test(
    arguments: [
      (approveForFFS, user("FFS", "socialsekreterare"), nil),
      (
        approveForFFS, user("SF-NORDOST", "enhetschef"),
        "only a user of FFS (the administration answering) may"
      ),
      (resolveAtLevel3, user("SF-NORDOST/VUXEN", "enhetschef"), nil),
      (resolveAtLevel3, user("FFS", "avdelningschef"), nil),
      (resolveAtLevel3, user("FFS", "biträdande enhetschef"), "with at least the title enhetschef"),
      (resolveAtLevel3, user("REGION", "enhetschef"), "only a user of SF-NORDOST or FFS"),
      (
        AuthorityQuestion(step: "import", action: "import"), user("FFS", "enhetschef"),
        "the role admin"
      ),
      (
        AuthorityQuestion(step: "import", action: "import"),
        user("FFS", "handläggare", roles: [.admin]), nil
      ),
      (AuthorityQuestion(step: "no such step", action: "x"), user("FFS", "handläggare"), nil),
    ] as [(AuthorityQuestion, User, String?)])
  func whoMay(_ question: AuthorityQuestion, _ user: User, _ refusal: String?) {
    let answer = Profile.goteborg.authorityRefusal(question, user: user)
    if let refusal {
      #expect(answer?.message.contains(refusal) == true, "\(answer?.message ?? "allowed")")
      #expect(answer?.exitCode == 77)
    } else {
      #expect(answer == nil, "\(answer?.message ?? "")")
    }
  }

  @Test func theSameUserCannotSignBothSides() {
    let question = AuthorityQuestion(
      step: "deviation sign", action: "sign DEV-1",
      organizations: [OrganizationID(unchecked: "FFS")],
      earlierUsers: ["u"])
    let answer = Profile.goteborg.authorityRefusal(question, user: Self.user("FFS", "enhetschef"))
    #expect(answer?.message.contains("other than the user who signed the other side") == true)
  }

  @Test func aMinimumTitleOutsideTheListIsABadProfile() throws {
    #expect(throws: SamverkanError.self) {
      try Profile.merging(
        overrides: Array(
          #"{"authority": {"rules": [{"step": "sp approve", "minimumTitle": "kung"}]}}"#.utf8),
        path: "profile.json")
    }
  }
}
