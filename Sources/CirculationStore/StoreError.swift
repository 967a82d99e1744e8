import RFIDCommon

/// A store that cannot be opened, read or written. Never quotes stored values.
public struct StoreError: UserFacingError, Equatable {
    public enum Kind: Sendable, Equatable {
        case cannotOpen
        case corrupt
        case io
        case unsupportedURL
        /// Another ingest of the same file committed first: this batch was not added. Ingest
        /// starts the file again from where the other one got.
        case conflict
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
        case .corrupt: .dataError
        case .cannotOpen, .io, .conflict: .ioError
        }
    }

    public var description: String { "\(location): \(detail)" }
}
