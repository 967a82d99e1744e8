/// A line (or CSV record) that ingest reported malformed, as the ledger keeps it: where it lies
/// in its file and which reading found it malformed, never what it says. A later run of the same
/// file with another format or mapping reads exactly these bytes again, so a line that now parses
/// is counted then, and lines counted before are never read twice.
public struct MalformedLine: Sendable, Equatable {
    /// Byte offset of the record's first byte, and its length including its line end.
    public var offset: Int
    public var length: Int
    /// 1-based line number of its first line, for the report when it is still malformed.
    public var line: Int
    /// The reading that found it malformed (`IngestOptions.reading`): a run with the same reading
    /// would only find it malformed again, so it reads only lines recorded under another one.
    public var reading: String

    public init(offset: Int, length: Int, line: Int, reading: String) {
        self.offset = offset
        self.length = length
        self.line = line
        self.reading = reading
    }

    public var end: Int { offset + length }
}

/// What one batch changes in its file's recorded malformed lines, written in the same
/// transaction as the batch's counts: after a crash either both are in the store or neither.
public struct MalformedLineChanges: Sendable, Equatable {
    /// Lines this batch found malformed (new lines, and re-read lines still malformed).
    public var recorded: [MalformedLine] = []
    /// Lines recorded before that this batch has read again. The store removes each one and
    /// fails the commit as a conflict when one is no longer there: another run read it first.
    public var settled: [MalformedLine] = []

    public init(recorded: [MalformedLine] = [], settled: [MalformedLine] = []) {
        self.recorded = recorded
        self.settled = settled
    }

    public var isEmpty: Bool { recorded.isEmpty && settled.isEmpty }
}
