import Logging
import PostgresNIO

/// The PostgreSQL schema, as named migrations applied in order, each in its own transaction.
/// A migration that has shipped is never edited: a change of schema is a new one appended here.
///
/// The tables and columns are those of the SQLite store (one schema, two dialects): dates as
/// ISO text, times as milliseconds and an offset; keys compare byte by byte (`COLLATE "C"`, as
/// in SQLite), so records list in the same order on both whatever the database's locale. Measurements are partitioned by month of
/// `started_at_ms` (``PostgresInventoryStore/ensurePartitions(_:)`` makes the months as results
/// arrive), so a year's results are dropped a partition at a time and a report reads only the
/// months it needs.
enum PostgresMigrations {
    static let all: [(name: String, statements: [String])] = [
        (
            "v1 inventory",
            [
                """
                CREATE TABLE plan (
                    key text COLLATE "C" PRIMARY KEY,
                    number double precision,
                    text text,
                    CHECK ((number IS NULL) <> (text IS NULL)))
                """,
                """
                CREATE TABLE districts (
                    name text COLLATE "C" PRIMARY KEY,
                    info_center_staff integer NOT NULL CHECK (info_center_staff >= 0),
                    small_district boolean NOT NULL)
                """,
                """
                CREATE TABLE schools (
                    code text COLLATE "C" PRIMARY KEY,
                    name text NOT NULL,
                    district text COLLATE "C" NOT NULL,
                    locality text NOT NULL,
                    central boolean NOT NULL,
                    kind text NOT NULL,
                    classes_kindergarten integer NOT NULL DEFAULT 0 CHECK (classes_kindergarten >= 0),
                    classes_primary integer NOT NULL DEFAULT 0 CHECK (classes_primary >= 0),
                    classes_junior integer NOT NULL DEFAULT 0 CHECK (classes_junior >= 0),
                    classes_senior integer NOT NULL DEFAULT 0 CHECK (classes_senior >= 0),
                    classes_vocational integer NOT NULL DEFAULT 0 CHECK (classes_vocational >= 0),
                    classes_special integer NOT NULL DEFAULT 0 CHECK (classes_special >= 0),
                    students integer,
                    kindergarten_stars integer,
                    vocational_demo text,
                    wireless_coverage_pct double precision,
                    it_staff integer,
                    latitude double precision,
                    longitude double precision)
                """,
                "CREATE INDEX schools_on_district ON schools (district)",
                """
                CREATE TABLE links (
                    link_id text COLLATE "C" PRIMARY KEY,
                    school_code text COLLATE "C" NOT NULL REFERENCES schools ON DELETE CASCADE,
                    provider text NOT NULL,
                    down_mbps double precision NOT NULL CHECK (down_mbps > 0),
                    up_mbps double precision NOT NULL CHECK (up_mbps > 0),
                    monthly_cost double precision,
                    contract_start text,
                    contract_end text)
                """,
                "CREATE INDEX links_on_school ON links (school_code)",
                """
                CREATE TABLE assets (
                    asset_tag text COLLATE "C" PRIMARY KEY,
                    school_code text COLLATE "C" REFERENCES schools ON DELETE CASCADE,
                    category text NOT NULL,
                    room text,
                    model text,
                    purchase_date text NOT NULL,
                    purchase_cost double precision NOT NULL CHECK (purchase_cost >= 0),
                    warranty_end text,
                    expected_life_years double precision,
                    status text NOT NULL)
                """,
                "CREATE INDEX assets_on_school ON assets (school_code)",
                """
                CREATE TABLE egress_links (
                    link_id text COLLATE "C" PRIMARY KEY,
                    provider text NOT NULL,
                    capacity_gbps double precision NOT NULL CHECK (capacity_gbps > 0),
                    monthly_cost double precision,
                    contract_start text,
                    contract_end text)
                """,
                """
                CREATE TABLE storage_readings (
                    pool text COLLATE "C" NOT NULL,
                    kind text NOT NULL,
                    capacity_tb double precision NOT NULL,
                    used_tb double precision NOT NULL,
                    as_of text COLLATE "C" NOT NULL,
                    PRIMARY KEY (pool, as_of))
                """,
                // A result's id is unique within its school (the probe's own id); the key also
                // holds the partition column, as PostgreSQL requires of a partitioned table's
                // key. That (school, id) is stored once whatever its time is kept by the writes
                // themselves, under a lock of the school (see `insertMeasurements`).
                """
                CREATE TABLE measurements (
                    id text COLLATE "C" NOT NULL,
                    school_code text COLLATE "C" NOT NULL REFERENCES schools ON DELETE CASCADE,
                    probe_id text NOT NULL,
                    kind text NOT NULL,
                    started_at_ms bigint NOT NULL,
                    utc_offset_minutes integer NOT NULL,
                    duration_s double precision NOT NULL CHECK (duration_s > 0),
                    mbps double precision NOT NULL CHECK (mbps >= 0),
                    cross_traffic_mbps double precision,
                    rtt_ms double precision,
                    loss_pct double precision,
                    valid boolean NOT NULL,
                    PRIMARY KEY (school_code, id, started_at_ms)
                ) PARTITION BY RANGE (started_at_ms)
                """,
                // Results outside the years a month partition is made for (2000 to 2099).
                "CREATE TABLE measurements_other PARTITION OF measurements DEFAULT",
                "CREATE INDEX measurements_on_school_time ON measurements (school_code, started_at_ms)",
            ]
        ),
        (
            "v2 api tokens",
            [
                """
                CREATE TABLE api_tokens (
                    id text PRIMARY KEY,
                    name text NOT NULL,
                    scope text NOT NULL,
                    school_code text,
                    sha256 text NOT NULL UNIQUE,
                    created_at text NOT NULL,
                    revoked_at text)
                """
            ]
        ),
        (
            "v3 change counter",
            [
                """
                CREATE TABLE store_generation (
                    id integer PRIMARY KEY CHECK (id = 1),
                    generation bigint NOT NULL)
                """,
                "INSERT INTO store_generation (id, generation) VALUES (1, 0)",
            ]
        ),
        (
            "v4 web sessions",
            [
                """
                CREATE TABLE web_sessions (
                    sha256 text PRIMARY KEY,
                    token_id text NOT NULL REFERENCES api_tokens (id) ON DELETE CASCADE,
                    csrf text NOT NULL,
                    expires_at_ms bigint NOT NULL)
                """,
                "CREATE INDEX web_sessions_on_token ON web_sessions (token_id)",
                "CREATE INDEX web_sessions_on_end ON web_sessions (expires_at_ms)",
            ]
        ),
        (
            // What each generation changed: one row per school a write touched, or one with no
            // school when it touched the city as a whole (see StoreChanges).
            "v5 change log",
            [
                "CREATE TABLE store_changes (generation bigint NOT NULL, school_code text COLLATE \"C\")",
                "CREATE INDEX store_changes_on_generation ON store_changes (generation)",
            ]
        ),
    ]

    /// A number of the advisory lock the migrations take, so that two instances starting at
    /// once apply each migration once.
    static let lock: Int64 = 0x5343_484f_4f4c_0001

    /// Applies the migrations the database has not seen, in order.
    static func migrate(_ client: PostgresClient, logger: Logger) async throws {
        try await client.withTransaction(logger: logger) { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(\(lock))", logger: logger)
            try await connection.query(
                "CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL)",
                logger: logger)
            var applied = Set<String>()
            for try await name in try await connection.query("SELECT name FROM schema_migrations", logger: logger)
                .decode(String.self)
            {
                applied.insert(name)
            }
            for migration in all where !applied.contains(migration.name) {
                for statement in migration.statements {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await connection.query(
                    "INSERT INTO schema_migrations (name, applied_at) VALUES (\(migration.name), now())", logger: logger
                )
                logger.debug("applied migration \(migration.name)")
            }
        }
    }
}
