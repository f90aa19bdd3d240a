import SamverkanCommandLine
import SamverkanKit
import SamverkanDomain

/// `samverkan person` — one person across every routine, and the person's rights (SPEC §14):
/// everything the store holds about them, a search, and the register extract.
///
/// The module knows no command: the root hands it every record type.
public enum PersonCommand {
  /// The command, with every record type of the store.
  public static func spec(types: [RecordType]) -> CommandSpec {
    CommandSpec(
      name: "person",
      abstract: "See one person across every routine, and serve the person's rights.",
      discussion: """
        'person show' lists every record about a person — consents, SIPs, SPs, transfers, escalations, assignments, the deviation reports that name those records — with its state, and the disclosure log: who received what about them. 'person extract' is the register extract (registerutdrag, GDPR art. 15) in Swedish, to hand to the person.
        """,
      examples: [
        Example("samverkan person show 19900101-2385", "Everything about one person."),
        Example("samverkan person list andersson", "Persons whose name contains 'andersson'."),
        Example(
          "samverkan person extract 19900101-2385 --format md > utdrag.md",
          "The register extract, to hand over."),
      ],
      subcommands: [
        Show.spec(types), List.spec(types), Extract.spec(types), Correct.spec(types),
      ])
  }

  /// The person of `show`, `extract` and `correct`.
  static let person = Argument<PersonNumber>(
    "pnr", help: "The person's personnummer or samordningsnummer.")
}
