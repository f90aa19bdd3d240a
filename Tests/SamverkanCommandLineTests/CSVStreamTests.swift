import Foundation
import Testing

@testable import SamverkanCommandLine
@testable import SamverkanKit

/// The CSV an import reads a block at a time (issue 20, F8) must be what a whole read gives,
/// wherever the blocks happen to be cut.
@Suite struct CSVStreamTests {
  private func streamed(_ bytes: [UInt8], blockSize: Int) throws -> ([String]?, [CSVRow]) {
    var stream = CSVStream()
    var header: [String]?
    var rows: [CSVRow] = []
    var offset = 0
    while offset < bytes.count {
      let end = min(bytes.count, offset + blockSize)
      try stream.feed(Array(bytes[offset..<end]), final: false) {
        header = $0
        rows += $1
      }
      offset = end
    }
    try stream.feed([], final: true) {
      header = $0
      rows += $1
    }
    return (header, rows)
  }

  @Test(arguments: [1, 2, 3, 7, 64, 4096])
  func blocksGiveTheWholeReadsRows(blockSize: Int) throws {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("Fixtures/python-csv.csv")
    let bytes = Array(try Data(contentsOf: url))
    let whole = try CSVReader.read(bytes)
    let (header, rows) = try streamed(bytes, blockSize: blockSize)
    #expect(header == whole.header)
    #expect(rows == whole.rows)
  }

  @Test(arguments: [1, 5])
  func errorsNameTheSameLineInBlocks(blockSize: Int) throws {
    let text = "a,b\r\n1,2\r\n\r\n3,\"x\ny\"\r\n4,\"open\r\n5,6\r\n"
    let bytes = Array(text.utf8)
    var whole: CSVError?
    do { _ = try CSVReader.read(bytes) } catch { whole = error }
    #expect(whole?.line == 6)
    #expect(throws: whole!) { try streamed(bytes, blockSize: blockSize) }
  }

  @Test func aRowWithoutLineEndsEndsTheRead() throws {
    var stream = CSVStream(maximumRecordBytes: 1000)
    try stream.feed(Array("name\n".utf8), final: false) { _, _ in }
    #expect(throws: CSVError.self) {
      try stream.feed([UInt8](repeating: 120, count: 2000), final: false) { _, _ in }
    }
  }
}
