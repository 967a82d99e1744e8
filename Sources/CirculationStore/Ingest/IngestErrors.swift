import RFIDCommon

/// One input file could not be ingested (unreadable, or its content contradicts what was
/// already counted from it). Names the file, never quotes its lines.
public struct IngestFileError: UserFacingError, Equatable {
    public var file: String
    public var reason: String
    public var exitStatus: ExitStatus

    public init(file: String, reason: String, exitStatus: ExitStatus) {
        self.file = file
        self.reason = reason
        self.exitStatus = exitStatus
    }

    public var description: String { "\(file): \(reason)" }
}

/// Why a file's ingest stopped: the file itself, or the store (which stops the whole run).
public enum IngestFailure: Error {
    case file(IngestFileError)
    case store(StoreError)
}
