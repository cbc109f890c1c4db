import Hummingbird

/// Cancels a request whose client hangs up before it is answered, and answers it 499 (nginx's
/// "client closed request", for the request log and the metrics; nobody reads it). Cancellation
/// is what lets go of what the request waits for: a task waiting for a database connection leaves
/// the pool's queue at once (`ConnectionPool`), instead of holding its place until the checkout
/// timeout and then running for nobody. A request without a watched connection (the router test
/// framework's) runs as it is.
struct ClientDisconnectMiddleware: RouterMiddleware {
    typealias Context = PingyiRequestContext
    let connections: ClientConnections

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let connection = connections[context.connection] else { return try await next(request, context) }
        // The handler runs as a child task beside a watcher of the connection; `next` does not
        // outlive the task group, which waits for both.
        return try await withoutActuallyEscaping(next) { next in
            let respond = Handover(next)
            return try await withThrowingTaskGroup(of: Response?.self) { group in
                group.addTask { try await respond.value(request, context) }
                group.addTask {
                    await connection.hungUp()
                    return nil
                }
                if let first = try await group.next(), let response = first {
                    group.cancelAll()  // answered: stop watching
                    return response
                }
                // The client hung up first: cancel the handler and let it finish.
                group.cancelAll()
                try? await group.waitForAll()
                return Response(status: .init(code: 499, reasonPhrase: "Client Closed Request"))
            }
        }
    }

    /// The handler, handed to the child task that runs it while the middleware waits for it.
    private struct Handover: @unchecked Sendable {
        let value: (Request, Context) async throws -> Response
        init(_ value: @escaping (Request, Context) async throws -> Response) { self.value = value }
    }
}
