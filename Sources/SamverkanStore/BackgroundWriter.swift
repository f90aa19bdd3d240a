import Dispatch

/// Writes files on another thread, one job after another in the order they were handed
/// over, while the command goes on: a large change writes its record files ahead to `tmp/`
/// this way. After a job fails, none runs; `finish()` throws that failure.
final class BackgroundWriter: @unchecked Sendable {
  private let queue = DispatchQueue(label: "samverkan.writing-ahead")
  private let group = DispatchGroup()
  private let failures = FailureBox()

  /// Runs `job` after every job handed over before it. The job may hold what the calling
  /// thread no longer uses (a record file let go of): nothing else may touch it meanwhile.
  func hand(_ job: @escaping () throws -> Void) {
    let work = Job(run: job)
    let failures = failures
    queue.async(group: group) {
      guard failures.first == nil else { return }
      do {
        try work.run()
      } catch {
        failures.record(error)
      }
    }
  }

  /// Waits until every job handed over has run; throws the first failure.
  func finish() throws {
    group.wait()
    if let failure = failures.first { throw failure }
  }

  private struct Job: @unchecked Sendable {
    let run: () throws -> Void
  }
}
