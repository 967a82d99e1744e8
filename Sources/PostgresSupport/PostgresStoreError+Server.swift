import NIOCore
import NIOSSL
import PostgresNIO

extension PostgresStoreError {
    /// The SQLSTATE of a failure the server reported, if it was one.
    public static func sqlState(of error: any Error) -> String? {
        (error as? PSQLError)?.serverInfo?[.sqlState]
    }

    /// Maps a failure of postgres-nio while `doing` something ("connect", "read", "purge") to a
    /// kind a tool can choose its exit status by. An error that already is a
    /// `PostgresStoreError` is kept. The server's message is quoted only for SQLSTATE classes
    /// whose messages name roles, databases and tables (connection, authentication, privilege,
    /// missing objects, resources, shutdown); for the others (data exceptions, constraint
    /// violations, whose messages or details can quote a value) only the SQLSTATE is given.
    /// PSQLError's own description is never used: it can carry the query's bound values.
    public init(_ error: any Error, location: String, doing: String) {
        if let error = error as? PostgresStoreError {
            self = error
            return
        }
        guard let psql = error as? PSQLError else {
            if let ssl = error as? NIOSSLError {
                self.init(.tls, location: location, "cannot \(doing): TLS failed (\(ssl))")
            } else {
                self.init(.io, location: location, "cannot \(doing): \(error)")
            }
            return
        }
        if let state = psql.serverInfo?[.sqlState] {
            let message = psql.serverInfo?[.message] ?? ""
            let quoted = Self.quotesSafely(state) ? ": \(message)" : ""
            let kind: Kind
            switch state {
            case "42501": kind = .permission
            case "42P01", "3F000": kind = .notSetUp
            case "40001", "40P01": kind = .conflict
            case let s where s.hasPrefix("28") || s.hasPrefix("08") || s == "3D000" || s == "57P03" || s == "53300":
                kind = .cannotConnect
            default: kind = .io
            }
            self.init(kind, location: location, "cannot \(doing): the server refused (SQLSTATE \(state))\(quoted)")
            return
        }
        let code = psql.code
        if code == .sslUnsupported {
            self.init(.tls, location: location, "cannot \(doing): the server does not offer TLS (sslmode=disable turns it off, for a loopback server only)")
        } else if code == .failedToAddSSLHandler {
            self.init(.tls, location: location, "cannot \(doing): TLS could not be set up")
        } else if code == .connectionError || code == .uncleanShutdown {
            let reason = psql.underlying.map(Self.describeUnderlying) ?? "the connection failed"
            let kind: Kind = psql.underlying is NIOSSLError || reason.contains("certificate") ? .tls : .cannotConnect
            self.init(kind, location: location, "cannot \(doing): \(reason)")
        } else if code == .authMechanismRequiresPassword {
            self.init(
                .cannotConnect, location: location,
                "cannot \(doing): the server asks for a password and none was given (password_file=, $\(PostgresEndpoint.passwordFileVariable) or $PGPASSWORD)")
        } else if code == .unsupportedAuthMechanism || code == .saslError {
            self.init(.cannotConnect, location: location, "cannot \(doing): authentication failed (\(code))")
        } else if code == .serverClosedConnection || code == .clientClosedConnection {
            self.init(.io, location: location, "cannot \(doing): the connection was closed")
        } else {
            self.init(.io, location: location, "cannot \(doing): \(code)")
        }
    }

    /// Classes whose messages name objects, not values: connection (08), authorization (28),
    /// invalid transaction state / catalog (3D, 3F), privilege and undefined objects (42501,
    /// 42P01, 42703, 42883), resources (53), operator intervention (57), serialization (40).
    static func quotesSafely(_ state: String) -> Bool {
        ["08", "28", "3D", "3F", "53", "57", "40"].contains(String(state.prefix(2)))
            || ["42501", "42P01", "42703", "42883", "42P07"].contains(state)
    }

    static func describeUnderlying(_ error: any Error) -> String {
        if let ssl = error as? NIOSSLError { return "TLS failed (\(ssl))" }
        if let ssl = error as? BoringSSLError { return "TLS failed: the server's certificate was not accepted (\(ssl))" }
        if let connect = error as? NIOConnectionError {
            let reasons = connect.connectionErrors.map { "\($0.target): \($0.error)" }.joined(separator: "; ")
            return "cannot reach the server" + (reasons.isEmpty ? "" : " (\(reasons))")
        }
        return "\(error)"
    }
}
