import Hummingbird

/// The client's address for rate limiting: the peer, or the first `X-Forwarded-For` address
/// when the server is configured to sit behind a trusted proxy.
enum ClientAddress {
    static func of(_ request: Request, context: PingyiRequestContext, trustForwardedFor: Bool) -> String {
        if trustForwardedFor, let forwarded = request.headers[.init("X-Forwarded-For")!] {
            let first = forwarded.split(separator: ",").first.map { String($0).trimmingCharacters(in: .whitespaces) } ?? ""
            if !first.isEmpty { return first }
        }
        return context.remoteAddress?.ipAddress ?? "unknown"
    }
}
