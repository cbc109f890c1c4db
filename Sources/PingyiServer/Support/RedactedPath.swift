/// A request path safe to log: query strings are dropped; under `/s/` and `/r/` everything after
/// the form's path is `***` however the slashes are written (`//s/TOKEN`, `/s//TOKEN`, `/r/TOKEN/x`);
/// and any segment anywhere that has a token's shape (22 URL-safe base64 characters) is `***`.
enum RedactedPath {
    static func of(_ path: String) -> String {
        let withoutQuery = path.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? path
        let segments = withoutQuery.split(separator: "/", omittingEmptySubsequences: true)
        if let first = segments.first, first == "s" || first == "r", segments.count > 1 {
            if segments.count == 2, segments[1] == "thanks" { return "/\(first)/thanks" }
            return "/\(first)/***"
        }
        let parts = withoutQuery.split(separator: "/", omittingEmptySubsequences: false).map { segment in
            looksLikeToken(segment) ? "***" : String(segment)
        }
        return parts.joined(separator: "/")
    }

    private static func looksLikeToken(_ segment: Substring) -> Bool {
        segment.utf8.count == 22
            && segment.utf8.allSatisfy { byte in
                (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x2D || byte == 0x5F
            }
    }
}
