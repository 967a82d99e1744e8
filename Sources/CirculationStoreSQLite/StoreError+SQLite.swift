import CirculationStore
import SQLiteSupport

extension StoreError {
    /// The circulation store's error for a failure of its SQLite file. A store written by a
    /// newer version counts as data this version cannot read (exit 65), with the message saying so.
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
