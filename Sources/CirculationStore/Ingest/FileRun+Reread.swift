import CirculationLog

/// Lines reported malformed are kept in the ledger by position (`MalformedLine`), so that a
/// run with the right format or mapping can still count them: a CSV export first ingested as
/// SIP2, a new transaction type added to the mapping. Only those recorded bytes are read again,
/// never the lines counted before, so no re-run counts anything twice.
extension FileRun {
    /// Reads again, with this run's format and mapping, the lines the ledger holds as malformed
    /// under another one, stretch by stretch of adjacent lines (a quoted CSV field may span lines
    /// that were malformed one by one). A record that parses now is counted and its lines are
    /// removed from the ledger in the same transaction; one still malformed is reported again and
    /// recorded under this reading. The counted offset does not move.
    mutating func rereadMalformed() throws(IngestFailure) {
        defer { _ = pipeline.wait() }
        guard let found = entry else { return }
        let recorded = try withStore { () throws(StoreError) in try ingestor.store.malformedLines(of: found) }
        let reading = ingestor.reading
        var again = recorded.filter { $0.reading != reading && $0.end <= found.committedOffset }
            .sorted { $0.offset < $1.offset }[...]
        // Under the same reading they would only be malformed again; the rest are replaced by
        // what this reading makes of them.
        recordedMalformed = recorded.count - again.count
        guard !again.isEmpty else { return }
        if let headerEnd = csvHeaderEnd {
            // With a header-line mapping the first record is the header, not a row to count.
            let header = again.prefix { $0.offset < headerEnd }
            malformedChanges.settled += header
            again = again.dropFirst(header.count)
        }
        summary.reread = again.count
        rereading = true
        while let first = again.first {
            var stretch = again.startIndex + 1
            while stretch < again.endIndex && again[stretch].offset == again[stretch - 1].end { stretch += 1 }
            let last = again[stretch - 1]
            rereadPending = again[again.startIndex..<stretch]
            offset = first.offset
            line = first.line - 1
            resendRequested = false
            lastTransaction = nil
            try read(until: last.end)
            _ = settleReread()
            again = again[stretch...]
        }
        try commit()
        try finishCommit()
        rereading = false
        offset = found.committedOffset
        line = found.committedLine
        resendRequested = false
        lastTransaction = nil
    }

    /// Moves the recorded lines read completely into the batch's settled lines. False while the
    /// read stopped inside a recorded line: a batch must not end there, since the ledger could
    /// then hold a line half counted.
    mutating func settleReread() -> Bool {
        while let first = rereadPending.first, first.end <= offset {
            malformedChanges.settled.append(first)
            rereadPending = rereadPending.dropFirst()
        }
        return rereadPending.first.map { $0.offset >= offset } ?? true
    }

    /// Bytes at the end of a stretch read again that this reading finds no record end in (the
    /// earlier reading ended a record there that this one does not): a malformed record.
    mutating func rereadLeftover(_ bytes: Range<Int>) {
        let lineNumber = line + 1
        summary.lines += 1
        summary.malformed += 1
        issue(lineNumber, .error, LineProblem(reason: "the record has no end within the line reported malformed before"))
        recordMalformed(bytes, line: lineNumber)
        offset = bytes.upperBound
        line += 1
        linesInBatch += 1
    }

    /// Keeps a malformed record's position for a run with another format or mapping, up to
    /// `IngestOptions.maxRecordedMalformedLines` per file.
    mutating func recordMalformed(_ bytes: Range<Int>, line lineNumber: Int) {
        let limit = ingestor.options.maxRecordedMalformedLines
        guard recordedMalformed < limit else {
            summary.malformedNotKept += 1
            if summary.malformedNotKept == 1 {
                // Said whatever the limit on problems shown: a later run cannot count these.
                ingestor.report(
                    LineIssue(
                        file: path, line: lineNumber, severity: .warning,
                        problem: LineProblem(
                            reason: "the ledger already keeps \(limit) malformed lines of this file; this and later malformed lines are reported but not kept, so a run with another format or mapping will not count them")))
            }
            return
        }
        recordedMalformed += 1
        malformedChanges.recorded.append(
            MalformedLine(offset: bytes.lowerBound, length: bytes.count, line: lineNumber, reading: ingestor.reading))
    }
}
