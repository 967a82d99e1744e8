import CirculationLog
import RFIDCommon

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension RFIDCommonStatus {
    var exitStatus: ExitStatus {
        switch self {
        case .dataError: .dataError
        case .ioError: .ioError
        }
    }
}

extension FileRun {
    /// Reads from the committed offset to the end of the file, record by record.
    mutating func readToEnd() throws(IngestFailure) {
        // On an error below, a batch already handed over still lands (it is whole and durable),
        // but never after this run has returned and a later one may have started.
        defer { _ = pipeline.wait() }
        let capacity = Ingestor.bufferSize
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: capacity, alignment: 16)
        defer { buffer.deallocate() }
        var bufferStart = offset  // file offset of buffer[0]
        var filled = 0
        var atEnd = false
        var skippingOverlong = false
        while true {
            // Refill: keep the unconsumed part, read after it.
            let consumed = offset - bufferStart
            if consumed > 0 {
                let rest = filled - consumed
                if rest > 0, let base = buffer.baseAddress { memmove(base, base + consumed, rest) }
                filled = rest
                bufferStart = offset
            }
            if !atEnd && filled < capacity {
                let n: Int
                do {
                    n = try file.read(
                        into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled..<capacity]), at: bufferStart + filled)
                } catch { throw .file(error) }
                if n == 0 { atEnd = true }
                filled += n
            }
            let bytes = UnsafeRawBufferPointer(rebasing: buffer[0..<filled])
            var pos = offset - bufferStart
            var progressed = false
            while pos < filled {
                if skippingOverlong {
                    guard let nl = Self.nextNewline(bytes, from: pos) else {
                        pos = filled
                        offset = bufferStart + pos
                        progressed = true
                        break
                    }
                    pos = nl + 1
                    offset = bufferStart + pos
                    line += 1
                    linesInBatch += 1
                    skippingOverlong = false
                    progressed = true
                    continue
                }
                guard let (next, newlines, record) = nextRecord(bytes, from: pos, atEnd: atEnd) else { break }
                handle(record, lineSpan: newlines)
                pos = next
                offset = bufferStart + pos
                line += 1 + newlines
                linesInBatch += 1
                progressed = true
                if linesInBatch >= ingestor.options.batchLines
                    || (linesInBatch & 4095 == 0 && batch.distinctKeys >= ingestor.options.batchKeys)
                {
                    try commit()
                }
            }
            if pos < filled && !progressed && pos == 0 && filled == capacity {
                // A single line fills the whole buffer: report it and skip to its end.
                issue(line + 1, .error, LineProblem(reason: "the line is longer than \(capacity >> 20) MiB"))
                summary.malformed += 1
                skippingOverlong = true
                offset = bufferStart + filled
                continue
            }
            if atEnd && (pos >= filled || !progressed) {
                if pos < filled && !skippingOverlong {
                    summary.unterminatedTail = true
                    issue(
                        line + 1, .warning,
                        LineProblem(reason: "the last line has no line end yet; it is left for the next ingest"))
                }
                break
            }
        }
        try commit()
        try finishCommit()
    }

    static func nextNewline(_ bytes: UnsafeRawBufferPointer, from: Int) -> Int? {
        guard from < bytes.count, let base = bytes.baseAddress else { return nil }
        guard let hit = memchr(base + from, 10, bytes.count - from) else { return nil }
        return base.distance(to: UnsafeRawPointer(hit))
    }

    /// What a parser made of one record, whichever the format.
    struct ParsedRecord {
        var outcome: RecordOutcome
        var checksum: SIP2Checksum.Verdict = .absent
        /// A problem that did not stop the record from counting (an item withheld as personal data).
        var warning: LineProblem? = nil
    }

    /// The next complete record from `pos`: where the next one starts, the line breaks inside
    /// it, and what it is. Nil when more bytes are needed.
    mutating func nextRecord(
        _ bytes: UnsafeRawBufferPointer, from pos: Int, atEnd: Bool
    ) -> (Int, Int, ParsedRecord)? {
        if let sip2 {
            guard let nl = Self.nextNewline(bytes, from: pos) else { return nil }
            let parsed = sip2.parse(UnsafeRawBufferPointer(rebasing: bytes[pos..<nl]))
            return (nl + 1, 0, ParsedRecord(outcome: parsed.outcome, checksum: parsed.checksum, warning: parsed.warning))
        }
        guard let csv else { return nil }
        switch CSVScanner.recordEnd(bytes, from: pos, atEndOfInput: atEnd) {
        case .needMore:
            return nil
        case .unterminatedQuote(let next):
            guard let next else { return nil }
            return (next, 0, ParsedRecord(outcome: .malformed(LineProblem(reason: "a quoted field is not closed"))))
        case .complete(let next, let newlines):
            let row = csv.parseRow(bytes, pos..<(next - 1), fields: &fields)
            return (next, newlines, ParsedRecord(outcome: row.outcome, warning: row.warning))
        }
    }

    mutating func handle(_ record: ParsedRecord, lineSpan: Int) {
        let lineNumber = line + 1
        summary.lines += 1 + lineSpan
        var skip = false
        if record.checksum == .invalid {
            summary.badChecksums += 1
            skip = ingestor.options.badChecksums == .skip
            let counted: String
            if case .transaction = record.outcome {
                counted = skip ? "; the transaction is skipped (site setting badChecksums: skip)" : "; the transaction is counted (site setting badChecksums: count)"
                if skip { summary.badChecksumsSkipped += 1 }
            } else {
                counted = ""
            }
            issue(lineNumber, .warning, LineProblem(field: "AZ", reason: "the checksum does not match the message" + counted))
        }
        switch record.outcome {
        case .blank: summary.blank += 1
        case .other: summary.other += 1
        case .malformed(let problem):
            summary.malformed += 1
            issue(in: lineNumber, .error, problem)
        case .transaction(let event):
            if !skip {
                batch.add(event)
                summary.transactions += 1
            }
            if let warning = record.warning {
                if !skip { summary.itemsWithheld += 1 }
                issue(in: lineNumber, .warning, warning)
            }
        }
    }

    /// Reports a problem of the record starting at `recordLine`, at the line within the record
    /// where the parser found it (a quoted CSV field can span lines).
    mutating func issue(in recordLine: Int, _ severity: LineIssue.Severity, _ problem: LineProblem) {
        var p = problem
        let at = recordLine + p.lineOffset
        p.lineOffset = 0
        issue(at, severity, p)
    }

    mutating func issue(_ lineNumber: Int, _ severity: LineIssue.Severity, _ problem: LineProblem) {
        guard shownIssues < ingestor.options.maxIssuesShownPerFile else {
            summary.issuesNotShown += 1
            return
        }
        shownIssues += 1
        ingestor.report(LineIssue(file: path, line: lineNumber, severity: severity, problem: problem))
    }
}
