import PostgresSupport

/// The gate event store's tables in PostgreSQL: the SQLite store's two (Docs/gate.md, "What is
/// stored"), each with the library (`[site] id`) beside the gate id so that one database serves
/// every gate of a network, plus the map from gate logins to the gates they write for.
///
/// Gate logins (role `libraryrfid_gate`, Docs/deployment.md "Roles") hold no privilege on any
/// table: they record through `gate_record_alarm`, a SECURITY DEFINER function owned by the
/// schema owner with a fixed search_path. It inserts the row and adds one to the hour with an
/// upsert (which a role without SELECT could not run itself), and lets a login write only for
/// the gates `gate_logins` gives it. A role with INSERT on the table itself (the owner, a
/// single-role site) may write for any gate.
enum PostgresGateEventSchema {
    /// **A shipped migration is never edited** (see `PostgresMigration`): add one after the last.
    static let schema = PostgresSchema(store: "gate_events", storeName: "gate event store", migrations: [v1])

    static let recordSignature = "gate_record_alarm(uuid, text, text, bigint, text, text, text, text, text)"
    static let purgeSignature = "gate_purge_alarms(text, text)"

    /// v1: alarm rows (to the minute; item only when the gate records items; a random key that
    /// makes a retried `record` idempotent), hourly counts, gate logins, the two functions.
    static let v1 = PostgresMigration(
        1, "alarms-hourly-logins",
        [
            """
            CREATE TABLE gate_alarms (
                id bigserial PRIMARY KEY,
                alarm_key uuid NOT NULL UNIQUE,
                library text NOT NULL,
                day text NOT NULL,
                minute text NOT NULL,
                gate text NOT NULL,
                direction text NOT NULL CHECK (direction IN ('in', 'out', 'unknown')),
                reason text NOT NULL,
                item text)
            """,
            "CREATE INDEX gate_alarms_by_day ON gate_alarms (library, day)",
            """
            CREATE TABLE gate_hourly_counts (
                library text NOT NULL,
                day text NOT NULL,
                hour smallint NOT NULL CHECK (hour BETWEEN 0 AND 23),
                gate text NOT NULL,
                direction text NOT NULL CHECK (direction IN ('in', 'out', 'unknown')),
                count bigint NOT NULL CHECK (count > 0),
                PRIMARY KEY (library, day, hour, gate, direction))
            """,
            """
            CREATE TABLE gate_logins (
                login text NOT NULL,
                library text NOT NULL,
                gate text NOT NULL,
                PRIMARY KEY (login, library, gate))
            """,
            """
            CREATE FUNCTION gate_record_alarm(
                p_key uuid, p_library text, p_day text, p_hour bigint, p_minute text, p_gate text,
                p_direction text, p_reason text, p_item text)
            RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
            DECLARE
                new_id bigint;
            BEGIN
                IF NOT has_table_privilege(session_user, 'public.gate_alarms', 'INSERT') AND NOT EXISTS (
                    SELECT 1 FROM public.gate_logins l
                    WHERE l.login = session_user AND l.library = p_library AND l.gate = p_gate)
                THEN
                    RAISE EXCEPTION 'login % may not record alarms for this gate (gate_logins)', session_user
                        USING ERRCODE = '42501';
                END IF;
                INSERT INTO public.gate_alarms (alarm_key, library, day, minute, gate, direction, reason, item)
                VALUES (p_key, p_library, p_day, p_minute, p_gate, p_direction, p_reason, p_item)
                ON CONFLICT (alarm_key) DO NOTHING
                RETURNING id INTO new_id;
                IF new_id IS NULL THEN
                    -- Stored before: a retry after the connection was lost around the commit.
                    SELECT a.id INTO new_id FROM public.gate_alarms a
                    WHERE a.alarm_key = p_key AND a.library = p_library AND a.gate = p_gate;
                    IF new_id IS NULL THEN
                        RAISE EXCEPTION 'alarm key already used' USING ERRCODE = '23505';
                    END IF;
                    RETURN new_id;
                END IF;
                INSERT INTO public.gate_hourly_counts AS c (library, day, hour, gate, direction, count)
                VALUES (p_library, p_day, p_hour, p_gate, p_direction, 1)
                ON CONFLICT (library, day, hour, gate, direction) DO UPDATE SET count = c.count + 1;
                RETURN new_id;
            END
            $$
            """,
            "REVOKE ALL ON FUNCTION \(recordSignature) FROM PUBLIC",
            """
            CREATE FUNCTION gate_purge_alarms(p_library text, p_before text)
            RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
            DECLARE
                deleted bigint;
            BEGIN
                IF has_table_privilege(session_user, 'public.gate_alarms', 'DELETE') THEN
                    DELETE FROM public.gate_alarms a WHERE a.library = p_library AND a.day < p_before;
                ELSE
                    DELETE FROM public.gate_alarms a
                    WHERE a.library = p_library AND a.day < p_before AND EXISTS (
                        SELECT 1 FROM public.gate_logins l
                        WHERE l.login = session_user AND l.library = a.library AND l.gate = a.gate);
                END IF;
                GET DIAGNOSTICS deleted = ROW_COUNT;
                RETURN deleted;
            END
            $$
            """,
            "REVOKE ALL ON FUNCTION \(purgeSignature) FROM PUBLIC",
        ])
}
