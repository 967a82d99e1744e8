import Foundation
import PostgresNIO
import PostgresSupport
import PostgresTestSupport
import Testing

/// A real server (scripts/with-postgres): TLS verified against its CA, refused against another,
/// and failures reported by kind, without the password.
@Suite(.enabled(if: PostgresTestServer.enabled))
struct PostgresSessionTests {
    @Test func verifyFullAgainstTheServersCAConnectsOverTLS() throws {
        let db = try PostgresTestServer.freshDatabase()
        let session = try db.session()
        defer { session.close() }
        let ssl = try session.withConnection("read") { link in
            try link.query("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()").first!.decode(Bool.self)
        }
        #expect(ssl)
        #expect(try db.endpoint().tls.mode == .verifyFull)
    }

    @Test func aCertificateFromAnotherCAIsRefused() throws {
        let url = try PostgresTestServer.requiredURL()
        let other = try #require(PostgresTestServer.otherCAFile)
        let wrong = url.replacingOccurrences(
            of: "sslrootcert=\(try #require(PostgresTestServer.caFile))", with: "sslrootcert=\(other)")
        #expect(wrong != url)
        let error = #expect(throws: PostgresStoreError.self) { try PostgresSession(endpoint: PostgresEndpoint.parse(wrong)) }
        #expect(error?.kind == .tls, "\(error?.description ?? "")")
        #expect(error?.exitStatus == .ioError)
    }

    @Test func theSystemTrustStoreDoesNotTrustATestCA() throws {
        // verify-full without sslrootcert: the system's roots, which never signed the test server.
        let url = try PostgresTestServer.requiredURL()
        let components = URLComponents(string: url)!
        let noRoot = PostgresTestServer.url(url, database: "postgres", query: "sslmode=verify-full")
        #expect(components.query?.contains("sslrootcert") == true)
        let error = #expect(throws: PostgresStoreError.self) { try PostgresSession(endpoint: PostgresEndpoint.parse(noRoot)) }
        #expect(error?.kind == .tls, "\(error?.description ?? "")")
    }

    @Test func sslmodeDisableConnectsInPlainTextWhenTheServerAllowsIt() throws {
        let url = try PostgresTestServer.requiredURL()
        let plain = PostgresTestServer.url(url, database: "postgres", query: "sslmode=disable")
        let session = try PostgresSession(endpoint: PostgresEndpoint.parse(plain))
        defer { session.close() }
        let ssl = try session.withConnection("read") { link in
            try link.query("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()").first!.decode(Bool.self)
        }
        #expect(!ssl)
    }

    @Test func aWrongPasswordIsAnAuthenticationFailureThatDoesNotRepeatIt() throws {
        let url = try PostgresTestServer.requiredURL()
        let wrong = PostgresTestServer.url(url, database: "postgres", password: "Wrong-Pass-42")
        let error = #expect(throws: PostgresStoreError.self) { try PostgresSession(endpoint: PostgresEndpoint.parse(wrong)) }
        #expect(error?.kind == .cannotConnect)
        #expect(error?.description.contains("28P01") == true, "\(error?.description ?? "")")
        #expect(error?.description.contains("Wrong-Pass-42") == false)
    }

    @Test func aMissingDatabaseAndAClosedPortAreConnectionFailures() throws {
        let url = try PostgresTestServer.requiredURL()
        let missing = PostgresTestServer.url(url, database: "no_such_database_here")
        let error = #expect(throws: PostgresStoreError.self) { try PostgresSession(endpoint: PostgresEndpoint.parse(missing)) }
        #expect(error?.kind == .cannotConnect)
        #expect(error?.description.contains("3D000") == true)

        var closed = URLComponents(string: url)!
        closed.port = 1
        let refused = #expect(throws: PostgresStoreError.self) { try PostgresSession(endpoint: PostgresEndpoint.parse(closed.string!)) }
        #expect(refused?.kind == .cannotConnect, "\(refused?.description ?? "")")
    }

    @Test func aFailedStatementRollsBackItsTransactionAndQuotesNoValue() throws {
        let db = try PostgresTestServer.freshDatabase()
        let session = try db.session()
        defer { session.close() }
        try session.withConnection("create") { link in try link.execute("CREATE TABLE t (n integer PRIMARY KEY)") }
        let error = #expect(throws: PostgresStoreError.self) {
            try session.transaction("insert") { link in
                try link.execute("INSERT INTO t VALUES (\(1))")
                try link.execute("INSERT INTO t VALUES (\(1))")
            }
        }
        // The constraint's detail would quote the key: only the SQLSTATE is shown.
        #expect(error?.description.contains("23505") == true)
        #expect(error?.description.contains("(n)=(1)") == false)
        let count = try session.withConnection("count") { link in try link.query("SELECT count(*) FROM t").first!.decode(Int.self) }
        #expect(count == 0)
    }

    @Test func aSessionConnectsAgainAfterItsConnectionWasEnded() throws {
        let db = try PostgresTestServer.freshDatabase()
        let session = try db.session()
        defer { session.close() }
        let admin = try db.session()
        defer { admin.close() }
        let pid = try session.withConnection("pid") { link in try link.query("SELECT pg_backend_pid()").first!.decode(Int32.self) }
        try admin.withConnection("terminate") { link in try link.execute("SELECT pg_terminate_backend(\(pid))") }
        // The statement on the dead connection fails; the next unit of work connects anew.
        _ = try? session.withConnection("read") { link in try link.query("SELECT 1") }
        let again = try session.withConnection("read") { link in try link.query("SELECT 41 + 1").first!.decode(Int.self) }
        #expect(again == 42)
    }
}
