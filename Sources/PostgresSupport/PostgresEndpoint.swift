import Foundation
import RFIDCommon

/// Where a PostgreSQL store lives and how to reach it, parsed from a `postgres://` URL:
///
///     postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE?sslmode=verify-full&sslrootcert=/etc/libraryrfid/db-ca.pem
///
/// The password should not sit in the site file, which every tool reads: it comes from the URL,
/// else `password_file=PATH` in the URL, else `$LIBRARYRFID_DATABASE_PASSWORD_FILE`, else
/// `$PGPASSWORD`. The user comes from the URL, else `$PGUSER`, so that one site file serves every
/// service and each unit names its own role (Docs/deployment.md). `host=/run/postgresql` (a
/// directory) connects through the server's Unix socket instead of TCP.
///
/// Nothing here ever prints the password: `description` is the URL without it.
public struct PostgresEndpoint: Sendable, Equatable, CustomStringConvertible {
    public enum Address: Sendable, Equatable {
        case tcp(host: String, port: Int)
        /// The socket file itself (`DIR/.s.PGSQL.PORT`), as libpq builds it.
        case unixSocket(path: String)
    }

    public var address: Address
    public var user: String
    /// Nil: the server must not ask for one (trust or peer authentication).
    public var password: String?
    public var database: String
    public var tls: PostgresTLSSettings
    public var connectTimeoutSeconds: Int

    /// The query parameters a URL may carry; any other is refused rather than ignored, so a
    /// misspelt `sslmode` cannot silently turn encryption off.
    public static let knownParameters = ["sslmode", "sslrootcert", "password_file", "host", "connect_timeout"]
    /// Names a file holding the password (its first line) when the URL has none.
    public static let passwordFileVariable = "LIBRARYRFID_DATABASE_PASSWORD_FILE"

    public init(
        address: Address, user: String, password: String?, database: String, tls: PostgresTLSSettings,
        connectTimeoutSeconds: Int = 10
    ) {
        self.address = address
        self.user = user
        self.password = password
        self.database = database
        self.tls = tls
        self.connectTimeoutSeconds = connectTimeoutSeconds
    }

    /// Whether `text` names a PostgreSQL database rather than a SQLite file.
    public static func isPostgresURL(_ text: String) -> Bool {
        DatabaseURL.isPostgres(text)
    }

    /// Parses a URL, reading a password file or the environment when the URL has no password.
    /// Errors name the part that is wrong, never the password.
    public static func parse(
        _ text: String, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(PostgresStoreError) -> PostgresEndpoint {
        guard isPostgresURL(text) else {
            throw PostgresStoreError(.badURL, location: "database URL", "must start with postgres:// or postgresql://")
        }
        guard let components = URLComponents(string: text) else {
            throw PostgresStoreError(
                .badURL, location: "database URL", "is not a valid URL (percent-encode special characters of the password)")
        }
        let shown = redacted(components)
        var parameters: [String: String] = [:]
        for item in components.queryItems ?? [] {
            guard knownParameters.contains(item.name) else {
                throw PostgresStoreError(
                    .badURL, location: shown,
                    "unknown parameter \"\(item.name)\" (known: \(knownParameters.joined(separator: ", ")))")
            }
            guard parameters[item.name] == nil else {
                throw PostgresStoreError(.badURL, location: shown, "parameter \"\(item.name)\" is given twice")
            }
            parameters[item.name] = item.value ?? ""
        }
        let port = components.port ?? 5432
        guard (1...65535).contains(port) else {
            throw PostgresStoreError(.badURL, location: shown, "the port must be 1 to 65535")
        }
        let address: Address
        if let socketDirectory = parameters["host"] {
            guard socketDirectory.hasPrefix("/") else {
                throw PostgresStoreError(.badURL, location: shown, "host= must be the absolute path of the server's socket directory")
            }
            address = .unixSocket(path: socketDirectory + "/.s.PGSQL.\(port)")
        } else {
            guard let host = components.host, !host.isEmpty else {
                throw PostgresStoreError(.badURL, location: shown, "has no host (postgres://USER@HOST/DATABASE)")
            }
            // URLComponents keeps an IPv6 literal's brackets.
            address = .tcp(host: host.trimmingCharacters(in: CharacterSet(charactersIn: "[]")), port: port)
        }
        let user = components.user.flatMap { $0.isEmpty ? nil : $0 } ?? environment["PGUSER"].flatMap { $0.isEmpty ? nil : $0 }
        guard let user else {
            throw PostgresStoreError(.badURL, location: shown, "names no user (postgres://USER@HOST/DATABASE, or set $PGUSER)")
        }
        var database = components.path
        if database.hasPrefix("/") { database.removeFirst() }
        if database.isEmpty { database = user }
        guard !database.contains("/") else {
            throw PostgresStoreError(.badURL, location: shown, "the database name must not contain '/'")
        }
        let timeout = try parameters["connect_timeout"].map { text throws(PostgresStoreError) -> Int in
            guard let seconds = Int(text), (1...600).contains(seconds) else {
                throw PostgresStoreError(.badURL, location: shown, "connect_timeout must be 1 to 600 seconds")
            }
            return seconds
        }
        let tls = try PostgresTLSSettings.parse(
            mode: parameters["sslmode"], rootCertificate: parameters["sslrootcert"], location: shown)
        if case .unixSocket = address, tls.mode.requiresTLS {
            throw PostgresStoreError(
                .badURL, location: shown, "sslmode=\(tls.mode.rawValue) cannot apply to a Unix socket (use sslmode=disable)")
        }
        let password = try password(components, parameters: parameters, environment: environment, location: shown)
        return PostgresEndpoint(
            address: address, user: user, password: password, database: database, tls: tls, connectTimeoutSeconds: timeout ?? 10)
    }

    /// The URL as messages show it: user, host, port and database; never a password.
    public var description: String {
        let where_: String
        switch address {
        case .tcp(let host, let port): where_ = (host.contains(":") ? "[\(host)]" : host) + ":\(port)"
        case .unixSocket(let path): where_ = "(socket \(path))"
        }
        return "postgres://\(user)@\(where_)/\(database)"
    }

    static func redacted(_ components: URLComponents) -> String {
        var shown = components
        shown.password = nil
        shown.query = nil
        return shown.string ?? "database URL"
    }

    static func password(
        _ components: URLComponents, parameters: [String: String], environment: [String: String], location: String
    ) throws(PostgresStoreError) -> String? {
        if let password = components.password, !password.isEmpty { return password }
        if let file = parameters["password_file"] ?? environment[passwordFileVariable].flatMap({ $0.isEmpty ? nil : $0 }) {
            return try PasswordFile.read(file, location: location)
        }
        if let password = environment["PGPASSWORD"], !password.isEmpty { return password }
        return nil
    }
}
