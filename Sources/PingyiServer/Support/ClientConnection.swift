import Synchronization

/// One client's TCP connection, as far as its requests need to know: whether the client has hung
/// up. `ClientHangUpHandler` says so from the channel; `ClientDisconnectMiddleware` waits for it
/// beside each request and cancels the request when it comes.
final class ClientConnection: Sendable {
    private struct State {
        var gone = false
        var waiters: [Int: CheckedContinuation<Void, Never>] = [:]
        var lastWaiter = 0
    }

    private let state = Mutex(State())

    /// The client closed its side of the connection, or the connection dropped.
    func hangUp() {
        let waiters = state.withLock { state in
            state.gone = true
            defer { state.waiters.removeAll() }
            return Array(state.waiters.values)
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Whether the client has hung up.
    var isGone: Bool { state.withLock { $0.gone } }

    /// Returns once the client has hung up — or as soon as the waiting task is cancelled.
    func hungUp() async {
        let id = state.withLock { state in
            state.lastWaiter += 1
            return state.lastWaiter
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let now = state.withLock { state -> Bool in
                    if state.gone || Task.isCancelled { return true }
                    state.waiters[id] = continuation
                    return false
                }
                if now { continuation.resume() }
            }
        } onCancel: {
            state.withLock { $0.waiters.removeValue(forKey: id) }?.resume()
        }
    }
}
