import SamverkanCLI

/// Helpers shared by the test targets. (Placeholder.)
public enum TestSupport {}
