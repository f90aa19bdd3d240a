import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Where a command writes: a file descriptor (stdout, stderr) or, in tests, memory.
///
/// Output is buffered and flushed in large blocks, so listing 100,000 records is not
/// 100,000 system calls. A closed pipe (`samverkan … | head`) ends writing quietly.
public final class OutputSink: @unchecked Sendable {
  private let fileDescriptor: Int32?
  private var buffer: [UInt8] = []
  private var captured: [UInt8] = []
  private var pipeClosed = false
  /// Whether this stream is a terminal (a person is reading), decided once at start.
  public let isTerminal: Bool

  /// A stream writing to a file descriptor, e.g. `STDOUT_FILENO`.
  public init(fileDescriptor: Int32) {
    self.fileDescriptor = fileDescriptor
    self.isTerminal = isatty(fileDescriptor) == 1
    buffer.reserveCapacity(1 << 16)
  }

  /// A stream that keeps what is written, for in-process tests; `isTerminal` pretends.
  public init(capturingAsTerminal isTerminal: Bool = false) {
    self.fileDescriptor = nil
    self.isTerminal = isTerminal
  }

  /// The terminal's width in characters (`TIOCGWINSZ`), when this stream is one that
  /// says; nil otherwise.
  public var terminalColumns: Int? {
    guard isTerminal, let fileDescriptor else { return nil }
    var size = winsize()
    guard ioctl(fileDescriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else {
      return nil
    }
    return Int(size.ws_col)
  }

  /// Writes text as UTF-8.
  public func write(_ text: String) {
    var text = text
    text.withUTF8 { write(bytes: $0) }
  }

  /// Writes raw bytes.
  public func write(bytes: some Collection<UInt8>) {
    guard fileDescriptor != nil else {
      captured.append(contentsOf: bytes)
      return
    }
    buffer.append(contentsOf: bytes)
    if buffer.count >= 1 << 16 { flush() }
  }

  /// Writes text followed by a newline.
  public func line(_ text: String = "") {
    write(text)
    write(bytes: CollectionOfOne(UInt8(ascii: "\n")))
  }

  /// Sends everything buffered to the file descriptor.
  public func flush() {
    guard let fileDescriptor, !buffer.isEmpty else { return }
    defer { buffer.removeAll(keepingCapacity: true) }
    guard !pipeClosed else { return }
    buffer.withUnsafeBytes { raw in
      var offset = 0
      while offset < raw.count {
        let written = Glibc.write(
          fileDescriptor, raw.baseAddress.map { $0 + offset }, raw.count - offset)
        if written < 0 {
          if errno == EINTR { continue }
          // EPIPE and the like: the reader went away; nothing useful left to do.
          pipeClosed = true
          return
        }
        offset += written
      }
    }
  }

  /// Everything written so far, for tests.
  public var text: String { String(decoding: captured, as: UTF8.self) }

  /// Everything written so far as bytes, for tests.
  public var bytes: [UInt8] { captured }

  deinit { flush() }
}
