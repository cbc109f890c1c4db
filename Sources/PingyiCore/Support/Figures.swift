import Foundation

/// How figures are written wherever a person reads them (terminal, pages, CSV, evidence):
/// shares with one decimal and a percent sign, scores with two decimals.
public enum Figures {
    /// A share 0–1 as `33.3%`, rounded half up as a spreadsheet shows it (1/16 is 6.3%, where
    /// `printf` would round the exact tie 6.25 to even and print 6.2%).
    public static func percent(_ share: Double) -> String {
        String(format: "%.1f%%", ScoreRounding.round(share * 100, decimals: 1))
    }

    /// A score as `87.68`, or `missing` when there is none.
    public static func score(_ value: Double?, missing: String = "—") -> String {
        value.map { String(format: "%.2f", $0) } ?? missing
    }
}
