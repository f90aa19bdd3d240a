import SamverkanDomain

/// The root of the command tree. (Placeholder.)
public enum SamverkanCLI {
  public static func run(arguments: [String]) -> Int32 { 0 }
}
