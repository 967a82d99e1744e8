import Foundation
import PostgresNIO
import PostgresSupport
import RFIDCommon

/// The PostgreSQL server `scripts/with-postgres` started for this test run, and a fresh
/// database on it per test, so tests are independent and may run in parallel.
///
/// `scripts/test` always runs the suites under that script and sets
/// `LIBRARYRFID_REQUIRE_POSTGRES=1`: a PostgreSQL test then fails when no server is there,
/// instead of passing silently. A plain `swift test` outside the script reports them skipped.
/// Use `@Test(.enabled(if: PostgresTestServer.enabled))` on each such test (or suite).
public enum PostgresTestServer {
    public static let urlVariable = "LIBRARYRFID_TEST_POSTGRES_URL"
    public static let requireVariable = "LIBRARYRFID_REQUIRE_POSTGRES"

    static var environment: [String: String] { ProcessInfo.processInfo.environment }

    /// The superuser's URL (TLS verify-full against `caFile`).
    public static var url: String? { environment[urlVariable].flatMap { $0.isEmpty ? nil : $0 } }
    /// The CA the server's certificate chains to.
    public static var caFile: String? { environment["LIBRARYRFID_TEST_POSTGRES_CA"] }
    /// A CA the server's certificate does not chain to.
    public static var otherCAFile: String? { environment["LIBRARYRFID_TEST_POSTGRES_OTHER_CA"] }
    /// The server's bin directory (psql, pg_dump).
    public static var binDirectory: String? { environment["LIBRARYRFID_TEST_POSTGRES_BIN"] }

    public static var isRequired: Bool { environment[requireVariable] == "1" }

    /// Whether PostgreSQL tests run: when a server is there, or when one is required (they
    /// then fail, saying why).
    public static var enabled: Bool { url != nil || isRequired }

    public struct Missing: UserFacingError {
        public var exitStatus: ExitStatus { .unavailable }
        public var description: String {
            "\(PostgresTestServer.requireVariable)=1 but \(PostgresTestServer.urlVariable) is not set: run the tests through scripts/test, or as scripts/with-postgres swift test ..."
        }
    }

    /// The superuser's URL, or the error saying the server is missing.
    public static func requiredURL() throws -> String {
        guard let url else { throw Missing() }
        return url
    }

    /// A new, empty database for one test, dropped when the returned value is released.
    public static func freshDatabase(_ label: String = #function) throws -> PostgresTestDatabase {
        let url = try requiredURL()
        let safe = label.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "_" }.prefix(30)
        let name = "t_" + String(safe) + "_" + String(UInt64.random(in: 0...UInt64.max), radix: 36)
        let admin = try PostgresSession(endpoint: PostgresEndpoint.parse(url))
        defer { admin.close() }
        _ = try admin.withConnection("create a test database") { link in
            try link.execute(PostgresQuery(unsafeSQL: "CREATE DATABASE \"\(name)\""))
        }
        return try PostgresTestDatabase(name: name, serverURL: url)
    }

    /// `url` with its database replaced (and optionally its user, password and TLS parameters).
    public static func url(
        _ url: String, database: String, user: String? = nil, password: String?? = nil, query: String? = nil
    ) -> String {
        var components = URLComponents(string: url)!
        components.path = "/" + database
        if let user { components.user = user }
        if let password { components.password = password }
        if let query { components.query = query }
        return components.string!
    }
}

/// One test's database. Stores under test connect with `url` (the superuser's) or with roles
/// the test creates; `session()` gives a connection for checking what was stored.
public final class PostgresTestDatabase: Sendable {
    public let name: String
    /// The superuser's URL for this database, TLS verify-full included.
    public let url: String
    let serverURL: String

    init(name: String, serverURL: String) throws {
        self.name = name
        self.serverURL = serverURL
        self.url = PostgresTestServer.url(serverURL, database: name)
    }

    public func endpoint() throws -> PostgresEndpoint { try PostgresEndpoint.parse(url) }

    /// A superuser connection to this database.
    public func session() throws -> PostgresSession { try PostgresSession(endpoint: endpoint()) }

    deinit {
        // Connections a test left open are ended with the database.
        guard let admin = try? PostgresSession(endpoint: PostgresEndpoint.parse(serverURL)) else { return }
        _ = try? admin.withConnection("drop a test database") { link in
            try link.execute(PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \"\(name)\" WITH (FORCE)"))
        }
        admin.close()
    }
}
