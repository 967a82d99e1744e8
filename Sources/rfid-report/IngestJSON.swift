import CirculationLog
import CirculationStore

/// The `ingest --json` document: per file what was read, counted, found malformed (the first
/// problems by line and reason, never the line's content) and withheld, and the warnings.
struct IngestJSON {
    /// Problems and warnings of the file being ingested, as the ingestor reports them (at most
    /// `maxIssuesShownPerFile` of each file; the rest are only counted).
    private(set) var problems: [LineIssue] = []
    private(set) var warnings: [LineIssue] = []
    private var files: [[String: Any]] = []

    mutating func record(_ issue: LineIssue) {
        if issue.severity == .error { problems.append(issue) } else { warnings.append(issue) }
    }

    mutating func fileCounted(_ s: FileIngestSummary) {
        files.append([
            "file": s.file,
            "status": "counted",
            "resumedAfterLine": s.resumedAfterLine,
            "lines": s.lines,
            "counted": s.transactions,
            "other": s.other,
            "blank": s.blank,
            "malformed": ["count": s.malformed, "first": problems.map(Self.issue)] as [String: Any],
            "withheld": [
                "items": s.itemsWithheld, "branches": s.branchesUnknown, "locations": s.locationsUnknown,
                "collections": s.collectionsUnknown, "mediaTypes": s.mediaTypesDropped,
            ],
            "badChecksums": ["count": s.badChecksums, "skipped": s.badChecksumsSkipped],
            "expired": s.expired,
            "resent": s.resent,
            "unfinishedLastLine": s.unterminatedTail,
            "warnings": warnings.map(Self.issue),
            "problemsNotShown": s.issuesNotShown,
        ])
        problems = []
        warnings = []
    }

    mutating func fileFailed(_ file: String, _ error: IngestFileError) {
        files.append([
            "file": file, "status": "failed",
            "error": ["reason": error.reason, "exitStatus": Int(error.exitStatus.rawValue)] as [String: Any],
            "warnings": warnings.map(Self.issue),
            "malformed": ["count": problems.count, "first": problems.map(Self.issue)] as [String: Any],
        ])
        problems = []
        warnings = []
    }

    func document(exitStatus: Int32, counted: Int, malformed: Int) -> [String: Any] {
        ["files": files, "total": ["counted": counted, "malformed": malformed], "exitStatus": Int(exitStatus)]
    }

    /// Where and why, never what: line, column, field code and the parser's fixed reason.
    static func issue(_ issue: LineIssue) -> [String: Any] {
        [
            "line": issue.line, "column": JSONResult.optional(issue.problem.column),
            "field": JSONResult.optional(issue.problem.field), "reason": issue.problem.reason,
        ]
    }
}
