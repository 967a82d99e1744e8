import PostgresNIO

extension PostgresMigrator {
    /// Migrates when the connected role may create tables (the owner, or a single-role site),
    /// and otherwise only checks that the schema is current: a least-privilege login (a gate,
    /// a station) never changes the schema, and a missing migration is `notSetUp` with `advice`
    /// (the owner's `rfid-report database setup`, Docs/deployment.md).
    public static func prepareAsAllowed(
        _ schema: PostgresSchema, on session: PostgresSession, advice: String
    ) throws(PostgresStoreError) {
        let mayCreate: Bool
        do {
            mayCreate = try session.withConnection("check the privileges of") { link in
                try link.query("SELECT has_schema_privilege('public', 'CREATE')").first?.decode(Bool.self) ?? false
            }
        } catch {
            throw PostgresStoreError(error, location: session.location, doing: "check the privileges of the role")
        }
        try prepare(schema, on: session, mode: mayCreate ? .migrate : .requireCurrent(advice: advice))
    }
}
