/// An error from PostgreSQL or from talking to it.
///
/// `description` is deliberately generic (it may reach a log line next to user input, never a
/// client); the server's message, detail and constraint are in `debugDescription`.
public struct PostgresError: Error, Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// What went wrong, as a typed SQLSTATE (or a client-side condition).
    public enum Code: Sendable, Hashable, CustomStringConvertible {
        /// 23505 unique_violation
        case uniqueViolation
        /// 23503 foreign_key_violation
        case foreignKeyViolation
        /// 23514 check_violation
        case checkViolation
        /// 23502 not_null_violation
        case notNullViolation
        /// 23P01 exclusion_violation
        case exclusionViolation
        /// 40001 serialization_failure
        case serializationFailure
        /// 40P01 deadlock_detected
        case deadlockDetected
        /// 22P02 invalid_text_representation, 22021 character_not_in_repertoire and other data exceptions (class 22)
        case dataException(String)
        /// 57014 query_canceled (including statement_timeout)
        case queryCanceled
        /// The connection could not be made or was lost (class 08, 57P01–57P03, or no answer).
        case connectionFailure
        /// No connection became free within the pool's checkout timeout.
        case poolTimeout
        /// The pool has been shut down.
        case poolClosed
        /// A value in a result could not be decoded into the requested Swift type.
        case decoding
        /// Any other SQLSTATE.
        case other(String)

        /// Maps a five-character SQLSTATE to a code.
        public init(sqlState: String) {
            switch sqlState {
            case "23505": self = .uniqueViolation
            case "23503": self = .foreignKeyViolation
            case "23514": self = .checkViolation
            case "23502": self = .notNullViolation
            case "23P01": self = .exclusionViolation
            case "40001": self = .serializationFailure
            case "40P01": self = .deadlockDetected
            case "57014": self = .queryCanceled
            case "57P01", "57P02", "57P03": self = .connectionFailure
            default:
                if sqlState.hasPrefix("08") {
                    self = .connectionFailure
                } else if sqlState.hasPrefix("22") {
                    self = .dataException(sqlState)
                } else {
                    self = .other(sqlState)
                }
            }
        }

        /// A short name of the condition.
        public var description: String {
            switch self {
            case .uniqueViolation: "unique_violation"
            case .foreignKeyViolation: "foreign_key_violation"
            case .checkViolation: "check_violation"
            case .notNullViolation: "not_null_violation"
            case .exclusionViolation: "exclusion_violation"
            case .serializationFailure: "serialization_failure"
            case .deadlockDetected: "deadlock_detected"
            case .dataException(let state): "data_exception(\(state))"
            case .queryCanceled: "query_canceled"
            case .connectionFailure: "connection_failure"
            case .poolTimeout: "pool_timeout"
            case .poolClosed: "pool_closed"
            case .decoding: "decoding"
            case .other(let state): "sqlstate(\(state))"
            }
        }
    }

    /// The typed condition.
    public var code: Code
    /// The raw SQLSTATE when the server sent one.
    public var sqlState: String?
    /// The primary message (server's or client's).
    public var message: String
    /// The server's DETAIL, if any.
    public var detail: String?
    /// The server's HINT, if any.
    public var hint: String?
    /// The table the error concerns, if any.
    public var table: String?
    /// The column the error concerns, if any.
    public var column: String?
    /// The constraint that was violated, if any.
    public var constraint: String?

    /// Makes an error.
    public init(
        code: Code, sqlState: String? = nil, message: String, detail: String? = nil,
        hint: String? = nil, table: String? = nil, column: String? = nil, constraint: String? = nil
    ) {
        self.code = code
        self.sqlState = sqlState
        self.message = message
        self.detail = detail
        self.hint = hint
        self.table = table
        self.column = column
        self.constraint = constraint
    }

    /// Whether a transaction that failed with this error may succeed when simply run again.
    public var isRetryable: Bool {
        code == .serializationFailure || code == .deadlockDetected
    }

    /// Whether the database could not be reached (no connection, none free in time, pool closed):
    /// the request may succeed later, so clients are told 503.
    public var isUnavailable: Bool {
        code == .connectionFailure || code == .poolTimeout || code == .poolClosed
    }

    /// Generic: safe to log next to anything.
    public var description: String {
        "PostgresError(\(code))"
    }

    /// Everything the server said.
    public var debugDescription: String {
        var parts = ["PostgresError(\(code)"]
        if let sqlState { parts.append("sqlstate: \(sqlState)") }
        parts.append("message: \(message)")
        if let detail { parts.append("detail: \(detail)") }
        if let hint { parts.append("hint: \(hint)") }
        if let table { parts.append("table: \(table)") }
        if let column { parts.append("column: \(column)") }
        if let constraint { parts.append("constraint: \(constraint)") }
        return parts.joined(separator: ", ") + ")"
    }
}
