import SamverkanDomain

/// The flat JSON file store. (Placeholder.)
public struct Store {}
