import PingyiCore
import Synchronization

/// Parsed scoring policies by SHA-256: a year's policy text is parsed once per process, not
/// again by every store call that needs it (scoring, publishing, the personnel list, pages).
enum PolicyCache {
    private static let policies = Mutex<[String: ScoringPolicy]>([:])

    static func policy(sha256: String, text: @autoclosure () throws -> String, year: Int) throws -> ScoringPolicy {
        if let cached = policies.withLock({ $0[sha256] }) { return cached }
        let policy = try ScoringPolicy.parse(try text(), file: "appraisal \(year) policy")
        policies.withLock { $0[sha256] = policy }
        return policy
    }
}
