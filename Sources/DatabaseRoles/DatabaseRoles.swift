/// The least-privilege roles of a PostgreSQL database shared by a network (Docs/deployment.md,
/// "Roles"): four group roles, each allowed one job, and the login roles of devices and jobs
/// made members of them. What each group may touch is written down here, once, and granted by
/// `DatabaseSetup`.
public enum DatabaseRole: String, Sendable, CaseIterable {
    /// A gate daemon: records alarms (and purges its own gates' expired rows) through the gate
    /// store's functions. No privilege on any table: it cannot read counters or alarms, its own
    /// gates' included, and a login writes only for the gates mapped to it.
    case gate = "libraryrfid_gate"
    /// A staff station: adds to its hourly activity through the station store's function only.
    case station = "libraryrfid_station"
    /// The circulation ingest job: counters, item counts, raw events, the ledger and its key.
    case ingest = "libraryrfid_ingest"
    /// Report jobs and readers: aggregates only (hourly and monthly counters, hourly alarm
    /// counts, station counts); never alarm rows, raw events or the ledger.
    case report = "libraryrfid_report"

    /// Functions the role may execute (with their argument types, as GRANT names them).
    var functions: [String] {
        switch self {
        case .gate:
            ["gate_record_alarm(uuid, text, text, bigint, text, text, text, text, text)", "gate_purge_alarms(text, text)"]
        case .station: ["station_record_activity(text, text, bigint, text, text, text)"]
        case .ingest, .report: []
        }
    }

    /// Tables and the privileges on them (the circulation tables are `PostgresCirculationSchema`'s).
    /// A table not (yet) in the database is skipped and reported, and granted by the next run
    /// after its store is set up.
    var tables: [(privileges: String, tables: [String])] {
        switch self {
        case .gate, .station: []
        case .ingest:
            [
                (
                    "SELECT, INSERT, UPDATE",
                    ["hourly_counters", "item_monthly_counts", "raw_events", "ingested_files", "ingested_malformed_lines"]
                ),
                // Settling a malformed line read again deletes its record; nothing else is deleted
                // by ingest (purge runs as the owner). The key is made by the migration: read only.
                ("DELETE", ["ingested_malformed_lines"]),
                ("SELECT", ["circulation_ledger_key"]),
            ]
        case .report: [("SELECT", ["hourly_counters", "item_monthly_counts", "gate_hourly_counts", "station_hourly"])]
        }
    }

    /// Sequences behind the tables' `bigserial` ids that the role inserts into.
    var sequences: [String] {
        self == .ingest ? ["raw_events_id_seq", "ingested_files_id_seq"] : []
    }
}
