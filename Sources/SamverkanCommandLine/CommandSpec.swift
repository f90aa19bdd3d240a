import SamverkanDomain

/// A command or verb declaration. (Placeholder.)
public struct CommandSpec {}
