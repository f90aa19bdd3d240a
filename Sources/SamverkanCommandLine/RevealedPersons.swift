import Foundation

/// What a command revealed of protected persons (`--reveal`), gathered while it writes its
/// output and appended to the access log when it has finished.
public final class RevealedPersons: @unchecked Sendable {
  private let lock = NSLock()
  private var records: Set<String> = []
  private var persons: Set<String> = []

  package func note(record: String?, person: String) {
    lock.withLock {
      if let record { records.insert(record) }
      persons.insert(person)
    }
  }

  package var isEmpty: Bool { lock.withLock { persons.isEmpty } }

  package var contents: (records: [String], persons: [String]) {
    lock.withLock { (records.sorted(), persons.sorted()) }
  }
}
