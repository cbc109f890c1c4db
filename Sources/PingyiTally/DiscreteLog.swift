/// Baby-step giant-step for the small `t` with `T = t·G`, `0 ≤ t ≤ bound`: a table of `j·G` for
/// `j < m` (`m ≈ √bound`, at least 64), then steps of `−m·G`. Built once per count.
public struct DiscreteLog: Sendable {
    private let table: [[UInt8]: Int]
    private let step: Int
    private let giant: Point

    public init(bound: Int) {
        let m = max(64, Int(Double(max(bound, 1)).squareRoot().rounded(.up)) + 1)
        var table: [[UInt8]: Int] = [:]
        var point = Point.infinity
        for j in 0..<m {
            table[point.bytes] = j
            point = point + Point.generator
        }
        self.table = table
        step = m
        giant = -Point.base(Scalar(m))
    }

    /// `t`, or nil when `T` is not `t·G` for any `0 ≤ t ≤ bound`.
    public func solve(_ target: Point, bound: Int) -> Int? {
        var point = target
        var base = 0
        while base <= bound {
            if let j = table[point.bytes], base + j <= bound { return base + j }
            point = point + giant
            base += step
        }
        return nil
    }
}
