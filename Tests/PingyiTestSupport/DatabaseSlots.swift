/// At most `limit` test databases in use at once in this test process.
///
/// Swift Testing runs every test of every suite concurrently; each database brings its pools
/// (the fixture's, a server's), so without a bound the parallel suites ask PostgreSQL for more
/// connections than any cluster allows as the suites grow (FATAL: too many clients, seen on a
/// clean clone). A test waits here for a slot instead — no timeout, no failure. A task that
/// already holds a slot (a test that makes a second database inside the first) takes another
/// without waiting, so nesting cannot deadlock.
actor DatabaseSlots {
    static let shared = DatabaseSlots(limit: 12)

    @TaskLocal static var held = false

    private let limit: Int
    private var inUse = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(limit: Int) {
        self.limit = limit
    }

    /// Runs `body` holding a slot.
    static func with<T>(_ body: () async throws -> T) async throws -> T {
        if held {
            return try await body()
        }
        await shared.acquire()
        do {
            let value = try await $held.withValue(true) { try await body() }
            await shared.release()
            return value
        } catch {
            await shared.release()
            throw error
        }
    }

    private func acquire() async {
        if inUse < limit {
            inUse += 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    private func release() {
        if waiting.isEmpty {
            inUse -= 1
        } else {
            waiting.removeFirst().resume()  // the slot passes to the first waiter
        }
    }
}
