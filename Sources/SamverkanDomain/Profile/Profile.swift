import Foundation
import SamverkanJSON

/// The rule parameters of the routines and the organization directory: ages, notice
/// periods, deadlines, escalation levels, review intervals, secrecy-breaking grounds.
///
/// Göteborg's profile is built in (`Profile.goteborg`). A `profile.json` in the store
/// directory overrides it key by key, so another municipality can adapt the toolkit
/// without code changes: objects merge, other values replace, unknown keys are refused.
public struct Profile: Codable, Sendable, Equatable {
  /// The municipality: "Göteborgs Stad".
  public var municipality: String
  public var organizations: [Organization]
  /// Districts (stadsområden) in the order the directory lists them.
  public var districts: [String]
  public var consent: ConsentRules
  public var sip: SIPRules
  public var transfer: TransferRules
  public var escalation: EscalationRules
  public var deviation: DeviationRules
  /// The intake units (mottag) available on a fresh install: `contacts list`.
  public var directory: [IntakeUnit]
  /// How long personal data in closed cases is kept (gallring).
  public var retention: RetentionRules = .goteborg
  /// Who may take which step once the store has a user register (SPEC §12).
  public var authority: AuthorityRules = .goteborg

  /// The file name of the override in the store directory.
  public static let fileName = "profile.json"

  // MARK: - Organizations

  /// The organization with this ID (case-insensitive), if the directory has it.
  public func organization(_ id: String) -> Organization? {
    let upper = id.uppercased()
    return organizations.first { $0.id == upper }
  }

  /// The organization an ID (or its unit) belongs to.
  public func organization(of id: OrganizationID) -> Organization? {
    organization(id.organization)
  }

  /// The problems of a record's parties, in its field `field`: fewer than two distinct ones
  /// (`tooFew` says why two are needed, given what was listed), one listed twice, or one
  /// this profile does not know.
  public func partyProblems(
    _ parties: [OrganizationID], field: String = "parties", tooFew: (String) -> String
  ) -> [FieldProblem] {
    var problems: [FieldProblem] = []
    let distinct = Set(parties)
    if distinct.count < 2 {
      let given = parties.isEmpty ? "none" : parties.map(\.value).joined(separator: ", ")
      problems.append(FieldProblem(field, tooFew(given)))
    }
    if distinct.count != parties.count {
      problems.append(FieldProblem(field, "a party is listed twice"))
    }
    for party in parties {
      do {
        try validate(party)
      } catch {
        problems.append(FieldProblem(field, "\(party): \(error.description)"))
      }
    }
    return problems
  }

  /// Checks that an ID names an organization, and a unit of it when it has one.
  public func validate(_ id: OrganizationID) throws(ValueError) {
    // The organization part once, not once per organization compared: an import asks this of
    // every party of every row.
    let organizationPart = id.organization
    guard let organization = organizations.first(where: { $0.id == organizationPart }) else {
      let known = organizations.map(\.id).joined(separator: ", ")
      let suggestion = EditDistance.closest(
        to: id.organization, among: organizations.map(\.id))
      let hint = suggestion.map { "; did you mean '\($0)'?" } ?? ""
      throw ValueError(
        "there is no organization '\(id.organization)' in the directory\(hint)",
        expected: "one of \(known), or a unit such as SF-NORDOST/BOU")
    }
    guard let unit = id.unit else { return }
    guard organization.units.contains(where: { $0.id == unit }) else {
      let units = organization.units.map { "\(organization.id)/\($0.id)" }
      throw ValueError(
        "\(organization.id) has no unit '\(unit)'",
        expected: units.isEmpty
          ? "\(organization.id) without a unit"
          : "one of \(units.joined(separator: ", "))")
    }
  }

  /// Every organization and unit ID, for completion and help.
  public var allOrganizationIDs: [String] {
    organizations.flatMap { org in [org.id] + org.units.map { "\(org.id)/\($0.id)" } }
  }

  /// The Swedish name of an organization or unit: "SF Nordost, barn och unga".
  public func name(of id: OrganizationID) -> String {
    guard let organization = organization(of: id) else { return id.value }
    guard let unit = id.unit, let found = organization.units.first(where: { $0.id == unit })
    else { return organization.name }
    return "\(organization.name), \(found.name)"
  }

  // MARK: - Loading

  /// The profile for a store: the built-in one, overridden by `profile.json` when present.
  public static func load(storeDirectory: String) throws(SamverkanError) -> Profile {
    let path = (storeDirectory as NSString).appendingPathComponent(fileName)
    guard FileManager.default.fileExists(atPath: path) else { return .goteborg }
    // A FIFO or device would make every command wait or read without end.
    // (A link to a profile shared by several stores is fine: stat follows it.)
    var info = stat()
    if stat(path, &info) == 0, (info.st_mode & S_IFMT) != S_IFREG {
      throw .badConfiguration(
        path: path, reason: "it is not a plain file (a FIFO, socket, device or folder)")
    }
    let bytes: [UInt8]
    do {
      bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    } catch {
      throw .badConfiguration(
        path: path, reason: "it cannot be read (\(error.localizedDescription))")
    }
    return try merging(overrides: bytes, path: path)
  }

  /// The built-in profile with the overrides in a `profile.json` document applied.
  public static func merging(overrides bytes: [UInt8], path: String) throws(SamverkanError)
    -> Profile
  {
    let overrides: JSONValue
    do {
      overrides = try JSONParser.parse(bytes)
    } catch {
      throw .badConfiguration(path: path, reason: "line \(error.line): \(error.message)")
    }
    do {
      let base = try JSONValueEncoder().encode(Profile.goteborg)
      var unknown: [String] = []
      let merged = merge(base, overrides, path: "", unknown: &unknown)
      if !unknown.isEmpty {
        throw SamverkanError.badConfiguration(
          path: path,
          reason: "unknown key\(unknown.count == 1 ? "" : "s") \(unknown.joined(separator: ", "))"
            + " (the built-in profile has no such setting; see `samverkan store profile`)")
      }
      let profile = try JSONValueDecoder().decode(Profile.self, from: merged)
      let problems = profile.consistencyProblems()
      if !problems.isEmpty {
        throw SamverkanError.badConfiguration(
          path: path, reason: problems.joined(separator: "; "))
      }
      return profile
    } catch let error as SamverkanError {
      throw error
    } catch let error as DecodingError {
      throw .badConfiguration(path: path, reason: "\(error.fieldPath): \(error.plainMessage)")
    } catch {
      throw .badConfiguration(path: path, reason: "\(error)")
    }
  }

  /// Deep-merges `override` into `base`: objects merge key by key, anything else replaces.
  /// Keys of objects the base does not have are collected in `unknown`, except inside
  /// arrays (lists such as organizations are replaced whole and decoded strictly).
  private static func merge(
    _ base: JSONValue, _ override: JSONValue, path: String, unknown: inout [String]
  ) -> JSONValue {
    guard case .object(var baseObject) = base, case .object(let overrideObject) = override
    else { return override }
    for (key, value) in overrideObject {
      let keyPath = path.isEmpty ? key : "\(path).\(key)"
      if let existing = baseObject[key] {
        baseObject[key] = merge(existing, value, path: keyPath, unknown: &unknown)
      } else {
        unknown.append("'\(keyPath)'")
      }
    }
    return .object(baseObject)
  }

  /// Checks what decoding alone cannot: numbers in range, references between sections.
  public func consistencyProblems() -> [String] {
    var problems: [String] = []
    let ids = organizations.map(\.id)
    if Set(ids).count != ids.count { problems.append("organizations: an ID is listed twice") }
    problems +=
      consent.problems() + sip.problems() + transfer.problems()
      + escalation.problems() + deviation.problems() + retention.problems()
      + authority.problems(titles: deviation.titles)
    for (index, unit) in directory.enumerated() {
      do {
        try validate(unit.organization)
      } catch {
        problems.append("directory[\(index)].organization: \(error.reason)")
      }
    }
    return problems
  }
}
