import SamverkanCommandLine
import SamverkanDomain

/// The options many verbs share, declared once. A verb takes one as it is, or with its own
/// help line (`.help("Only this person's SIPs.")`), and marks it `.required` where it
/// cannot do without it; the value is read through the same declaration.
public enum CommonOptions {
  /// `--person <pnr>`: a personnummer or samordningsnummer, in any form Skatteverket
  /// writes it (`YYMMDD-NNNN`, `YYYYMMDDNNNN`, …), stored in the long form.
  public static let person = Option<PersonNumber>(
    "person", value: "pnr", help: "The person's personnummer or samordningsnummer.")

  /// `--reason <text>`: why a step was taken, kept on the record and in the journal.
  public static let reason = Option<String>("reason", value: "text", help: "Why.")

  /// `--note <text>`: free text kept with the step.
  public static let note = Option<String>("note", value: "text", help: "A note for the journal.")

  /// `--protected`: the person has skyddade personuppgifter; every output masks the name
  /// and number (unless `--reveal`, which the access log records).
  public static let protectedPerson = Flag(
    "protected",
    help:
      "The person has protected personal data (skyddade personuppgifter): mask name and number.")

  /// `--on <date>` of a step: the day it happened, default today and never a future day
  /// (read with `Invocation.stepDate(_:)`). `what` completes "The day …".
  public static func stepDate(_ what: String) -> Option<CivilDate> {
    Option<CivilDate>(
      "on", value: "date", help: "The day \(what) (default today; not in the future).")
  }
}

extension Invocation {
  /// The day a step happened: the option's date, or today; a future day is refused (a
  /// step is recorded once it has happened).
  public func stepDate(_ option: Option<CivilDate>) throws -> CivilDate {
    let today = clock.today
    guard let date = try value(option) else { return today }
    guard date <= today else {
      throw SamverkanError.invalidValue(
        text(option) ?? date.description, option: option.spec.usage,
        reason: "\(date) is in the future (today is \(today)); record the step once it has happened"
      )
    }
    return date
  }
}
