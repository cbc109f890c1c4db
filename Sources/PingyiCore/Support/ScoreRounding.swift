import Foundation

/// Scores as they are shown: rounded once, half up, to a number of decimals, as exact decimals
/// (87.155 is 87.16: the decimal the number prints as is rounded, not its binary approximation).
public enum ScoreRounding {
    /// `value` rounded half up to `decimals` places.
    public static func round(_ value: Double, decimals: Int) -> Double {
        guard value.isFinite, var exact = Decimal(string: String(value)) else { return value }
        var rounded = Decimal()
        NSDecimalRound(&rounded, &exact, decimals, .plain)
        // Through its text: Decimal's own conversion to Double is not always the nearest double.
        return Double(rounded.description) ?? value
    }

    /// `value` rounded, when there is one.
    public static func round(_ value: Double?, decimals: Int) -> Double? {
        value.map { round($0, decimals: decimals) }
    }
}
