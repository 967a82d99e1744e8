import PostgresNIO
import PostgresSupport
import StationActivity

/// The station activity store in a PostgreSQL database a network's stations share: the SQLite
/// store's hourly counts with the library (`[site] id`) beside the station. A store opened for
/// one library reads its counts only; one opened for none (the network's reports) reads every
/// library's, naming stations `LIBRARY/STATION`.
///
/// Station logins (role `libraryrfid_station`, Docs/deployment.md "Roles") hold no privilege on
/// the table: they add to it through `station_record_activity`, a SECURITY DEFINER function
/// owned by the schema owner, which lets a login count only for the stations `station_logins`
/// gives it. Each `record` is one statement in autocommit: committed when it returns.
public final class PostgresStationActivity: StationActivityStore {
    public let session: PostgresSession
    public let library: String?

    public init(endpoint: PostgresEndpoint, library: String?) throws(StationActivityError) {
        self.library = library
        do {
            session = try PostgresSession(endpoint: endpoint)
            try PostgresMigrator.prepareAsAllowed(
                Self.schema, on: session, advice: "the database owner runs rfid-report database setup first (Docs/deployment.md)")
        } catch {
            throw StationActivityError(location: endpoint.description, detail: error.detail, exitStatus: error.exitStatus)
        }
    }

    public var location: String { session.location }

    public func record(_ event: StationEvent) throws(StationActivityError) {
        guard let library else {
            throw StationActivityError(
                location: location, detail: "opened for every library, this store cannot record: set [site] id", exitStatus: .usage)
        }
        do {
            try session.withConnection("record") { link in
                try link.execute(
                    """
                    SELECT station_record_activity(\(library), \(event.day), \(event.hour), \(event.station), \
                    \(event.action.rawValue), \(event.rule))
                    """)
            }
        } catch {
            let mapped = PostgresStoreError(error, location: location, doing: "record")
            throw StationActivityError(location: location, detail: mapped.detail, exitStatus: mapped.exitStatus)
        }
    }

    public func counts(month: String) throws(StationActivityError) -> [StationActivityCount] {
        let (from, to) = (month + "-01", month + "-32")
        do {
            return try session.withConnection("read") { link in
                let rows =
                    if let library {
                        try link.query(
                            """
                            SELECT day, hour::bigint, station, action, rule, count FROM station_hourly
                            WHERE library = \(library) AND day >= \(from) AND day < \(to)
                            ORDER BY day, hour, station, action, rule
                            """)
                    } else {
                        try link.query(
                            """
                            SELECT day, hour::bigint, library || '/' || station AS s, action, rule, count FROM station_hourly
                            WHERE day >= \(from) AND day < \(to) ORDER BY day, hour, s, action, rule
                            """)
                    }
                return try rows.compactMap { row in
                    let (day, hour, station, action, rule, count) = try row.decode((String, Int, String, String, String, Int).self)
                    guard let action = StationAction(rawValue: action) else { return nil }
                    return StationActivityCount(day: day, hour: hour, station: station, action: action, rule: rule, count: count)
                }
            }
        } catch {
            let mapped = PostgresStoreError(error, location: location, doing: "read")
            throw StationActivityError(location: location, detail: mapped.detail, exitStatus: mapped.exitStatus)
        }
    }

    public func close() { session.close() }

    static let recordSignature = "station_record_activity(text, text, bigint, text, text, text)"

    /// **A shipped migration is never edited** (see `PostgresMigration`). Every column is listed
    /// in Docs/station.md ("What a station records").
    public static let schema = PostgresSchema(
        store: "station_activity", storeName: "station activity store",
        migrations: [
            PostgresMigration(
                1, "station-hourly-logins",
                [
                    """
                    CREATE TABLE station_hourly (
                        library text NOT NULL,
                        day text NOT NULL,
                        hour smallint NOT NULL CHECK (hour BETWEEN 0 AND 23),
                        station text NOT NULL,
                        action text NOT NULL,
                        rule text NOT NULL,
                        count bigint NOT NULL CHECK (count > 0),
                        PRIMARY KEY (library, day, hour, station, action, rule))
                    """,
                    """
                    CREATE TABLE station_logins (
                        login text NOT NULL,
                        library text NOT NULL,
                        station text NOT NULL,
                        PRIMARY KEY (login, library, station))
                    """,
                    """
                    CREATE FUNCTION station_record_activity(
                        p_library text, p_day text, p_hour bigint, p_station text, p_action text, p_rule text)
                    RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
                    BEGIN
                        IF NOT has_table_privilege(session_user, 'public.station_hourly', 'INSERT') AND NOT EXISTS (
                            SELECT 1 FROM public.station_logins l
                            WHERE l.login = session_user AND l.library = p_library AND l.station = p_station)
                        THEN
                            RAISE EXCEPTION 'login % may not record for this station (station_logins)', session_user
                                USING ERRCODE = '42501';
                        END IF;
                        INSERT INTO public.station_hourly AS c (library, day, hour, station, action, rule, count)
                        VALUES (p_library, p_day, p_hour, p_station, p_action, p_rule, 1)
                        ON CONFLICT (library, day, hour, station, action, rule) DO UPDATE SET count = c.count + 1;
                    END
                    $$
                    """,
                    "REVOKE ALL ON FUNCTION \(recordSignature) FROM PUBLIC",
                ])
        ])
}
