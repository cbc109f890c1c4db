import Hummingbird

/// The client's address, for rate limits and the audit log.
///
/// Without trusted proxies it is the peer. Behind proxies (`PINGYI_TRUSTED_PROXIES`), each proxy
/// appends the address it received the request from to `X-Forwarded-For`; everything to the left
/// of a trusted proxy's entry was written by the client and may be forged. So when the peer is a
/// trusted proxy, the entries are read from the right and the first one that is not a trusted
/// proxy is the client.
enum ClientAddress {
    static func of(_ request: Request, context: PingyiRequestContext, trustedProxies: [IPRange]) -> String {
        let peer = context.remoteAddress?.ipAddress
        guard !trustedProxies.isEmpty, peer.map({ Self.trusted($0, trustedProxies) }) ?? true else {
            return peer ?? "unknown"
        }
        let entries = request.headers[values: .init("X-Forwarded-For")!]
            .flatMap { $0.split(separator: ",") }
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        for entry in entries.reversed() where !Self.trusted(entry, trustedProxies) {
            return entry
        }
        return entries.first ?? peer ?? "unknown"
    }

    static func trusted(_ address: String, _ ranges: [IPRange]) -> Bool {
        ranges.contains { $0.contains(address) }
    }

    /// What the limiters count by: an IPv6 address by its /64 (one household or host gets a
    /// whole /64), anything else as it is.
    static func limiterKey(_ address: String) -> String {
        guard let bytes = IPRange.bytes(address), bytes.count == 16 else { return address }
        return bytes.prefix(8).map { String($0, radix: 16) }.joined(separator: ":") + "::/64"
    }
}
