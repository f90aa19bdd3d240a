import Foundation
import SamverkanDomain

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The store's lock: `flock` on `<store>/.lock`, exclusive for writers, shared for readers.
///
/// The kernel releases an `flock` when its process dies, so a killed writer never leaves
/// the store locked. Waiting ends after a timeout with exit 75 (store busy), not a hang.
final class FileLock {
  enum Mode { case shared, exclusive }

  private let fd: Int32
  private let path: String

  /// Opens (creating, 0600) the lock file and takes the lock, polling until `timeout`.
  init(path: String, mode: Mode, timeout: Double, modes: FileModes = .private)
    throws(SamverkanError)
  {
    self.path = path
    let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, modes.file)
    if fd < 0 {
      throw FileSystem.failure(path, "cannot be opened to lock the store")
    }
    self.fd = fd
    // Every team member opens the lock for writing, so it must not stay 0600 for its maker.
    if modes != .private { fchmod(fd, modes.file) }
    do {
      try acquire(mode, timeout: timeout)
    } catch {
      close(fd)
      throw error
    }
  }

  /// Changes the lock's mode (used to recover an interrupted commit while reading).
  func change(to mode: Mode, timeout: Double) throws(SamverkanError) {
    try acquire(mode, timeout: timeout)
  }

  private func acquire(_ mode: Mode, timeout: Double) throws(SamverkanError) {
    let operation = (mode == .shared ? LOCK_SH : LOCK_EX) | LOCK_NB
    let start = Date()
    var pause: useconds_t = 1_000
    while flock(fd, operation) != 0 {
      guard errno == EWOULDBLOCK || errno == EINTR else {
        throw FileSystem.failure(path, "cannot be locked")
      }
      let waited = Date().timeIntervalSince(start)
      if waited >= timeout {
        throw .storeBusy(path: (path as NSString).deletingLastPathComponent, seconds: waited)
      }
      usleep(pause)
      pause = min(pause * 2, 50_000)
    }
  }

  deinit {
    flock(fd, LOCK_UN)
    close(fd)
  }
}
