/// A star level as the pages show it: ★★★☆☆ for 3 of 5, — when there is none.
enum StarLevelText {
    static func of(_ level: Int?) -> String {
        guard let level else { return "—" }
        let filled = min(max(level, 0), 5)
        return String(repeating: "★", count: filled) + String(repeating: "☆", count: 5 - filled)
    }
}
