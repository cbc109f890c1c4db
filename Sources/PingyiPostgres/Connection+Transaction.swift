extension Connection {
    /// Runs `body` in a transaction: `BEGIN`, then `COMMIT` when it returns, `ROLLBACK` when it
    /// throws. A serialization failure (40001) or deadlock (40P01) runs the whole body again,
    /// up to `maxAttempts` times in all; `onRetry` hears of each retry.
    @discardableResult
    public func transaction<T>(
        _ isolation: IsolationLevel = .readCommitted,
        maxAttempts: Int = 1,
        onRetry: (Int, PostgresError) -> Void = { _, _ in },
        _ body: (Connection) throws -> T
    ) throws -> T {
        var attempt = 1
        while true {
            try query(Query(unsafeSQL: "BEGIN ISOLATION LEVEL \(isolation.rawValue)"))
            do {
                let value = try body(self)
                try query("COMMIT")
                return value
            } catch {
                // After a failed COMMIT the server has already rolled back; ROLLBACK then only
                // draws a notice. On a lost connection there is nothing to roll back.
                if isAlive { _ = try? query("ROLLBACK") }
                if let failure = error as? PostgresError, failure.isRetryable, attempt < maxAttempts {
                    onRetry(attempt, failure)
                    attempt += 1
                    continue
                }
                throw error
            }
        }
    }
}
