import Foundation

/// The Wilson score interval of a share: where the true share lies with 95% confidence,
/// given `successes` of `trials`. Honest for small `trials`, unlike the normal approximation.
public struct WilsonInterval: Hashable, Sendable, Codable {
    /// The lower bound, 0–1.
    public let low: Double
    /// The upper bound, 0–1.
    public let high: Double

    /// The 95% interval (z = 1.959964); `nil` when there are no trials.
    public init?(successes: Int, trials: Int, z: Double = 1.959963984540054) {
        guard trials > 0, successes >= 0, successes <= trials else { return nil }
        let n = Double(trials)
        let p = Double(successes) / n
        let z2 = z * z
        let denominator = 1 + z2 / n
        let center = (p + z2 / (2 * n)) / denominator
        let half = z * (p * (1 - p) / n + z2 / (4 * n * n)).squareRoot() / denominator
        // At the edges the bounds are exactly 0 and 1 (the formula leaves rounding dust there).
        low = successes == 0 ? 0 : max(0, center - half)
        high = successes == trials ? 1 : min(1, center + half)
    }
}
