// swift-tools-version:6.0
// samverkan: a command-line toolkit for the collaboration routines of Swedish municipal
// social services. No package dependencies: only what the Swift toolchain ships.
import PackageDescription

/// One module per command; each depends on the shared modules and never on a sibling. Each
/// has a test target `<module>Tests` with golden files in its `Snapshots` folder.
let commandModules = [
  "SamverkanAgenda",
  "SamverkanConsent",
  "SamverkanContacts",
  "SamverkanDeviation",
  "SamverkanEscalate",
  "SamverkanPerson",
  "SamverkanSIP",
  "SamverkanSP",
  "SamverkanTransfer",
  "SamverkanUsers",
]

let shared: [Target.Dependency] = [
  "SamverkanDomain", "SamverkanStore", "SamverkanCommandLine", "SamverkanKit", "SamverkanJSON",
]

let package = Package(
  name: "samverkan",
  products: [
    .executable(name: "samverkan", targets: ["samverkan"])
  ],
  targets: [
    .target(name: "SamverkanJSON"),
    .target(name: "SamverkanDomain", dependencies: ["SamverkanJSON"]),
    .target(name: "SamverkanStore", dependencies: ["SamverkanDomain", "SamverkanJSON"]),
    // The command-line library: declarations, parser, help, output formats, CSV/TSV,
    // completions. It knows the domain's values, not the store.
    .target(name: "SamverkanCommandLine", dependencies: ["SamverkanDomain", "SamverkanJSON"]),
    // What the commands share on top of the store: record verbs, the import pipeline,
    // masking, the change pipeline and the sharing gate, users and the access log.
    .target(
      name: "SamverkanKit",
      dependencies: ["SamverkanDomain", "SamverkanStore", "SamverkanCommandLine", "SamverkanJSON"]),
  ]
    + commandModules.map { .target(name: $0, dependencies: shared) }
    + [
      .target(
        name: "SamverkanCLI",
        dependencies: shared + commandModules.map { .target(name: $0) }),
      .executableTarget(name: "samverkan", dependencies: ["SamverkanCLI"]),

      // MARK: - Tests
      .target(
        name: "SamverkanTestSupport",
        dependencies: ["SamverkanCLI", "SamverkanDomain", "SamverkanStore"],
        path: "Tests/SamverkanTestSupport"),
      .testTarget(name: "SamverkanJSONTests", dependencies: ["SamverkanJSON"]),
      .testTarget(
        name: "SamverkanDomainTests", dependencies: ["SamverkanDomain", "SamverkanTestSupport"]),
      .testTarget(
        name: "SamverkanStoreTests", dependencies: ["SamverkanStore", "SamverkanTestSupport"]),
      .testTarget(
        name: "SamverkanCommandLineTests",
        dependencies: ["SamverkanCommandLine", "SamverkanKit", "SamverkanTestSupport"],
        exclude: ["Snapshots", "Fixtures"]),
      .testTarget(
        name: "EndToEndTests",
        dependencies: ["samverkan", "SamverkanTestSupport"],
        exclude: ["Snapshots", "Fixtures"]),
      .testTarget(
        name: "SamverkanCompletionTests",
        dependencies: ["samverkan", "SamverkanTestSupport"],
        exclude: ["Shells"]),
    ]
    + commandModules.map {
      .testTarget(
        name: "\($0)Tests",
        dependencies: [.target(name: $0), "SamverkanTestSupport", "samverkan"],
        exclude: ["Snapshots"])
    },
  swiftLanguageModes: [.v6]
)
