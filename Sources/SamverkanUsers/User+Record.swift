import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain

/// A user as `users list`, `show`, `import` and `export` see it, with the register's rules.
extension User: CommandRecord {
  /// How an import row with neither id nor ref finds its record (README, Bulk import).
  public static let naturalKey = ["login"]

  public static let listColumns = [
    Column("id", "ID"), Column("login", "LOGIN"), Column("name", "NAME"),
    Column("organization", "ORGANIZATION"), Column("title", "TITLE"), Column("roles", "ROLES"),
    Column("removedOn", "REMOVED"),
  ]

  /// A user needs a login `useradd` would accept, a name, an organization of the profile, a
  /// title from its list and at least one role; the login never changes (it is who the
  /// journal names).
  public func problems(previous: User?, in context: RuleContext) -> [FieldProblem] {
    var problems: [FieldProblem] = []
    if !User.isValidLogin(login) {
      problems.append(
        FieldProblem(
          "login",
          "'\(login)' is not a login name; expected the operating-system login, lower case letters, digits, '_', '-' or '.'"
        ))
    }
    if let previous, previous.login != login {
      problems.append(
        FieldProblem(
          "login",
          "a user's login cannot change (\(previous.login)); remove the user and add the new login",
          rule: true))
    }
    if name.allSatisfy(\.isWhitespace) {
      problems.append(FieldProblem("name", "the user needs a full name, e.g. 'Anna Berg'"))
    }
    do {
      try context.profile.validate(organization)
    } catch {
      problems.append(FieldProblem("organization", error.description))
    }
    if context.profile.deviation.rank(of: title) == nil {
      problems.append(
        FieldProblem(
          "title",
          "'\(title)' is not a title in the profile; expected one of \(context.profile.deviation.titles.joined(separator: ", "))"
        ))
    }
    if roles.isEmpty {
      problems.append(
        FieldProblem(
          "roles",
          "a user needs at least one role: \(UserRole.allCases.map(\.rawValue).joined(separator: ", "))"
        ))
    }
    if Set(roles).count != roles.count {
      problems.append(FieldProblem("roles", "a role is listed twice"))
    }
    return problems
  }
}

extension UserRole: ArgumentValue {}

extension User {
  /// The user's ID for messages, or nothing before the store gave it one.
  var idText: String { id?.description ?? "" }
}
