import CLibPQ
import Foundation
import Logging

/// One libpq connection.
///
/// `query` and `execute` block the calling thread until the server answers, so they run on a
/// thread that may block (the `ConnectionPool`'s thread pool, or a command-line tool's own
/// thread) — never on a NIO event loop. `send` (in `Connection+Sending.swift`) runs a statement
/// without blocking: the task waits on `SocketPoller` instead. Either way a connection is used
/// by one task at a time. The `PGconn` is freed exactly once, by `close()` or when the
/// connection is deinitialised.
public final class Connection: @unchecked Sendable {
    var handle: OpaquePointer?
    private let notices: NoticeHandler
    /// Statements prepared on this connection: parameter types and SQL text → statement name.
    var prepared: [String: String] = [:]
    /// Whether `SocketPoller` has watched this connection's socket (it must forget it before
    /// libpq closes it).
    var watched = false
    /// The most statements kept prepared; past that, statements run unprepared.
    static let preparedLimit = 256
    /// The logger that receives the server's notices.
    public let logger: Logger

    /// Opens a connection.
    ///
    /// - Parameter conninfo: a libpq connection string or `postgresql://` URL; empty means
    ///   libpq's own defaults (`PGHOST`, `PGPORT`, `PGUSER`, `PGDATABASE`, …).
    /// - Parameter database: a database name that overrides the one of `conninfo`.
    /// - Parameter connectTimeout: libpq's `connect_timeout` in seconds; `nil` for libpq's own
    ///   (`PGCONNECT_TIMEOUT`, else none).
    /// - Throws: `PostgresError` with code `.connectionFailure` and libpq's message.
    public init(
        conninfo: String = "", database: String? = nil, connectTimeout: Int? = 10, logger: Logger = Logger(label: "pingyi.postgres")
    ) throws {
        self.logger = logger
        notices = NoticeHandler(logger: logger)
        // The session always speaks UTF-8 and reads dates as ISO in UTC, whatever the server's defaults.
        // Only the first dbname is expanded as a connection string; a second one is a plain name.
        var keywords = ["dbname", "client_encoding", "options", "application_name"]
        var values = [conninfo, "UTF8", "-c DateStyle=ISO,YMD -c TimeZone=UTC -c IntervalStyle=iso_8601", "pingyi"]
        // A server that accepts the connection and never answers must not hold a thread for ever:
        // `connectTimeout` seconds unless the conninfo (given after this, so it wins) says
        // otherwise; `nil` leaves it to libpq (PGCONNECT_TIMEOUT, else no limit).
        if let connectTimeout {
            keywords.insert("connect_timeout", at: 0)
            values.insert(String(connectTimeout), at: 0)
        }
        if let database {
            keywords.append("dbname")
            values.append(database)
        }
        let connection = Connection.withCStrings(keywords) { keywordPointers in
            Connection.withCStrings(values) { valuePointers in
                PQconnectdbParams(keywordPointers, valuePointers, 1)
            }
        }
        guard let connection else {
            throw PostgresError(code: .connectionFailure, message: "libpq could not allocate a connection")
        }
        guard PQstatus(connection) == CONNECTION_OK else {
            let message = String(cString: PQerrorMessage(connection))
            PQfinish(connection)
            throw PostgresError(code: .connectionFailure, message: message.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        handle = connection
        PQsetNoticeProcessor(
            connection,
            { argument, message in
                guard let argument, let message else { return }
                Unmanaged<NoticeHandler>.fromOpaque(argument).takeUnretainedValue().receive(String(cString: message))
            },
            Unmanaged.passUnretained(notices).toOpaque())
    }

    deinit {
        close()
    }

    /// Closes the connection; later calls do nothing.
    public func close() {
        if let handle {
            forgetSocket()
            PQfinish(handle)
            self.handle = nil
        }
    }

    /// Whether libpq reports the connection as good (`PQstatus`), after reading anything the
    /// server sent meanwhile (a terminated backend shows up only once its goodbye is read).
    public var isAlive: Bool {
        guard let handle else { return false }
        // The first read takes the server's FATAL message, parsing it (PQisBusy) settles it,
        // and the second read meets the closed socket: only then does libpq mark the connection bad.
        // Both reads are non-blocking: libpq's socket always is.
        if PQconsumeInput(handle) == 0 { return false }
        _ = PQisBusy(handle)
        if PQconsumeInput(handle) == 0 { return false }
        return PQstatus(handle) == CONNECTION_OK
    }

    /// Makes sure the connection is usable: a broken one is re-established (`PQreset`).
    public func ensureAlive() throws {
        guard let handle else {
            throw PostgresError(code: .connectionFailure, message: "connection is closed")
        }
        if isAlive { return }
        logger.warning("postgres: connection lost, reconnecting")
        prepared.removeAll()  // a new server session has none of them
        forgetSocket()  // PQreset closes it
        PQreset(handle)
        guard PQstatus(handle) == CONNECTION_OK else {
            let message = String(cString: PQerrorMessage(handle)).trimmingCharacters(in: .whitespacesAndNewlines)
            throw PostgresError(code: .connectionFailure, message: message)
        }
    }

    /// The server process serving this connection.
    public var backendPID: Int32 {
        guard let handle else { return 0 }
        return PQbackendPID(handle)
    }

    /// Runs one statement with its parameters (extended protocol, `PQexecParams`).
    @discardableResult
    public func query(_ query: Query) throws -> QueryResult {
        guard let handle else {
            throw PostgresError(code: .connectionFailure, message: "connection is closed")
        }
        try Connection.refuseNUL(in: query)
        let types = query.binds.map { $0.type.oid }
        let values: [UnsafeMutablePointer<CChar>?] = query.binds.map { bind in bind.text.map { strdup($0) } }
        defer { for value in values { free(value) } }
        let statement = try preparedName(for: query, types: types)
        let result: OpaquePointer? = values.withUnsafeBufferPointer { valuePointer in
            valuePointer.withMemoryRebound(to: UnsafePointer<CChar>?.self) { constValues in
                if let statement {
                    return PQexecPrepared(handle, statement, Int32(query.binds.count), constValues.baseAddress, nil, nil, 0)
                }
                return types.withUnsafeBufferPointer { typePointer in
                    PQexecParams(
                        handle, query.sql, Int32(query.binds.count), typePointer.baseAddress, constValues.baseAddress, nil, nil, 0)
                }
            }
        }
        return try check(result)
    }

    /// PostgreSQL text cannot hold NUL: refused rather than letting C strings truncate the value.
    static func refuseNUL(in query: Query) throws {
        for bind in query.binds where bind.text.map(Connection.containsNUL) == true {
            throw PostgresError(
                code: .dataException("22021"), sqlState: "22021",
                message: "a parameter contains a NUL character")
        }
    }

    /// Tells `SocketPoller` to stop watching the socket, before libpq closes it.
    private func forgetSocket() {
        guard watched, let handle else { return }
        SocketPoller.shared.forget(PQsocket(handle))
        watched = false
    }

    /// Whether the text holds a NUL byte (memchr over the UTF-8 bytes when they are contiguous).
    static func containsNUL(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            guard let base = bytes.baseAddress, !bytes.isEmpty else { return false }
            return memchr(base, 0, bytes.count) != nil
        }
    }

    /// The name of the prepared statement for `query`'s SQL, preparing it on first use; `nil`
    /// for statements that cannot be prepared (anything but SELECT, INSERT, UPDATE, DELETE,
    /// WITH and VALUES) or when the cache is full. Plans are then reused: no parse and plan per call.
    private func preparedName(for query: Query, types: [UInt32]) throws -> String? {
        // The same text with other parameter types is another statement.
        let key = types.map(String.init).joined(separator: ",") + ";" + query.sql
        if let name = prepared[key] { return name }
        guard let handle, prepared.count < Connection.preparedLimit, Connection.isPreparable(query.sql) else { return nil }
        let name = "pingyi_\(prepared.count + 1)"
        let result = types.withUnsafeBufferPointer { typePointer in
            PQprepare(handle, name, query.sql, Int32(types.count), typePointer.baseAddress)
        }
        _ = try check(result)
        prepared[key] = name
        return name
    }

    /// Whether a statement is one PostgreSQL can prepare.
    static func isPreparable(_ sql: String) -> Bool {
        let start = sql.drop { $0.isWhitespace || $0 == "(" }.prefix(7).uppercased()
        return ["SELECT", "INSERT", "UPDATE", "DELETE", "WITH", "VALUES"].contains { start.hasPrefix($0) }
    }

    /// Runs SQL text that may hold several statements (simple protocol, `PQexec`), e.g. a
    /// migration file. No parameters: the label says the text must be the program's own.
    @discardableResult
    public func execute(script: String) throws -> QueryResult {
        guard let handle else {
            throw PostgresError(code: .connectionFailure, message: "connection is closed")
        }
        return try check(PQexec(handle, script))
    }

    func check(_ result: OpaquePointer?) throws -> QueryResult {
        guard let result else {
            throw lastConnectionError()
        }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY:
            return QueryResult(taking: result)
        default:
            let error = Connection.error(from: result, fallback: lastConnectionError())
            PQclear(result)
            throw error
        }
    }

    func lastConnectionError() -> PostgresError {
        guard let handle else {
            return PostgresError(code: .connectionFailure, message: "connection is closed")
        }
        let message = String(cString: PQerrorMessage(handle)).trimmingCharacters(in: .whitespacesAndNewlines)
        return PostgresError(code: .connectionFailure, message: message.isEmpty ? "no answer from the server" : message)
    }

    private static func error(from result: OpaquePointer, fallback: PostgresError) -> PostgresError {
        func field(_ code: Int32) -> String? {
            guard let value = PQresultErrorField(result, code) else { return nil }
            return String(cString: value)
        }
        guard let sqlState = field(Int32(PINGYI_DIAG_SQLSTATE)) else {
            // No SQLSTATE: the error came from libpq itself (typically a lost connection).
            var error = fallback
            if let message = field(Int32(PINGYI_DIAG_MESSAGE_PRIMARY)) { error.message = message }
            return error
        }
        return PostgresError(
            code: PostgresError.Code(sqlState: sqlState),
            sqlState: sqlState,
            message: field(Int32(PINGYI_DIAG_MESSAGE_PRIMARY)) ?? "",
            detail: field(Int32(PINGYI_DIAG_MESSAGE_DETAIL)),
            hint: field(Int32(PINGYI_DIAG_MESSAGE_HINT)),
            table: field(Int32(PINGYI_DIAG_TABLE_NAME)),
            column: field(Int32(PINGYI_DIAG_COLUMN_NAME)),
            constraint: field(Int32(PINGYI_DIAG_CONSTRAINT_NAME)))
    }

    private static func withCStrings<R>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> R) -> R {
        let copies: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) } + [nil]
        defer { for copy in copies { free(copy) } }
        return copies.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: UnsafePointer<CChar>?.self) { body($0.baseAddress!) }
        }
    }
}
