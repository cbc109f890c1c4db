/// An exact share such as 1/3, so that "u ≥ 1/3" is decided on whole numbers, never on a
/// rounded decimal.
public struct Fraction: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    /// The numerator.
    public let numerator: Int
    /// The denominator (positive).
    public let denominator: Int

    /// Makes a fraction in lowest terms; `nil` for a zero denominator.
    public init?(_ numerator: Int, _ denominator: Int) {
        guard denominator != 0 else { return nil }
        let sign = denominator < 0 ? -1 : 1
        let divisor = Fraction.gcd(abs(numerator), abs(denominator))
        self.numerator = sign * numerator / max(divisor, 1)
        self.denominator = sign * denominator / max(divisor, 1)
    }

    /// Reads `1/3`, `0.45`, `1` or `0`; `nil` for anything else.
    public init?(parsing text: String) {
        let trimmed = text.trimmingSpaces()
        let parts = trimmed.split(separator: "/", omittingEmptySubsequences: false)
        if parts.count == 2 {
            guard let numerator = Int(parts[0].trimmingCharacters()), let denominator = Int(parts[1].trimmingCharacters()) else {
                return nil
            }
            self.init(numerator, denominator)
            return
        }
        let pieces = trimmed.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(pieces.count), !pieces[0].isEmpty, pieces.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }),
            pieces.count == 1 || (!pieces[1].isEmpty && pieces[1].count <= 9),
            let whole = Int(pieces[0])
        else { return nil }
        let decimals = pieces.count == 2 ? String(pieces[1]) : ""
        var scale = 1
        for _ in decimals { scale *= 10 }
        self.init(whole * scale + (Int(decimals) ?? 0), scale)
    }

    /// The value as a double (for display and weighting, never for threshold decisions).
    public var value: Double { Double(numerator) / Double(denominator) }

    /// Whether `part / whole` is at least this fraction (exact; false when `whole` is 0).
    public func isReached(by part: Int, of whole: Int) -> Bool {
        guard whole > 0 else { return false }
        return part * denominator >= numerator * whole
    }

    /// `1/3`, or `1` and `0`.
    public var description: String {
        denominator == 1 ? "\(numerator)" : "\(numerator)/\(denominator)"
    }

    /// Orders by value.
    public static func < (lhs: Fraction, rhs: Fraction) -> Bool {
        lhs.numerator * rhs.denominator < rhs.numerator * lhs.denominator
    }

    private static func gcd(_ a: Int, _ b: Int) -> Int {
        b == 0 ? a : gcd(b, a % b)
    }
}

extension Substring {
    fileprivate func trimmingCharacters() -> String { String(self).trimmingSpaces() }
}

extension Fraction {
    /// Zero.
    public static let zero = Fraction(0, 1)!
    /// One.
    public static let one = Fraction(1, 1)!

    /// The exact sum.
    public static func + (lhs: Fraction, rhs: Fraction) -> Fraction {
        Fraction(lhs.numerator * rhs.denominator + rhs.numerator * lhs.denominator, lhs.denominator * rhs.denominator)!
    }
}
