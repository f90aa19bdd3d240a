/// An intake unit (mottag) in the directory of contact routes (kontaktvägar): whom to
/// contact at another administration when no caseworker is assigned.
public struct IntakeUnit: Codable, Sendable, Equatable {
  /// The organization or unit: `FFS`, `SF-NORDOST/BOU`.
  public var organization: OrganizationID
  /// The district (stadsområde) it serves: "Nordost".
  public var district: String
  /// What it handles: `barn-och-unga`, `vuxen`, `ekonomiskt-bistand`, `myndighet`.
  public var function: String
  /// The unit's name as the routine writes it: "Mottag barn och unga".
  public var name: String
  /// E-mail addresses; zero, one or more.
  public var emails: [String]
  /// Phone number in international form, `+46313653647`; nil when there is none.
  public var phone: String?

  public init(
    organization: OrganizationID, district: String, function: String, name: String,
    emails: [String], phone: String?
  ) {
    self.organization = organization
    self.district = district
    self.function = function
    self.name = name
    self.emails = emails
    self.phone = phone
  }
}

/// The functions an intake unit can have, as IDs with their Swedish names.
public enum IntakeFunction: String, CaseIterable, Codable, Sendable {
  case barnOchUnga = "barn-och-unga"
  case vuxen
  case ekonomisktBistand = "ekonomiskt-bistand"
  case myndighet

  /// The Swedish name: "barn och unga".
  public var label: String {
    switch self {
    case .barnOchUnga: "barn och unga"
    case .vuxen: "vuxen"
    case .ekonomisktBistand: "försörjningsstöd / ekonomiskt bistånd"
    case .myndighet: "myndighet"
    }
  }
}

extension IntakeUnit {
  private static func unit(
    _ organization: String, _ district: String, _ function: IntakeFunction, _ name: String,
    _ emails: [String], _ phone: String?
  ) -> IntakeUnit {
    IntakeUnit(
      organization: OrganizationID(unchecked: organization), district: district,
      function: function.rawValue, name: name, emails: emails, phone: phone)
  }

  /// Göteborg's contact table, every row of seed 000 ("Kontaktvägar"), as it stands there.
  public static let goteborg: [IntakeUnit] = [
    // Förvaltningen för funktionsstöd: mottag och jourtelefon per stadsområde.
    unit(
      "FFS", "Centrum", .myndighet, "Mottag funktionsstöd Centrum",
      ["myndighet.centrum@funktionsstod.goteborg.se"], "+46313653647"),
    unit(
      "FFS", "Hisingen", .myndighet, "Mottag funktionsstöd Hisingen",
      ["myndighet.hisingen@funktionsstod.goteborg.se"], "+46313667525"),
    unit(
      "FFS", "Nordost", .myndighet, "Mottag funktionsstöd Nordost",
      ["myndighet.nordost@funktionsstod.goteborg.se"], "+46313653367"),
    unit(
      "FFS", "Sydväst", .myndighet, "Mottag funktionsstöd Sydväst",
      ["myndighet.sydvast@funktionsstod.goteborg.se"], "+46313665621"),
    // Äldre samt vård- och omsorgsförvaltningen: e-post per stadsområde.
    unit(
      "AVO", "Centrum", .myndighet, "Myndighet äldre samt vård och omsorg Centrum",
      ["myndighet.centrum@aldrevardomsorg.goteborg.se"], nil),
    unit(
      "AVO", "Hisingen", .myndighet, "Myndighet äldre samt vård och omsorg Hisingen",
      ["myndighetaldrehisingen@aldrevardomsorg.se"], nil),
    unit(
      "AVO", "Nordost", .myndighet, "Myndighet äldre samt vård och omsorg Nordost",
      ["myndighet.nordost@aldrevardomsorg.se"], nil),
    unit(
      "AVO", "Sydväst", .myndighet, "Myndighet äldre samt vård och omsorg Sydväst",
      ["myndighet.sydvast@aldrevardomsorg.se"], nil),
    // Socialförvaltningarna.
    unit(
      "SF-CENTRUM/BOU", "Centrum", .barnOchUnga, "Mottag barn och unga",
      ["mottaget.bou.centrum@socialcentrum.goteborg.se"], "+46313657450"),
    unit(
      "SF-CENTRUM/EKB", "Centrum", .ekonomisktBistand, "Mottag försörjningsstöd",
      ["forsorjningsstod.mottag@socialcentrum.goteborg.se"], "+46313657340"),
    unit(
      "SF-CENTRUM/VUXEN", "Centrum", .vuxen, "Mottag vuxen",
      ["vuxen.mottag@socialcentrum.goteborg.se"], "+46313650000"),
    unit(
      "SF-HISINGEN/BOU", "Hisingen", .barnOchUnga, "Mottag barn och unga",
      ["mottagbarnochunga@socialhisingen.goteborg.se"], "+46313668800"),
    unit(
      "SF-HISINGEN/VUXEN", "Hisingen", .vuxen, "Mottag vuxen",
      ["mottaget.vuxen@socialhisingen.goteborg.se"], "+46313667030"),
    unit(
      "SF-HISINGEN/EKB", "Hisingen", .ekonomisktBistand, "Mottag ekonomiskt bistånd", [],
      "+46313666080"),
    unit(
      "SF-NORDOST/BOU", "Nordost", .barnOchUnga, "Mottag barn och unga",
      [
        "angeredmottagbarnochunga@socialnordost.goteborg.se",
        "ostermottagbarnochunga@socialnordost.goteborg.se",
      ], "+46313650000"),
    unit(
      "SF-NORDOST/VUXEN", "Nordost", .vuxen, "Mottag vuxen",
      ["vuxen.mottag@socialnordost.goteborg.se"], "+46313654714"),
    unit(
      "SF-NORDOST/EKB", "Nordost", .ekonomisktBistand, "Mottag ekonomiskt bistånd", [],
      "+46313652210"),
    unit("SF-SYDVAST/BOU", "Sydväst", .barnOchUnga, "Mottag barn och unga", [], "+46313650000"),
    unit(
      "SF-SYDVAST/VUXEN", "Sydväst", .vuxen, "Mottaget vuxen",
      ["mottaget.vuxen@socialsydvast.goteborg.se"], "+46313665343"),
    unit(
      "SF-SYDVAST/EKB", "Sydväst", .ekonomisktBistand, "Mottaget ekonomiskt bistånd", [],
      "+46313662001"),
  ]
}
