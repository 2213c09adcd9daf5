import InventoryModel
import Logging
import NIOCore
import PostgresNIO

extension PostgresInventoryStore {
    /// The city as the compliance rules read it: the small tables as records; assets and
    /// measurements as facts packed by the server, one row a school holding every fact of the
    /// school in fixed-size binary records (a row a fact costs the driver more than the server
    /// takes to make it); of the measurements, those of the window alone (the partitions of
    /// other months are not read).
    ///
    /// The facts of the schools from the middle code on are read on a second connection that
    /// shares this one's snapshot: the server packs both halves at once, and both are the data
    /// of one moment.
    public func loadFacts(measurements window: @escaping @Sendable (Plan) -> Range<Int64>?) async throws -> CityFacts {
        // Let in before the first connection is taken: a read holds one and then asks for a
        // second, so at most half the pool reads at once, and each gets its second.
        guard let factReads else { return try await readFacts(window, twoConnections: false) }
        return try await factReads.admitted { try await self.readFacts(window, twoConnections: true) }
    }

    private func readFacts(_ window: @Sendable (Plan) -> Range<Int64>?, twoConnections: Bool) async throws -> CityFacts
    {
        try await snapshot { connection in
            let snapshot = try await Self.exportSnapshot(connection, logger)
            var inventory = Inventory()
            inventory.plan = try await Self.plan(connection, logger)
            try await Self.records(
                .schools, PostgresQuery(unsafeSQL: Self.select(.schools)), connection, logger, into: &inventory)
            let range = window(inventory.plan)
            let schools = inventory.schools
            // Room for the whole city's facts in the lower half's arrays, which the upper half
            // joins: neither grows by doubling nor is copied whole again at the end.
            let whole = try await Self.estimatedRows(connection, logger)
            let middle = schools.isEmpty ? "" : schools[schools.count / 2].code
            // The upper half on a second connection (a pool of one reads it on this one, last).
            let upperPart = SchoolRange(from: middle)
            async let upper: (assets: [AssetFact], measurements: [MeasurementFact])? =
                twoConnections
                ? self.snapshot(sharing: snapshot) { other in
                    try await Self.facts(upperPart, range, schools: schools, other, self.logger, room: nil)
                } : nil
            // The other small tables meanwhile, then the lower half.
            for table in InventoryTable.allCases where ![.schools, .assets, .measurements].contains(table) {
                try await Self.records(
                    table, PostgresQuery(unsafeSQL: Self.select(table)), connection, logger, into: &inventory)
            }
            var (assets, measurements) = try await Self.facts(
                SchoolRange(before: middle), range, schools: schools, connection, logger, room: whole)
            let (upperAssets, upperMeasurements) =
                if let read = try await upper { read } else {
                    try await Self.facts(upperPart, range, schools: schools, connection, logger, room: nil)
                }
            assets += upperAssets
            measurements += upperMeasurements
            return CityFacts(inventory: inventory, assets: assets, measurements: measurements)
        }
    }

    /// The facts of the assets and of the measurements that started in the range (all without
    /// one) of the schools whose codes lie in `part`.
    ///
    /// - Parameter room: the rows to make room for in the arrays at once (the planner's
    ///   estimate of the whole tables), nil for none.
    private static func facts(
        _ part: SchoolRange, _ range: Range<Int64>?, schools: [School], _ connection: PostgresConnection,
        _ logger: Logger, room: (assets: Int, measurements: Int)?
    ) async throws -> (assets: [AssetFact], measurements: [MeasurementFact]) {
        var places = SchoolPlaces(schools)
        var assets: [AssetFact] = []
        var measurements: [MeasurementFact] = []
        if let room {
            assets.reserveCapacity(room.assets)
            measurements.reserveCapacity(room.measurements)
        }
        for try await (school, packed) in try await connection.query(PackedAssets.query(part), logger: logger)
            .decode((String?, ByteBuffer).self)
        {
            guard let place = places.place(of: school) else { continue }
            try PackedAssets.unpack(packed, school: place, into: &assets)
        }
        for try await (school, packed) in try await connection.query(
            PackedMeasurements.query(range, part), logger: logger
        ).decode((String, ByteBuffer).self) {
            guard let place = places.place(of: school) else { continue }
            try PackedMeasurements.unpack(packed, school: place, into: &measurements)
        }
        return (assets, measurements)
    }

    /// The rows of the assets and of the measurements (all partitions) as the planner's
    /// statistics estimate them (0 before the tables were first analysed), a little over.
    private static func estimatedRows(
        _ connection: PostgresConnection, _ logger: Logger
    ) async throws -> (assets: Int, measurements: Int) {
        let query: PostgresQuery = """
            SELECT
                (SELECT greatest(reltuples, 0)::int8 FROM pg_class WHERE oid = 'assets'::regclass),
                (SELECT coalesce(sum(greatest(c.reltuples, 0)), 0)::int8 FROM pg_inherits i
                 JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'measurements'::regclass)
            """
        for try await (assets, measurements) in try await connection.query(query, logger: logger)
            .decode((Int, Int).self)
        {
            // Statistics lag the tables: some room over, bounded by what a city could hold.
            return (min(assets + assets / 16, 1 << 24), min(measurements + measurements / 16, 1 << 24))
        }
        return (0, 0)
    }

    /// The name of the snapshot of the connection's transaction, for another to share.
    private static func exportSnapshot(_ connection: PostgresConnection, _ logger: Logger) async throws -> String {
        for try await name in try await connection.query("SELECT pg_export_snapshot()", logger: logger)
            .decode(String.self)
        {
            return name
        }
        throw StoreCorruption(table: "pg_export_snapshot", column: "name", value: "no row")
    }
}
