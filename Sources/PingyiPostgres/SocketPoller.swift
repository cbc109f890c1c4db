import CLibPQ
import Foundation
import Synchronization

/// Wakes the tasks that wait for a libpq socket to become readable or writable: one epoll set
/// and one thread for the whole process, whatever the number of pools and connections.
///
/// A task sends its statement without blocking (`Connection.send`), then parks here; the
/// poller's thread, woken by the kernel when the answer arrives, resumes it. No thread is held
/// while the database works, and no thread but the poller's is woken for it. Registrations are
/// one-shot: a socket is watched only while a task waits on it, so an idle connection's socket
/// costs nothing and a closed one can never wake anyone.
final class SocketPoller: Sendable {
    /// The process's poller, started on first use.
    static let shared = SocketPoller()

    private let epoll: Int32
    /// The task waiting on each socket: a connection is used by one task at a time.
    private let waiters = Mutex<[Int32: CheckedContinuation<Void, any Error>]>([:])

    private init() {
        epoll = epoll_create1(Int32(EPOLL_CLOEXEC))
        precondition(epoll >= 0, "epoll_create1 failed: \(String(cString: strerror(errno)))")
        let thread = Thread { [self] in run() }
        thread.name = "pingyi-libpq-poller"
        thread.start()
    }

    /// Waits until `socket` is readable (or writable, when `writable`), or it is forgotten.
    func wait(for socket: Int32, writable: Bool) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let earlier = waiters.withLock { $0.updateValue(continuation, forKey: socket) }
            earlier?.resume(throwing: PostgresError(code: .connectionFailure, message: "two tasks waited on one database socket"))
            guard pingyi_poll_arm(epoll, socket, writable ? 1 : 0) != 0 else { return }
            let failure = String(cString: strerror(errno))
            waiters.withLock { $0.removeValue(forKey: socket) }?.resume(
                throwing: PostgresError(code: .connectionFailure, message: "cannot watch the database socket: \(failure)"))
        }
    }

    /// Stops watching `socket`, before libpq closes it (`PQfinish`, `PQreset`): a waiting task
    /// is told the connection is gone, and a later socket with the same number starts afresh.
    func forget(_ socket: Int32) {
        guard socket >= 0 else { return }
        _ = pingyi_poll_forget(epoll, socket)
        waiters.withLock { $0.removeValue(forKey: socket) }?.resume(
            throwing: PostgresError(code: .connectionFailure, message: "the connection was closed"))
    }

    private func run() {
        var ready = [Int32](repeating: 0, count: 64)
        while true {
            let count = pingyi_poll_wait(epoll, &ready, Int32(ready.count), -1)
            if count < 0 {
                if errno == EINTR { continue }
                // Never seen; would spin if it persisted.
                usleep(10_000)
                continue
            }
            for socket in ready.prefix(Int(count)) {
                waiters.withLock { $0.removeValue(forKey: socket) }?.resume()
            }
        }
    }
}
