import CirculationLog

extension FileRun {
    /// Counts a SIP2 log that `ParseAhead` reads and parses on other threads, part by part in
    /// file order. Everything with state stays here, on this thread and in file order, exactly
    /// as `read(until:)` and `readRecord` do it with one thread: line numbers, the file offset,
    /// resend tracking, malformed-line records, warnings, retention and batch boundaries (a
    /// batch can end at any line, and commits as before, one at a time, with its offset).
    mutating func readParsedAhead() throws(IngestFailure) {
        guard let sip2 else { return }
        let options = ingestor.options
        let ahead = ParseAhead(
            file: file, from: offset, parser: sip2, capacity: Ingestor.bufferSize, partBytes: options.parsePartBytes,
            threads: options.parseThreads)
        defer { ahead.stop() }
        let totalBytes = ingestor.progress == nil ? 0 : ((try? file.size()) ?? 0)
        let startOffset = offset
        while let part = ahead.next() {
            ingestor.progress?(IngestProgress(file: path, bytesRead: part.readUpTo, totalBytes: totalBytes, startOffset: startOffset))
            switch part.content {
            case .failed(let error):
                throw .file(error)
            case .overlong:
                issue(line + 1, .error, LineProblem(reason: "the line is longer than \(Ingestor.bufferSize >> 20) MiB"))
                summary.malformed += 1
                offset = part.readUpTo
            case .skipped(let to, let lineEnded):
                offset = to
                if lineEnded {
                    line += 1
                    linesInBatch += 1
                }
            case .lines(let lines, let unterminated):
                try count(lines, in: part)
                if unterminated {
                    summary.unterminatedTail = true
                    issue(
                        line + 1, .warning,
                        LineProblem(reason: "the last line has no line end yet; it is left for the next ingest"))
                }
            }
        }
    }

    /// `readRecord`'s SIP2 half and `read(until:)`'s bookkeeping, for lines parsed elsewhere.
    private mutating func count(_ lines: [ParseAhead.Line], in part: ParseAhead.Part) throws(IngestFailure) {
        let bytes = part.bytes
        let bufferStart = part.fileStart
        let batchLines = ingestor.options.batchLines
        let batchKeys = ingestor.options.batchKeys
        for index in lines.indices {
            let pos = lines[index].start
            let end = lines[index].end
            let next = lines[index].next
            var resent = false
            if lines[index].parsed.isResendRequest {
                resendRequested = true
            } else if case .transaction = lines[index].parsed.outcome {
                let message = (pos + lines[index].parsed.messageStart)..<end
                resent = resendRequested && isRepeatOfLastTransaction(bytes, message, bufferStart: bufferStart)
                lastTransaction = (bufferStart + message.lowerBound)..<(bufferStart + message.upperBound)
                resendRequested = false
            }
            handle(
                lines[index].parsed.outcome, checksum: lines[index].parsed.checksum, withheld: lines[index].parsed.withheld,
                itemPersonalData: lines[index].parsed.itemPersonalData, resent: resent, lineSpan: 0,
                at: (bufferStart + pos)..<(bufferStart + next), counterHash: lines[index].counterHash)
            offset = bufferStart + next
            line += 1
            linesInBatch += 1
            if linesInBatch >= batchLines || (linesInBatch & 4095 == 0 && batch.distinctKeys >= batchKeys) {
                try commit()
            }
        }
    }
}
