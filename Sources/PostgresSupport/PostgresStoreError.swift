import RFIDCommon

/// A PostgreSQL store that cannot be reached, read or written. Says what and where (the URL
/// without its password, the step), never a stored or bound value: the server's own words are
/// shown only for the kinds of failure whose messages name objects, not data (see
/// `PostgresStoreError.init(_:location:doing:)`). Each store maps it into its own error type.
public struct PostgresStoreError: UserFacingError, Equatable {
    public enum Kind: Sendable, Equatable {
        /// The URL or one of its parameters is wrong.
        case badURL
        /// No connection: the server is unreachable, refuses the login, or has no such database.
        case cannotConnect
        /// TLS could not be set up, or the server's certificate was not trusted.
        case tls
        /// The role may not do this (the least-privilege roles of Docs/deployment.md).
        case permission
        /// The store's tables are not there, or lack migrations this version needs and this
        /// role may not apply.
        case notSetUp
        /// Written by a newer version of LibraryRFID: it holds migrations this version does not know.
        case newerSchema
        /// A migration applied to this database differs from the one this version ships.
        case migrationChanged
        /// A stored value this version cannot read.
        case corrupt
        /// Another transaction changed the same rows first, and retrying did not get through.
        case conflict
        /// Any other failure of the server or the connection.
        case io
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
        case .badURL: .usage
        case .corrupt, .newerSchema, .migrationChanged: .dataError
        case .cannotConnect, .tls, .permission, .notSetUp, .conflict, .io: .ioError
        }
    }

    public var description: String { "\(location): \(detail)" }
}
