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
        if sip2 != nil && ingestor.options.parseThreads > 1 {
            try readParsedAhead()
        } else {
            try read(until: nil)
        }
        try commit()
        try finishCommit()
    }

    /// Reads record by record from `offset` to `limit` (a stretch of lines recorded malformed,
    /// read again), or to the end of the file; commits each full batch on the way.
    mutating func read(until limit: Int?) throws(IngestFailure) {
        let capacity = Ingestor.bufferSize
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: capacity, alignment: 16)
        defer { buffer.deallocate() }
        var bufferStart = offset  // file offset of buffer[0]
        var filled = 0
        var atEnd = false
        var skippingOverlong = false
        let totalBytes = ingestor.progress == nil ? 0 : ((try? file.size()) ?? 0)
        let startOffset = offset
        while true {
            // Refill: keep the unconsumed part, read after it.
            let consumed = offset - bufferStart
            if consumed > 0 {
                let rest = filled - consumed
                if rest > 0, let base = buffer.baseAddress { memmove(base, base + consumed, rest) }
                filled = rest
                bufferStart = offset
            }
            if !atEnd {
                let end = limit.map { min(capacity, $0 - bufferStart) } ?? capacity
                if filled < end {
                    let n: Int
                    do {
                        n = try file.read(
                            into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled..<end]), at: bufferStart + filled)
                    } catch { throw .file(error) }
                    if n == 0 { atEnd = true }
                    filled += n
                    ingestor.progress?(
                        IngestProgress(file: path, bytesRead: bufferStart + filled, totalBytes: totalBytes, startOffset: startOffset))
                }
                if let limit, bufferStart + filled >= limit { atEnd = true }
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
                guard let (next, newlines) = readRecord(bytes, from: pos, atEnd: atEnd, bufferStart: bufferStart) else { break }
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
                if pos < filled && !skippingOverlong && limit != nil {
                    rereadLeftover(bufferStart + pos..<(bufferStart + filled))
                } else if pos < filled && !skippingOverlong {
                    summary.unterminatedTail = true
                    issue(
                        line + 1, .warning,
                        LineProblem(reason: "the last line has no line end yet; it is left for the next ingest"))
                }
                break
            }
        }
    }

    static func nextNewline(_ bytes: UnsafeRawBufferPointer, from: Int) -> Int? {
        guard from < bytes.count, let base = bytes.baseAddress else { return nil }
        guard let hit = memchr(base + from, 10, bytes.count - from) else { return nil }
        return base.distance(to: UnsafeRawPointer(hit))
    }

    /// What the CSV parser made of one record.
    struct ParsedRecord {
        var outcome: RecordOutcome
        var checksum: SIP2Checksum.Verdict = .absent
        /// Fields an allow-list withheld, and why the item was, when it looked like personal data.
        var withheld: WithheldFields = []
        var itemPersonalData: ItemPersonalData? = nil
    }

    /// The end of the SIP2 line starting at `pos` (its LF, or a CR not followed by LF: logs
    /// written with CR-only line ends are read line by line too) and where the next line
    /// starts. Nil when more bytes are needed.
    @inline(__always)
    static func sip2LineEnd(_ bytes: UnsafeRawBufferPointer, from pos: Int, atEnd: Bool) -> (end: Int, next: Int)? {
        let lf = nextNewline(bytes, from: pos)
        let searchEnd = lf ?? bytes.count
        guard let base = bytes.baseAddress, searchEnd > pos,
            let hit = memchr(base + pos, 13, searchEnd - pos)
        else {
            guard let lf else { return nil }
            return (lf, lf + 1)
        }
        let cr = base.distance(to: UnsafeRawPointer(hit))
        if let lf, cr + 1 == lf { return (cr, lf + 1) }  // CRLF
        if cr + 1 == bytes.count && !atEnd { return nil }  // an LF may follow in the next read
        return (cr, cr + 1)
    }

    /// Parses and counts the next complete record from `pos`: returns where the next one starts
    /// and the line breaks inside it; nil when more bytes are needed. `bufferStart` is the file
    /// offset of `bytes[0]`. The record is counted here, where it was parsed, rather than handed
    /// back: a parsed transaction is some 140 bytes holding six strings, and returning it in a
    /// tuple copied it (a `memcpy` and a retain and release per string) for every line.
    @inline(__always)
    mutating func readRecord(
        _ bytes: UnsafeRawBufferPointer, from pos: Int, atEnd: Bool, bufferStart: Int
    ) -> (next: Int, newlines: Int)? {
        if let sip2 {
            guard let (end, next) = Self.sip2LineEnd(bytes, from: pos, atEnd: atEnd) else { return nil }
            let parsed = sip2.parse(UnsafeRawBufferPointer(rebasing: bytes[pos..<end]))
            var resent = false
            if parsed.isResendRequest {
                resendRequested = true
            } else if case .transaction = parsed.outcome {
                let message = (pos + parsed.messageStart)..<end
                resent = resendRequested && isRepeatOfLastTransaction(bytes, message, bufferStart: bufferStart)
                lastTransaction = (bufferStart + message.lowerBound)..<(bufferStart + message.upperBound)
                resendRequested = false
            }
            handle(
                parsed.outcome, checksum: parsed.checksum, withheld: parsed.withheld,
                itemPersonalData: parsed.itemPersonalData, resent: resent, lineSpan: 0,
                at: (bufferStart + pos)..<(bufferStart + next))
            return (next, 0)
        }
        guard let (next, newlines, record) = nextCSVRecord(bytes, from: pos, atEnd: atEnd) else { return nil }
        handle(
            record.outcome, checksum: record.checksum, withheld: record.withheld,
            itemPersonalData: record.itemPersonalData, resent: false, lineSpan: newlines,
            at: (bufferStart + pos)..<(bufferStart + next))
        return (next, newlines)
    }

    /// The next complete CSV record from `pos`: where the next one starts, the line breaks
    /// inside it, and what it is. Nil when more bytes are needed.
    mutating func nextCSVRecord(
        _ bytes: UnsafeRawBufferPointer, from pos: Int, atEnd: Bool
    ) -> (Int, Int, ParsedRecord)? {
        guard let csv else { return nil }
        switch CSVScanner.recordEnd(bytes, from: pos, atEndOfInput: atEnd, delimiter: csv.mapping.delimiter) {
        case .needMore:
            return nil
        case .unterminatedQuote(let next):
            guard let next else { return nil }
            return (next, 0, ParsedRecord(outcome: .malformed(LineProblem(reason: "a quoted field is not closed"))))
        case .complete(let next, let newlines):
            let row = csv.parseRow(bytes, pos..<(next - 1), fields: &fields)
            if newlines > 0, case .malformed = row.outcome, let lineEnd = CSVScanner.firstLineBreakEnd(bytes, from: pos) {
                // A quote opened a field that spans lines, and the result does not parse: an
                // unbalanced quote. The error is its first line; the lines after it are read
                // again as records of their own instead of being swallowed.
                return (
                    lineEnd, 0,
                    ParsedRecord(outcome: .malformed(LineProblem(reason: "a quoted field is not closed on its line")))
                )
            }
            return (next, newlines, ParsedRecord(outcome: row.outcome, withheld: row.withheld, itemPersonalData: row.itemPersonalData))
        }
    }

    /// Whether `message` (in `bytes`) repeats the last counted transaction's message byte for
    /// byte (same response, same sequence number): what an ACS sends again after a 97.
    func isRepeatOfLastTransaction(_ bytes: UnsafeRawBufferPointer, _ message: Range<Int>, bufferStart: Int) -> Bool {
        guard let last = lastTransaction, last.count == message.count else { return false }
        let current = UnsafeRawBufferPointer(rebasing: bytes[message])
        if last.lowerBound >= bufferStart {
            let earlier = UnsafeRawBufferPointer(rebasing: bytes[(last.lowerBound - bufferStart)..<(last.upperBound - bufferStart)])
            return earlier.elementsEqual(current)
        }
        guard let earlier = try? file.bytes(last) else { return false }
        return earlier.elementsEqual(current)
    }

    /// Counts one record; `bytes` is where it lies in the file (recorded when it is malformed).
    @inline(__always)
    mutating func handle(
        _ outcome: RecordOutcome, checksum: SIP2Checksum.Verdict, withheld: WithheldFields,
        itemPersonalData: ItemPersonalData?, resent: Bool, lineSpan: Int, at bytes: Range<Int>, counterHash: Int? = nil
    ) {
        let lineNumber = line + 1
        summary.lines += 1 + lineSpan
        var skip = false
        if checksum == .invalid {
            summary.badChecksums += 1
            skip = ingestor.options.badChecksums == .skip
            let counted: String
            if case .transaction = outcome {
                counted = skip ? "; the transaction is skipped (site setting badChecksums: skip)" : "; the transaction is counted (site setting badChecksums: count)"
                if skip { summary.badChecksumsSkipped += 1 }
            } else {
                counted = ""
            }
            issue(lineNumber, .warning, LineProblem(field: "AZ", reason: "the checksum does not match the message" + counted))
        }
        switch outcome {
        case .blank: summary.blank += 1
        case .other: summary.other += 1
        case .malformed(let problem):
            summary.malformed += 1
            issue(in: lineNumber, .error, problem)
            recordMalformed(bytes, line: lineNumber)
        case .transaction(let event):
            if skip { break }
            if resent {
                summary.resent += 1
                break
            }
            // Logs run in day order: the retention verdict is worked out once per day.
            if event.day != retentionDay { judgeRetention(event.day) }
            if retentionVerdict.expired {
                // Older than the counters are kept: purge would delete it, so it is never stored.
                summary.expired += 1
                break
            }
            if !withheld.isEmpty { self.withheld(withheld, itemPersonalData, line: lineNumber) }
            if retentionVerdict.itemExpired {
                var withoutItem = event
                withoutItem.item = ""
                batch.add(withoutItem, keepRaw: !retentionVerdict.rawExpired, counterHash: counterHash)
            } else {
                batch.add(event, keepRaw: !retentionVerdict.rawExpired, counterHash: counterHash)
            }
            summary.transactions += 1
        }
    }

    /// Whether a transaction of `day` is older than each table's retention allows.
    mutating func judgeRetention(_ day: String) {
        let cut = ingestor.options.retention
        retentionDay = day
        retentionVerdict = (
            expired: day < cut.countersDay, itemExpired: !cut.itemsMonth.isEmpty && day < cut.itemsMonth + "-01",
            rawExpired: day < cut.rawDay
        )
    }

    /// Counts what the allow-lists withheld from a record and warns once per file and field,
    /// at the first line, naming the field and never the value.
    mutating func withheld(_ fields: WithheldFields, _ itemPersonalData: ItemPersonalData?, line lineNumber: Int) {
        if fields.contains(.item) { summary.itemsWithheld += 1 }
        if fields.contains(.branch) { summary.branchesUnknown += 1 }
        if fields.contains(.location) { summary.locationsUnknown += 1 }
        if fields.contains(.collection) { summary.collectionsUnknown += 1 }
        if fields.contains(.mediaType) { summary.mediaTypesDropped += 1 }
        let fresh = fields.subtracting(warnedFields)
        guard !fresh.isEmpty else { return }
        warnedFields.formUnion(fresh)
        let isSIP2 = sip2 != nil
        for field in WithheldFields.all where fresh.contains(field) {
            var reason = field.withheldReason
            if field == .item, let personal = itemPersonalData { reason = personal.itemWithheldReason }
            issue(
                lineNumber, .warning,
                LineProblem(field: field.name(sip2: isSIP2), reason: reason + " (first of this file; the summary counts them all)"))
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
