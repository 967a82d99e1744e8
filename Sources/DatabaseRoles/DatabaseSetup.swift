import Foundation
import PostgresNIO
import PostgresSupport
import RFIDCommon

/// `rfid-report database setup`: run by the database's owner (a role with CREATEROLE that owns
/// the stores' tables), it applies every store's migrations, creates the group roles and grants
/// each its privileges, and creates or updates the login roles of gates, stations and jobs.
/// Idempotent: a second run with the same arguments changes nothing and says so; a run with
/// more logins adds them. It reports what it did, never a password: a login's password is read
/// from a 0600 file named after it in `passwordDirectory`, else the login is left without one
/// (certificate or peer authentication, or `\password` in psql).
public struct DatabaseSetup: Sendable {
    /// A login role and what it writes for.
    public struct Login: Sendable, Equatable {
        public var name: String
        /// Gate or station ids (empty for ingest and report logins).
        public var devices: [String]
        public init(name: String, devices: [String] = []) {
            self.name = name
            self.devices = devices
        }
    }

    public var library: String?
    public var schemas: [PostgresSchema]
    public var logins: [DatabaseRole: [Login]]
    public var passwordDirectory: String?

    public init(library: String?, schemas: [PostgresSchema], logins: [DatabaseRole: [Login]], passwordDirectory: String? = nil) {
        self.library = library
        self.schemas = schemas
        self.logins = logins
        self.passwordDirectory = passwordDirectory
    }

    /// A role name this tool creates: lower-case letters, digits and `_`, starting with a letter,
    /// at most 63 bytes, so it never needs quoting and cannot collide with SQL.
    public static func isValidRoleName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, ("a"..."z").contains(first), name.utf8.count <= 63 else { return false }
        return name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }

    /// Runs the setup; returns the lines to print, one per thing created, granted or found.
    public func run(on session: PostgresSession) throws -> [String] {
        let location = session.location
        for (_, list) in logins {
            for login in list where !Self.isValidRoleName(login.name) || DatabaseRole(rawValue: login.name) != nil {
                throw PostgresStoreError(
                    .badURL, location: location,
                    "login name \(login.name) is not allowed: lower-case letters, digits and _ starting with a letter, and not a group's name")
            }
        }
        let needsLibrary = !(logins[.gate] ?? []).isEmpty || !(logins[.station] ?? []).isEmpty
        if needsLibrary, library == nil {
            throw PostgresStoreError(.badURL, location: location, "gate and station logins write for a library: give --library or set [site] id")
        }
        var lines: [String] = []
        for schema in schemas {
            try PostgresMigrator.prepare(schema, on: session, mode: .migrate)
            lines.append("\(schema.storeName): schema current")
        }
        try session.transaction("set up the roles of") { link in
            // Databases made before PostgreSQL 15 let every role create tables in `public`: a
            // gate login could then create objects there. Only the owner creates anything.
            try link.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC")
            lines.append("schema public: CREATE revoked from PUBLIC")
            lines += try grantGroups(link)
            for role in DatabaseRole.allCases {
                for login in logins[role] ?? [] {
                    lines += try setUp(login, in: role, link: link, location: location)
                }
            }
        }
        return lines
    }

    // MARK: - Groups

    private func grantGroups(_ link: PostgresLink) throws -> [String] {
        var lines: [String] = []
        for role in DatabaseRole.allCases {
            if try roleExists(role.rawValue, link) {
                lines.append("group \(role.rawValue): exists")
            } else {
                try link.execute(PostgresQuery(unsafeSQL: "CREATE ROLE \(role.rawValue) NOLOGIN"))
                lines.append("group \(role.rawValue): created")
            }
            // Every store checks its migrations on open; the table holds schema text only.
            try link.execute(PostgresQuery(unsafeSQL: "GRANT SELECT ON \(PostgresMigrator.table) TO \(role.rawValue)"))
            for function in role.functions where try exists(function: function, link) {
                try link.execute(PostgresQuery(unsafeSQL: "GRANT EXECUTE ON FUNCTION \(function) TO \(role.rawValue)"))
                lines.append("group \(role.rawValue): may execute \(function.prefix { $0 != "(" })")
            }
            for (privileges, tables) in role.tables {
                for table in tables {
                    if try exists(table: table, link) {
                        try link.execute(PostgresQuery(unsafeSQL: "GRANT \(privileges) ON \(table) TO \(role.rawValue)"))
                        lines.append("group \(role.rawValue): \(privileges) on \(table)")
                    } else {
                        lines.append("group \(role.rawValue): \(table) not in this database yet (run setup again once its store is set up)")
                    }
                }
            }
            for sequence in role.sequences where try exists(table: sequence, link) {
                try link.execute(PostgresQuery(unsafeSQL: "GRANT USAGE ON SEQUENCE \(sequence) TO \(role.rawValue)"))
            }
        }
        return lines
    }

    // MARK: - Logins

    private func setUp(_ login: Login, in role: DatabaseRole, link: PostgresLink, location: String) throws -> [String] {
        var lines: [String] = []
        let name = login.name
        let created = try !roleExists(name, link)
        if !created {
            lines.append("login \(name): exists")
        } else {
            try link.execute(PostgresQuery(unsafeSQL: "CREATE ROLE \(name) LOGIN"))
            lines.append("login \(name): created")
        }
        try link.execute(PostgresQuery(unsafeSQL: "GRANT \(role.rawValue) TO \(name)"))
        lines.append("login \(name): member of \(role.rawValue)")
        if let passwordDirectory {
            let file = (passwordDirectory as NSString).appendingPathComponent(name)
            if FileManager.default.fileExists(atPath: file) {
                let password = try PasswordFile.read(file, location: location)
                // CREATE/ALTER ROLE take no bound parameters: the server quotes the literal.
                let statement = try link.query("SELECT format('ALTER ROLE %I PASSWORD %L', \(name), \(password))")
                guard let sql = try statement.first?.decode(String.self) else { return lines }
                try link.execute(PostgresQuery(unsafeSQL: sql))
                lines.append("login \(name): password set from \(file)")
            } else {
                lines.append("login \(name): no password file \(file); password unchanged")
            }
        } else if created {
            lines.append("login \(name): no password set (\\password \(name) in psql, or client certificates)")
        }
        if let library, role == .gate || role == .station {
            let table = role == .gate ? "gate_logins" : "station_logins"
            let column = role == .gate ? "gate" : "station"
            for device in login.devices {
                let added = try link.execute(
                    """
                    INSERT INTO \(unescaped: table) (login, library, \(unescaped: column)) VALUES (\(name), \(library), \(device))
                    ON CONFLICT DO NOTHING
                    """)
                lines.append("login \(name): writes for \(column) \(library)/\(device)\(added == 0 ? " (already)" : "")")
            }
        }
        return lines
    }

    private func roleExists(_ name: String, _ link: PostgresLink) throws -> Bool {
        try !link.query("SELECT 1 FROM pg_roles WHERE rolname = \(name)").isEmpty
    }

    private func exists(table: String, _ link: PostgresLink) throws -> Bool {
        let qualified = "public." + table
        return try link.query("SELECT to_regclass(\(qualified)) IS NOT NULL").first?.decode(Bool.self) ?? false
    }

    private func exists(function: String, _ link: PostgresLink) throws -> Bool {
        let qualified = "public." + function
        return try link.query("SELECT to_regprocedure(\(qualified)) IS NOT NULL").first?.decode(Bool.self) ?? false
    }
}
