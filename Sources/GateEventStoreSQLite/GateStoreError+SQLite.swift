import GateEventStore
import SQLiteSupport

extension GateStoreError {
    /// The gate store's error for a failure of its SQLite file; a newer schema is data this
    /// version cannot read (exit 65).
    init(_ error: SQLiteStoreError) {
        let kind: Kind =
            switch error.kind {
            case .cannotOpen: .cannotOpen
            case .corrupt, .newerSchema: .corrupt
            case .io: .io
            case .unsupportedURL: .unsupportedURL
            }
        self.init(kind, location: error.location, error.detail)
    }
}
