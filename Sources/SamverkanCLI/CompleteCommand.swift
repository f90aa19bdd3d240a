import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain
import SamverkanStore

/// `samverkan __complete <source> [<partial> [<command> ...]]`: what the completion scripts
/// ask while a line is typed: the candidates for a dynamic source, one per line. Hidden from
/// help and from completion. It never writes to the store, never waits for a busy one, and
/// never fails: whatever goes wrong, the shell just gets no candidates.
enum CompleteCommand {
  // Nothing is required, so no command line the scripts send can fail to parse.
  static let source = Argument<String>(
    "source",
    help:
      "ids:<PREFIX>[,<PREFIX>…] (record IDs in the store), organizations (the profile's organization and unit IDs) or fields (the field names of the command's records).",
    required: false)
  static let partial = Argument<String>(
    "partial", help: "What is typed so far; only candidates starting with it are printed.",
    required: false)
  static let command = VariadicArgument<String>(
    "command", help: "The command being typed (consent list), for the fields of its records.",
    required: false)

  /// How long to wait for a store another process is writing: completion must not hang.
  static let lockTimeout = 0.2

  static let spec: CommandSpec = CommandSpec(
    name: "__complete", abstract: "Print completion candidates (for the completion scripts).",
    examples: [
      Example(
        "samverkan --store=/srv/samverkan __complete -- ids:SIP SIP-1",
        "The SIP IDs in that store starting with SIP-1."),
      Example(
        "samverkan __complete -- fields '' consent list", "The fields of consent records."),
    ],
    arguments: [source, partial, command], isHidden: true, usesStore: false
  ) { call in
    let typed = (try? call.value(partial)) ?? ""
    let command = (try? call.values(command)) ?? []
    let candidates =
      (try? CompleteCommand.candidates(
        try call.value(source) ?? "", typed: typed, command: command, call)) ?? []
    for candidate in candidates where candidate.lowercased().hasPrefix(typed.lowercased()) {
      call.stdout.line(candidate)
    }
    return ExitCode.success
  }

  /// Whether a command line asks for completion candidates (run quietly, always exit 0).
  static func isRequested(_ arguments: [String]) -> Bool {
    guard case .run(let path, _)? = try? CommandParser(root: SamverkanCLI.root).parse(arguments)
    else { return false }
    return path.last?.name == spec.name
  }

  /// Every candidate of a source, before filtering by what is typed.
  static func candidates(
    _ source: String, typed: String, command: [String], _ call: Invocation
  ) throws -> [String] {
    let profile = try call.profile()
    let (name, argument) =
      source.firstIndex(of: ":").map {
        (String(source[..<$0]), String(source[source.index(after: $0)...]))
      } ?? (source, "")
    switch name {
    case "ids":
      let kinds = argument.split(separator: ",").compactMap { RecordKind.withPrefix(String($0)) }
      let ids = try recordIDs(of: kinds, typed: typed, profile: profile, call).map(\.description)
      return followingCase(of: typed, ids)
    case "organizations":
      return followingCase(of: typed, profile.allOrganizationIDs)
    case "fields":
      // The fields of the records of the command being typed; of all records at the top.
      let modules = SamverkanCLI.modules.filter { $0.spec.name == command.first }
      let types = modules.isEmpty ? SamverkanCLI.recordTypes : modules.flatMap { $0.recordTypes }
      var seen = Set<String>()
      return types.flatMap(\.fields).filter { seen.insert($0).inserted }
    default:
      return []
    }
  }

  /// The IDs of the records of these kinds that may start with what is typed, in order; on
  /// a fresh store the built-in ones. Read without recovering an interrupted commit and
  /// without creating a store or its lock file: completion must never change anything.
  private static func recordIDs(
    of kinds: [RecordKind], typed: String, profile: Profile, _ call: Invocation
  ) throws -> [RecordID] {
    func builtIn(_ kind: RecordKind) -> [RecordID] {
      SamverkanCLI.recordTypes.first { $0.kind == kind }?.builtInIDs(profile) ?? []
    }
    // Only the kinds whose IDs can start with what is typed (`SIP-1` rules out SP).
    let upper = typed.uppercased()
    let kinds = kinds.filter {
      "\($0.prefix)-".hasPrefix(upper) || upper.hasPrefix("\($0.prefix)-")
    }
    let store = Store(
      directory: call.storeDirectory, actor: call.actor, commandLine: call.commandLine,
      lockTimeout: lockTimeout)
    guard store.exists else { return kinds.flatMap(builtIn) }
    return try store.read(recover: false) { reader in
      try kinds.flatMap { kind -> [RecordID] in
        guard try reader.hasCollection(kind) else { return builtIn(kind) }
        guard let digits = Int(upper.dropFirst(kind.prefix.count + 1)), digits > 0 else {
          return try reader.recordIDs(of: kind)
        }
        return try recordIDs(of: kind, startingWith: digits, in: reader)
      }
    }
  }

  /// The IDs whose number starts with `digits` (12: 12, 120–129, 1200–1299, …), looked up
  /// one by one, so `SIP-12` completes at once in a store of a hundred thousand records.
  private static func recordIDs(
    of kind: RecordKind, startingWith digits: Int, in reader: StoreReader
  )
    throws -> [RecordID]
  {
    // Every ID of a kind is below its next number (`store check` sees to it).
    let last = try reader.nextNumber(of: kind) - 1
    var ids: [RecordID] = []
    var range = digits...digits
    while range.lowerBound <= last {
      for number in range.lowerBound...min(range.upperBound, last) {
        let id = RecordID(kind: kind, number: number)
        if try reader.exists(id) { ids.append(id) }
      }
      range = (range.lowerBound * 10)...(range.upperBound * 10 + 9)
    }
    return ids.sorted()
  }

  /// `sip-` completes to `sip-3`: IDs are read ignoring case, so follow what is typed.
  private static func followingCase(of typed: String, _ candidates: [String]) -> [String] {
    let lowerCase = typed != typed.uppercased() && typed == typed.lowercased()
    return lowerCase ? candidates.map { $0.lowercased() } : candidates
  }
}
