import PingyiCore
import Synchronization

/// Parsed scoring policies by SHA-256: a year's policy text is parsed once per process, not
/// again by every store call that needs it (scoring, publishing, the personnel list, pages).
/// Bounded as `RunCache` is: a county has a policy a year, so past `capacity` texts the cache
/// starts over.
enum PolicyCache {
    static let capacity = 32
    private static let policies = Mutex<[String: ScoringPolicy]>([:])

    /// How many policies are kept.
    static var count: Int { policies.withLock { $0.count } }

    static func policy(sha256: String, text: @autoclosure () throws -> String, year: Int) throws -> ScoringPolicy {
        if let cached = policies.withLock({ $0[sha256] }) { return cached }
        let policy = try ScoringPolicy.parse(try text(), file: "appraisal \(year) policy")
        policies.withLock { policies in
            if policies.count >= capacity { policies.removeAll() }
            policies[sha256] = policy
        }
        return policy
    }
}
