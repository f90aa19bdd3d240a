import SamverkanCommandLine
import SamverkanDomain
import SamverkanStore

/// Kontaktvägar: intake units and assigned caseworkers. (Placeholder.)
public enum ContactsCommand {}
