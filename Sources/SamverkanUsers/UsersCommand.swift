import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanStore

/// `samverkan users` — the store's user register (SPEC §12): who may use a shared store,
/// where they work, their title and roles. Once it holds a user, only registered logins
/// use the store and the profile's authority rules decide who takes which step.
public enum UsersCommand: SamverkanCommand {
  public static let spec = CommandSpec(
    name: "users",
    abstract: "Keep the store's user register: logins, organizations, titles and roles.",
    discussion: """
      Without a register the store is single-user and nothing is enforced. The first user added must be the login running the command, and becomes an admin. From then on every command checks that its operating-system login is in the register, --as is accepted only from an admin, and the profile's authority rules decide who approves, signs, raises, resolves, closes and receives. Changing the register needs the role admin.
      """,
    examples: [
      Example(
        "samverkan users add --login anna --name 'Anna Berg' --org SF-NORDOST/BOU --title 'bitr. enhetschef' --role manager",
        "Adds Anna; the title is stored as 'biträdande enhetschef'."),
      Example("samverkan users list --org FFS", "The users of Förvaltningen för funktionsstöd."),
    ],
    subcommands: [
      List.spec, Show.spec, Add.spec, Update.spec, Remove.spec,
      StandardVerbs.history(kind: .user),
      StandardVerbs.export(User.self, filter: filter),
      Import.spec,
    ])

  public static let recordTypes: [RecordType] = [.of(User.self)]

  // MARK: - Shared options

  /// The user of `show`, `update` and `remove`.
  static let userArgument = Argument<String>(
    "user", help: "The user's login or ID, e.g. anna or USR-3.", completion: .dynamic("ids:USR"))

  static let organization = Option<OrganizationID>(
    "org", value: "org", help: "The organization or unit the user works at, e.g. SF-NORDOST/BOU.")
  static let role = ListOption<UserRole>(
    "role", value: "role", help: "A role; repeat or separate with commas for several.")
  /// The name and title of `add` and `update`.
  static let name = Option<String>(
    "name", value: "name", help: "The user's full name, e.g. 'Anna Berg'.")
  static let title = Option<String>(
    "title", value: "title",
    help: "A title from the profile's list; abbreviations such as 'bitr. enhetschef' are accepted.")
  static let includeRemoved = Flag("all", help: "Include users removed from the register.")

  /// The filter `list` and `export` share.
  static let filter = StandardVerbs.Filter<User>(
    options: [organization, role, includeRemoved]
  ) { call, _ in
    let organization = try call.value(Self.organization)
    let roles = try call.values(Self.role)
    let all = call.isSet(includeRemoved)
    return { user in
      (organization.map { $0.contains(user.organization) } ?? true)
        && (roles.isEmpty || roles.contains(where: user.has))
        && (all || user.removedOn == nil)
    }
  }

  /// A title from the command line as the profile spells it (`bitr. enhetschef` is
  /// "biträdande enhetschef"); a usage error listing the titles otherwise.
  static func title(_ text: String, option: String, _ call: Invocation) throws -> String {
    let profile = try call.profile()
    guard let title = profile.normalizedTitle(text) else {
      throw SamverkanError.invalidValue(
        text, option: option,
        reason:
          "it is not a title in the profile. Please provide one of \(quotedList(profile.deviation.titles))"
      )
    }
    return title
  }

  /// The user a login or `USR-n` names (66 when there is none).
  static func lookUp(_ text: String, _ reader: StoreReader) throws -> User {
    if RecordID.kindOf(text, among: [.user]) != nil {
      let id = try RecordID(parsing: text, expected: .user)
      return try reader.require(id, as: User.self)
    }
    guard let id = try reader.recordID(forRef: text, kind: .user) else {
      throw SamverkanError.recordNotFound("user \(text)")
    }
    return try reader.require(id, as: User.self)
  }

  /// Refuses a change that would leave the register without an active admin: nobody could
  /// then change it again.
  static func requireAnAdminRemains(_ writer: StoreWriter, after changed: User) throws {
    let admins = try writer.records(User.self).filter { user in
      let user = user.id == changed.id ? changed : user
      return user.removedOn == nil && user.has(.admin)
    }
    if admins.isEmpty {
      throw SamverkanError.refused(
        "\(changed.login) is the register's last admin; make another user admin first ('samverkan users update LOGIN --role admin …'), or nobody could change the register again."
      )
    }
  }
}
