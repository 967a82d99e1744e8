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
    /// Two million lines: large enough that one batch's per-item upserts touch each page of the
    /// item table once rather than dozens of times a month (a month's log of a city system is
    /// tens of millions of lines), small enough that a crash costs a few seconds of re-reading.
    public static let defaultBatchLines = 2_000_000
    /// Distinct counters and items after which a batch is committed early, whatever its line
    /// count: what bounds memory when every line brings a new item. Two batches are held at
    /// once (one summed, one written), and below this the item table stays at 2^20 slots.
    public var batchKeys = 500_000

    /// "YYYY-MM-DD", stamped on ledger entries.
    public var today: String
    /// Problems printed per file and kind before the rest are only counted.
    public var maxIssuesShownPerFile: Int

    public init(
        format: InputFormat, settings: SiteSettings = SiteSettings(), today: String, batchLines: Int = IngestOptions.defaultBatchLines,
        maxIssuesShownPerFile: Int = 20
    ) {
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
    /// Transactions counted without their item, because the item field held personal data.
    public var itemsWithheld = 0
    /// The file ends in a line without a line break, left for a later run.
    public var unterminatedTail = false
    /// Problems counted but not printed (beyond the per-file limit).
    public var issuesNotShown = 0

    public init(file: String) { self.file = file }

    public var description: String {
        var parts = ["\(lines) lines read"]
        if resumedAfterLine > 0 { parts[0] += " (after line \(resumedAfterLine), counted before)" }
        parts.append("\(transactions) transactions counted")
        parts.append("\(other) other messages")
        if blank > 0 { parts.append("\(blank) blank") }
        parts.append("\(malformed) malformed")
        if badChecksums > 0 {
            parts.append("\(badChecksums) bad checksums (\(badChecksumsSkipped) skipped, \(badChecksums - badChecksumsSkipped) counted)")
        }
        if itemsWithheld > 0 { parts.append("\(itemsWithheld) counted without their item (personal data in the item field)") }
        if unterminatedTail { parts.append("an unfinished last line left for the next run") }
        return "\(file): " + parts.joined(separator: ", ")
    }
}
