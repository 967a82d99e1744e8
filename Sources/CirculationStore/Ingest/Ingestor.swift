import CirculationLog

/// Streams log files into a store: reads a file in large blocks, parses each record where it
/// lies in the buffer, sums a batch in memory and commits the sums together with how far the
/// file was read. Only sums reach the store; a crash loses at most the uncommitted batch, which
/// the next run reads again from the committed offset.
public final class Ingestor {
    let store: any CirculationStoreMaintaining
    let options: IngestOptions
    let report: (LineIssue) -> Void
    /// `options.reading`, worked out once.
    let reading: String
    static let bufferSize = 4 << 20
    /// Called after each block is read (4 MiB, or a 1 MiB part parsed ahead; never per line),
    /// so a command can show how far a long file has got. Nil costs nothing.
    public var progress: ((IngestProgress) -> Void)?

    public init(store: any CirculationStoreMaintaining, options: IngestOptions, report: @escaping (LineIssue) -> Void) {
        self.store = store
        self.options = options
        self.report = report
        reading = options.reading
    }

    /// How often a file is started again after another ingest of it committed first.
    static let conflictRetries = 1000

    public func ingest(path: String) throws(IngestFailure) -> FileIngestSummary {
        let file: InputFile
        do { file = try InputFile(path: path) } catch { throw .file(error) }
        var attempt = 0
        var countedBefore = FileIngestSummary(file: path)
        while true {
            var run = try FileRun(ingestor: self, file: file)
            do throws(IngestFailure) {
                try run.resume()
                try run.rereadMalformed()
                try run.readToEnd()
                return run.summary.adding(committedBy: countedBefore)
            } catch .store(let error) where error.kind == .conflict && attempt < Self.conflictRetries {
                // Another process is ingesting the same file and committed first. Its lines are
                // counted; this run resumes after them instead of counting them again.
                attempt += 1
                countedBefore = run.committedSummary.adding(committedBy: countedBefore)
            }
        }
    }
}

/// The state of one file's ingest.
struct FileRun {
    let ingestor: Ingestor
    let file: InputFile
    var summary: FileIngestSummary
    var head: [UInt8] = []
    var entry: LedgerEntry?
    /// File offset and line number after the last counted record.
    var offset = 0
    var line = 0
    var batch: BatchAggregator
    var linesInBatch = 0
    var shownIssues = 0
    var sip2: SIP2LineParser?
    var csv: CSVRowParser?
    var fields: [CSVScanner.Field] = []
    let pipeline = CommitPipeline()
    /// Fields an allow-list withheld in this file that have been warned about (once per field).
    var warnedFields: WithheldFields = []
    /// The last day judged against the retention cut-offs, and the verdict.
    var retentionDay = ""
    var retentionVerdict = (expired: false, itemExpired: false, rawExpired: false)
    /// A 97 (request ACS resend) was read since the last transaction.
    var resendRequested = false
    /// File offsets of the last transaction's SIP2 message (without its timestamp).
    var lastTransaction: Range<Int>?
    /// The summary as of the last batch the store has committed, and as of the batch in flight:
    /// what this run has counted if another ingest of the file wins the next commit.
    var committedSummary: FileIngestSummary
    var pendingSummary: FileIngestSummary
    /// What the batch being summed changes in the file's recorded malformed lines.
    var malformedChanges = MalformedLineChanges()
    /// Malformed lines the file has recorded (or will have once the batches in hand commit),
    /// against `IngestOptions.maxRecordedMalformedLines`.
    var recordedMalformed = 0
    /// Reading lines recorded malformed again (`rereadMalformed`): the ledger's counted offset
    /// stays where it is, and the recorded lines of the stretch being read that are not settled yet.
    var rereading = false
    var rereadPending: ArraySlice<MalformedLine> = []
    /// Where the first CSV record after the header starts (the header is never a record).
    var csvHeaderEnd: Int?

    init(ingestor: Ingestor, file: InputFile) throws(IngestFailure) {
        self.ingestor = ingestor
        self.file = file
        summary = FileIngestSummary(file: file.path)
        committedSummary = summary
        pendingSummary = summary
        batch = BatchAggregator(keepRawEvents: ingestor.options.keepRawEvents)
    }

    var path: String { file.path }

    static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    func fileError(_ reason: String, _ status: RFIDCommonStatus = .dataError) -> IngestFailure {
        .file(IngestFileError(file: path, reason: reason, exitStatus: status.exitStatus))
    }

    /// Finds how far an earlier run got, and checks that the counted part is unchanged.
    mutating func resume() throws(IngestFailure) {
        do {
            let size = try file.size()
            head = try file.bytes(0..<min(size, IngestLedger.headLimit))
            entry = try withStore { () throws(StoreError) in try ingestor.store.ledgerEntry(matchingHead: head) }
            if let entry {
                guard entry.committedOffset <= size else {
                    throw fileError(
                        "the file is shorter than the \(entry.committedOffset) bytes already counted from a file that starts the same way: it is an earlier copy, or it was truncated or replaced; nothing was counted again (a new log needs a new file)"
                    )
                }
                let tail = try file.bytes(max(0, entry.committedOffset - IngestLedger.tailLimit)..<entry.committedOffset)
                let tailHash = tail.withUnsafeBytes {
                    entry.legacyFingerprints ? ContentFingerprint.hex(of: $0) : ingestor.store.fingerprint($0)
                }
                guard tailHash == entry.tailHash else {
                    throw fileError(
                        "the file's first \(entry.committedOffset) bytes, already counted, have changed since: nothing was counted again"
                    )
                }
                offset = entry.committedOffset
                line = entry.committedLine
                summary.resumedAfterLine = line
            } else if head.starts(with: Self.byteOrderMark) {
                // A UTF-8 byte order mark (spreadsheet exports write one) is not part of line 1.
                offset = Self.byteOrderMark.count
            }
        } catch let error as IngestFailure {
            throw error
        } catch let error as IngestFileError {
            throw .file(error)
        } catch {
            throw fileError("cannot read: \(error)", .ioError)
        }
        switch ingestor.options.format {
        case .sip2(let source): sip2 = SIP2LineParser(source: source, allowLists: ingestor.options.allowLists)
        case .csv(let mapping): try prepareCSV(mapping)
        }
    }

    /// Reads the header record (always from the start of the file) and resolves the mapping.
    mutating func prepareCSV(_ mapping: ColumnMapping) throws(IngestFailure) {
        guard mapping.hasHeader else {
            do {
                csv = try CSVRowParser(mapping: mapping, header: nil, allowLists: ingestor.options.allowLists)
            } catch { throw fileError(error.problem.reason) }
            return
        }
        let first: [UInt8]
        do { first = try file.bytes(0..<CSVScanner.maxQuotedRecordLength) } catch { throw .file(error) }
        let start = first.starts(with: Self.byteOrderMark) ? Self.byteOrderMark.count : 0
        let allowLists = ingestor.options.allowLists
        let parsed: Result<(CSVRowParser, Int), IngestFailure> = first.withUnsafeBytes { bytes in
            guard
                case .complete(let next, let newlines) = CSVScanner.recordEnd(
                    bytes, from: start, atEndOfInput: true, delimiter: mapping.delimiter)
            else { return .failure(fileError("line 1: the header line is not complete yet")) }
            do throws(LineProblemError) {
                let names = try CSVRowParser.header(bytes, start..<(next - 1), delimiter: mapping.delimiter)
                return .success((try CSVRowParser(mapping: mapping, header: names, allowLists: allowLists), newlines + 1))
            } catch {
                let p = error.problem
                let field = p.field.map { "column \($0): " } ?? ""
                return .failure(fileError("line \(1 + p.lineOffset): header: \(field)\(p.reason)"))
            }
        }
        switch parsed {
        case .failure(let e): throw e
        case .success(let (parser, headerLines)):
            csv = parser
            let headerEnd = first.withUnsafeBytes { bytes in
                if case .complete(let next, _) = CSVScanner.recordEnd(
                    bytes, from: start, atEndOfInput: true, delimiter: mapping.delimiter)
                {
                    return next
                }
                return 0
            }
            csvHeaderEnd = headerEnd
            if entry == nil {
                offset = headerEnd
                line = headerLines
                linesInBatch += 1
            }
        }
    }

    func withStore<T>(_ body: () throws(StoreError) -> T) throws(IngestFailure) -> T {
        do { return try body() } catch { throw .store(error) }
    }

    /// Hands the batch's sums and the new offset to the commit thread, to be written in one
    /// transaction, once the batch before it is in the store.
    /// While lines recorded malformed are read again, the ledger's counted offset stays, and a
    /// batch ends only where a recorded line ends (see `settleReread`).
    mutating func commit() throws(IngestFailure) {
        if rereading && !settleReread() { return }
        guard linesInBatch > 0 || !malformedChanges.isEmpty else { return }
        let countedOffset = rereading ? entry?.committedOffset ?? 0 : offset
        let countedLine = rereading ? entry?.committedLine ?? 0 : line
        let tail: [UInt8]
        do { tail = try file.bytes(max(0, countedOffset - IngestLedger.tailLimit)..<countedOffset) } catch { throw .file(error) }
        try finishCommit()
        let headLength = min(countedOffset, head.count)
        let store = ingestor.store
        let fingerprint: (UnsafeRawBufferPointer) -> String = { store.fingerprint($0) }
        let newEntry = LedgerEntry(
            id: entry?.id, headLength: headLength,
            headHash: IngestLedger.headHash(of: head, length: headLength, fingerprint),
            committedOffset: countedOffset, committedLine: countedLine, tailHash: tail.withUnsafeBytes { store.fingerprint($0) },
            headPrefixes: IngestLedger.prefixes(of: head, headLength: headLength, fingerprint))
        let previous = entry?.committedOffset ?? 0
        self.batch.finish()
        let batch = self.batch
        let today = ingestor.options.today
        let head = self.head
        let malformed = malformedChanges
        malformedChanges = MalformedLineChanges()
        pipeline.start { () throws(StoreError) in
            try store.commit(batch, entry: newEntry, previousOffset: previous, malformed: malformed, head: head, today: today)
        }
        pendingSummary = summary
        // A new aggregator, not a reset one: the old storage now belongs to the commit thread.
        self.batch = BatchAggregator(
            keepRawEvents: ingestor.options.keepRawEvents, expectedCounters: batch.counterCount,
            expectedItems: batch.distinctKeys - batch.counterCount)
        linesInBatch = 0
    }

    /// Waits for the commit in flight and takes the ledger entry it saved.
    mutating func finishCommit() throws(IngestFailure) {
        switch pipeline.wait() {
        case .none: return
        case .success(let saved):
            entry = saved
            committedSummary = pendingSummary
        case .failure(let error): throw .store(error)
        }
    }
}

/// Lets `fileError` name an exit status without importing RFIDCommon's enum into every call.
enum RFIDCommonStatus {
    case dataError
    case ioError
}
