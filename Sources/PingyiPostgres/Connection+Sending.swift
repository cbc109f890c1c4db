import CLibPQ
import Foundation

extension Connection {
    /// Runs one statement with its parameters without blocking a thread: the statement goes out
    /// in libpq's non-blocking mode (`PQsendQueryPrepared`, prepared on first use like `query`'s),
    /// and the task waits for the answer on `SocketPoller`, which resumes it when the socket is
    /// readable. For the hot paths that run on Swift's cooperative pool (a ballot's claim): no
    /// hop to the pool's threads and back, and no thread held while the database works.
    ///
    /// A statement in flight is not abandoned when the task is cancelled: the connection must
    /// come back to its pool idle.
    @discardableResult
    public func send(_ query: Query) async throws -> QueryResult {
        guard let handle else {
            throw PostgresError(code: .connectionFailure, message: "connection is closed")
        }
        try Connection.refuseNUL(in: query)
        let types = query.binds.map { $0.type.oid }
        let key = types.map(String.init).joined(separator: ",") + ";" + query.sql
        var statement = prepared[key]
        if statement == nil, prepared.count < Connection.preparedLimit, Connection.isPreparable(query.sql) {
            let name = "pingyi_\(prepared.count + 1)"
            _ = try await exchange {
                types.withUnsafeBufferPointer { PQsendPrepare(handle, name, query.sql, Int32(types.count), $0.baseAddress) }
            }
            prepared[key] = name
            statement = name
        }
        let values: [UnsafeMutablePointer<CChar>?] = query.binds.map { bind in bind.text.map { strdup($0) } }
        defer { for value in values { free(value) } }
        return try await exchange {
            values.withUnsafeBufferPointer { valuePointer in
                valuePointer.withMemoryRebound(to: UnsafePointer<CChar>?.self) { constValues in
                    if let statement {
                        return PQsendQueryPrepared(handle, statement, Int32(values.count), constValues.baseAddress, nil, nil, 0)
                    }
                    return types.withUnsafeBufferPointer { typePointer in
                        PQsendQueryParams(
                            handle, query.sql, Int32(values.count), typePointer.baseAddress, constValues.baseAddress, nil, nil, 0)
                    }
                }
            }
        }
    }

    /// Sends what `start` queues (in non-blocking mode), flushes it, and collects the answer:
    /// the first failed result, or else the last one.
    private func exchange(_ start: () -> Int32) async throws -> QueryResult {
        guard let handle else {
            throw PostgresError(code: .connectionFailure, message: "connection is closed")
        }
        // Blocking mode is the default the rest of the code expects (`PQexec` ignores it anyway).
        PQsetnonblocking(handle, 1)
        defer { PQsetnonblocking(handle, 0) }
        guard start() == 1 else { throw lastConnectionError() }
        let socket = PQsocket(handle)
        watched = true
        while true {
            let flushed = PQflush(handle)
            if flushed == 0 { break }
            if flushed < 0 { throw lastConnectionError() }
            try await SocketPoller.shared.wait(for: socket, writable: true)
        }
        var results: [OpaquePointer] = []
        defer { for result in results { PQclear(result) } }
        reading: while true {
            guard PQconsumeInput(handle) == 1 else { throw lastConnectionError() }
            while PQisBusy(handle) == 0 {
                guard let result = PQgetResult(handle) else { break reading }
                results.append(result)
            }
            try await SocketPoller.shared.wait(for: socket, writable: false)
        }
        let chosen =
            results.first { status in
                let code = PQresultStatus(status)
                return code != PGRES_COMMAND_OK && code != PGRES_TUPLES_OK && code != PGRES_EMPTY_QUERY
            } ?? results.last
        guard let chosen else { throw lastConnectionError() }
        results.removeAll { $0 == chosen }
        return try check(chosen)
    }
}
