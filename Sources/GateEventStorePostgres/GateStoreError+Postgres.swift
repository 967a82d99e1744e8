import GateEventStore
import PostgresSupport

extension GateStoreError {
    /// The gate store's error for a failure of its PostgreSQL database: unreachable, refused or
    /// not set up is `cannotOpen` (exit 74), a newer or altered schema `corrupt` (exit 65).
    init(_ error: PostgresStoreError) {
        let kind: Kind =
            switch error.kind {
            case .badURL: .unsupportedURL
            case .cannotConnect, .tls, .permission, .notSetUp: .cannotOpen
            case .newerSchema, .migrationChanged, .corrupt: .corrupt
            case .conflict, .io: .io
            }
        self.init(kind, location: error.location, error.detail)
    }

    /// Any failure met while `doing` something: the store's own errors kept, the rest mapped.
    init(_ error: any Error, location: String, doing: String) {
        if let error = error as? GateStoreError {
            self = error
        } else {
            self.init(PostgresStoreError(error, location: location, doing: doing))
        }
    }
}
