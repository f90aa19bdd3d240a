import Foundation
import Testing

@testable import SamverkanCommandLine
@testable import SamverkanKit

@Suite struct ProgressTests {
  /// A clock the test moves by hand.
  final class FakeClock: @unchecked Sendable {
    var now = Date(timeIntervalSince1970: 1_000_000)
  }

  @Test func longWorkOnATerminalShowsCountRateAndTimeLeft() {
    let clock = FakeClock()
    let stream = OutputSink(capturingAsTerminal: true)
    let progress = Progress(stream: stream, noun: "rows", total: 10_240, now: { clock.now })
    for _ in 0..<256 { progress.step() }
    #expect(stream.text.isEmpty, "nothing in the first second")
    clock.now += 2
    for _ in 0..<256 { progress.step() }
    #expect(stream.text == "\r512 rows, 256/s, about 38 s left   ")
    progress.finish()
    #expect(stream.text.hasSuffix("\r512 rows in 2.0 s   \n"))
  }

  @Test func nothingWhenStderrIsNotATerminal() {
    let clock = FakeClock()
    let stream = OutputSink(capturingAsTerminal: false)
    let progress = Progress(stream: stream, noun: "rows", now: { clock.now })
    clock.now += 5
    for _ in 0..<10_000 { progress.step() }
    progress.finish()
    #expect(stream.text.isEmpty)
  }
}
