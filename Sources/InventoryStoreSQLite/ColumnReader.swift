import GRDB
import GRDBSQLite
import InventoryModel

/// Steps through a query's rows with SQLite's C API, reading columns in place: millions of
/// rows without a `Row` or a string made for each.
struct ColumnReader {
    private let statement: Statement
    private let db: Database
    private let table: String

    init(_ db: Database, table: String, sql: String, arguments: StatementArguments = []) throws {
        statement = try db.makeStatement(sql: sql)
        try statement.setArguments(arguments)
        self.db = db
        self.table = table
    }

    /// Moves to the next row; false after the last.
    func next() throws -> Bool {
        let code = sqlite3_step(statement.sqliteStatement)
        if code == SQLITE_ROW { return true }
        if code == SQLITE_DONE { return false }
        throw DatabaseError(
            resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)),
            sql: statement.sql)
    }

    /// A text column's UTF-8 bytes, valid until the next row; nil for NULL.
    func text(_ column: Int32) -> UnsafeRawBufferPointer? {
        guard let start = sqlite3_column_text(statement.sqliteStatement, column) else { return nil }
        return UnsafeRawBufferPointer(start: start, count: Int(sqlite3_column_bytes(statement.sqliteStatement, column)))
    }

    func int(_ column: Int32) -> Int64 { sqlite3_column_int64(statement.sqliteStatement, column) }

    func double(_ column: Int32) -> Double { sqlite3_column_double(statement.sqliteStatement, column) }

    func optionalDouble(_ column: Int32) -> Double? {
        sqlite3_column_type(statement.sqliteStatement, column) == SQLITE_NULL ? nil : double(column)
    }

    /// A column holding one of an enum's spellings.
    func choice<E: InventoryEnum>(_ column: Int32, _ name: String) throws -> E {
        guard let bytes = text(column), let value = E(utf8: bytes) else { throw corrupt(column, name) }
        return value
    }

    /// A column holding a date, `YYYY-MM-DD`.
    func date(_ column: Int32, _ name: String) throws -> CalendarDate {
        guard let bytes = text(column), let day = CalendarDate(isoBytes: bytes) else { throw corrupt(column, name) }
        return day
    }

    private func corrupt(_ column: Int32, _ name: String) -> StoreCorruption {
        StoreCorruption(
            table: table, column: name, value: text(column).map { String(decoding: $0, as: UTF8.self) } ?? "NULL")
    }
}
