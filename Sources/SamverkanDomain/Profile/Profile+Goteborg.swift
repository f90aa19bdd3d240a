extension Profile {
  /// Göteborgs Stad: the built-in profile, available on a fresh install with no set-up.
  public static let goteborg = Profile(
    municipality: "Göteborgs Stad",
    organizations: goteborgOrganizations,
    districts: ["Centrum", "Hisingen", "Nordost", "Sydväst"],
    consent: .goteborg,
    sip: .goteborg,
    transfer: .goteborg,
    escalation: .goteborg,
    deviation: .goteborg,
    directory: IntakeUnit.goteborg)

  private static let socialServicesUnits = [
    Organization.Unit(id: "BOU", name: "barn och unga"),
    Organization.Unit(id: "VUXEN", name: "vuxen"),
    Organization.Unit(id: "EKB", name: "ekonomiskt bistånd"),
  ]

  private static let goteborgOrganizations: [Organization] = [
    Organization(
      id: "SF-CENTRUM", name: "Socialförvaltningen Centrum", kind: .administration,
      principal: .municipality, district: "Centrum", units: socialServicesUnits),
    Organization(
      id: "SF-HISINGEN", name: "Socialförvaltningen Hisingen", kind: .administration,
      principal: .municipality, district: "Hisingen", units: socialServicesUnits),
    Organization(
      id: "SF-NORDOST", name: "Socialförvaltningen Nordost", kind: .administration,
      principal: .municipality, district: "Nordost", units: socialServicesUnits),
    Organization(
      id: "SF-SYDVAST", name: "Socialförvaltningen Sydväst", kind: .administration,
      principal: .municipality, district: "Sydväst", units: socialServicesUnits),
    Organization(
      id: "FFS", name: "Förvaltningen för funktionsstöd", kind: .administration,
      principal: .municipality),
    Organization(
      id: "AVO", name: "Äldre samt vård- och omsorgsförvaltningen", kind: .administration,
      principal: .municipality),
    Organization(id: "REGION", name: "Västra Götalandsregionen", kind: .region, principal: .region),
    Organization(id: "FK", name: "Försäkringskassan", kind: .actor, principal: nil),
    Organization(id: "AF", name: "Arbetsförmedlingen", kind: .actor, principal: nil),
    Organization(id: "KV", name: "Kriminalvården", kind: .actor, principal: nil),
    Organization(id: "SKOLA", name: "Skolan", kind: .actor, principal: nil),
  ]
}
