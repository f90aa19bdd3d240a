import Foundation
import SamverkanTestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// A team's store used by real operating-system users (SPEC §12), made in the test with
/// `groupadd`/`useradd` and run through `setpriv`: the same root CI runs as. Names carry
/// the process ID and a counter, so parallel tests and other checkouts never collide.
final class Team: @unchecked Sendable {
  let group: String
  /// Members of the group: `admin` and `member` end up in the register, `unregistered`
  /// does not; `outsider` is not in the group at all.
  let admin: String
  let member: String
  let unregistered: String
  let outsider: String
  let store = TestStore()

  nonisolated(unsafe) private static var counter = 0
  private static let lock = NSLock()

  init() throws {
    let number = Team.lock.withLock {
      Team.counter += 1
      return Team.counter
    }
    let prefix = "sv\(getpid() % 100_000)t\(number)"
    group = prefix + "g"
    admin = prefix + "a"
    member = prefix + "m"
    unregistered = prefix + "u"
    outsider = prefix + "o"
    try Team.system(["groupadd", group])
    for login in [admin, member, unregistered] {
      try Team.system(["useradd", "-M", "-N", "-g", "users", "-G", group, login])
    }
    try Team.system(["useradd", "-M", "-N", "-g", "users", outsider])
    // The users must reach the store's parent; the store itself is the group's.
    chmod(store.directory.path, 0o755)
  }

  deinit {
    for login in [admin, member, unregistered, outsider] {
      _ = try? Team.system(["userdel", login])
    }
    _ = try? Team.system(["groupdel", group])
  }

  /// Runs `useradd` and friends. They lock /etc/passwd and fail at once when another
  /// process holds it (another test, another checkout's suite), so that failure is retried.
  static func system(_ arguments: [String]) throws {
    for attempt in 1...20 {
      let process = Process()
      process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
      process.arguments = arguments
      process.environment = ["PATH": "/usr/sbin:/usr/bin:/sbin:/bin"]
      process.standardError = FileHandle.nullDevice
      try process.run()
      process.waitUntilExit()
      if process.terminationStatus == 0 { return }
      // 1 and 10: the password or group file was locked; anything else will not pass.
      guard [1, 10].contains(process.terminationStatus), attempt < 20 else { break }
      usleep(100_000)
    }
    throw CocoaError(
      .executableLoad, userInfo: [NSLocalizedDescriptionKey: "\(arguments) failed"])
  }

  /// Runs the binary as `login` (its groups from /etc/group), with `umask`.
  func run(
    _ login: String, _ arguments: [String], stdin: String = "", umask: String = "022"
  ) throws -> RunResult {
    try runBinary(
      arguments,
      environment: binaryEnvironment(store: store.path, ["SAMVERKAN_USER": ""]),
      stdin: stdin,
      shell: "umask \(umask); exec setpriv --reuid=\(login) --regid=users --init-groups")
  }

  /// Makes the shared store as root and the register: the admin first, then the member.
  func makeRegister(adminOrg: String = "FFS", memberOrg: String = "SF-NORDOST") throws {
    let made = try runBinary(
      ["store", "init", "--shared=group", "--group", group],
      environment: binaryEnvironment(store: store.path))
    try #require(made.code == 0, "\(made.stderr)")
    for (login, org, title) in [
      (admin, adminOrg, "enhetschef"), (member, memberOrg, "socialsekreterare"),
    ] {
      let added = try run(
        admin, ["users", "add", "--login", login, "--name", login, "--org", org, "--title", title])
      try #require(added.code == 0, "\(added.stderr)")
    }
  }
}

@Suite(.serialized) struct TeamStoreTests {
  static let contact = [
    "contacts", "add", "--org", "FFS", "--district", "Centrum", "--function", "vuxen", "--name",
    "Mottag", "--phone", "031-365 00 00",
  ]

  @Test func twoMembersWriteConcurrentlyAndAnOutsiderIsRefused() throws {
    let team = try Team()
    try team.makeRegister()
    // The two members add eight entries each at the same time, one with a private umask.
    let results = ResultBox()
    DispatchQueue.concurrentPerform(iterations: 2) { lane in
      for _ in 0..<8 {
        let login = lane == 0 ? team.admin : team.member
        let result = try? team.run(login, Self.contact, umask: lane == 0 ? "077" : "022")
        results.add(result)
      }
    }
    #expect(results.all.count == 16)
    for result in results.all { #expect(result?.code == 0, "\(result?.stderr ?? "")") }
    let ids = Set(results.all.compactMap { $0?.stdout.trimmingCharacters(in: .newlines) })
    #expect(ids.count == 16, "no lost update: sixteen different entries")
    let list = try team.run(team.member, ["contacts", "list", "--search", "Mottag"])
    for id in ids { #expect(list.stdout.contains(id + "\t")) }
    // Every file kept the group and the shared modes.
    let check = try team.run(team.admin, ["store", "check"])
    #expect(check.code == 0, "\(check.stdout)\(check.stderr)")
    var info = stat()
    stat(team.store.path + "/contacts/records/000000.json", &info)
    #expect(info.st_mode & 0o777 == 0o660)
    stat(team.store.path + "/contacts", &info)
    #expect(info.st_mode & 0o7777 == 0o2770)

    // Outside the group: 74, a clear message, nothing written.
    let before = team.store.snapshot()
    let outsider = try team.run(team.outsider, Self.contact)
    #expect(outsider.code == 74)
    #expect(outsider.stderr.contains("Permission denied"))
    #expect(outsider.stderr.contains("in its group"))
    #expect(outsider.stdout.isEmpty)
    #expect(team.store.changedFiles(since: before) == [])

    // A member not in the register: 77, told how to be added.
    let stranger = try team.run(team.unregistered, ["contacts", "list"])
    #expect(stranger.code == 77)
    #expect(stranger.stderr.contains("samverkan users add --login \(team.unregistered)"))
  }

  @Test func storeCheckReportsWrongModesAndGroups() throws {
    let team = try Team()
    try team.makeRegister()
    let refused = try team.run(team.member, ["store", "init", "--shared=group"])
    #expect(refused.code == 77, "\(refused.stderr)")
    #expect(refused.stderr.contains("only a user with the role admin may"))
    let file = team.store.path + "/users/records/000000.json"
    chmod(file, 0o600)
    chown(team.store.path + "/users/meta.json", UInt32.max, 0)
    let check = try team.run(team.admin, ["store", "check"])
    #expect(check.code == 1)
    #expect(check.stdout.contains("users/records/000000.json: mode 600, not 660"))
    #expect(
      check.stdout.contains("users/meta.json: group root, not the store's group \(team.group)"))
    // Repairing is the register's admin's (who owns these files: only an owner may chmod).
    let repair = try team.run(team.admin, ["store", "init", "--shared=group"])
    #expect(repair.code == 0, "\(repair.stderr)")
    #expect(repair.stderr.contains("is now shared by its group"))
    #expect(try team.run(team.admin, ["store", "check"]).code == 0)
  }

  @Test func theJournalNamesTheRealLoginAndAsNeedsAnAdmin() throws {
    let team = try Team()
    try team.makeRegister()
    let added = try team.run(team.member, Self.contact)
    #expect(added.code == 0, "\(added.stderr)")
    let id = added.stdout.trimmingCharacters(in: .newlines)
    let history = try team.run(team.member, ["contacts", "history", id, "--format", "ndjson"])
    #expect(history.stdout.contains("\"actor\":\"\(team.member)\""), "\(history.stdout)")

    let before = team.store.snapshot()
    let asAdmin = try team.run(team.member, ["--as", team.admin] + Self.contact)
    #expect(asAdmin.code == 77)
    #expect(asAdmin.stderr.contains("only a user with the role admin may"))
    // SAMVERKAN_USER is no way around it.
    let viaEnvironment = try runBinary(
      Self.contact,
      environment: binaryEnvironment(store: team.store.path, ["SAMVERKAN_USER": team.admin]),
      shell: "exec setpriv --reuid=\(team.member) --regid=users --init-groups")
    #expect(viaEnvironment.code == 77)
    #expect(team.store.changedFiles(since: before) == [])

    let onBehalf = try team.run(team.admin, ["--as", team.member] + Self.contact)
    #expect(onBehalf.code == 0, "\(onBehalf.stderr)")
    let other = onBehalf.stdout.trimmingCharacters(in: .newlines)
    let line = try team.run(team.admin, ["contacts", "history", other, "--format", "ndjson"])
    #expect(line.stdout.contains("\"actor\":\"\(team.member)\""))
    #expect(line.stdout.contains("\"login\":\"\(team.admin)\""))
  }

  @Test func anAuthorityRuleBetweenRealUsers() throws {
    let team = try Team()
    // The SP is prepared before there is a register, as a single-user store would be.
    let setup: [[String]] =
      [
        [
          "consent", "grant", "--person", TestPerson.adult, "--parties", "SF-NORDOST,FFS",
          "--purpose", "sp", "--type", "explicit", "--form", "written", "--until", "2027-11-30",
          "--informed",
        ],
        [
          "sp", "create", "--person", TestPerson.adult, "--name", "Alex Andersson", "--by",
          "SF-NORDOST", "--with", "FFS", "--caseworker", "Karin Lund",
        ],
        [
          "sp", "summon", "SP-1", "--title", "socialsekreterare", "--phone", "031-365 00 00",
          "--email", "karin.ek@socialnordost.goteborg.se", "--reply-by", "2026-11-30",
          "--recipient",
          "FFS=Anna Berg", "--needs", "Stöd.", "--purpose",
          "Ansvar.", "--why", "Två förvaltningar.", "--questions", "Vem?", "--hoped-outcome",
          "En plan.", "--proposed-time", "2026-12-10T10:00", "--meeting-form", "video",
        ],
        [
          "sp", "meeting", "SP-1", "--held", "2026-11-25", "--attendance",
          "SF-NORDOST=present,FFS=present",
        ],
      ] + SPPlanFixture.all() + [
        ["sp", "submit", "SP-1"]
      ]
    let made = try runBinary(
      ["store", "init", "--shared=group", "--group", team.group],
      environment: binaryEnvironment(store: team.store.path))
    try #require(made.code == 0, "\(made.stderr)")
    for arguments in setup {
      let result = try team.run(team.admin, arguments)
      try #require(result.code == 0, "\(arguments): \(result.stderr)")
    }
    for (login, org) in [(team.admin, "FFS"), (team.member, "SF-NORDOST")] {
      let added = try team.run(
        team.admin,
        ["users", "add", "--login", login, "--name", login, "--org", org, "--title", "enhetschef"])
      try #require(added.code == 0, "\(added.stderr)")
    }
    let before = team.store.snapshot()
    let wrong = try team.run(team.member, ["sp", "approve", "SP-1", "--org", "FFS"])
    #expect(wrong.code == 77)
    #expect(wrong.stderr.contains("only a user of FFS"))
    #expect(team.store.changedFiles(since: before) == [])
    let right = try team.run(team.admin, ["sp", "approve", "SP-1", "--org", "FFS"])
    #expect(right.code == 0, "\(right.stderr)")
    let history = try team.run(team.member, ["sp", "history", "SP-1", "--format", "ndjson"])
    #expect(history.stdout.contains("\"action\":\"approve\",\"actor\":\"\(team.admin)\""))
  }
}

/// Results gathered from several threads.
final class ResultBox: @unchecked Sendable {
  private let lock = NSLock()
  private var results: [RunResult?] = []

  func add(_ result: RunResult?) { lock.withLock { results.append(result) } }
  var all: [RunResult?] { lock.withLock { results } }
}
