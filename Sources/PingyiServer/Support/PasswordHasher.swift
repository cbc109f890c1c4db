import Foundation
import HummingbirdBcrypt
import NIOPosix

/// bcrypt work, bounded: at most one hash per core runs at a time on NIO's blocking-work thread
/// pool (never on the cooperative threads), and at most `queueLimit` more wait (16 per core: more
/// than one address's sign-in limit, so a single address cannot fill it); past that a sign-in is
/// refused at once (`nil`, 503) instead of queueing without end behind a burst.
actor PasswordHasher {
    private let threads = NIOThreadPool.singleton
    private let cost: UInt8
    private let slots: Int
    private let queueLimit: Int
    private var running = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []
    private var dummy: String?

    init(cost: UInt8, slots: Int = max(1, ProcessInfo.processInfo.activeProcessorCount), queueLimit: Int? = nil) {
        self.cost = cost
        self.slots = slots
        self.queueLimit = queueLimit ?? slots * 16
    }

    /// The hash of a random password at the configured cost (made on first use), checked when
    /// the login is unknown, so that an unknown login takes as long as a known one at any cost.
    func dummyHash() async throws -> String {
        if let dummy { return dummy }
        let cost = self.cost
        let made = try await threads.runIfActive { Bcrypt.hash(UUID().uuidString, cost: cost) }
        dummy = made
        return made
    }

    /// Whether `password` matches `hash`; `nil` when too many checks are already waiting.
    func verify(_ password: String, hash: String) async throws -> Bool? {
        guard await acquire() else { return nil }
        defer { release() }
        return try await threads.runIfActive { Bcrypt.verify(password, hash: hash) }
    }

    /// A new hash of `password` at the configured cost; `nil` when too many are waiting.
    func hash(_ password: String) async throws -> String? {
        guard await acquire() else { return nil }
        defer { release() }
        let cost = self.cost
        return try await threads.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    private func acquire() async -> Bool {
        if running < slots {
            running += 1
            return true
        }
        guard waiting.count < queueLimit else { return false }
        await withCheckedContinuation { waiting.append($0) }
        return true
    }

    private func release() {
        if waiting.isEmpty {
            running -= 1
        } else {
            waiting.removeFirst().resume()  // the slot passes to the next in line
        }
    }

    /// bcrypt reads at most 72 bytes: a longer password would be checked on its first 72 only.
    static let maxPasswordBytes = 72
}
