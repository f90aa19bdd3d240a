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
  ///
  /// The file is opened read-only: `flock` needs no more, so a reader can lock a store it
  /// may not write (a backup, a read-only mount), and a lock file made unwritable by an odd
  /// umask locks all the same. A reader that cannot create a missing lock file reads
  /// without one: nobody else can write that store either.
  init(path: String, mode: Mode, timeout: Double, modes: FileModes = .private)
    throws(SamverkanError)
  {
    self.path = path
    let start = Date()
    while true {
      // Not through a link, which would create or lock a file outside the store; not
      // waiting on a FIFO.
      let fd = open(path, O_RDONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, modes.file)
      if fd < 0 {
        if errno == ELOOP { throw FileSystem.linkFailure(path) }
        if mode == .shared, errno == EACCES || errno == EROFS || errno == EPERM,
          !FileSystem.exists(path)
        {
          self.fd = -1
          return
        }
        throw FileSystem.failure(path, "cannot be opened to lock the store")
      }
      var info = stat()
      if fstat(fd, &info) != 0 || (info.st_mode & S_IFMT) != S_IFREG {
        close(fd)
        throw FileSystem.notPlainFailure(path)
      }
      // The store's mode whatever the umask (0600, or 0660 for a team's store), so the
      // owner's and the team's later commands can open it; another user may not change its
      // mode, and needs not.
      if info.st_uid == geteuid(), info.st_mode & 0o777 != modes.file { fchmod(fd, modes.file) }
      do {
        try Self.acquire(
          fd, path: path, mode, timeout: max(0, timeout - Date().timeIntervalSince(start)))
      } catch {
        close(fd)
        throw error
      }
      // A writer that created the store's folder and then failed removes the lock file
      // (`Store.write`); a lock on the removed file would lock nothing, so open the new one.
      var current = stat()
      if lstat(path, &current) == 0, current.st_ino == info.st_ino, current.st_dev == info.st_dev {
        self.fd = fd
        return
      }
      close(fd)
    }
  }

  /// Changes the lock's mode (used to recover an interrupted commit while reading).
  func change(to mode: Mode, timeout: Double) throws(SamverkanError) {
    guard fd >= 0 else { return }
    try Self.acquire(fd, path: path, mode, timeout: timeout)
  }

  private static func acquire(_ fd: Int32, path: String, _ mode: Mode, timeout: Double)
    throws(SamverkanError)
  {
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
    guard fd >= 0 else { return }
    flock(fd, LOCK_UN)
    close(fd)
  }
}
