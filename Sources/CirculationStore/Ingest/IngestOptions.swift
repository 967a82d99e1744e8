import CirculationLog

/// The kind of log a file is.
public enum InputFormat: Sendable, Equatable {
    /// A SIP2 log; the source says whose messages it records (self-check or staff station).
    case sip2(TransactionSource)
    /// A library-system export read through a column mapping (Koha's built in).
    case csv(ColumnMapping)
}

public struct IngestOptions: Sendable {
    public var format: InputFormat
    public var badChecksums: SiteSettings.BadChecksumChoice
    public var keepRawEvents: Bool
    /// Lines per transaction: the most a crash can make the next run re-read.
    public var batchLines: Int
    /// Five million lines: every batch upserts nearly every item of the month it covers (a
    /// month's items are spread over all its days), so the item table's upserts, most of a
    /// commit, fall with the number of batches (two million lines per batch cost 15% more CPU
    /// on a 10-million-line month, Docs/performance.md); small enough that a crash costs a few
    /// seconds of re-reading, and `batchKeys` still bounds the memory of a month with more items.
    public static let defaultBatchLines = 5_000_000
    /// Distinct counters and items after which a batch is committed early, whatever its line
    /// count: what bounds memory when every line brings a new item. Two batches are held at
    /// once (one summed, one written), and below this the item table stays at 2^20 slots.
    public var batchKeys = 500_000

    /// "YYYY-MM-DD", stamped on ledger entries.
    public var today: String
    /// What ingest may keep of a record: items by the site's barcode policy, codes by its lists.
    public var allowLists: IngestAllowLists
    /// The oldest day and month each table may hold (relative to `today`): older transactions
    /// are counted as expired and not stored, since purge would delete them anyway.
    public var retention: RetentionCutoffs
    /// Problems printed per file and kind before the rest are only counted.
    public var maxIssuesShownPerFile: Int
    /// Malformed lines the ledger keeps per file for a re-run with another format or mapping:
    /// bounds the ledger of a file that is not a log of this kind at all (a binary file, a
    /// wrong export) to a few megabytes. Past it, lines are reported and counted as before but
    /// not kept, with a warning.
    public var maxRecordedMalformedLines = 100_000
    /// Threads that parse a SIP2 log ahead of the thread that counts it (`ParseAhead`), in parts
    /// of `parsePartBytes`; 1 reads and parses on the counting thread itself. What is counted,
    /// reported and committed is the same either way, line for line.
    public var parseThreads = 2
    public var parsePartBytes = 1 << 20

    /// What decides whether a line parses: the format, and for CSV the whole mapping. Recorded
    /// with each malformed line, so a later run reads again only lines found malformed under
    /// another reading: under the same one they would only be malformed again.
    public var reading: String {
        switch format {
        case .sip2: return "sip2"
        case .csv(let mapping):
            return "csv-" + Array(mapping.canonicalDescription.utf8).withUnsafeBytes { ContentFingerprint.hex(of: $0) }
        }
    }

    public init(
        format: InputFormat, settings: SiteSettings = SiteSettings(), today: String,
        allowLists: IngestAllowLists = IngestAllowLists(items: .keepNone),
        batchLines: Int = IngestOptions.defaultBatchLines, maxIssuesShownPerFile: Int = 20
    ) {
        self.allowLists = allowLists
        if let date = CivilDate(today) {
            retention = RetentionCutoffs(settings: settings, today: date)
        } else {
            // No usable date: nothing is judged expired (every day sorts after "").
            retention = RetentionCutoffs(settings: settings, today: CivilDate(year: 2000, month: 1, day: 1)!)
            retention.countersDay = ""
            retention.itemsMonth = ""
            retention.rawDay = ""
        }
        self.format = format
        self.badChecksums = settings.badChecksums
        self.keepRawEvents = settings.keepRawEvents
        self.batchLines = max(1, batchLines)
        self.today = today
        self.maxIssuesShownPerFile = maxIssuesShownPerFile
    }
}

/// What one run did with one file.
public struct FileIngestSummary: Sendable, Equatable {
    public var file: String
    /// Lines counted by earlier runs and skipped now.
    public var resumedAfterLine = 0
    public var lines = 0
    public var transactions = 0
    public var other = 0
    public var blank = 0
    public var malformed = 0
    public var badChecksums = 0
    public var badChecksumsSkipped = 0
    /// Transactions counted without their item: the site's barcode policy did not accept it.
    public var itemsWithheld = 0
    /// Transactions counted under `CodeAllowList.unknown` for their branch, location or
    /// collection, and without their media type, because an allow-list refused the value.
    public var branchesUnknown = 0
    public var locationsUnknown = 0
    public var collectionsUnknown = 0
    public var mediaTypesDropped = 0
    /// Transactions older than the counters' retention: counted here, not stored.
    public var expired = 0
    /// SIP2 responses repeated after a 97 (request resend): counted once.
    public var resent = 0
    /// The file ends in a line without a line break, left for a later run.
    public var unterminatedTail = false
    /// Problems counted but not printed (beyond the per-file limit).
    public var issuesNotShown = 0
    /// Lines an earlier run reported malformed under another format or mapping, read again now
    /// (those that parse are among the counts above, the rest among `malformed`).
    public var reread = 0
    /// Malformed lines not kept for a re-run: the file already has
    /// `IngestOptions.maxRecordedMalformedLines` recorded.
    public var malformedNotKept = 0

    public init(file: String) { self.file = file }

    /// This summary after an earlier attempt at the same file committed `earlier` before
    /// another ingest of the file won a commit: the lines and counts of both.
    func adding(committedBy earlier: FileIngestSummary) -> FileIngestSummary {
        guard earlier.lines > 0 || earlier.reread > 0 else { return self }
        var total = self
        total.resumedAfterLine = earlier.resumedAfterLine
        total.lines += earlier.lines
        total.transactions += earlier.transactions
        total.other += earlier.other
        total.blank += earlier.blank
        total.malformed += earlier.malformed
        total.badChecksums += earlier.badChecksums
        total.badChecksumsSkipped += earlier.badChecksumsSkipped
        total.itemsWithheld += earlier.itemsWithheld
        total.branchesUnknown += earlier.branchesUnknown
        total.locationsUnknown += earlier.locationsUnknown
        total.collectionsUnknown += earlier.collectionsUnknown
        total.mediaTypesDropped += earlier.mediaTypesDropped
        total.expired += earlier.expired
        total.resent += earlier.resent
        total.issuesNotShown += earlier.issuesNotShown
        total.reread += earlier.reread
        total.malformedNotKept += earlier.malformedNotKept
        return total
    }

    public var description: String {
        var parts = ["\(lines) lines read"]
        var notes: [String] = []
        if reread > 0 { notes.append("\(reread) reported malformed by an earlier run, read again with this format") }
        if resumedAfterLine > 0 { notes.append("after line \(resumedAfterLine), counted before") }
        if !notes.isEmpty { parts[0] += " (" + notes.joined(separator: "; ") + ")" }
        parts.append("\(transactions) transactions counted")
        parts.append("\(other) other messages")
        if blank > 0 { parts.append("\(blank) blank") }
        parts.append("\(malformed) malformed")
        if badChecksums > 0 {
            parts.append("\(badChecksums) bad checksums (\(badChecksumsSkipped) skipped, \(badChecksums - badChecksumsSkipped) counted)")
        }
        if itemsWithheld > 0 { parts.append("\(itemsWithheld) counted without their item (not an accepted item barcode)") }
        if branchesUnknown > 0 { parts.append("\(branchesUnknown) under an unknown branch") }
        if locationsUnknown > 0 { parts.append("\(locationsUnknown) under an unknown location") }
        if collectionsUnknown > 0 { parts.append("\(collectionsUnknown) under an unknown collection") }
        if mediaTypesDropped > 0 { parts.append("\(mediaTypesDropped) without their media type (not a SIP2 media type code)") }
        if expired > 0 { parts.append("\(expired) older than the retention period (expired, not stored)") }
        if resent > 0 { parts.append("\(resent) resent responses counted once") }
        if malformedNotKept > 0 {
            parts.append("\(malformedNotKept) malformed not kept for a re-run (the ledger keeps at most a fixed number per file)")
        }
        if unterminatedTail { parts.append("an unfinished last line left for the next run") }
        return "\(file): " + parts.joined(separator: ", ")
    }
}
