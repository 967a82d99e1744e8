import CirculationFixtures
import CirculationLog
@testable import CirculationStore
import CirculationStoreSQLite
import Foundation
import Testing

/// A SIP2 log parsed ahead on other threads, in parts cut at line ends (`ParseAhead`), is
/// counted exactly as one thread reading it line by line counts it: the same store (counters,
/// items, ledger, malformed-line records) and the same summary and messages, in the same order,
/// wherever the parts are cut and whatever the line ends, batch size and limits.
@Suite("Parsing ahead in parts counts what one thread counts")
struct ParseAheadTests {
    /// Everything an ingest leaves behind that a reader of its output or of the store can see.
    struct Outcome: Equatable {
        var summary: FileIngestSummary
        var issues: [LineIssue]
        var counters: [EventDimensions: Int]
        var items: [String: Int]
        var committedOffset: Int?
        var committedLine: Int?
        var malformed: [MalformedLine]
    }

    /// A log from the synthetic generator (malformed lines, bad checksums, refusals, patron
    /// noise), reshaped with `rng`: each line's end LF, CRLF or a CR alone, blank lines, a
    /// response resent after a 97 (and the same response repeated without one), and sometimes
    /// no line end after the last line.
    static func log(seed: UInt64, rng: inout SplitMix64) -> [UInt8] {
        var configuration = StoreFixtures.smallLog(seed: seed, transactions: 300 + rng.below(500))
        configuration.malformedFraction = 0.03
        configuration.badChecksumFraction = 0.02
        var lines: [[UInt8]] = []
        _ = SyntheticSIP2Log(configuration).generate { bytes in
            var line = Array(bytes)
            while let last = line.last, last == 10 || last == 13 { line.removeLast() }
            lines.append(line)
        }
        var out: [UInt8] = []
        let crOnly = rng.below(4) == 0  // a whole log with CR line ends, as some writers have
        for line in lines {
            out += line
            out += crOnly ? [13] : (rng.below(3) == 0 ? [13, 10] : (rng.below(20) == 0 ? [13] : [10]))
            if rng.below(40) == 0 { out += [10] }  // a blank line
            let isResponse = line.count > 22 && [Array("12".utf8), Array("10".utf8), Array("30".utf8)].contains(Array(line[20..<22]))
            if isResponse && rng.below(15) == 0 {
                out += Array(line[0..<20]) + Array("97".utf8) + [10]
                out += line + [10]  // resent after the 97: counted once
                if rng.below(2) == 0 { out += line + [10] }  // again without a 97: a new transaction
            }
        }
        if rng.below(3) == 0 {
            // The last line without its line end, left for the next run.
            while let last = out.last, last == 10 || last == 13 { out.removeLast() }
        }
        return out
    }

    func ingest(_ path: String, db: String, _ options: IngestOptions) throws -> Outcome {
        let store = try SQLiteCirculationStore(path: db, mode: .createIfMissing)
        var issues: [LineIssue] = []
        let summary = try Ingestor(store: store, options: options) { issues.append($0) }.ingest(path: path)
        let head = try Array(Data(contentsOf: URL(fileURLWithPath: path)).prefix(64 * 1024))
        let entry = try store.ledgerEntry(matchingHead: head)
        return Outcome(
            summary: summary, issues: issues, counters: try StoreFixtures.counters(store, month: "2026-03"),
            items: try StoreFixtures.items(store, month: "2026-03"), committedOffset: entry?.committedOffset,
            committedLine: entry?.committedLine, malformed: try entry.map { try store.malformedLines(of: $0) } ?? [])
    }

    @Test("any parts, threads, batch size and limits give the store, summary and messages of one thread", arguments: 0..<24)
    func samePartsOrNot(seed: Int) throws {
        var rng = SplitMix64(seed: 0xA11C_E5 &+ UInt64(seed))
        let dir = TemporaryDirectory("parse-ahead")
        let path = dir.file("sc.log")
        let bytes = Self.log(seed: UInt64(seed) + 1, rng: &rng)
        #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))

        var options = StoreFixtures.options(batchLines: [37, 500, 100_000][rng.below(3)])
        options.maxIssuesShownPerFile = [3, 20, 1_000][rng.below(3)]
        options.maxRecordedMalformedLines = [2, 100_000][rng.below(2)]
        options.parseThreads = 1
        let single = try ingest(path, db: dir.file("one.sqlite"), options)

        // Parts from a single byte (every line split across parts) to a few lines.
        options.parseThreads = 2 + rng.below(3)
        options.parsePartBytes = [1, 2, 7, 61, 64 + rng.below(400), 4096][rng.below(6)]
        let parts = try ingest(path, db: dir.file("parts.sqlite"), options)

        #expect(single.summary.transactions > 0, "the log must count something for the comparison to mean anything")
        #expect(single.summary.malformed > 0)
        #expect(parts.summary == single.summary)
        #expect(parts.issues == single.issues)
        #expect(parts.counters == single.counters)
        #expect(parts.items == single.items)
        #expect(parts.committedOffset == single.committedOffset)
        #expect(parts.committedLine == single.committedLine)
        #expect(parts.malformed == single.malformed)
    }

    @Test("a file grown after a run in parts is counted on from the line after the last counted one")
    func resumeAfterParts() throws {
        var rng = SplitMix64(seed: 99)
        let dir = TemporaryDirectory("parse-ahead")
        let path = dir.file("sc.log")
        var bytes = Self.log(seed: 5, rng: &rng)
        while let last = bytes.last, last == 10 || last == 13 { bytes.removeLast() }
        bytes += [10]
        let cut = bytes.count / 2
        // The first half ends inside a line: that line waits for the rest of the file.
        #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes[0..<cut])))
        var options = StoreFixtures.options(batchLines: 200)
        options.parsePartBytes = 53
        options.parseThreads = 3
        let first = try ingest(path, db: dir.file("parts.sqlite"), options)
        #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
        let second = try ingest(path, db: dir.file("parts.sqlite"), options)

        options.parseThreads = 1
        let whole = try ingest(path, db: dir.file("one.sqlite"), options)
        #expect(first.summary.lines + second.summary.lines == whole.summary.lines)
        #expect(first.summary.transactions + second.summary.transactions == whole.summary.transactions)
        #expect(second.counters == whole.counters)
        #expect(second.items == whole.items)
        #expect(second.committedOffset == whole.committedOffset)
        #expect(second.malformed == whole.malformed)
    }

    @Test("the last line boundary: after an LF, after a CR known not to be followed by LF, never inside CRLF")
    func lastLineBoundary() {
        func boundary(_ text: String, atEnd: Bool = false) -> Int? {
            Array(text.utf8).withUnsafeBytes { ParseAhead.lastLineBoundary($0, atEnd: atEnd) }
        }
        #expect(boundary("ab\ncd") == 3)
        #expect(boundary("ab\r\ncd") == 4)
        #expect(boundary("ab\rcd") == 3)
        #expect(boundary("ab\r") == nil)  // an LF may follow in the next read
        #expect(boundary("ab\r", atEnd: true) == 3)
        #expect(boundary("ab\n\r") == 3)
        #expect(boundary("abcd") == nil)
        #expect(boundary("") == nil)
    }
}
