import GRDB
import GRDBSQLite
import InventoryModel

/// Binds one row's values straight to a prepared statement and runs it.
///
/// A bulk import binds millions of rows; going through `StatementArguments` would box every
/// value, so this talks to SQLite's C API on GRDB's own prepared statement instead.
struct BulkInsert {
    private let statement: Statement
    private var parameter: Int32 = 0
    /// Rows the runs so far inserted or updated (an ignored row counts none).
    private(set) var changes = 0
    /// SQLite copies the bytes before the call returns, so Swift may free them right after.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    init(_ db: Database, sql: String) throws {
        statement = try db.makeStatement(sql: sql)
    }

    /// An insert of whole rows into `table`, in its column order, that does what `conflict` says
    /// when a row's key is taken.
    init(_ db: Database, table: String, on conflict: WriteConflict) throws {
        let columns = try db.columns(in: table).map { $0.name.quotedDatabaseIdentifier }
        let values = "VALUES (" + Array(repeating: "?", count: columns.count).joined(separator: ",") + ")"
        let sql: String
        switch conflict {
        case .fail: sql = "INSERT INTO \(table) \(values)"
        // Only a taken key is skipped: `INSERT OR IGNORE` would skip a row a CHECK refuses too,
        // and a bad value would vanish without a word.
        case .ignore: sql = "INSERT INTO \(table) \(values) ON CONFLICT DO NOTHING"
        case .update:
            let key = try db.primaryKey(table).columns.map(\.quotedDatabaseIdentifier)
            let others = columns.filter { !key.contains($0) }
            sql =
                "INSERT INTO \(table) \(values) ON CONFLICT (\(key.joined(separator: ","))) DO UPDATE SET "
                + others.map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
        }
        try self.init(db, sql: sql)
    }

    private var handle: OpaquePointer { statement.sqliteStatement }

    mutating func bind(_ text: String?) {
        parameter += 1
        guard var text else {
            sqlite3_bind_null(handle, parameter)
            return
        }
        let handle = handle
        let parameter = parameter
        text.withUTF8 { bytes in
            _ = sqlite3_bind_text(handle, parameter, bytes.baseAddress, Int32(bytes.count), BulkInsert.transient)
        }
    }

    mutating func bind(_ value: Double?) {
        parameter += 1
        if let value { sqlite3_bind_double(handle, parameter, value) } else { sqlite3_bind_null(handle, parameter) }
    }

    mutating func bind(_ value: Int?) {
        parameter += 1
        if let value {
            sqlite3_bind_int64(handle, parameter, Int64(value))
        } else {
            sqlite3_bind_null(handle, parameter)
        }
    }

    mutating func bind(_ value: Bool) {
        bind(value ? 1 : 0)
    }

    mutating func bind(_ date: CalendarDate?) {
        parameter += 1
        guard let date else {
            sqlite3_bind_null(handle, parameter)
            return
        }
        var bytes = date.isoBytes
        let handle = handle
        let parameter = parameter
        withUnsafeBytes(of: &bytes) { raw in
            _ = sqlite3_bind_text(
                handle, parameter, raw.baseAddress!.assumingMemoryBound(to: CChar.self), 10, BulkInsert.transient)
        }
    }

    mutating func bind<E: InventoryEnum>(_ value: E?) {
        bind(value?.rawValue)
    }

    /// Runs the statement with the values bound since the last run.
    mutating func step() throws {
        parameter = 0
        let code = sqlite3_step(handle)
        if code == SQLITE_DONE { changes += Int(sqlite3_changes(sqlite3_db_handle(handle))) }
        sqlite3_reset(handle)
        guard code == SQLITE_DONE else {
            throw DatabaseError(
                resultCode: ResultCode(rawValue: code),
                message: String(cString: sqlite3_errmsg(sqlite3_db_handle(handle))), sql: statement.sql)
        }
    }
}

extension CalendarDate {
    /// The ten bytes of `YYYY-MM-DD`, without building a String.
    var isoBytes: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) {
        let (y, m, d) = parts
        func digit(_ value: Int) -> UInt8 { UInt8(48 + value % 10) }
        return (
            digit(y / 1000), digit(y / 100), digit(y / 10), digit(y), 0x2D, digit(m / 10), digit(m), 0x2D,
            digit(d / 10), digit(d)
        )
    }
}
