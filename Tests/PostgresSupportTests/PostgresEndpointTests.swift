import Foundation
import PostgresSupport
import Testing

/// Reading a `postgres://` URL: what it names, where the password comes from, and that no
/// message ever repeats the password.
struct PostgresEndpointTests {
    @Test func aFullURLNamesUserPasswordHostPortDatabaseAndTLS() throws {
        let endpoint = try PostgresEndpoint.parse(
            "postgres://ingest:s%40cret@db.network.example:6543/libraryrfid?sslmode=verify-full&sslrootcert=/etc/ca.pem",
            environment: [:])
        #expect(endpoint.address == .tcp(host: "db.network.example", port: 6543))
        #expect(endpoint.user == "ingest")
        #expect(endpoint.password == "s@cret")
        #expect(endpoint.database == "libraryrfid")
        #expect(endpoint.tls == PostgresTLSSettings(mode: .verifyFull, rootCertificate: "/etc/ca.pem"))
        #expect(endpoint.description == "postgres://ingest@db.network.example:6543/libraryrfid")
    }

    @Test func defaultsArePort5432TheUsersDatabaseAndVerifyFull() throws {
        let endpoint = try PostgresEndpoint.parse("postgresql://gate@10.1.2.3", environment: [:])
        #expect(endpoint.address == .tcp(host: "10.1.2.3", port: 5432))
        #expect(endpoint.database == "gate")
        #expect(endpoint.password == nil)
        #expect(endpoint.tls.mode == .verifyFull)
        #expect(endpoint.tls.rootCertificate == nil)
    }

    @Test func anIPv6HostLosesItsBrackets() throws {
        let endpoint = try PostgresEndpoint.parse("postgres://u@[::1]:5433/db?sslmode=disable", environment: [:])
        #expect(endpoint.address == .tcp(host: "::1", port: 5433))
        #expect(endpoint.description == "postgres://u@[::1]:5433/db")
    }

    @Test func aSocketDirectoryConnectsThroughTheSocketFile() throws {
        let endpoint = try PostgresEndpoint.parse("postgres://u@/db?host=/run/postgresql&sslmode=disable", environment: [:])
        #expect(endpoint.address == .unixSocket(path: "/run/postgresql/.s.PGSQL.5432"))
        #expect(throws: PostgresStoreError.self) {
            try PostgresEndpoint.parse("postgres://u@/db?host=/run/postgresql&sslmode=verify-full", environment: [:])
        }
    }

    @Test func theUserAndPasswordCanComeFromTheEnvironment() throws {
        let endpoint = try PostgresEndpoint.parse(
            "postgres://db.example/libraryrfid", environment: ["PGUSER": "reports", "PGPASSWORD": "from-env"])
        #expect(endpoint.user == "reports")
        #expect(endpoint.password == "from-env")
        // A password in the URL wins over the environment.
        let explicit = try PostgresEndpoint.parse("postgres://a:b@h/d", environment: ["PGPASSWORD": "other"])
        #expect(explicit.password == "b")
    }

    @Test func aURLWithoutAUserIsRefused() {
        #expect(throws: PostgresStoreError.self) { try PostgresEndpoint.parse("postgres://db.example/x", environment: [:]) }
    }

    @Test func unknownParametersAndModesAreRefusedByName() throws {
        let unknown = #expect(throws: PostgresStoreError.self) {
            try PostgresEndpoint.parse("postgres://u:pw@h/d?ssl_mode=disable", environment: [:])
        }
        #expect(unknown?.description.contains("\"ssl_mode\"") == true)
        #expect(unknown?.kind == .badURL)
        #expect(unknown?.exitStatus == .usage)
        let mode = #expect(throws: PostgresStoreError.self) {
            try PostgresEndpoint.parse("postgres://u:pw@h/d?sslmode=allow-anything", environment: [:])
        }
        #expect(mode?.description.contains("sslmode must be one of") == true)
        #expect(throws: PostgresStoreError.self) { try PostgresEndpoint.parse("postgres://u@h:0/d", environment: [:]) }
        #expect(throws: PostgresStoreError.self) { try PostgresEndpoint.parse("mysql://u@h/d", environment: [:]) }
    }

    @Test func noErrorRepeatsThePassword() {
        let urls = [
            "postgres://u:Hunter2Secret@h/d?ssl_mode=x", "postgres://u:Hunter2Secret@h:99999/d",
            "postgres://u:Hunter2Secret@h/d?sslmode=bogus", "postgres://u:Hunter2Secret@h/a/b",
            "postgres://u:Hunter2Secret@h/d?connect_timeout=0",
        ]
        for url in urls {
            let error = #expect(throws: PostgresStoreError.self) { try PostgresEndpoint.parse(url, environment: [:]) }
            #expect(error.map { !$0.description.contains("Hunter2Secret") } == true, "\(error?.description ?? "")")
        }
    }

    @Test func aPasswordFileGivesThePasswordAndMustBePrivate() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pw-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("password").path
        #expect(FileManager.default.createFile(atPath: file, contents: Data("from-file\nignored\n".utf8), attributes: [.posixPermissions: 0o600]))

        let viaURL = try PostgresEndpoint.parse("postgres://u@h/d?password_file=\(file)", environment: [:])
        #expect(viaURL.password == "from-file")
        let viaEnvironment = try PostgresEndpoint.parse(
            "postgres://u@h/d", environment: [PostgresEndpoint.passwordFileVariable: file, "PGPASSWORD": "loses"])
        #expect(viaEnvironment.password == "from-file")

        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file)
        let open = #expect(throws: PostgresStoreError.self) {
            try PostgresEndpoint.parse("postgres://u@h/d?password_file=\(file)", environment: [:])
        }
        #expect(open?.description.contains("readable by other accounts") == true)
        #expect(open?.description.contains("from-file") == false)

        let missing = #expect(throws: PostgresStoreError.self) {
            try PostgresEndpoint.parse("postgres://u@h/d?password_file=\(dir.path)/none", environment: [:])
        }
        #expect(missing?.kind == .cannotConnect)
    }
}
