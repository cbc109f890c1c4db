/// A request path safe to log: the token of `/s/TOKEN` and `/r/TOKEN` is replaced by `***`,
/// and query strings are dropped.
enum RedactedPath {
    static func of(_ path: String) -> String {
        let withoutQuery = path.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? path
        let parts = withoutQuery.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count >= 3, parts[0].isEmpty, parts[1] == "s" || parts[1] == "r", !parts[2].isEmpty, parts[2] != "thanks" else {
            return withoutQuery
        }
        return "/\(parts[1])/***" + (parts.count > 3 ? "/" + parts[3...].joined(separator: "/") : "")
    }
}
