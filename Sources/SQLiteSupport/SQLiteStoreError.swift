import RFIDCommon

/// A store file that cannot be opened, read or written. Says what and where (the file, the
/// step), never a stored value: SQLite's own messages name tables and constraints, not bound
/// values. Each store maps it into its own error type, whose kinds mirror these.
public struct SQLiteStoreError: UserFacingError, Equatable {
    public enum Kind: Sendable, Equatable {
        /// Missing, unreadable, or the directory cannot be made.
        case cannotOpen
        /// Damaged, not SQLite, or some other program's SQLite file.
        case corrupt
        /// Written by a newer version of LibraryRFID: it holds migrations this version does not know.
        case newerSchema
        case io
        /// A `--database` value this build cannot use (an unknown scheme, PostgreSQL for now).
        case unsupportedURL
    }

    public var kind: Kind
    public var location: String
    public var detail: String

    public init(_ kind: Kind, location: String, _ detail: String) {
        self.kind = kind
        self.location = location
        self.detail = detail
    }

    public var exitStatus: ExitStatus {
        switch kind {
        case .unsupportedURL: .usage
        case .corrupt, .newerSchema: .dataError
        case .cannotOpen, .io: .ioError
        }
    }

    public var description: String { "\(location): \(detail)" }
}
