import GRDB

/// The store's schema, as named migrations. A migration that has shipped is never edited:
/// a change of schema is a new migration appended here.
enum InventoryMigrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1 inventory") { db in
            // One row a plan key (Plan.fields); a number is REAL, a list is comma-separated TEXT.
            try db.create(table: "plan") { t in
                t.primaryKey("key", .text)
                t.column("value").notNull()
            }
            try db.create(table: "districts") { t in
                t.primaryKey("name", .text)
                t.column("info_center_staff", .integer).notNull().check { $0 >= 0 }
                t.column("small_district", .boolean).notNull()
            }
            try db.create(table: "schools") { t in
                t.primaryKey("code", .text)
                t.column("name", .text).notNull()
                t.column("district", .text).notNull().indexed()
                t.column("locality", .text).notNull()
                t.column("central", .boolean).notNull()
                t.column("kind", .text).notNull()
                for stage in ["kindergarten", "primary", "junior", "senior", "vocational", "special"] {
                    t.column("classes_" + stage, .integer).notNull().defaults(to: 0).check { $0 >= 0 }
                }
                t.column("students", .integer)
                t.column("kindergarten_stars", .integer)
                t.column("vocational_demo", .text)
                t.column("wireless_coverage_pct", .double)
                t.column("it_staff", .integer)
                t.column("latitude", .double)
                t.column("longitude", .double)
            }
            try db.create(table: "links") { t in
                t.primaryKey("link_id", .text)
                t.column("school_code", .text).notNull().indexed().references("schools", onDelete: .cascade)
                t.column("provider", .text).notNull()
                t.column("down_mbps", .double).notNull().check { $0 > 0 }
                t.column("up_mbps", .double).notNull().check { $0 > 0 }
                t.column("monthly_cost", .double)
                t.column("contract_start", .text)
                t.column("contract_end", .text)
            }
            try db.create(table: "assets") { t in
                t.primaryKey("asset_tag", .text)
                t.column("school_code", .text).indexed().references("schools", onDelete: .cascade)
                t.column("category", .text).notNull()
                t.column("room", .text)
                t.column("model", .text)
                t.column("purchase_date", .text).notNull()
                t.column("purchase_cost", .double).notNull().check { $0 >= 0 }
                t.column("warranty_end", .text)
                t.column("expected_life_years", .double)
                t.column("status", .text).notNull()
            }
            try db.create(table: "egress_links") { t in
                t.primaryKey("link_id", .text)
                t.column("provider", .text).notNull()
                t.column("capacity_gbps", .double).notNull().check { $0 > 0 }
                t.column("monthly_cost", .double)
                t.column("contract_start", .text)
                t.column("contract_end", .text)
            }
            try db.create(table: "storage_readings") { t in
                t.column("pool", .text).notNull()
                t.column("kind", .text).notNull()
                t.column("capacity_tb", .double).notNull()
                t.column("used_tb", .double).notNull()
                t.column("as_of", .text).notNull()
                t.primaryKey(["pool", "as_of"])
            }
            try db.create(table: "measurements") { t in
                t.primaryKey("id", .text)
                t.column("school_code", .text).notNull().references("schools", onDelete: .cascade)
                t.column("probe_id", .text).notNull()
                t.column("kind", .text).notNull()
                t.column("started_at_ms", .integer).notNull()
                t.column("utc_offset_minutes", .integer).notNull()
                t.column("duration_s", .double).notNull().check { $0 > 0 }
                t.column("mbps", .double).notNull().check { $0 >= 0 }
                t.column("cross_traffic_mbps", .double)
                t.column("rtt_ms", .double)
                t.column("loss_pct", .double)
                t.column("valid", .boolean).notNull()
            }
            try db.create(
                index: "measurements_on_school_time", on: "measurements", columns: ["school_code", "started_at_ms"])
        }
        migrator.registerMigration("v2 api tokens") { db in
            // A token is shown once when made; only its SHA-256 is kept.
            try db.create(table: "api_tokens") { t in
                t.primaryKey("id", .text)
                t.column("name", .text).notNull()
                t.column("scope", .text).notNull()
                t.column("school_code", .text)
                t.column("sha256", .text).notNull().unique()
                t.column("created_at", .text).notNull()
                t.column("revoked_at", .text)
            }
        }
        migrator.registerMigration("v3 measurement ids within their school") { db in
            // A probe's result id is its own (`<probe>-<slot>-down`): unique within its school,
            // not across the city. Keyed by id alone, one school's probe could post another
            // school's next id first, and that school's result would be answered as a duplicate.
            try db.create(table: "measurements_v3") { t in
                t.column("id", .text).notNull()
                t.column("school_code", .text).notNull().references("schools", onDelete: .cascade)
                t.column("probe_id", .text).notNull()
                t.column("kind", .text).notNull()
                t.column("started_at_ms", .integer).notNull()
                t.column("utc_offset_minutes", .integer).notNull()
                t.column("duration_s", .double).notNull().check { $0 > 0 }
                t.column("mbps", .double).notNull().check { $0 >= 0 }
                t.column("cross_traffic_mbps", .double)
                t.column("rtt_ms", .double)
                t.column("loss_pct", .double)
                t.column("valid", .boolean).notNull()
                t.primaryKey(["school_code", "id"])
            }
            try db.execute(sql: "INSERT INTO measurements_v3 SELECT * FROM measurements")
            try db.drop(table: "measurements")
            try db.rename(table: "measurements_v3", to: "measurements")
            try db.create(
                index: "measurements_on_school_time", on: "measurements", columns: ["school_code", "started_at_ms"])
        }
        migrator.registerMigration("v4 change counter") { db in
            // One number every write of the city raises in its own transaction, so that a
            // service learns from the database itself that another process (a command-line
            // import, another instance) changed what it has cached.
            try db.create(table: "store_generation") { t in
                t.primaryKey("id", .integer).check { $0 == 1 }
                t.column("generation", .integer).notNull()
            }
            try db.execute(sql: "INSERT INTO store_generation (id, generation) VALUES (1, 0)")
        }
        migrator.registerMigration("v5 web sessions") { db in
            // A browser's login: the hash of its cookie, the token it logged in with (a
            // revoked token ends its sessions), the form token and when it ends. Kept in the
            // database so that a restart or another instance keeps the planner logged in.
            try db.create(table: "web_sessions") { t in
                t.primaryKey("sha256", .text)
                t.column("token_id", .text).notNull().references("api_tokens", column: "id", onDelete: .cascade)
                t.column("csrf", .text).notNull()
                t.column("expires_at_ms", .integer).notNull()
            }
            try db.create(index: "web_sessions_on_token", on: "web_sessions", columns: ["token_id"])
            try db.create(index: "web_sessions_on_end", on: "web_sessions", columns: ["expires_at_ms"])
        }
        migrator.registerMigration("v6 change log") { db in
            // What each generation changed: one row per school a write touched, or one with no
            // school when it touched the city as a whole, so that a service re-judges only the
            // schools that changed since its report. Pruned to the last generations kept.
            try db.create(table: "store_changes") { t in
                t.column("generation", .integer).notNull()
                t.column("school_code", .text)
            }
            try db.create(index: "store_changes_on_generation", on: "store_changes", columns: ["generation"])
        }
        return migrator
    }
}
